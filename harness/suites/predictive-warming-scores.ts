/**
 * The counting properties of predictive-warming: random sequences of record and clock advances,
 * side by side with a model that keeps every access and computes each key's exact decayed score.
 * After every step the implementation's estimates are checked against the Space-Saving bounds.
 */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { EPOCHS, FakeClock } from './fake-clock.js';

/** The public contract of PredictiveWarmer, as the grader uses it. */
export interface WarmerLike {
  readonly tracked: number;
  record(key: string): void;
  score(key: string): number;
  hot(n: number): unknown;
  warm(n: number): PromiseLike<unknown>;
}
export type WarmerClass = new (options: Record<string, unknown>) => WarmerLike;

/** Keys a warmer is fed, hottest first in the skewed generator (shrinking goes towards "a"). */
export const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'] as const;

/** A key, Zipf-ish: the first two often, the next four less, the last six rarely. */
const skewedKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...KEYS.slice(0, 2)), weight: 5 },
  { arbitrary: fc.constantFrom(...KEYS.slice(2, 6)), weight: 3 },
  { arbitrary: fc.constantFrom(...KEYS.slice(6)), weight: 2 },
);

/** One step of a counting run: `times` accesses of a key, or the clock moving. */
export type Op = { kind: 'record'; key: string; times: number } | { kind: 'advance'; ms: number };

/** A number as the trace shows it: at most 8 significant digits. */
export function num(x: number): string {
  return Number.isFinite(x) && x !== 0 ? String(Number(x.toPrecision(8))) : show(x);
}

/** The model: every access, and exact decayed scores from them. */
class Model {
  readonly accesses: { key: string; t: number }[] = [];
  constructor(readonly halfLifeMs: number) {}
  score(key: string, now: number): number {
    let sum = 0;
    for (const a of this.accesses) if (a.key === key) sum += 2 ** (-(now - a.t) / this.halfLifeMs);
    return sum;
  }
  total(now: number): number {
    let sum = 0;
    for (const a of this.accesses) sum += 2 ** (-(now - a.t) / this.halfLifeMs);
    return sum;
  }
  keys(): Set<string> {
    return new Set(this.accesses.map((a) => a.key));
  }
}

/** Which checks run after every step. */
export type Rule = 'memory' | 'bounds' | 'hot-order' | 'heavy-hitters' | 'finite';

/** A counting run: the warmer, its clock, the model and the trace. */
export class ScoreRun {
  readonly trace = new Trace();
  readonly clock: FakeClock;
  readonly model: Model;
  warmer!: WarmerLike;

  constructor(
    readonly capacity: number,
    readonly halfLifeMs: number,
    epoch: number,
    readonly rules: ReadonlySet<Rule>,
    /** The keys checked after each step (default: every key of KEYS). */
    readonly universe: readonly string[] = KEYS,
  ) {
    this.clock = new FakeClock(epoch);
    this.model = new Model(halfLifeMs);
  }

  create(impl: ImplModule): void {
    const cls = exported<WarmerClass>(impl, 'PredictiveWarmer');
    this.trace.add(`new PredictiveWarmer({ cache, load, capacity: ${this.capacity}, halfLifeMs: ${this.halfLifeMs}, clock }) at t=0`);
    const options = { cache: idleCache, load: () => Promise.resolve(undefined), capacity: this.capacity, halfLifeMs: this.halfLifeMs, clock: this.clock };
    this.warmer = this.trace.run(() => new cls(options));
  }

  apply(op: Op): void {
    if (op.kind === 'advance') {
      this.clock.advance(op.ms);
      this.trace.add(`clock.advance(${op.ms}) → t=${this.clock.elapsed}`);
    } else {
      this.trace.add(`record(${show(op.key)})${op.times > 1 ? ` ×${op.times}` : ''}`);
      for (let i = 0; i < op.times; i++) {
        this.trace.run(() => this.warmer.record(op.key), `record(${show(op.key)})`);
        this.model.accesses.push({ key: op.key, t: this.clock.now() });
      }
    }
    this.check();
  }

