/**
 * The properties of predictive-warming: the counting (Space-Saving bounds under exponential decay,
 * bounded memory, hot order) in predictive-warming-scores.ts, and warming (skip, load, store,
 * concurrency, failures, TTL) in predictive-warming-warm.ts, under fast-check's scheduler.
 */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { expectInputError } from './async-calls.js';
import { EPOCHS, FakeClock } from './fake-clock.js';
import { longHorizonProperty, scoreProperty, type WarmerClass } from './predictive-warming-scores.js';
import { setupArb, warmProperty } from './predictive-warming-warm.js';

type Case = { label: string; options: Record<string, unknown> | null } | { label: string; method: 'record' | 'score' | 'hot' | 'warm'; arg: unknown };

const CASES: Case[] = [
  { label: 'new PredictiveWarmer(null)', options: null },
  { label: 'cache: {}', options: { cache: {} } },
  { label: 'cache without delete', options: { cache: { get: () => Promise.resolve(undefined), set: () => Promise.resolve() } } },
  { label: 'load: "load"', options: { load: 'load' } },
  { label: 'capacity: 0', options: { capacity: 0 } },
  { label: 'capacity: 2.5', options: { capacity: 2.5 } },
  { label: 'capacity: NaN', options: { capacity: NaN } },
  { label: 'capacity: "8"', options: { capacity: '8' } },
  { label: 'capacity: undefined', options: { capacity: undefined } },
  { label: 'halfLifeMs: 0', options: { halfLifeMs: 0 } },
  { label: 'halfLifeMs: -100', options: { halfLifeMs: -100 } },
  { label: 'halfLifeMs: Infinity', options: { halfLifeMs: Infinity } },
  { label: 'halfLifeMs: NaN', options: { halfLifeMs: NaN } },
  { label: 'concurrency: 0', options: { concurrency: 0 } },
  { label: 'concurrency: 1.5', options: { concurrency: 1.5 } },
  { label: 'ttlMs: 0', options: { ttlMs: 0 } },
  { label: 'ttlMs: -5', options: { ttlMs: -5 } },
  { label: 'ttlMs: NaN', options: { ttlMs: NaN } },
  { label: 'clock: {}', options: { clock: {} } },
  { label: 'record(7)', method: 'record', arg: 7 },
  { label: 'record(undefined)', method: 'record', arg: undefined },
  { label: 'score(null)', method: 'score', arg: null },
  { label: 'hot(-1)', method: 'hot', arg: -1 },
  { label: 'hot(1.5)', method: 'hot', arg: 1.5 },
  { label: 'hot("2")', method: 'hot', arg: '2' },
  { label: 'hot(NaN)', method: 'hot', arg: NaN },
  { label: 'warm(-1)', method: 'warm', arg: -1 },
  { label: 'warm(2.5)', method: 'warm', arg: 2.5 },
  { label: 'warm(undefined)', method: 'warm', arg: undefined },
];

const validation = checked({
  id: 'validation',
  statement: 'bad options and arguments are refused with a TypeError or RangeError, and a refused call changes nothing',
  hint: 'Check every option in the constructor before storing anything: cache an object with get/set/delete, load a function, capacity and concurrency safe integers >= 1, halfLifeMs positive and finite, ttlMs positive, clock with now(). In record and score check the key is a string; in hot and warm that n is a safe integer >= 0 (warm may reject instead of throwing).',
  runs: 1,
  // Every case, in order, in one run: a random pick of cases could miss one.
  build: (impl) =>
    fc.asyncProperty(fc.constant(CASES), async (cases) => {
      for (const c of cases) await refused(impl, c);
    }),
});

