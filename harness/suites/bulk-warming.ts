/** The properties of bulk-warming. */
import fc from 'fast-check';
import { checked, exported, type CheckedProperty, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { expectInputError, settle } from './async-calls.js';
import { BulkWarmRun, type Action, type Plan, type Rule, type Settings } from './bulk-warming-run.js';

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

interface Spec {
  id: string;
  statement: string;
  hint: string;
  runs?: number;
  rules: readonly Rule[];
  settings?: Partial<Record<keyof Settings, fc.Arbitrary<number | undefined>>>;
  /** Which faults the run injects. */
  faults?: { load?: boolean; absent?: boolean; set?: boolean };
  /** The cache answers at once instead of when the scheduler says. */
  cacheAtOnce?: boolean;
  /** The run answers calls and moves the clock in generated steps (default), or only answers, promptly. */
  actions?: 'generated' | 'none';
  minKeys?: number;
  /** At least this many distinct keys. */
  minDistinct?: number;
  maxKeys?: number;
}

const DEFAULTS: Record<keyof Settings, fc.Arbitrary<number | undefined>> = {
  chunkSize: fc.integer({ min: 1, max: 3 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  ratePerSecond: fc.constantFrom(Infinity, 1, 2, 4),
  maxRetries: fc.integer({ min: 0, max: 2 }),
  retryDelayMs: fc.constantFrom(100, 250),
  ttlMs: fc.constant(undefined),
};

/** Seeds how many of a chunk's first attempts fail: mostly none, sometimes all of them. */
const loadFailsArb = fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 }), { minLength: 8, maxLength: 8 });
const keySubset = fc.subarray([...LETTERS], { maxLength: 3 }).map((a) => new Set(a));
const none = fc.constant(new Set<string>());

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant<Action>({ kind: 'answer' }), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 1500 }).map((ms): Action => ({ kind: 'advance', ms })), weight: 1 },
);

function property(spec: Spec): CheckedProperty {
  const settings = fc.record({ ...DEFAULTS, ...spec.settings }) as fc.Arbitrary<Settings>;
  const faults = spec.faults ?? {};
  const plan: fc.Arbitrary<Plan> = fc.record({
    keys: fc.array(fc.constantFrom(...LETTERS), { minLength: spec.minKeys ?? 0, maxLength: spec.maxKeys ?? 12 }).filter((k) => new Set(k).size >= (spec.minDistinct ?? 0)),
    absent: faults.absent ? keySubset : none,
    setFails: faults.set ? keySubset : none,
    loadFails: faults.load ? loadFailsArb : fc.constant([]),
    cacheAtOnce: fc.constant(spec.cacheAtOnce ?? false),
  });
  const actions = spec.actions === 'none' ? fc.constant<Action[]>([]) : fc.array(actionArb, { maxLength: 30 });
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 60,
    build: (impl) =>
      fc.asyncProperty(fc.scheduler(), settings, plan, actions, async (s, chosen, p, steps) => {
        const run = new BulkWarmRun(chosen, p, new Set(spec.rules), s);
        run.begin(impl);
        await run.started();
        for (const action of steps) await run.apply(action);
        await run.finish();
      }),
  });
}

type BulkWarm = (keys: unknown, options: unknown) => unknown;