  /** Runs the checks of this run's rules against the model, now. */
  check(): void {
    const trace = this.trace;
    const now = this.clock.now();
    const W = this.model.total(now);
    const slack = W / this.capacity;
    const tol = 1e-9 * W + 1e-300;
    const fail = (call: string, message: string): never => {
      trace.add(call);
      return trace.fail(message);
    };
    const wText = `W = ${num(W)}, W / capacity = ${num(slack)}`;

    const all = this.hot(this.capacity);
    const tracked = new Map(all.map((h) => [h.key, h.score]));
    if (this.rules.has('memory')) {
      const count = trace.run(() => this.warmer.tracked, 'tracked');
      if (typeof count !== 'number' || count > this.capacity) {
        fail('tracked', `expected at most capacity = ${this.capacity} keys tracked, got ${show(count)} (${this.model.keys().size} distinct keys recorded so far)`);
      }
      if (all.length !== count) fail(`hot(${this.capacity})`, `expected the ${show(count)} tracked keys, got ${all.length}: ${show(all.map((h) => h.key))}`);
    }

    const scores = new Map<string, number>();
    for (const key of this.universe) {
      const s = trace.run(() => this.warmer.score(key), `score(${show(key)})`);
      if (typeof s !== 'number') fail(`score(${show(key)})`, `expected a number, got ${show(s)}`);
      scores.set(key, s);
    }

    if (this.rules.has('finite')) {
      for (const [key, s] of scores) {
        if (!Number.isFinite(s)) fail(`score(${show(key)})`, `expected the true score ${num(this.model.score(key, now))}, got ${show(s)} (an overflow? weights of 2^(t / halfLifeMs) must be rescaled before they get large)`);
      }
    }

    if (this.rules.has('bounds')) {
      for (const [key, s] of scores) {
        const truth = this.model.score(key, now);
        if (tracked.has(key)) {
          if (!(s >= truth - tol)) {
            fail(`score(${show(key)})`, `expected at least its true score ${num(truth)} (a tracked key is never underestimated), got ${num(s)}`);
          }
          if (!(s <= truth + slack + tol)) {
            fail(`score(${show(key)})`, `expected at most its true score + W / capacity = ${num(truth)} + ${num(slack)} = ${num(truth + slack)} (${wText}), got ${num(s)}`);
          }
        } else {
          if (s !== 0) fail(`score(${show(key)})`, `expected 0: ${show(key)} is not among the tracked keys of hot(${this.capacity}) ${show([...tracked.keys()])}, got ${num(s)}`);
          if (truth > slack + tol) {
            fail(`score(${show(key)})`, `expected ${show(key)} to be tracked: its true score ${num(truth)} is above W / capacity (${wText}), but hot(${this.capacity}) is ${show([...tracked.keys()])}`);
          }
        }
      }
    }

    if (this.rules.has('heavy-hitters')) {
      for (const key of this.universe) {
        const truth = this.model.score(key, now);
        if (truth > slack + tol && !tracked.has(key)) {
          fail(`hot(${this.capacity})`, `expected ${show(key)} among the hot keys: its true score ${num(truth)} is above W / capacity (${wText}); got ${show([...tracked.keys()])}`);
        }
      }
    }

    if (this.rules.has('hot-order')) {
      this.checkOrder(`hot(${this.capacity})`, all, tracked, scores, tol);
      for (const n of new Set([1, Math.max(1, this.capacity - 1), this.capacity + 1])) {
        this.checkOrder(`hot(${n})`, this.hot(n), tracked, scores, tol, n);
      }
    }
  }

  /** hot(n): min(n, tracked) tracked keys, scores as score() gives them, highest first, none left out that is higher. */
  checkOrder(call: string, list: readonly { key: string; score: number }[], tracked: ReadonlyMap<string, number>, scores: ReadonlyMap<string, number>, tol: number, n?: number): void {
    const fail = (message: string): never => {
      this.trace.add(call);
      this.trace.steps[this.trace.current - 1]!.result = show(list.map((h) => `${h.key}: ${num(h.score)}`));
      return this.trace.fail(message);
    };
    if (n !== undefined && list.length !== Math.min(n, tracked.size)) fail(`expected min(${n}, ${tracked.size} tracked) = ${Math.min(n, tracked.size)} keys, got ${list.length}`);
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const { key, score } = list[i]!;
      if (seen.has(key)) fail(`${show(key)} is listed twice`);
      seen.add(key);
      if (!tracked.has(key)) fail(`${show(key)} is not among the tracked keys of hot(${this.capacity}) ${show([...tracked.keys()])}`);
      const s = scores.get(key) ?? tracked.get(key)!;
      if (!(Math.abs(score - s) <= tol)) fail(`expected ${show(key)} with the score that score(${show(key)}) gives, ${num(s)}, got ${num(score)}`);
      if (i > 0 && score > list[i - 1]!.score) fail(`expected the highest score first: ${show(key)} (${num(score)}) comes after ${show(list[i - 1]!.key)} (${num(list[i - 1]!.score)})`);
    }
    if (n !== undefined && list.length > 0) {
      const lowest = list[list.length - 1]!.score;
      for (const [key, s] of tracked) {
        if (!seen.has(key) && s > lowest + tol) fail(`expected ${show(key)} (score ${num(s)}) among the ${n} highest: it is higher than ${show(list[list.length - 1]!.key)} (${num(lowest)})`);
      }
    }
  }

  /** Calls hot(n) and checks it is an array of { key: string, score: number }. */
  hot(n: number): { key: string; score: number }[] {
    const list = this.trace.run(() => this.warmer.hot(n), `hot(${n})`);
    const ok = Array.isArray(list) && list.every((h: unknown) => typeof h === 'object' && h !== null && typeof (h as { key?: unknown }).key === 'string' && typeof (h as { score?: unknown }).score === 'number');
    if (!ok) {
      this.trace.add(`hot(${n})`);
      this.trace.fail(`expected an array of { key, score }, got ${show(list)}`);
    }
    return (list as { key: string; score: number }[]).map((h) => ({ key: h.key, score: h.score }));
  }
}

