/**
 * The warming properties of predictive-warming: a cache and a source whose every call waits
 * until fast-check's scheduler answers it, in an order it chooses, with failures injected into
 * chosen calls. Between answers (once the implementation has done all it can) the run checks
 * how many calls are pending; at the end, the report and the cache.
 */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule } from '../grade/suite.js';
import { GradeFailure, Trace } from '../grade/trace.js';
import { describeError, expectSettled, settle, unexpectedRejection, type Call } from './async-calls.js';
import { EPOCHS, FakeClock } from './fake-clock.js';
import type { WarmerClass, WarmerLike } from './predictive-warming-scores.js';

/** The keys a warm run records: "a" is recorded most, then "b", … */
const WARM_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

type Method = 'get' | 'load' | 'set';

/** Where a key is on its way: the call it waits for, or how it ended. */
type Stage = 'todo' | 'getting' | 'need-load' | 'loading' | 'need-set' | 'setting' | 'skipped' | 'absent' | 'warmed' | 'failed';

const FINISHED: ReadonlySet<Stage> = new Set<Stage>(['skipped', 'absent', 'warmed', 'failed']);

/** What a warm run starts from. */
export interface WarmSetup {
  /** How many distinct keys are recorded ("a" most, then "b", …). */
  keys: number;
  n: number;
  concurrency: number | undefined;
  ttlMs: number | undefined;
  /** Values the cache already holds. */
  cached: Record<string, string>;
  /** What load returns for each key (undefined: the source has nothing). */
  source: Record<string, string | undefined>;
  /** The one call that fails, per key. */
  faults: Record<string, Method>;
}

/** The error injected into a call. */
export class InjectedFailure extends Error {
  constructor(call: string) {
    super(`injected: ${call} failed`);
    this.name = 'InjectedFailure';
  }
}

/** Which checks a warm property makes. */
export type WarmRule = 'report' | 'contents' | 'concurrency' | 'ttl';

/** One warm run. */
export class WarmRun {
  readonly trace = new Trace();
  readonly clock = new FakeClock(EPOCHS[1]);
  readonly store = new Map<string, string>();
  readonly stage = new Map<string, Stage>();
  readonly loaded = new Map<string, string>();
  readonly errors = new Map<string, InjectedFailure>();
  /** The ttlMs argument of each cache.set made. */
  readonly ttls = new Map<string, { given: boolean; ttl: unknown }>();
  /** The first broken rule seen inside a call (and its step), reported by the driver. */
  violation: { message: string; step: number } | undefined;
  pending = 0;
  hotKeys: string[] = [];
  warmer!: WarmerLike;

  constructor(
    readonly setup: WarmSetup,
    readonly rules: ReadonlySet<WarmRule>,
    public s: fc.Scheduler,
  ) {
    for (const [k, v] of Object.entries(setup.cached)) this.store.set(k, v);
  }

  get limit(): number {
    return this.setup.concurrency ?? 4;
  }

  /** Keys of hot(n) not finished yet. */
  get unfinished(): number {
    return this.hotKeys.filter((k) => !FINISHED.has(this.stage.get(k)!)).length;
  }