const validation = checked({
  id: 'validation',
  statement: 'bad keys or options are refused with a TypeError or RangeError naming them, before anything is loaded or written',
  hint: 'Check everything before the first await that does work: keys an array of strings; cache with get/set/delete; loadMany a function; clock with now(); scheduler with setTimeout/clearTimeout; chunkSize and concurrency safe integers >= 1; ratePerSecond a safe integer >= 1 or Infinity; maxRetries a safe integer >= 0; retryDelayMs positive and finite; ttlMs positive; onProgress a function if given.',
  runs: 40,
  build: (impl) => {
    const bad: [string, unknown, Record<string, unknown> | null][] = [
      ['keys: "a"', 'a', {}],
      ['keys: ["a", 5]', ['a', 5], {}],
      ['options: null', ['a'], null],
      ['cache: {}', ['a'], { cache: {} }],
      ['loadMany: undefined', ['a'], { loadMany: undefined }],
      ['clock: undefined', ['a'], { clock: undefined }],
      ['scheduler: {}', ['a'], { scheduler: {} }],
      ['chunkSize: 0', ['a'], { chunkSize: 0 }],
      ['chunkSize: 1.5', ['a'], { chunkSize: 1.5 }],
      ['concurrency: 0', ['a'], { concurrency: 0 }],
      ['ratePerSecond: 0', ['a'], { ratePerSecond: 0 }],
      ['ratePerSecond: 2.5', ['a'], { ratePerSecond: 2.5 }],
      ['ratePerSecond: NaN', ['a'], { ratePerSecond: NaN }],
      ['maxRetries: -1', ['a'], { maxRetries: -1 }],
      ['retryDelayMs: 0', ['a'], { retryDelayMs: 0 }],
      ['retryDelayMs: Infinity', ['a'], { retryDelayMs: Infinity }],
      ['ttlMs: -5', ['a'], { ttlMs: -5 }],
      ['onProgress: "yes"', ['a'], { onProgress: 'yes' }],
    ];
    return fc.asyncProperty(fc.scheduler(), fc.constantFrom(...bad), async (s, [label, keys, override]) => {
      const trace = new Trace();
      const calls: string[] = [];
      let timers = 0;
      const options = {
        cache: {
          get: () => Promise.resolve(undefined),
          set: (key: string) => (calls.push(`cache.set(${JSON.stringify(key)})`), Promise.resolve()),
          delete: () => Promise.resolve(),
        },
        loadMany: (k: readonly string[]) => (calls.push(`loadMany(${JSON.stringify(k)})`), s.schedule(Promise.resolve(new Map([['a', 'Va']])))),
        clock: { now: () => 1_000_000 },
        scheduler: { setTimeout: () => ++timers, clearTimeout: () => undefined },
        onProgress: () => void calls.push('onProgress'),
      };
      const fn = exported<BulkWarm>(impl, 'bulkWarm');
      const args = override === null ? null : { ...options, ...override };
      const shown = override === null ? 'null' : `{ cache, loadMany, clock, scheduler, onProgress${label.startsWith('keys') ? '' : `, ${label}`} }`;
      await expectInputError(trace, `bulkWarm(${label.startsWith('keys') ? label.slice(6) : '["a"]'}, ${shown})`, () => fn(keys, args), s);
      await settle(s);
      if (calls.length > 0) trace.fail(`the refused call went on to ${calls[0]}: check every argument before starting any work`);
      if (timers > 0) trace.fail('the refused call set a timer: check every argument before starting any work');
    });
  },
});

