/**
 * The properties of the stampede exercise: single-flight and stale-while-revalidate are graded
 * by the loading-cache properties shared with refresh-ahead (single-flight is the same model with
 * an empty refresh window); XFetch by properties of its own, one of them statistical.
 */
import fc from 'fast-check';
import { seededRandom } from '../grade/random.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { describeError } from './async-calls.js';
import { loadingProperty, validationProperty, type InputCase, type LoadingKind, type Setting } from './background-refresh-properties.js';
import { EPOCHS, FakeClock } from './fake-clock.js';

// ─── Single-flight ───────────────────────────────────────────────────────────────────────────

const ttlSetting = (ttlMs: number): Setting => ({ options: { ttlMs }, freshMs: ttlMs, usableMs: ttlMs });
const finiteTtls = fc.constantFrom(100, 30, 1000).map(ttlSetting);

const singleFlightKind: LoadingKind = {
  className: 'SingleFlightCache',
  settings: fc.constantFrom(100, 30, Infinity).map(ttlSetting),
  windowSettings: finiteTtls,
  freshLimit: (s) => `ttlMs = ${s.usableMs}`,
  usableLimit: (s) => `ttlMs = ${s.usableMs}`,
  refresh: 'refresh',
  reportsErrors: false,
};

// ─── Stale-while-revalidate ──────────────────────────────────────────────────────────────────

const swrSetting = (maxAgeMs: number, staleWhileRevalidateMs: number): Setting => ({
  options: { maxAgeMs, staleWhileRevalidateMs },
  freshMs: maxAgeMs,
  usableMs: maxAgeMs + staleWhileRevalidateMs,
});
const MAX_AGES = [50, 100, 8] as const;

const swrKind: LoadingKind = {
  className: 'StaleWhileRevalidateCache',
  settings: fc.tuple(fc.constantFrom(...MAX_AGES), fc.constantFrom(25, 0, 100, 1000)).map(([m, w]) => swrSetting(m, w)),
  windowSettings: fc.tuple(fc.constantFrom(...MAX_AGES), fc.constantFrom(25, 100, 1000)).map(([m, w]) => swrSetting(m, w)),
  freshLimit: (s) => `maxAgeMs = ${s.freshMs}`,
  usableLimit: (s) => `maxAgeMs + staleWhileRevalidateMs = ${s.usableMs}`,
  refresh: 'revalidation',
  reportsErrors: true,
};

// ─── XFetch ──────────────────────────────────────────────────────────────────────────────────

interface XFetchLike {
  get(key: unknown): PromiseLike<unknown>;
}
type XFetchClass = new (options: Record<string, unknown>) => XFetchLike;

/** One call of the grader's load in an XFetch run; answered by the run, never by a scheduler. */
interface XLoad {
  readonly key: string;
  readonly value: string;
  readonly step: number;
  state: 'pending' | 'resolved';
  readonly resolve: (value: string) => void;
}

/** The outcome of a get, followed without writing it into the trace. */
interface Outcome {
  state: 'pending' | 'resolved' | 'rejected';
  value?: unknown;
  error?: unknown;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const outcomeText = (o: Outcome): string =>
  o.state === 'resolved' ? `resolved with ${show(o.value)}` : o.state === 'rejected' ? `rejected with ${describeError(o.error)}` : 'is still pending';

/** A run of an XFetch property: the cache, its clock, its random source and its loads. */
class XRun {
  readonly trace: Trace = new Trace();
  readonly clock: FakeClock;
  readonly loads: XLoad[] = [];
  instance!: XFetchLike;
  /** What random() returns next: the property switches it between constants and a seeded PRNG. */
  draw: () => number = () => 0.5;
  /** Loads are written into the trace unless the run is quiet (the statistical batches are). */
  quiet = false;
  readonly #counts = new Map<string, number>();

  constructor(
    epoch: number,
    readonly ttlMs: number,
  ) {
    this.clock = new FakeClock(epoch);
  }

  get t(): number {
    return this.clock.elapsed;
  }

