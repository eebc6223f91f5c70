/**
 * The properties of the loading caches that serve a cached value by its age: refresh-ahead,
 * stale-while-revalidate and single-flight. All three know two ages, measured from the moment a
 * value's load resolved:
 *
 * ```text
 *   0 ────────── freshMs ─────────────── usableMs ──────────────▶ age
 *   │   fresh: served   │ served AT ONCE + one     │ too old (or nothing): the
 *   │   no load         │ background refresh       │ get waits for one shared load
 * ```
 *
 * Refresh-ahead: freshMs = refreshThreshold × ttlMs, usableMs = ttlMs. Stale-while-revalidate:
 * maxAgeMs and maxAgeMs + staleWhileRevalidateMs. Single-flight: both ttlMs (no window).
 *
 * A run is a few rounds of operations (get, delete, clock moves, answers to loads), each round
 * with its own fast-check scheduler: every `load(key)` the cache makes is a scheduled task, and
 * an `answer` step lets the scheduler pick which pending load answers (with a value or a
 * rejection); whatever is still pending at the end of a round is answered then. After every
 * step, once the implementation's promise chains have run, the run is checked against a model:
 * what each get resolved to and when, which loads were started, and what onRefreshError heard.
 * Loads answer with numbered values (`"a#1"`, `"a#2"`, …) so the trace shows which load
 * produced what.
 */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { describeError, expectInputError, start, watchingRejections, type Call } from './async-calls.js';
import { EPOCHS, FakeClock } from './fake-clock.js';

// ─── What is graded ──────────────────────────────────────────────────────────────────────────

/** One configuration of a cache under test: its numeric options and the two ages they give. */
export interface Setting {
  /** The numeric options, in the order the trace shows them, e.g. { ttlMs: 100, refreshThreshold: 0.75 }. */
  readonly options: Readonly<Record<string, number>>;
  /** An entry younger than this is fresh. */
  readonly freshMs: number;
  /** An entry younger than this (and not fresh) is served at once and refreshed; from this age on it is loaded. */
  readonly usableMs: number;
}

/** A cache class graded by these properties, and how the trace and the messages name its parts. */
export interface LoadingKind {
  /** The exported class, e.g. `RefreshAheadCache`. */
  readonly className: string;
  /** The configurations to try. */
  readonly settings: fc.Arbitrary<Setting>;
  /** Configurations whose refresh window is not empty (for the properties about the window). */
  readonly windowSettings: fc.Arbitrary<Setting>;
  /** How messages name the fresh limit, e.g. `refreshThreshold × ttlMs = 75`. */
  freshLimit(setting: Setting): string;
  /** How messages name the usable limit, e.g. `ttlMs = 100`. */
  usableLimit(setting: Setting): string;
  /** The word for a background load: `refresh` or `revalidation`. */
  readonly refresh: string;
  /** Whether the class takes onRefreshError (the grader then passes one and checks what it hears). */
  readonly reportsErrors: boolean;
}

/** The public face of the caches graded here. */
interface LoadingCache {
  get(key: unknown): PromiseLike<unknown>;
  delete(key: unknown): unknown;
}
type LoadingClass = new (options: Record<string, unknown>) => LoadingCache;

// ─── Operations ──────────────────────────────────────────────────────────────────────────────

/** Which part of an entry's life an `age` step moves to. */
export type Band = 'fresh' | 'window' | 'old';

/** One step of a round. */
export type Op =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'delete'; readonly key: string }
  /** Moves the clock by a fraction of usableMs (of 100 ms when that is infinite). */
  | { readonly kind: 'advance'; readonly by: number }
  /** Moves the clock until the key's cached value has an age in `band`: its first or last ms, or a fraction of the way in. Skipped when that is in the past. */
  | { readonly kind: 'age'; readonly key: string; readonly band: Band; readonly at: 'first' | 'last' | number }
  /** The scheduler picks one pending load and answers it: with its value, or a rejection. */
  | { readonly kind: 'answer'; readonly ok: boolean };

/** A round: its steps and its own scheduler (so that shrinking one round keeps the others' interleavings). */
export interface Round {
  readonly ops: readonly Op[];
  readonly s: fc.Scheduler;
}

const get = (key = 'a'): Op => ({ kind: 'get', key });
const del = (key = 'a'): Op => ({ kind: 'delete', key });
const answer = (ok: boolean): Op => ({ kind: 'answer', ok });
const age = (key: string, band: Band, at: 'first' | 'last' | number): Op => ({ kind: 'age', key, band, at });