/** One bad input: refused with a TypeError or RangeError, and (for a method) nothing changed. */
async function refused(impl: ImplModule, c: Case): Promise<void> {
  const trace = new Trace();
  const cls = exported<WarmerClass>(impl, 'PredictiveWarmer');
  const calls: string[] = [];
  const cache = {
    get: (key: string) => (calls.push(`cache.get(${show(key)})`), Promise.resolve(undefined)),
    set: (key: string) => (calls.push(`cache.set(${show(key)}, …)`), Promise.resolve()),
    delete: (key: string) => (calls.push(`cache.delete(${show(key)})`), Promise.resolve()),
  };
  const load = (key: string) => (calls.push(`load(${show(key)})`), Promise.resolve('v'));
  const options = { cache, load, capacity: 8, halfLifeMs: 1000, clock: new FakeClock(EPOCHS[0]) };
  if ('options' in c) {
    const given = c.options === null ? null : { ...options, ...c.options };
    await expectInputError(trace, c.options === null ? c.label : `new PredictiveWarmer({ …, ${c.label} })`, () => new cls(given as Record<string, unknown>));
    return;
  }
  trace.add('new PredictiveWarmer({ cache, load, capacity: 8, halfLifeMs: 1000, clock })');
  const warmer = trace.run(() => new cls(options));
  trace.add('record("a") ×2');
  trace.run(() => (warmer.record('a'), warmer.record('a')), 'record("a")');
  const before = trace.run(() => warmer.score('a'), 'score("a")');
  await expectInputError(trace, c.label, () => (warmer[c.method] as (arg: unknown) => unknown).call(warmer, c.arg));
  trace.add('tracked');
  trace.expect('', trace.run(() => warmer.tracked, 'tracked'), 1, 'only "a" was recorded');
  trace.add('score("a")');
  trace.expect('', trace.run(() => warmer.score('a'), 'score("a")'), before, 'as before the refused call');
  if (calls.length > 0) {
    trace.add('(the cache and load)');
    trace.fail(`expected no calls after a refused ${c.label}, got ${calls.join(', ')}`);
  }
}

const defaultOrAny = fc.constantFrom<number | undefined>(undefined, 1, 2, 3);