/** The bulk-warming suite. */
export const suite: Suite = {
  properties: [
    validation,
    property({
      id: 'every-key-once',
      statement: 'distinct keys, in first-seen order, go to loadMany in chunks of chunkSize; each chunk once, plus once per retry; summary.requests and summary.retries count those calls',
      hint: 'Dedupe first ([...new Set(keys)] keeps the first occurrence), then slice into chunks of chunkSize. Retry only the chunk that failed, only after it failed, at most maxRetries times; count every loadMany call in requests and the repeated ones in retries.',
      rules: ['chunks'],
      faults: { load: true },
    }),
    property({
      id: 'limits',
      statement: 'however the calls are answered, at most concurrency loadMany calls are pending at once, and at most ratePerSecond start in any window of 1000 ms (retries included)',
      hint: 'Bound the pending loads with a pool of concurrency workers (or a counter checked before each start, decremented when a load settles). For the rate, remember the times of the last ratePerSecond starts and wait on the scheduler until the oldest is 1000 ms old; a token bucket that starts full lets twice the rate through in one second.',
      runs: 100,
      rules: ['concurrency', 'rate'],
      faults: { load: true },
      settings: { chunkSize: fc.integer({ min: 1, max: 2 }), concurrency: fc.integer({ min: 1, max: 4 }), ratePerSecond: fc.constantFrom(1, 2, 4, Infinity) },
    }),
    property({
      id: 'uses-concurrency',
      statement: 'with no rate limit, while chunks wait to start, concurrency loadMany calls are pending: a free slot is used at once',
      hint: 'Start min(concurrency, chunks) workers together, each taking the next chunk when it finishes one; do not await one chunk before starting the next.',
      rules: ['busy'],
      cacheAtOnce: true,
      minKeys: 3,
      settings: { concurrency: fc.integer({ min: 2, max: 4 }), chunkSize: fc.integer({ min: 1, max: 2 }), ratePerSecond: fc.constant(Infinity) },
    }),
    property({
      id: 'rate-used',
      statement: 'when every request is answered at once, the k-th loadMany (from 0) starts within (floor(k / ratePerSecond) + 1) × 1000 ms: the rate is not wasted',
      hint: 'When the limit stops a start, wait only until it allows one again (the oldest of the last ratePerSecond starts turns 1000 ms old, or 1000 / ratePerSecond after the last start), not a full second or more every time.',
      runs: 40,
      rules: ['prompt'],
      actions: 'none',
      minKeys: 4,
      settings: { chunkSize: fc.integer({ min: 1, max: 2 }), concurrency: fc.integer({ min: 1, max: 8 }), ratePerSecond: fc.constantFrom(1, 2, 4) },
    }),
    property({
      id: 'backoff',
      statement: 'a chunk whose loadMany rejected is retried no sooner than retryDelayMs × 2^(n − 1) after its n-th failure',
      hint: 'After failure n of a chunk, wait scheduler.setTimeout(resolve, retryDelayMs * 2 ** (n - 1)) before asking the rate limiter for the next start.',
      rules: ['backoff'],
      faults: { load: true },
      minKeys: 1,
    }),
    property({
      id: 'isolation',
      statement: 'failures stay with their keys: bulkWarm never rejects, and the summary counts every key as warmed, absent or failed (with its error) exactly as it happened',
      hint: 'Catch per chunk (after its last retry: every key of it fails with the last error) and per key (a cache.set that rejects fails that key, and is not retried); never let one rejection end the whole job (no bare Promise.all over chunks that can reject). A key missing from the map is absent, not warmed.',
      runs: 100,
      rules: ['summary'],
      faults: { load: true, absent: true, set: true },
    }),
    property({
      id: 'progress',
      statement: 'onProgress is called once per finished chunk, never before it finished nor counting a key before its outcome is known, with done = warmed + absent + failed; the last call equals the summary',
      hint: 'Call onProgress at the end of a chunk: after its load (or its last retry) and after every one of its cache.set calls has settled, once its keys have been added to the counts.',
      rules: ['progress'],
      faults: { load: true, absent: true, set: true },
    }),
    property({
      id: 'elapsed',
      statement: 'summary.elapsedMs is the time from the call to the end, on the clock given',
      hint: 'Read clock.now() when bulkWarm is called and again just before it resolves; never Date.now() or performance.now().',
      rules: ['elapsed'],
      faults: { load: true },
      minKeys: 2,
      minDistinct: 2,
      // Every run takes time on the clock: at least two requests, at most two a second.
      settings: { chunkSize: fc.constant(1), ratePerSecond: fc.constantFrom(1, 2) },
    }),
    property({
      id: 'ttl-passthrough',
      statement: 'every cache.set gets ttlMs (Infinity when it is not given)',
      hint: 'Pass the third argument: cache.set(key, value, ttlMs), with ttlMs defaulting to Infinity.',
      runs: 40,
      rules: ['ttl'],
      minKeys: 1,
      settings: { ttlMs: fc.constantFrom(undefined, 5000, 60000) },
    }),
  ],
};