/** The age `band` resolves to in a setting, or undefined when that band is empty or unreachable. */
function ageIn(band: Band, at: 'first' | 'last' | number, { freshMs, usableMs }: Setting): number | undefined {
  let [lo, hi] = band === 'fresh' ? [0, freshMs] : band === 'window' ? [freshMs, usableMs] : [usableMs, usableMs * 2 + 10];
  if (!Number.isFinite(lo) || !(lo < hi)) return undefined;
  if (!Number.isFinite(hi)) hi = lo + 10_000;
  const first = Math.ceil(lo);
  const last = Math.ceil(hi) - 1;
  if (last < first) return undefined;
  if (at === 'first') return first;
  if (at === 'last') return last;
  return first + Math.floor(at * (last - first + 1));
}

// ─── The run ─────────────────────────────────────────────────────────────────────────────────

/** One call of the grader's `load`. */
interface LoadCall {
  readonly key: string;
  /** Its number among the loads of its key: 1, 2, … */
  readonly n: number;
  readonly value: string;
  readonly error: Error;
  /** The trace step that shows it was called. */
  readonly step: number;
  state: 'pending' | 'resolved' | 'rejected';
  /** Started as a background refresh. */
  background: boolean;
  /** A get joined it as the load of an expired entry. */
  joined: boolean;
  /** The step of the delete that orphaned it (its result may no longer be served). */
  orphanedAt?: number;
  /** The trace step that shows its answer. */
  answeredAt?: number;
  reported: boolean;
}

/** A get the model expects to wait for a load. */
interface Waiting {
  readonly call: Call;
  readonly load: LoadCall;
  done: boolean;
}

/** The model of one key. */
interface KeyModel {
  entry: { value: string; loadedAt: number; load: LoadCall } | undefined;
  /** The one load of this key in flight (not orphaned), if any. */
  flight: LoadCall | undefined;
  /** Why nothing is cached, for messages. */
  why: string;
}

/** A report the implementation made to onRefreshError. */
interface Report {
  readonly error: unknown;
  readonly key: unknown;
  readonly step: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A run of one property: the cache, its clock and loads, and the model it is checked against. */
class Run {
  readonly trace: Trace = new Trace();
  readonly clock: FakeClock;
  instance!: LoadingCache;
  s!: fc.Scheduler;
  readonly loads: LoadCall[] = [];
  readonly waiting: Waiting[] = [];
  readonly reports: Report[] = [];
  readonly unhandled: unknown[] = [];
  readonly #keys = new Map<string, KeyModel>();
  readonly #counts = new Map<string, number>();
  #nextOk = true;
  #answered: LoadCall | undefined;
  /** The key of the get in progress: a load started outside a get is a stray. */
  #getting: string | undefined;
  #stray: LoadCall | undefined;
  #reportsSeen = 0;

  constructor(
    readonly kind: LoadingKind,
    readonly setting: Setting,
    epoch: number,
  ) {
    this.clock = new FakeClock(epoch);
  }

  /** The time as the trace shows it: milliseconds since the run started. */
  get t(): number {
    return this.clock.elapsed;
  }

  model(key: string): KeyModel {
    let m = this.#keys.get(key);
    if (m === undefined) {
      m = { entry: undefined, flight: undefined, why: `nothing was loaded for ${show(key)} yet` };
      this.#keys.set(key, m);
    }
    return m;
  }