/** A cache the counting runs never use. */
const idleCache = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(),
};

interface Spec {
  id: string;
  statement: string;
  hint: string;
  rules: readonly Rule[];
  runs?: number;
  capacities: readonly number[];
  halfLives?: readonly number[];
  keys?: fc.Arbitrary<string>;
  universe?: readonly string[];
  maxTimes?: number;
  /** The largest clock advance, in half-lives. */
  maxAdvance?: number;
  maxOps?: number;
}

/** A model-based counting property. */
export function scoreProperty(spec: Spec): CheckedProperty {
  const halfLives = spec.halfLives ?? [100, 30, 1000];
  const maxAdvance = spec.maxAdvance ?? 2;
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('record' as const), key: spec.keys ?? skewedKey, times: fc.integer({ min: 1, max: spec.maxTimes ?? 3 }) }), weight: 4 },
    // In half-lives: one shrinks best (a score that should halve); quarters and odd fractions probe the rest.
    { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1, 0.5, 0.25, 2, 0.3, 1.7, maxAdvance) }), weight: 1 },
  );
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 100,
    build: (impl) =>
      fc.property(
        fc.constantFrom(...spec.capacities),
        fc.constantFrom(...halfLives),
        fc.constantFrom(...EPOCHS),
        fc.array(op, { minLength: 1, maxLength: spec.maxOps ?? 40 }),
        (capacity, halfLifeMs, epoch, ops) => {
          const run = new ScoreRun(capacity, halfLifeMs, epoch, new Set(spec.rules), spec.universe);
          run.create(impl);
          for (const o of ops) run.apply(o.kind === 'advance' ? { kind: 'advance', ms: Math.max(1, Math.round(o.ms * halfLifeMs)) } : o);
        },
      ),
  });
}

/** Long horizons: thousands of half-lives pass, in rounds of a few hundred, with accesses in between. */
export function longHorizonProperty(spec: { id: string; statement: string; hint: string }): CheckedProperty {
  const round = fc.record({
    halfLives: fc.integer({ min: 40, max: 300 }),
    keys: fc.array(skewedKey, { minLength: 1, maxLength: 4 }),
  });
  return checked({
    ...spec,
    runs: 30,
    build: (impl) =>
      fc.property(fc.constantFrom(1, 10, 7), fc.constantFrom(2, 4), fc.array(round, { minLength: 8, maxLength: 14 }), (halfLifeMs, capacity, rounds) => {
        const run = new ScoreRun(capacity, halfLifeMs, EPOCHS[0], new Set<Rule>(['finite', 'bounds']));
        run.create(impl);
        for (const r of rounds) {
          const ms = r.halfLives * halfLifeMs;
          run.clock.advance(ms);
          run.trace.add(`clock.advance(${ms}) → t=${run.clock.elapsed}  (${r.halfLives} half-lives, ${run.clock.elapsed / halfLifeMs} in all)`);
          for (const key of r.keys) {
            run.trace.add(`record(${show(key)})`);
            run.trace.run(() => run.warmer.record(key), `record(${show(key)})`);
            run.model.accesses.push({ key, t: run.clock.now() });
          }
          run.check();
        }
      }),
  });
}