  #violate(message: string): void {
    this.violation ??= { message, step: this.trace.steps.length };
  }

  /** A call the implementation made: checked against the key's stage, answered when the scheduler says. */
  #call<T>(method: Method, key: unknown, label: string, answer: () => T): Promise<T> {
    this.trace.steps.push({ call: `  ${label} …` });
    const k = typeof key === 'string' ? key : String(key);
    const expected: Record<Method, Stage> = { get: 'todo', load: 'need-load', set: 'need-set' };
    const during: Record<Method, Stage> = { get: 'getting', load: 'loading', set: 'setting' };
    const stage = this.stage.get(k);
    if (stage === undefined) this.#violate(`${show(k)} is not one of hot(${this.setup.n}) ${show(this.hotKeys)}`);
    else if (stage !== expected[method]) {
      const why: Record<Method, string> = {
        get: `cache.get(${show(k)}) was already called`,
        load: `load(${show(k)}) must follow a cache.get(${show(k)}) that answered undefined, once`,
        set: `cache.set(${show(k)}, …) must follow a load(${show(k)}) that answered a value, once`,
      };
      this.#violate(why[method]);
    }
    if (stage !== undefined) this.stage.set(k, during[method]);
    this.pending++;
    if (this.rules.has('concurrency') && this.pending > this.limit) {
      this.#violate(`${this.pending} calls pending at once, but concurrency is ${this.limit}`);
    }
    const fault = this.setup.faults[k] === method;
    return this.s.schedule(Promise.resolve(), label).then(() => {
      this.pending--;
      if (fault) {
        const error = new InjectedFailure(label);
        this.errors.set(k, error);
        this.stage.set(k, 'failed');
        this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(error)}` });
        throw error;
      }
      const value = answer();
      this.trace.steps.push({ call: `  ${label}`, result: value === undefined && method === 'set' ? 'ok' : show(value) });
      return value;
    });
  }

  readonly cache = {
    get: (key: string): Promise<string | undefined> =>
      this.#call('get', key, `cache.get(${show(key)})`, () => {
        const value = this.store.get(key);
        this.stage.set(key, value === undefined ? 'need-load' : 'skipped');
        return value;
      }),
    set: (key: string, value: string, ...rest: unknown[]): Promise<void> => {
      const ttl = rest[0];
      const label = `cache.set(${show(key)}, ${show(value)}${rest.length > 0 ? `, ${show(ttl)}` : ''})`;
      const wrongValue = this.stage.get(key) === 'need-set' && value !== this.loaded.get(key);
      this.ttls.set(key, { given: rest.length > 0, ttl });
      const answered = this.#call('set', key, label, () => {
        this.store.set(key, value);
        this.stage.set(key, 'warmed');
        return undefined;
      });
      if (wrongValue) this.#violate(`expected the value load(${show(key)}) answered, ${show(this.loaded.get(key))}`);
      return answered;
    },
    delete: (key: string): Promise<void> => {
      this.#violate(`cache.delete(${show(key)}): warming never deletes`);
      return Promise.resolve();
    },
  };

  readonly load = (key: string): Promise<string | undefined> =>
    this.#call('load', key, `load(${show(key)})`, () => {
      const value = this.setup.source[key];
      if (value === undefined) this.stage.set(key, 'absent');
      else {
        this.loaded.set(key, value);
        this.stage.set(key, 'need-set');
      }
      return value;
    });

  create(impl: ImplModule): void {
    const { concurrency, ttlMs, keys } = this.setup;
    const extra = `${concurrency === undefined ? '' : `, concurrency: ${concurrency}`}${ttlMs === undefined ? '' : `, ttlMs: ${ttlMs}`}`;
    this.trace.add(`new PredictiveWarmer({ cache, load, capacity: 8, halfLifeMs: 60000${extra}, clock })`);
    const cls = exported<WarmerClass>(impl, 'PredictiveWarmer');
    const options: Record<string, unknown> = { cache: this.cache, load: this.load, capacity: 8, halfLifeMs: 60_000, clock: this.clock };
    if (concurrency !== undefined) options.concurrency = concurrency;
    if (ttlMs !== undefined) options.ttlMs = ttlMs;
    this.warmer = this.trace.run(() => new cls(options));
    for (let i = 0; i < keys; i++) {
      const key = WARM_KEYS[i]!;
      this.trace.add(`record(${show(key)})${keys - i > 1 ? ` ×${keys - i}` : ''}`);
      for (let j = 0; j < keys - i; j++) this.trace.run(() => this.warmer.record(key), `record(${show(key)})`);
    }
    const world: string[] = [];
    const cached = Object.entries(this.setup.cached);
    world.push(cached.length === 0 ? 'the cache is empty' : `the cache holds ${cached.map(([k, v]) => `${show(k)}=${show(v)}`).join(', ')}`);
    world.push(`load answers ${WARM_KEYS.slice(0, keys).map((k) => `${show(k)}→${show(this.setup.source[k])}`).join(', ')}`);
    const faults = Object.entries(this.setup.faults);
    if (faults.length > 0) world.push(`these calls fail: ${faults.map(([k, m]) => (m === 'load' ? `load(${show(k)})` : `cache.${m}(${show(k)})`)).join(', ')}`);
    this.trace.add(`(${world.join('; ')})`);
  }

  /** Reads hot(n), the keys warm(n) must warm. */
  readHot(): void {
    const { n } = this.setup;
    this.trace.add(`hot(${n})`);
    const list = this.trace.run(() => this.warmer.hot(n), `hot(${n})`);
    if (!Array.isArray(list) || !list.every((h: unknown) => typeof (h as { key?: unknown } | null)?.key === 'string')) {
      this.trace.fail(`expected an array of { key, score }, got ${show(list)}`);
    }
    this.hotKeys = (list as { key: string }[]).map((h) => h.key);
    this.trace.steps[this.trace.current - 1]!.result = show(this.hotKeys);
    if (new Set(this.hotKeys).size !== this.hotKeys.length) this.trace.fail('expected each key once');
    for (const k of this.hotKeys) this.stage.set(k, 'todo');
  }

  /** Checks made whenever the implementation is waiting for the scheduler. */
  checkIdle(warm: Call): void {
    if (this.violation !== undefined) {
      // Shown at the call that broke the rule: the calls made after it are left out.
      const { message, step } = this.violation;
      this.trace.steps.length = step;
      this.trace.steps[step - 1]!.failure = message;
      throw new GradeFailure(this.trace, message);
    }
    if (warm.state === 'resolved' && this.unfinished > 0) this.trace.fail(`warm resolved, but ${this.unfinishedText()}`);
    if (warm.state === 'rejected') unexpectedRejection(this.trace, warm, 'warm never rejects because of a key: a failed call is reported in failed');
    if (this.rules.has('concurrency') && warm.state === 'pending') {
      const want = Math.min(this.limit, this.unfinished);
      if (this.pending < want) {
        const todo = this.hotKeys.filter((k) => this.stage.get(k) === 'todo');
        this.trace.steps.push({ call: `  (waiting: ${this.pending} call${this.pending === 1 ? '' : 's'} pending, ${show(todo)} not started)` });
        this.trace.fail(`expected min(concurrency ${this.limit}, ${this.unfinished} keys not finished) = ${want} keys in progress, got ${this.pending}: start the next key as soon as one finishes`);
      }
    }
  }

  /** What is left to do for the keys not finished, in words. */
  unfinishedText(): string {
    const open = this.hotKeys.filter((k) => !FINISHED.has(this.stage.get(k)!));
    return open
      .map((k) => {
        const stage = this.stage.get(k)!;
        if (stage === 'need-load') return `cache.get(${show(k)}) answered undefined and load(${show(k)}) was never called`;
        if (stage === 'need-set') return `load(${show(k)}) answered ${show(this.loaded.get(k))} and it was never stored with cache.set`;
        if (stage === 'todo') return `${show(k)} of hot(${this.setup.n}) was never started`;
        return `the call for ${show(k)} is still pending`;
      })
      .join('; ');
  }

  /** The report warm must resolve with, in hot order. */
  expectedReport(): { warmed: string[]; skipped: string[]; absent: string[]; failed: string[] } {
    const by = (stage: Stage): string[] => this.hotKeys.filter((k) => this.stage.get(k) === stage);
    return { warmed: by('warmed'), skipped: by('skipped'), absent: by('absent'), failed: by('failed') };
  }

  checkReport(warm: Call): void {
    const trace = this.trace;
    const expected = this.expectedReport();
    const report = warm.value as Record<string, unknown> | undefined;
    const failHere = (message: string): never => {
      trace.add(`(the report of warm(${this.setup.n}))`);
      return trace.fail(message);
    };
    if (typeof report !== 'object' || report === null) failHere(`expected { warmed, skipped, absent, failed }, got ${show(report)}`);
    const lists = ['warmed', 'skipped', 'absent'] as const;
    const why = { warmed: 'loaded and stored', skipped: 'already cached', absent: 'load answered undefined' };
    for (const name of lists) {
      const got = report![name];
      if (!Array.isArray(got) || got.length !== expected[name].length || got.some((k, i) => k !== expected[name][i])) {
        failHere(`expected ${name} ${show(expected[name])} (${why[name]}, in hot order), got ${show(got)}`);
      }
    }
    const failed = report!.failed;
    const keys = Array.isArray(failed) ? failed.map((f: unknown) => (f as { key?: unknown } | null)?.key) : undefined;
    if (!Array.isArray(failed) || keys!.length !== expected.failed.length || keys!.some((k, i) => k !== expected.failed[i])) {
      failHere(`expected failed to list ${show(expected.failed)} (a call for each rejected, in hot order), got ${show(keys ?? failed)}`);
    }
    (failed as { key: string; error: unknown }[]).forEach((f) => {
      const error = this.errors.get(f.key)!;
      if (f.error !== error) failHere(`expected failed entry ${show(f.key)} with the error its call rejected with (${describeError(error)}), got ${show(f.error)}`);
    });
  }

  checkContents(): void {
    for (const key of this.hotKeys) {
      const want = this.stage.get(key) === 'warmed' ? this.loaded.get(key) : this.setup.cached[key];
      const got = this.store.get(key);
      if (got !== want) {
        this.trace.add(`(the cache, for ${show(key)})`);
        this.trace.fail(`expected ${show(want)}, got ${show(got)}`);
      }
    }
  }

  checkTtl(): void {
    const ttlMs = this.setup.ttlMs;
    for (const [key, { given, ttl }] of this.ttls) {
      const ok = ttlMs === undefined || ttlMs === Infinity ? !given || ttl === undefined || ttl === Infinity : ttl === ttlMs;
      if (!ok) {
        this.trace.add(`(the cache.set of ${show(key)})`);
        this.trace.fail(
          ttlMs === undefined || ttlMs === Infinity
            ? `expected no ttl (or Infinity): no ttlMs was given, got ${show(ttl)}`
            : `expected cache.set(${show(key)}, value, ${ttlMs}): the ttlMs option, got ${given ? show(ttl) : 'no ttl'}`,
        );
      }
    }
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A report as a trace line: errors by name and message, not with their stacks. */
function showReport(value: unknown): string {
  if (typeof value !== 'object' || value === null) return show(value);
  const r = value as Record<string, unknown>;
  const failed = Array.isArray(r.failed)
    ? `[${r.failed.map((f: unknown) => (typeof f === 'object' && f !== null ? `{ key: ${show((f as { key?: unknown }).key)}, error: ${describeError((f as { error?: unknown }).error)} }` : show(f))).join(', ')}]`
    : show(r.failed);
  return `{ warmed: ${show(r.warmed)}, skipped: ${show(r.skipped)}, absent: ${show(r.absent)}, failed: ${failed} }`;
}

/** Starts warm(n) and follows its promise into the trace. */
function startWarm(trace: Trace, warmer: WarmerLike, n: number): Call {
  const label = `warm(${n})`;
  trace.add(label);
  const call: Call = { label, step: trace.current, state: 'pending' };
  const promise = trace.run(() => warmer.warm(n), label);
  if (promise === null || typeof (promise as { then?: unknown } | undefined)?.then !== 'function') trace.fail(`expected warm to return a promise, got ${show(promise)}`);
  promise.then(
    (value) => {
      Object.assign(call, { state: 'resolved', value });
      trace.steps.push({ call: `${label} resolved`, result: showReport(value) });
      call.settledAt = trace.current;
    },
    (error: unknown) => {
      Object.assign(call, { state: 'rejected', error });
      trace.steps.push({ call: `${label} rejected`, result: describeError(error) });
      call.settledAt = trace.current;
    },
  );
  return call;
}

/** Runs warm(n) to its end, checking after each answer. */
export async function runWarm(impl: ImplModule, setup: WarmSetup, rules: ReadonlySet<WarmRule>, s: fc.Scheduler): Promise<void> {
  const run = new WarmRun(setup, rules, s);
  run.create(impl);
  run.readHot();
  const warm = startWarm(run.trace, run.warmer, setup.n);
  await tick();
  await tick();
  run.checkIdle(warm);
  while (s.count() > 0) {
    await s.waitOne();
    await tick();
    await tick();
    run.checkIdle(warm);
  }
  await settle(s);
  expectSettled(run.trace, [warm]);
  run.checkIdle(warm);
  if (run.unfinished > 0) {
    run.trace.steps.push({ call: `(every call answered)` });
    run.trace.fail(`warm resolved, but ${run.unfinishedText()}`);
  }
  if (rules.has('report')) run.checkReport(warm);
  if (rules.has('contents')) run.checkContents();
  if (rules.has('ttl')) run.checkTtl();
}

/** Generates warm setups; `shape` narrows what varies. */
export function setupArb(shape: { faults: boolean; cached: boolean; missing: 'values' | 'mixed'; concurrency: fc.Arbitrary<number | undefined>; ttl?: boolean; minKeys?: number }): fc.Arbitrary<WarmSetup> {
  // Every field is drawn for all keys, then cut to the first `keys`, so each shrinks on its own.
  const perKey = <T>(arb: fc.Arbitrary<T | undefined>): fc.Arbitrary<(T | undefined)[]> => fc.tuple(...WARM_KEYS.map(() => arb));
  const sourceValue: fc.Arbitrary<string | undefined> = shape.missing === 'values' ? fc.constantFrom('v1', '') : fc.constantFrom('v1', undefined, '');
  const cachedValue = fc.option(fc.constantFrom('old', '', '0'), { nil: undefined, freq: 2 });
  const fault = fc.option(fc.constantFrom<Method>('get', 'load', 'set'), { nil: undefined, freq: 2 });
  const minKeys = shape.minKeys ?? 1;
  return fc
    .record({
      keys: fc.integer({ min: minKeys, max: WARM_KEYS.length }),
      extra: fc.integer({ min: 0, max: WARM_KEYS.length }),
      concurrency: shape.concurrency,
      ttlMs: shape.ttl ? fc.constantFrom(undefined, 5000, 250, Infinity) : fc.constant(undefined),
      cached: shape.cached ? perKey(cachedValue) : fc.constant([]),
      source: perKey(sourceValue),
      faults: shape.faults ? perKey(fault) : fc.constant([]),
    })
    .map(({ keys, extra, concurrency, ttlMs, cached, source, faults }): WarmSetup => {
      const pick = <T>(values: readonly (T | undefined)[], f: (key: string, v: T) => T = (_, v) => v): Record<string, T> =>
        Object.fromEntries(WARM_KEYS.slice(0, keys).flatMap((k, i) => (values[i] === undefined ? [] : [[k, f(k, values[i]!)] as const])));
      return {
        keys,
        // n shrinks towards minKeys (or every key, when fewer), and may exceed the keys tracked by one.
        n: Math.min(Math.min(keys, minKeys) + extra, keys + 1),
        concurrency,
        ttlMs,
        cached: pick(cached),
        source: Object.fromEntries(WARM_KEYS.slice(0, keys).map((k, i) => [k, source[i] === 'v1' ? `v:${k}` : source[i]])),
        faults: pick(faults),
      };
    });
}

/** A warm property. */
export function warmProperty(spec: { id: string; statement: string; hint: string; runs?: number; rules: readonly WarmRule[]; setups: fc.Arbitrary<WarmSetup> }): CheckedProperty {
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 100,
    build: (impl) => fc.asyncProperty(fc.scheduler(), spec.setups, async (s, setup) => runWarm(impl, setup, new Set(spec.rules), s)),
  });
}