  /** The grader's loader: each call is a task of the current scheduler, answered when it says. */
  readonly load = (key: string): Promise<string> => {
    const k = typeof key === 'string' ? key : String(key);
    const n = (this.#counts.get(k) ?? 0) + 1;
    this.#counts.set(k, n);
    const label = `load(${show(k)})`;
    this.trace.steps.push({ call: `  ${label} …` });
    const call: LoadCall = {
      key: k,
      n,
      value: `${k}#${n}`,
      error: new Error(`load #${n} of ${show(k)} failed`),
      step: this.trace.current,
      state: 'pending',
      background: false,
      joined: false,
      reported: false,
    };
    this.loads.push(call);
    if (this.#getting === undefined) this.#stray ??= call;
    return this.s.schedule(Promise.resolve(), label).then(() => {
      this.#answered = call;
      if (this.#nextOk) {
        call.state = 'resolved';
        this.trace.steps.push({ call: `  ${label}`, result: show(call.value) });
        call.answeredAt = this.trace.current;
        return call.value;
      }
      call.state = 'rejected';
      this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(call.error)}` });
      call.answeredAt = this.trace.current;
      throw call.error;
    });
  };

  readonly onRefreshError = (error: unknown, key: unknown): void => {
    this.trace.steps.push({ call: `  onRefreshError(${error instanceof Error ? describeError(error) : show(error)}, ${show(key)})` });
    this.reports.push({ error, key, step: this.trace.current });
  };

  create(impl: ImplModule): void {
    const { kind, setting } = this;
    const numbers = Object.entries(setting.options).map(([name, value]) => `${name}: ${show(value)}`);
    const args = ['load', ...numbers, 'clock', ...(kind.reportsErrors ? ['onRefreshError'] : [])].join(', ');
    const { freshMs, usableMs } = setting;
    const life =
      freshMs === usableMs
        ? Number.isFinite(usableMs)
          ? `served while younger than ${usableMs} ms, loaded from then on`
          : 'served forever once loaded'
        : `fresh below age ${freshMs}; served at once and ${kind.refresh === 'refresh' ? 'refreshed' : 'revalidated'} from ${freshMs}; loaded from ${usableMs}`;
    this.trace.add(`new ${kind.className}({ ${args} }) at t=0 · ${life}`);
    const options: Record<string, unknown> = { load: this.load, ...setting.options, clock: this.clock };
    if (kind.reportsErrors) options.onRefreshError = this.onRefreshError;
    const cls = exported<LoadingClass>(impl, kind.className);
    this.instance = this.trace.run(() => new cls(options));
  }

  /** Runs one round: its steps in order, then answers every load still pending. */
  async round(round: Round): Promise<void> {
    this.s = round.s;
    for (const op of round.ops) await this.step(op);
    if (this.s.count() > 0) this.trace.steps.push({ call: '(end of the round: the loads still pending are answered)' });
    while (this.s.count() > 0) await this.answer(true);
  }

  async step(op: Op): Promise<void> {
    switch (op.kind) {
      case 'get':
        return this.get(op.key);
      case 'delete':
        return this.delete(op.key);
      case 'advance': {
        const scale = Number.isFinite(this.setting.usableMs) ? this.setting.usableMs : 100;
        const ms = Math.round(op.by * scale);
        if (ms > 0) this.advance(ms);
        return;
      }
      case 'age': {
        const m = this.model(op.key);
        if (m.entry === undefined) return;
        const target = ageIn(op.band, op.at, this.setting);
        const current = this.clock.now() - m.entry.loadedAt;
        if (target === undefined || target <= current) return;
        this.advance(target - current, `${show(m.entry.value)} is now ${target} ms old`);
        return;
      }
      case 'answer':
        return this.answer(op.ok);
    }
  }

  advance(ms: number, note?: string): void {
    this.clock.advance(ms);
    this.trace.steps.push({ call: `clock.advance(${ms}) → t=${this.t}${note === undefined ? '' : `  (${note})`}` });
  }

  /** Lets the implementation's promise chains run, then checks what must hold after any step. */
  async flush(): Promise<void> {
    await tick();
    if (this.unhandled.length > 0) {
      const error = this.unhandled[0];
      this.trace.steps.push({ call: '(after that step)' });
      this.trace.fail(
        `a promise rejected with ${error instanceof Error ? describeError(error) : show(error)} and nothing handled it ` +
          '(an unhandled rejection stops a Node process): catch the rejection of a background load and pass it to onRefreshError',
      );
    }
  }

  /** Fails when a load was started by something other than a get. */
  checkStray(): void {
    const stray = this.#stray;
    if (stray === undefined) return;
    this.trace.steps.push({ call: `load(${show(stray.key)}) (step ${stray.step})` });
    this.trace.fail('expected no load here: only a get may start a load (this one was started while no get was running)');
  }

  /** Fails the step of a learner call: on its own line if it is the last, else on a line naming it. */
  failCall(call: Call, message: string): never {
    if (this.trace.current !== call.step) this.trace.steps.push({ call: `${call.label} (step ${call.step})` });
    this.trace.fail(message);
  }

  async get(key: string): Promise<void> {
    const { kind, setting } = this;
    const m = this.model(key);
    const now = this.clock.now();
    const entry = m.entry;
    const ageNow = entry === undefined ? undefined : now - entry.loadedAt;
    const band: Band | 'none' = ageNow === undefined ? 'none' : ageNow < setting.freshMs ? 'fresh' : ageNow < setting.usableMs ? 'window' : 'old';
    const before = this.loads.length;
    const label = `get(${show(key)})`;
    this.#getting = key;
    const call = start(this.trace, label, () => this.instance.get(key));
    this.trace.steps[call.step - 1]!.call += `  (t=${this.t}: ${entry === undefined ? 'nothing cached' : `${show(entry.value)} is ${ageNow} ms old`})`;
    await this.flush();
    this.#getting = undefined;
    const mine = this.loads.slice(before);
    const other = mine.find((l) => l.key !== key);
    if (other !== undefined) this.failCall(call, `expected no load of ${show(other.key)}: ${label} started load(${show(other.key)}) at step ${other.step}`);
    if (mine.length > 1) this.failCall(call, `expected at most one load, got ${mine.length} (steps ${mine.map((l) => l.step).join(', ')}): one load of a key at a time`);
    const fresh = kind.freshLimit(setting);
    const usable = kind.usableLimit(setting);

    if (band === 'fresh' && entry !== undefined) {
      if (mine.length > 0) this.failCall(call, `expected no load: ${show(entry.value)} is ${ageNow} ms old, below ${fresh}, so it is fresh`);
      this.expectServed(call, key, entry.value, `it is ${ageNow} ms old, below ${fresh}: fresh`);
      return;
    }
    if (band === 'window' && entry !== undefined) {
      const refresh = kind.refresh;
      this.expectServed(call, key, entry.value, `at ${ageNow} ms old (from ${fresh} on, below ${usable}) the cached value is served while a ${refresh} runs in the background`);
      if (m.flight !== undefined) {
        if (mine.length > 0) this.failCall(call, `expected no new load: the ${refresh} load(${show(key)}) from step ${m.flight.step} is still running, and there is one ${refresh} at a time per key`);
        return;
      }
      if (mine.length === 0) {
        this.failCall(call, `expected a background ${refresh}, load(${show(key)}): ${show(entry.value)} is ${ageNow} ms old, and from ${fresh} on (>=) a get starts one`);
      }
      m.flight = mine[0]!;
      m.flight.background = true;
      return;
    }

    // Too old, or nothing cached: the get must wait for the key's one load.
    let reason = m.why;
    if (band === 'old' && entry !== undefined) {
      reason = `${show(entry.value)} is ${ageNow} ms old, and from ${usable} on (>=) it may not be served`;
      m.entry = undefined;
      m.why = `${show(entry.value)} expired`;
    }
    let load = m.flight;
    if (load !== undefined) {
      if (mine.length > 0) this.failCall(call, `expected no new load: load(${show(key)}) from step ${load.step} is still running, and concurrent gets of a key share it`);
      load.joined = true;
    } else {
      if (mine.length === 0) {
        this.failCall(call, `expected load(${show(key)}): ${reason}${this.#orphanNote(key)}${call.state === 'pending' ? '' : `; but the get ${this.#outcome(call)}`}`);
      }
      load = mine[0]!;
      m.flight = load;
    }
    if (call.state !== 'pending') {
      this.failCall(call, `expected the get to wait for load(${show(key)}) (step ${load.step}), since ${reason}; but it ${this.#outcome(call)} before that load was answered`);
    }
    this.waiting.push({ call, load, done: false });
  }

  /** A note on a load still running from before a delete, whose result must not answer later gets. */
  #orphanNote(key: string): string {
    const orphan = this.loads.find((l) => l.key === key && l.orphanedAt !== undefined && l.state === 'pending');
    return orphan === undefined ? '' : ` (load(${show(key)}) from step ${orphan.step} started before the delete at step ${orphan.orphanedAt}: its result must not answer gets made after it)`;
  }

  /** How a settled call ended, naming the load it came from when the grader knows it. */
  #outcome(call: Call): string {
    if (call.state === 'resolved') {
      const from = this.loads.find((l) => l.value === call.value);
      const note =
        from !== undefined && from.orphanedAt !== undefined
          ? ` (the value of load(${show(from.key)}) from step ${from.step}, which was running when the key was deleted at step ${from.orphanedAt}: it must not be cached)`
          : '';
      return `resolved with ${show(call.value)}${note}`;
    }
    if (call.state === 'rejected') {
      const from = this.loads.find((l) => l.error === call.error);
      const note = from !== undefined && from.answeredAt !== undefined ? ` (the rejection of load(${show(from.key)}) at step ${from.answeredAt}: a rejection is not cached)` : '';
      return `rejected with ${describeError(call.error)}${note}`;
    }
    return 'is still pending';
  }