  readonly load = (key: string): Promise<string> => {
    const k = typeof key === 'string' ? key : String(key);
    const n = (this.#counts.get(k) ?? 0) + 1;
    this.#counts.set(k, n);
    if (!this.quiet) this.trace.steps.push({ call: `  load(${show(k)}) …` });
    return new Promise<string>((resolve) => {
      this.loads.push({ key: k, value: `${k}#${n}`, step: this.trace.current, state: 'pending', resolve });
    });
  };

  readonly random = (): number => this.draw();

  create(impl: ImplModule, beta: number, randomNote: string): void {
    this.trace.add(`new XFetchCache({ load, ttlMs: ${this.ttlMs}, beta: ${beta}, clock, random }) at t=0 · ${randomNote}`);
    const cls = exported<XFetchClass>(impl, 'XFetchCache');
    this.instance = this.trace.run(() => new cls({ load: this.load, ttlMs: this.ttlMs, beta, clock: this.clock, random: this.random }));
  }

  /** Starts a get whose outcome is followed (the step it belongs to must already be in the trace). */
  follow(key: string): Outcome {
    const outcome: Outcome = { state: 'pending' };
    // Quiet (thousands of gets): skip the beacon, which would cost more than the get.
    const promise = this.trace.run(() => this.instance.get(key), this.quiet ? undefined : `get(${show(key)})`);
    if (promise === null || typeof (promise as { then?: unknown } | undefined)?.then !== 'function') this.trace.fail(`expected get to return a promise, got ${show(promise)}`);
    promise.then(
      (value) => Object.assign(outcome, { state: 'resolved', value }),
      (error: unknown) => Object.assign(outcome, { state: 'rejected', error }),
    );
    return outcome;
  }

  /** Answers a load after it took `tookMs` on the clock. */
  answer(load: XLoad, tookMs: number): void {
    if (tookMs > 0) this.clock.advance(tookMs);
    load.state = 'resolved';
    load.resolve(load.value);
  }

  advance(ms: number, note: string): void {
    this.clock.advance(ms);
    this.trace.steps.push({ call: `clock.advance(${ms}) → t=${this.t}  (${note})` });
  }
}

/** A value XFetch holds, as the model knows it. */
interface Held {
  value: string;
  expiry: number;
  delta: number;
}

/** A get that must load: it calls load once, waits for it, returns its value. Returns what is then cached. */
async function expectLoad(run: XRun, key: string, tookMs: number, note: string, why: string): Promise<Held> {
  const trace: Trace = run.trace;
  const before = run.loads.length;
  trace.add(`get(${show(key)})  (${note})`);
  const step = trace.current;
  const outcome = run.follow(key);
  await tick();
  const mine = run.loads.slice(before);
  const failHere = (message: string): never => {
    if (trace.current !== step) trace.steps.push({ call: `get(${show(key)}) (step ${step})` });
    trace.fail(message);
  };
  if (mine.length === 0) failHere(`expected load(${show(key)}): ${why}${outcome.state === 'pending' ? '' : `; but the get ${outcomeText(outcome)}`}`);
  if (mine.length > 1 || mine[0]!.key !== key) failHere(`expected one load, of ${show(key)}; got ${mine.map((l) => `load(${show(l.key)})`).join(', ')}`);
  if (outcome.state !== 'pending') failHere(`expected the get to wait for load(${show(key)}) (${why}); but it ${outcomeText(outcome)} before that load was answered`);
  const load = mine[0]!;
  run.answer(load, tookMs);
  trace.steps.push({ call: `  load(${show(key)})`, result: `${show(load.value)}  (after ${tookMs} ms, at t=${run.t}: delta ${tookMs}, expiry t=${run.t + run.ttlMs})` });
  await tick();
  if (outcome.state !== 'resolved' || outcome.value !== load.value) failHere(`expected ${show(load.value)}, what its load resolved with; but the get ${outcomeText(outcome)}`);
  trace.steps.push({ call: `get(${show(key)}) resolved`, result: show(outcome.value) });
  return { value: load.value, expiry: run.clock.now() + run.ttlMs, delta: tookMs };
}

/** A get that must be served from the cache: no load, resolved at once with `held.value`. */
async function expectCached(run: XRun, key: string, held: Held, note: string, why: string): Promise<void> {
  const trace: Trace = run.trace;
  const before = run.loads.length;
  trace.add(`get(${show(key)})  (${note})`);
  const step = trace.current;
  const outcome = run.follow(key);
  await tick();
  const failHere = (message: string): never => {
    if (trace.current !== step) trace.steps.push({ call: `get(${show(key)}) (step ${step})` });
    trace.fail(message);
  };
  const mine = run.loads.slice(before);
  if (mine.length > 0) failHere(`expected ${show(held.value)} from the cache, without a load: ${why}`);
  if (outcome.state === 'pending') failHere(`expected ${show(held.value)} at once, from the cache (${why}); but the get is still waiting`);
  if (outcome.state !== 'resolved' || outcome.value !== held.value) failHere(`expected ${show(held.value)} (${why}); but the get ${outcomeText(outcome)}`);
  trace.steps.push({ call: `get(${show(key)}) resolved`, result: show(outcome.value) });
}

const LARGEST_BELOW_ONE = 1 - 2 ** -53;

/** From expiry on, a get always recomputes: it loads, waits, returns and caches the new value. */
const xfetchExpiry: CheckedProperty = checked({
  id: 'xfetch-expiry',
  statement: 'a missing key is loaded and cached; from its expiry (when its load resolved + ttlMs) on, every get recomputes: it loads, waits, and returns and caches the new value',
  hint:
    'On a miss, read t0 = clock.now(), await load(key), then store { value, delta: clock.now() - t0, expiry: clock.now() + ttlMs }. On a hit draw r = random() and recompute when now - delta * beta * Math.log(r) >= expiry (>=, so at expiry itself it recomputes). Store the recomputed value with its new delta and expiry.',
  runs: 60,
  build: (impl) =>
    fc.asyncProperty(
      fc.constantFrom(...EPOCHS),
      fc.constantFrom(1000, 200),
      fc.constantFrom(1, 0.5, 2),
      fc.constantFrom(10, 1, 40),
      fc.array(
        fc.record({
          past: fc.constantFrom(0, 0, 1, 100, 3000),
          r: fc.constantFrom(LARGEST_BELOW_ONE, 0, 0.5, 2 ** -53, 0.99),
          took: fc.constantFrom(10, 1, 40),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      async (epoch, ttlMs, beta, took0, expiries) => {
        const run = new XRun(epoch, ttlMs);
        run.create(impl, beta, 'random() returns what each step says');
        let held = await expectLoad(run, 'a', took0, `t=${run.t}: nothing cached`, 'nothing is cached for "a"');
        // With r = 0.5 the head start is delta * beta * ln 2 (at most 56 ms here), far from ttlMs: no recompute, whatever the formula's form.
        run.draw = () => 0.5;
        await expectCached(run, 'a', held, `t=${run.t}: ${show(held.value)} has ${held.expiry - run.clock.now()} ms left; random() → 0.5`, `with ${held.expiry - run.clock.now()} ms left and random() = 0.5 the head start delta · beta · ln 2 is only ${(held.delta * beta * Math.LN2).toFixed(1)} ms`);
        for (const { past, r, took } of expiries) {
          const target = held.expiry + past;
          if (target > run.clock.now()) run.advance(target - run.clock.now(), past === 0 ? `the expiry of ${show(held.value)}` : `${past} ms past the expiry of ${show(held.value)}`);
          run.draw = () => r;
          held = await expectLoad(
            run,
            'a',
            took,
            `t=${run.t}: ${show(held.value)} expired at t=${held.expiry - run.clock.start}; random() → ${r}`,
            `${show(held.value)} expired at t=${held.expiry - run.clock.start}, and from expiry on (>=) a get always recomputes, whatever random() returns`,
          );
          run.draw = () => 0.5;
          await expectCached(run, 'a', held, `t=${run.t}: ${show(held.value)} has ${held.expiry - run.clock.now()} ms left; random() → 0.5`, `the recomputed value is cached, with its own expiry t=${held.expiry - run.clock.start}`);
        }
      },
    ),
});

const MULTIPLES = [0.25, 1, 2, 4] as const;
const TRIALS = 800;

/** The chance of an early recompute with t left is exp(-t / (beta * delta)): measured over many keys. */
const xfetchEarly: CheckedProperty = checked({
  id: 'xfetch-early',
  statement: 'with t left before expiry, a get recomputes early with probability exp(-t / (beta × delta)), delta being how long the load took (checked statistically over 800 keys per t)',
  hint:
    'Recompute when now - delta * beta * Math.log(random()) >= expiry. Math.log of a number in [0, 1) is negative, so the left side is LATER than now: subtracting it moves now forward by a random head start that scales with delta (how long the last load took on the clock) and beta, not with ttlMs.',
  runs: 4,
  build: (impl) =>
    fc.asyncProperty(fc.constantFrom(...EPOCHS), fc.constantFrom(1, 0.5, 2), fc.constantFrom(10, 40), fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })), async (epoch, beta, delta, seed) => {
      const ttlMs = 1000;
      const run = new XRun(epoch, ttlMs);
      run.quiet = true;
      run.draw = seededRandom(seed);
      run.create(impl, beta, `random: a seeded PRNG (seed ${seed})`);
      const { trace } = run;
      let next = 1;
      for (const multiple of MULTIPLES) {
        const keys = Array.from({ length: TRIALS }, () => `k${next++}`);
        const span = `get(${show(keys[0])}) … get(${show(keys.at(-1))})`;
        // 1. Load every key: each load takes `delta` on the clock.
        trace.add(`${span}: ${TRIALS} new keys at t=${run.t}`);
        const before = run.loads.length;
        const misses = keys.map((k) => run.follow(k));
        await tick();
        const firstLoads = run.loads.slice(before);
        const loadOf = new Map(firstLoads.map((l) => [l.key, l]));
        for (const [i, k] of keys.entries()) {
          if (!loadOf.has(k)) {
            trace.steps.push({ call: `get(${show(k)})` });
            trace.fail(`expected load(${show(k)}): nothing is cached for it`);
          }
          if (misses[i]!.state !== 'pending') {
            trace.steps.push({ call: `get(${show(k)})` });
            trace.fail(`expected the get to wait for load(${show(k)}); but it ${outcomeText(misses[i]!)} before that load was answered`);
          }
        }
        run.clock.advance(delta);
        for (const load of firstLoads) run.answer(load, 0);
        const expiry = run.clock.now() + ttlMs;
        trace.steps.push({ call: `  the ${TRIALS} loads answer at t=${run.t}, each after ${delta} ms: delta ${delta}, expiry t=${expiry - run.clock.start}` });
        await tick();
        for (const [i, k] of keys.entries()) {
          const o = misses[i]!;
          if (o.state !== 'resolved' || o.value !== loadOf.get(k)!.value) {
            trace.steps.push({ call: `get(${show(k)})` });
            trace.fail(`expected ${show(loadOf.get(k)!.value)}, what its load resolved with; but the get ${outcomeText(o)}`);
          }
        }
        // 2. Move to t before expiry and get every key once.
        const t = multiple * beta * delta;
        run.advance(expiry - t - run.clock.now(), `${t} ms before expiry: t = ${multiple} × beta · delta`);
        trace.add(`${span} again`);
        const mark = run.loads.length;
        const hits = keys.map((k) => run.follow(k));
        await tick();
        const recomputes = run.loads.slice(mark);
        const recomputeOf = new Map<string, XLoad>();
        for (const load of recomputes) {
          if (recomputeOf.has(load.key) || !loadOf.has(load.key)) {
            trace.steps.push({ call: `get(${show(load.key)})` });
            trace.fail(`expected at most one load of ${show(load.key)} from its get, got another`);
          }
          recomputeOf.set(load.key, load);
        }
        for (const [i, k] of keys.entries()) {
          const o = hits[i]!;
          const cached = loadOf.get(k)!.value;
          if (!recomputeOf.has(k) && (o.state !== 'resolved' || o.value !== cached)) {
            trace.steps.push({ call: `get(${show(k)})` });
            trace.fail(`it did not recompute, so expected ${show(cached)} at once, from the cache; but the get ${outcomeText(o)}`);
          }
          if (recomputeOf.has(k) && o.state !== 'pending') {
            trace.steps.push({ call: `get(${show(k)})` });
            trace.fail(`it recomputes, so expected it to wait for load(${show(k)}); but it ${outcomeText(o)} before that load was answered`);
          }
        }
        for (const load of recomputes) run.answer(load, 0);
        await tick();
        for (const [i, k] of keys.entries()) {
          const load = recomputeOf.get(k);
          const o = hits[i]!;
          if (load !== undefined && (o.state !== 'resolved' || o.value !== load.value)) {
            trace.steps.push({ call: `get(${show(k)})` });
            trace.fail(`expected ${show(load.value)}, what its recompute resolved with; but the get ${outcomeText(o)}`);
          }
        }
        // 3. Compare the fraction that recomputed with exp(-t / (beta * delta)).
        const observed = recomputes.length / TRIALS;
        const expected = Math.exp(-multiple);
        const tolerance = 5 * Math.sqrt((expected * (1 - expected)) / TRIALS) + 0.02;
        const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
        trace.steps.push({ call: `  ${recomputes.length} of ${TRIALS} gets recomputed (${pct(observed)})` });
        if (Math.abs(observed - expected) > tolerance) {
          trace.fail(
            `expected about ${pct(expected)} = exp(-${t} / (${beta} × ${delta})) of them to recompute (between ${pct(Math.max(0, expected - tolerance))} and ${pct(Math.min(1, expected + tolerance))}), got ${pct(observed)}`,
          );
        }
      }
    }),
});

// ─── Validation ──────────────────────────────────────────────────────────────────────────────

const SF = 'SingleFlightCache';
const XF = 'XFetchCache';
const SWR = 'StaleWhileRevalidateCache';
const cases: InputCase[] = [
  { className: SF, refuse: 'load must be a function', change: { load: undefined } },
  { className: SF, refuse: 'load must be a function', change: { load: 'db.get' } },
  { className: SF, refuse: 'ttlMs must be a positive number', change: { ttlMs: 0 } },
  { className: SF, refuse: 'ttlMs must be a positive number', change: { ttlMs: -5 } },
  { className: SF, refuse: 'ttlMs must be a positive number', change: { ttlMs: NaN } },
  { className: SF, refuse: 'ttlMs must be a number', change: { ttlMs: '60' } },
  { className: SF, call: 'get', arg: 42 },
  { className: SF, call: 'delete', arg: 42 },
  { className: SF, accept: 'ttlMs: Infinity', change: { ttlMs: Infinity }, neverExpires: true },
  { className: XF, refuse: 'load must be a function', change: { load: undefined } },
  { className: XF, refuse: 'ttlMs must be a positive number', change: { ttlMs: 0 } },
  { className: XF, refuse: 'ttlMs must be a positive number', change: { ttlMs: -1000 } },
  { className: XF, refuse: 'ttlMs must be a positive number', change: { ttlMs: NaN } },
  { className: XF, refuse: 'beta must be a positive finite number', change: { beta: 0 } },
  { className: XF, refuse: 'beta must be a positive finite number', change: { beta: -1 } },
  { className: XF, refuse: 'beta must be a positive finite number', change: { beta: NaN } },
  { className: XF, refuse: 'beta must be a positive finite number', change: { beta: Infinity } },
  { className: XF, refuse: 'beta must be a number', change: { beta: '1' } },
  { className: XF, refuse: 'random, when given, must be a function', change: { random: 0.5 } },
  { className: XF, call: 'get', arg: 42 },
  { className: XF, accept: 'beta and random are optional', change: { beta: undefined, random: undefined } },
  { className: SWR, refuse: 'load must be a function', change: { load: undefined } },
  { className: SWR, refuse: 'maxAgeMs must be a positive number', change: { maxAgeMs: 0 } },
  { className: SWR, refuse: 'maxAgeMs must be a positive number', change: { maxAgeMs: -1 } },
  { className: SWR, refuse: 'maxAgeMs must be a positive number', change: { maxAgeMs: NaN } },
  { className: SWR, refuse: 'staleWhileRevalidateMs must be a finite number >= 0', change: { staleWhileRevalidateMs: -1 } },
  { className: SWR, refuse: 'staleWhileRevalidateMs must be a finite number >= 0', change: { staleWhileRevalidateMs: NaN } },
  { className: SWR, refuse: 'staleWhileRevalidateMs must be a finite number >= 0', change: { staleWhileRevalidateMs: Infinity } },
  { className: SWR, refuse: 'staleWhileRevalidateMs must be a number', change: { staleWhileRevalidateMs: '10' } },
  { className: SWR, refuse: 'onRefreshError, when given, must be a function', change: { onRefreshError: 'log' } },
  { className: SWR, call: 'get', arg: 42 },
  { className: SWR, call: 'delete', arg: null },
  { className: SWR, accept: 'staleWhileRevalidateMs: 0', change: { staleWhileRevalidateMs: 0 } },
  { className: SWR, accept: 'onRefreshError is optional', change: { onRefreshError: undefined } },
];

const validation = validationProperty({
  statement: 'bad options and keys are refused with a TypeError or RangeError, by all three classes; ttlMs Infinity (single-flight) and staleWhileRevalidateMs 0 are accepted',
  hint:
    'Check in each constructor before storing anything: load a function; ttlMs / maxAgeMs a number > 0 (single-flight allows Infinity); beta a finite number > 0; staleWhileRevalidateMs a finite number >= 0; random and onRefreshError undefined or functions. In get and delete, typeof key === "string".',
  cases,
  good: (className, load, clock) => {
    if (className === SF) return { options: { load, ttlMs: 100, clock } };
    if (className === XF) return { options: { load, ttlMs: 1000, beta: 1, clock, random: seededRandom(7) } };
    return { options: { load, maxAgeMs: 100, staleWhileRevalidateMs: 50, clock, onRefreshError: () => {} } };
  },
});

// ─── The suite ───────────────────────────────────────────────────────────────────────────────

/** The stampede suite. */
export const suite: Suite = {
  properties: [
    validation,
    loadingProperty(singleFlightKind, {
      id: 'single-flight-coalesce',
      statement: 'concurrent gets of a missing key cause exactly one load, and all get its value or all get its rejection',
      hint:
        'Keep a Map from key to the promise of its load in flight. A miss returns that promise when there is one, else calls load(key) once and stores the promise BEFORE returning it, so the next get (even in the same tick) finds it.',
      shape: 'missing',
    }),
    loadingProperty(singleFlightKind, {
      id: 'single-flight-rejection',
      statement: 'a rejected load is not cached: every get waiting for it gets the rejection, and the next get starts a new load',
      hint:
        'When the load rejects, delete the key from the in-flight Map (only if it still holds this promise) and cache nothing: a failure may be temporary. The waiting callers all get the same rejection from the shared promise.',
      shape: 'rejection',
    }),
    loadingProperty(singleFlightKind, {
      id: 'single-flight-keys',
      statement: 'gets of different keys never wait for each other\'s loads: each key has its own load, answered on its own',
      hint:
        'The in-flight Map is keyed by the key: a get of "b" must neither return the promise of "a"\'s load nor wait for it. One promise (or one lock) for the whole cache serialises every key behind the slowest.',
      shape: 'keys',
    }),
    loadingProperty(singleFlightKind, {
      id: 'single-flight-hit',
      statement: 'a value younger than ttlMs is returned without calling load',
      hint: 'Store { value, loadedAt } with loadedAt = clock.now() read when the load resolved, and serve it while clock.now() - loadedAt < ttlMs (Infinity: forever) without calling load.',
      shape: 'fresh',
    }),
    loadingProperty(singleFlightKind, {
      id: 'single-flight-expiry',
      statement: 'a value ttlMs old or older is not served: the next get loads again (one load for all concurrent gets)',
      hint:
        'Live while clock.now() - loadedAt < ttlMs: at exactly ttlMs it has expired (>=). After it expires, a get is a miss like any other: join the load in flight or start one. Remove the load\'s promise from the in-flight Map once it settles, or the next miss gets the old value from it.',
      shape: 'expired',
      settings: finiteTtls,
    }),
    loadingProperty(singleFlightKind, {
      id: 'single-flight-delete',
      statement: 'delete(key) forgets the value: a load still running for the key answers its own waiting gets, but neither puts its value back nor answers later gets',
      hint:
        'delete removes the key from both Maps. When a load settles, it stores its value and removes itself from the in-flight Map only if the Map still holds ITS promise for the key; a get after the delete starts its own load.',
      shape: 'delete',
    }),
    xfetchExpiry,
    xfetchEarly,
    loadingProperty(swrKind, {
      id: 'swr-fresh',
      statement: 'a value younger than maxAgeMs is fresh: returned without calling load',
      hint: 'Store { value, loadedAt } with loadedAt = clock.now() read when the load resolved; while clock.now() - loadedAt < maxAgeMs, return the value and load nothing.',
      shape: 'fresh',
    }),
    loadingProperty(swrKind, {
      id: 'swr-stale-at-once',
      statement: 'from maxAgeMs of age (inclusive) until maxAgeMs + staleWhileRevalidateMs, a get resolves with the stale value at once and starts a background revalidation',
      hint:
        'Stale but within the window (maxAgeMs <= age < maxAgeMs + staleWhileRevalidateMs): start the revalidation without awaiting it and return Promise.resolve(stale value). The caller must not wait for the load.',
      shape: 'at-once',
    }),
    loadingProperty(swrKind, {
      id: 'swr-one-revalidation',
      statement: 'however many gets arrive in the stale window, each key has at most one load in flight',
      hint: 'Keep a Map from key to its load in flight; start a revalidation only when the key has none, and remove it when the load settles. Other keys revalidate independently.',
      shape: 'one-refresh',
    }),
    loadingProperty(swrKind, {
      id: 'swr-revalidation-replaces',
      statement: 'when a revalidation resolves, its value is served and its age starts from the moment it resolved',
      hint: 'When the revalidation resolves, store { value, loadedAt: clock.now() } with the clock read then, in the then-callback.',
      shape: 'replaces',
    }),
    loadingProperty(swrKind, {
      id: 'swr-failed-revalidation',
      statement: 'a failed revalidation is reported to onRefreshError(error, key), and the stale value stays usable until the window ends',
      hint: 'Catch the revalidation\'s rejection: onRefreshError(error, key), keep the stale entry, clear the in-flight mark. From maxAgeMs + staleWhileRevalidateMs on, gets wait for a load.',
      shape: 'failed-refresh',
    }),
    loadingProperty(swrKind, {
      id: 'swr-expired-loads',
      statement: 'a get of a missing key, or of a value maxAgeMs + staleWhileRevalidateMs old or older, waits for one shared load; a rejection is not cached',
      hint:
        'Past the window (age >= maxAgeMs + staleWhileRevalidateMs; with staleWhileRevalidateMs 0 that is maxAgeMs) the stale value may not be served: return the key\'s load in flight, or start one. On a rejection cache nothing.',
      shape: ['missing', 'rejection', 'expired'],
    }),
    loadingProperty(swrKind, {
      id: 'swr-delete',
      statement: 'delete(key) forgets the value: a load or revalidation still running for the key neither puts its value back nor answers later gets',
      hint: 'Give each key a generation number (or use the entry object as a token): a load stores its value only if the key still has the token it started with; a get after the delete starts its own load.',
      shape: 'delete',
    }),
    loadingProperty(swrKind, {
      id: 'swr-model',
      statement: 'any sequence of gets, deletes, clock moves and load answers agrees with the model, at every step',
      hint: 'This mixes everything. Write each key\'s value, its loadedAt and its load in flight beside the trace: the step marked wrong is the first place your cache and the model disagree.',
      shape: 'model',
      runs: 150,
    }),
  ],
};