/** The predictive-warming suite. */
export const suite: Suite = {
  properties: [
    validation,
    scoreProperty({
      id: 'bounded-memory',
      statement: 'at most capacity keys are tracked at any time, however many distinct keys are recorded, and hot(capacity) lists every tracked key',
      hint: 'Never keep a counter per key ever seen. Keep at most capacity counters; when a new key arrives and all are taken, one tracked key must give its counter up (Space-Saving: the one with the smallest count).',
      runs: 60,
      rules: ['memory'],
      capacities: [1, 2, 3, 4],
    }),
    scoreProperty({
      id: 'decay',
      statement: 'an access counts 1 when it happens and half as much every halfLifeMs after: with room for every key, score(key) is its true decayed score (within W / capacity)',
      hint: 'Give an access at time t the weight 2^((t - L) / halfLifeMs) for a fixed landmark time L, add it to the key\'s counter, and divide the counter by 2^((now - L) / halfLifeMs) when you read it: older accesses weigh less, and no counter has to change as time passes. Read the time from the clock at every call.',
      rules: ['memory', 'bounds'],
      capacities: [1000, 200],
      keys: fc.constantFrom('a', 'b', 'c'),
      universe: ['a', 'b', 'c'],
      maxAdvance: 3,
      maxOps: 25,
    }),
    scoreProperty({
      id: 'error-bounds',
      statement: 'for a tracked key, true score <= score(key) <= true score + W / capacity; an untracked key scores 0 and its true score is at most W / capacity',
      hint: 'Space-Saving: when a new key arrives and every counter is taken, evict the key with the SMALLEST counter and give the newcomer that counter plus the new access (never start it at 1: its earlier accesses may have been counted there). Keep the counters in a min-heap to find the smallest fast.',
      rules: ['memory', 'bounds'],
      capacities: [1, 2, 3, 4, 6],
      runs: 150,
    }),
    scoreProperty({
      id: 'heavy-hitters',
      statement: 'every key whose true score is above W / capacity is among hot(capacity)',
      hint: 'A newcomer must always get a counter, even when all are taken: take the smallest counter over (it is at most W / capacity), so a key that keeps being accessed cannot be kept out.',
      rules: ['heavy-hitters'],
      capacities: [2, 3, 4],
      maxTimes: 4,
    }),
    scoreProperty({
      id: 'hot-order',
      statement: 'hot(n) lists the min(n, tracked) tracked keys with the highest scores, highest first, each with the score score(key) gives',
      hint: 'Copy the tracked counters, sort them by count, highest first, and take the first n; compute each score the same way score(key) does (the counter divided by the current weight). A heap\'s array order is not sorted order.',
      runs: 80,
      rules: ['hot-order'],
      capacities: [2, 3, 5],
    }),
    longHorizonProperty({
      id: 'long-horizon',
      statement: 'scores stay finite and within the bounds after thousands of half-lives',
      hint: 'Weights of 2^((t - L) / halfLifeMs) overflow to Infinity after about 1024 half-lives. Before the exponent gets large (say above 64), move the landmark L to now and divide every counter by 2^((now - L) / halfLifeMs): all counters shrink by the same factor, so their order is kept.',
    }),
    warmProperty({
      id: 'warm-skips-cached',
      statement: 'warm(n) asks the cache for each key of hot(n) first, and skips a key it already holds (any value but undefined, even "" or "0"): no load, no set, listed in skipped',
      hint: 'For each key: const cached = await cache.get(key); if (cached !== undefined) it is skipped. Test against undefined, not truthiness: "" and 0 are cached values.',
      rules: ['report', 'contents'],
      runs: 60,
      setups: setupArb({ faults: false, cached: true, missing: 'values', concurrency: defaultOrAny }),
    }),
    warmProperty({
      id: 'warm-loads-missing',
      statement: 'warm(n) loads each key of hot(n) the cache lacks and stores what load answered (even ""); undefined is absent: nothing stored; the report lists each key once, in hot order',
      hint: 'After a cache miss, const value = await load(key); if (value === undefined) the key is absent, else await cache.set(key, value, ttlMs). Keep each key\'s outcome at its index in hot(n) and build warmed, skipped, absent and failed from them in that order.',
      rules: ['report', 'contents'],
      runs: 70,
      setups: setupArb({ faults: false, cached: true, missing: 'mixed', concurrency: defaultOrAny }),
    }),
    warmProperty({
      id: 'warm-concurrency',
      statement: 'warm keeps min(concurrency, keys not finished) keys in progress, never more: the next key starts as soon as one finishes',
      hint: 'Start min(concurrency, keys) workers; each takes the next key from a shared index, warms it (get, load, set, one after another), and takes the next as soon as it is done. Not Promise.all over every key (too many at once), not a loop that awaits each key (one at a time), not batches of concurrency keys (a batch waits for its slowest).',
      rules: ['concurrency'],
      runs: 100,
      setups: setupArb({ faults: true, cached: true, missing: 'mixed', concurrency: fc.constantFrom<number | undefined>(2, 3, undefined, 1), minKeys: 3 }),
    }),
    warmProperty({
      id: 'warm-isolation',
      statement: 'a rejected cache.get, load or cache.set fails only its key: it is listed in failed with the error it rejected with, every other key is still warmed, and warm resolves',
      hint: 'Wrap each key\'s get, load and set in one try/catch and turn an error into that key\'s outcome { key, error }; never let it escape the worker (it would stop the keys after it) and never only log it.',
      rules: ['report', 'contents'],
      runs: 100,
      setups: setupArb({ faults: true, cached: true, missing: 'mixed', concurrency: defaultOrAny }),
    }),
    warmProperty({
      id: 'ttl-passthrough',
      statement: 'each value warm stores is set with the ttlMs option: cache.set(key, value, ttlMs); without ttlMs (or with Infinity), with no ttl or Infinity',
      hint: 'Pass the ttlMs you were given as the third argument of cache.set. Without a ttlMs option the entry must not expire: omit the argument (or pass Infinity).',
      rules: ['ttl'],
      runs: 40,
      setups: setupArb({ faults: false, cached: false, missing: 'values', concurrency: defaultOrAny, ttl: true }),
    }),
  ],
};