  /** A get served from the cache must have resolved with `value` by now. */
  expectServed(call: Call, key: string, value: string, why: string): void {
    if (call.state === 'pending') {
      const pending = this.loads.find((l) => l.state === 'pending' && l.key === key);
      const waitingFor = pending === undefined ? '' : ` (load(${show(key)}) from step ${pending.step} is still unanswered)`;
      this.failCall(call, `expected ${show(value)} AT ONCE: ${why}; but the get is still waiting${waitingFor}`);
    }
    if (call.state === 'rejected') this.failCall(call, `expected ${show(value)} (${why}), but the get rejected with ${describeError(call.error)}`);
    if (call.value !== value) this.failCall(call, `expected ${show(value)} (${why}), got ${show(call.value)}`);
  }

  async delete(key: string): Promise<void> {
    this.trace.add(`delete(${show(key)})`);
    const step = this.trace.current;
    this.trace.run(() => this.instance.delete(key), `delete(${show(key)})`);
    const m = this.model(key);
    m.entry = undefined;
    if (m.flight !== undefined) m.flight.orphanedAt = step;
    m.flight = undefined;
    m.why = `${show(key)} was deleted at step ${step}`;
    await this.flush();
    this.checkStray();
    this.checkWaiting();
  }

  /** Lets the scheduler answer one pending load, with its value or (when `ok` is false) a rejection. */
  async answer(ok: boolean): Promise<void> {
    if (this.s.count() === 0) return;
    this.#nextOk = ok;
    this.#answered = undefined;
    await this.s.waitOne();
    await this.flush();
    const load = this.#answered as LoadCall | undefined;
    if (load === undefined) return;
    const m = this.model(load.key);
    if (load.orphanedAt === undefined && m.flight === load) {
      m.flight = undefined;
      if (load.state === 'resolved') {
        m.entry = { value: load.value, loadedAt: this.clock.now(), load };
      } else if (m.entry === undefined) {
        m.why = `the last load of ${show(load.key)} (step ${load.step}) failed, and a failure is not cached`;
      }
    }
    this.checkStray();
    this.checkWaiting();
    await this.checkReports(load);
  }

  /** Every get waiting for a load is pending while it is, and settles as it did once it answered. */
  checkWaiting(): void {
    for (const w of this.waiting) {
      if (w.done) continue;
      const { call, load } = w;
      const name = `load(${show(load.key)}) (step ${load.step})`;
      if (load.state === 'pending') {
        if (call.state !== 'pending') this.failCall(call, `expected the get to wait for ${name}, but it ${this.#outcome(call)} before that load was answered`);
        continue;
      }
      const expected = load.state === 'resolved' ? show(load.value) : `the rejection ${describeError(load.error)}`;
      if (call.state === 'pending') this.failCall(call, `expected ${expected} once ${name} answered (step ${load.answeredAt}), but the get is still pending`);
      if (load.state === 'resolved' && (call.state !== 'resolved' || call.value !== load.value)) {
        this.failCall(call, `expected ${expected}, what ${name} resolved with; but the get ${this.#outcome(call)}`);
      }
      if (load.state === 'rejected' && (call.state !== 'rejected' || call.error !== load.error)) {
        this.failCall(
          call,
          `expected the rejection of ${name}, ${describeError(load.error)} (the same error: every waiting caller gets it); but the get ${call.state === 'resolved' ? `resolved with ${show(call.value)}` : `rejected with ${describeError(call.error)}`}`,
        );
      }
      w.done = true;
    }
  }

  /** What onRefreshError heard: only failed loads, with their keys, once each; every failed refresh nobody waited for. */
  async checkReports(answered: LoadCall): Promise<void> {
    if (!this.kind.reportsErrors) return;
    const mustReport = answered.state === 'rejected' && answered.background && !answered.joined && answered.orphanedAt === undefined;
    // A reporter called from a timer is still a reporter: give it one turn of the event loop.
    if (mustReport && !this.reports.slice(this.#reportsSeen).some((r) => r.error === answered.error)) await new Promise((r) => setTimeout(r, 1));
    for (; this.#reportsSeen < this.reports.length; this.#reportsSeen++) {
      const report = this.reports[this.#reportsSeen]!;
      const load = this.loads.find((l) => l.error === report.error);
      const at = `onRefreshError (step ${report.step})`;
      if (load === undefined || load.state !== 'rejected') {
        this.trace.steps.push({ call: at });
        this.trace.fail(`expected onRefreshError to hear only the errors of failed loads (the error itself), got ${show(report.error)}`);
      }
      if (report.key !== load.key) {
        this.trace.steps.push({ call: at });
        this.trace.fail(`expected onRefreshError(error, ${show(load.key)}): the key of the load that failed is its second argument, got ${show(report.key)}`);
      }
      if (load.reported) {
        this.trace.steps.push({ call: at });
        this.trace.fail(`expected each failure to be reported once, but the failure of load(${show(load.key)}) (step ${load.step}) was reported again`);
      }
      load.reported = true;
    }
    if (mustReport && !answered.reported) {
      this.trace.steps.push({ call: '(after that step)' });
      this.trace.fail(
        `expected onRefreshError(error, ${show(answered.key)}): the background ${this.kind.refresh} load(${show(answered.key)}) from step ${answered.step} failed with ${describeError(answered.error)}, and no get waits for it, so that is the only way anyone hears of it`,
      );
    }
  }
}

// ─── Shapes of runs ──────────────────────────────────────────────────────────────────────────

const roundOf = (ops: fc.Arbitrary<Op[]>): fc.Arbitrary<Round> => fc.record({ ops, s: fc.scheduler() });
const at = (): fc.Arbitrary<'first' | 'last' | number> =>
  fc.oneof({ withCrossShrink: true }, fc.constant<'first'>('first'), fc.constant<'last'>('last'), fc.integer({ min: 0, max: 99 }).map((n) => n / 100));
const times = <T>(arb: fc.Arbitrary<T>, min: number, max: number): fc.Arbitrary<T[]> => fc.array(arb, { minLength: min, maxLength: max });
const loaded = (...keys: string[]): fc.Arbitrary<Round> => roundOf(fc.constant(keys.map((k) => get(k))));
const repeat = <T>(n: number, item: T): T[] => Array.from({ length: n }, () => item);

/** The shapes of run a property can use; each is a list of rounds. */
export type Shape = 'fresh' | 'at-once' | 'one-refresh' | 'replaces' | 'failed-refresh' | 'expired' | 'missing' | 'rejection' | 'keys' | 'delete' | 'model';

function shape(name: Shape): fc.Arbitrary<Round[]> {
  const ok = fc.boolean();
  switch (name) {
    case 'fresh':
      // Two keys loaded at t=0, then gets at ages below the fresh limit.
      return fc
        .tuple(loaded('a', 'b'), times(roundOf(fc.tuple(fc.constantFrom('a', 'b'), at(), fc.integer({ min: 1, max: 3 })).map(([k, a, n]) => [age(k, 'fresh', a), ...repeat(n, get(k))])), 1, 4))
        .map(([first, rest]) => [first, ...rest]);
    case 'at-once':
      // A get in the refresh window; the refresh is answered (or fails) only after it.
      return fc
        .tuple(loaded('a'), times(roundOf(fc.tuple(at(), fc.option(ok, { nil: undefined })).map(([a, answered]) => [age('a', 'window', a), get('a'), ...(answered === undefined ? [] : [answer(answered)])])), 1, 3))
        .map(([first, rest]) => [first, ...rest]);
    case 'one-refresh':
      // Two keys loaded together, so both age into the window together; many gets there.
      return fc
        .tuple(
          loaded('a', 'b'),
          at(),
          times(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('a', 'b').map((k) => get(k)) }, { weight: 1, arbitrary: at().map((a) => age('a', 'window', a)) }, { weight: 1, arbitrary: ok.map(answer) }), 2, 10),
          fc.scheduler(),
        )
        .map(([first, a, ops, s]) => [first, { ops: [age('a', 'window', a), get('a'), ...ops], s }]);
    case 'replaces':
      // A refresh answered some time after it started; gets at ages counted from its answer.
      return fc
        .tuple(loaded('a'), at(), fc.integer({ min: 0, max: 150 }), fc.constantFrom<Band>('fresh', 'window'), at(), fc.constantFrom<Band>('window', 'old'), at(), fc.scheduler())
        .map(([first, a1, later, band2, a2, band3, a3, s]) => [
          first,
          { ops: [age('a', 'window', a1), get('a'), { kind: 'advance', by: later / 100 }, answer(true), age('a', band2, a2), get('a'), age('a', band3, a3), get('a'), answer(true), get('a')], s },
        ]);
    case 'failed-refresh':
      // A refresh that fails; gets in the window after it; then the old value expires.
      return fc
        .tuple(loaded('a'), at(), times(fc.oneof(fc.constant(get('a')), at().map((a) => age('a', 'window', a)), ok.map(answer)), 0, 5), at(), ok, fc.scheduler())
        .map(([first, a1, middle, a2, last, s]) => [first, { ops: [age('a', 'window', a1), get('a'), answer(false), get('a'), ...middle, age('a', 'old', a2), get('a'), get('a'), answer(last), get('a')], s }]);
    case 'missing':
      // Concurrent gets of a key nothing is cached for, answered at some point, maybe with a rejection.
      return fc
        .tuple(fc.integer({ min: 1, max: 5 }), times(fc.oneof({ weight: 3, arbitrary: fc.constant(get('a')) }, { weight: 1, arbitrary: ok.map(answer) }), 0, 6), fc.scheduler())
        .map(([n, rest, s]) => [{ ops: [...repeat(n, get('a')), ...rest], s }]);
    case 'rejection':
      // A load that fails with gets waiting; the next get loads again.
      return fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), times(fc.oneof(fc.constant(get('a')), ok.map(answer)), 0, 4), fc.scheduler())
        .map(([n, m, rest, s]) => [{ ops: [...repeat(n, get('a')), answer(false), ...repeat(m, get('a')), ...rest], s }]);
    case 'expired':
      // A value that has reached the usable limit; concurrent gets; answers, maybe rejections.
      return fc
        .tuple(loaded('a'), at(), fc.integer({ min: 1, max: 4 }), times(fc.oneof({ weight: 2, arbitrary: fc.constant(get('a')) }, { weight: 1, arbitrary: ok.map(answer) }), 0, 6), fc.scheduler())
        .map(([first, a, n, rest, s]) => [first, { ops: [age('a', 'old', a), ...repeat(n, get('a')), ...rest], s }]);
    case 'keys':
      // Loads of two keys at once, answered in any order.
      return times(
        roundOf(fc.tuple(fc.constantFrom('a', 'b'), times(fc.oneof({ weight: 2, arbitrary: fc.constantFrom('a', 'b').map((k) => get(k)) }, { weight: 2, arbitrary: ok.map(answer) }), 1, 8)).map(([k, ops]) => [get(k), get(k === 'a' ? 'b' : 'a'), ...ops])),
        1,
        3,
      );
    case 'delete': {
      const after = times(fc.oneof(fc.constant(get('a')), ok.map(answer), fc.constant(del('a'))), 0, 6);
      return fc.oneof(
        // A delete while the first load of the key runs.
        fc.tuple(fc.integer({ min: 1, max: 2 }), after, fc.scheduler()).map(([n, rest, s]) => [{ ops: [...repeat(n, get('a')), del('a'), ...rest, get('a')], s }]),
        // A delete while a refresh (or, past the usable limit, a load) of a cached key runs.
        fc
          .tuple(loaded('a'), fc.constantFrom<Band>('window', 'old'), at(), after, fc.scheduler())
          .map(([first, band, a, rest, s]) => [first, { ops: [age('a', band, a), get('a'), del('a'), ...rest, get('a')], s }]),
      );
    }
    case 'model': {
      const key = fc.constantFrom('a', 'b');
      const op: fc.Arbitrary<Op> = fc.oneof(
        { weight: 5, arbitrary: key.map((k) => get(k)) },
        { weight: 1, arbitrary: key.map((k) => del(k)) },
        { weight: 2, arbitrary: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(1, 2, 5)).map((n): Op => ({ kind: 'advance', by: n / 100 })) },
        { weight: 2, arbitrary: fc.tuple(key, fc.constantFrom<Band>('fresh', 'window', 'old'), at()).map(([k, b, a]) => age(k, b, a)) },
        { weight: 3, arbitrary: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }).map(answer) },
      );
      return times(roundOf(times(op, 1, 10)), 1, 5);
    }
  }
}

/** Which settings a shape needs: the window shapes need a window. */
const needsWindow = (names: readonly Shape[]): boolean => names.some((name) => name === 'at-once' || name === 'one-refresh' || name === 'replaces' || name === 'failed-refresh');

/** A property: runs of the given shape on the given kind, each step checked against the model. */
export function loadingProperty(
  kind: LoadingKind,
  spec: { id: string; statement: string; hint: string; shape: Shape | readonly Shape[]; runs?: number; settings?: fc.Arbitrary<Setting> },
): CheckedProperty {
  const shapes = typeof spec.shape === 'string' ? [spec.shape] : spec.shape;
  const roundsArb = fc.oneof(...shapes.map(shape));
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 100,
    build: (impl) =>
      fc.asyncProperty(fc.constantFrom(...EPOCHS), spec.settings ?? (needsWindow(shapes) ? kind.windowSettings : kind.settings), roundsArb, async (epoch, setting, rounds) => {
        const run = new Run(kind, setting, epoch);
        await watchingRejections(run.unhandled, async () => {
          run.create(impl);
          for (const round of rounds) await run.round(round);
          // A rejection noticed only after the last step still counts.
          await run.flush();
        });
      }),
  });
}

// ─── Bad input ───────────────────────────────────────────────────────────────────────────────

/**
 * A case of the validation property: options the constructor must refuse (`change` is applied to
 * good options), a call that must refuse its argument, or options the constructor must accept.
 */
export type InputCase =
  | { readonly className: string; readonly refuse: string; readonly change: Readonly<Record<string, unknown>> }
  | { readonly className: string; readonly call: 'get' | 'delete'; readonly arg: unknown }
  | { readonly className: string; readonly accept: string; readonly change: Readonly<Record<string, unknown>>; readonly neverExpires?: boolean };

/** The good options of a class. */
export interface GoodOptions {
  readonly options: Record<string, unknown>;
}

/**
 * The validation property: each case's bad options or argument is refused with a TypeError or
 * RangeError; the options a case names as good are accepted (a get then loads and serves).
 */
export function validationProperty(spec: {
  statement: string;
  hint: string;
  cases: readonly InputCase[];
  good: (className: string, load: (key: string) => Promise<string>, clock: FakeClock) => GoodOptions;
}): CheckedProperty {
  /** The options as the trace shows them: the grader's functions and clock by name, the rest by value. */
  const describe = (options: Record<string, unknown>, good: Record<string, unknown>): string =>
    `{ ${Object.entries(options)
      .map(([k, v]) => ((typeof v === 'function' || (typeof v === 'object' && v !== null)) && v === good[k] ? k : `${k}: ${typeof v === 'function' ? 'a function' : show(v)}`))
      .join(', ')} }`;
  const apply = (options: Record<string, unknown>, change: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const result = { ...options, ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete result[k];
    return result;
  };
  return checked({
    id: 'validation',
    statement: spec.statement,
    hint: spec.hint,
    runs: Math.max(40, spec.cases.length * 3),
    build: (impl) =>
      fc.asyncProperty(fc.scheduler(), fc.constantFrom(...spec.cases), async (s, c) => {
        const trace = new Trace();
        const clock = new FakeClock(EPOCHS[1]);
        let loads = 0;
        const load = (key: string): Promise<string> => {
          const value = `${key}#${++loads}`;
          trace.steps.push({ call: `  load(${show(key)}) …` });
          return s.schedule(Promise.resolve(), `load(${show(key)})`).then(() => {
            trace.steps.push({ call: `  load(${show(key)})`, result: show(value) });
            return value;
          });
        };
        const cls = exported<LoadingClass>(impl, c.className);
        const good = spec.good(c.className, load, clock);
        if ('refuse' in c) {
          const options = apply(good.options, c.change);
          await expectInputError(trace, `new ${c.className}(${describe(options, good.options)})  (${c.refuse})`, () => new cls(options));
          return;
        }
        if ('accept' in c) {
          const options = apply(good.options, c.change);
          trace.add(`new ${c.className}(${describe(options, good.options)})  (${c.accept}: must be accepted)`);
          const instance = trace.run(() => new cls(options));
          const first = start(trace, 'get("a")', () => instance.get('a'));
          await settleAll(s);
          if (first.state !== 'resolved' || first.value !== 'a#1') {
            trace.fail(`expected "a#1", what load("a") resolved with; but the get ${first.state === 'pending' ? 'is still pending' : first.state === 'rejected' ? `rejected with ${describeError(first.error)}` : `resolved with ${show(first.value)}`}`);
          }
          if (c.neverExpires === true) {
            clock.advance(1e12);
            trace.steps.push({ call: 'clock.advance(1e12)' });
            const second = start(trace, 'get("a")', () => instance.get('a'));
            await settleAll(s);
            if (second.state !== 'resolved' || second.value !== 'a#1' || loads !== 1) trace.fail(`expected "a#1" from the cache, without a load: ${c.accept} never expires`);
          }
          return;
        }
        trace.add(`new ${c.className}(${describe(good.options, good.options)})`);
        const instance = trace.run(() => new cls(good.options));
        const method = instance[c.call].bind(instance) as (arg: unknown) => unknown;
        await expectInputError(trace, `${c.call}(${show(c.arg)})`, () => method(c.arg), s);
      }),
  });
}

/** Answers every pending load and lets every promise chain run. */
async function settleAll(s: fc.Scheduler): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await tick();
    if (s.count() === 0) return;
    await s.waitOne();
  }
}
