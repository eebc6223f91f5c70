/**
 * Model-based checking shared by the LRU and LFU suites: the operations as fast-check commands,
 * the observables compared after each one, and the two models (a few obvious lines each).
 */
import fc from 'fast-check';
import { show, showArgs } from '../grade/show.js';
import { Trace } from '../grade/trace.js';

/** The keys the suites use. `1` and `"1"` are different keys; so is an object, by identity. */
export const KEYS: readonly unknown[] = [1, '1', 2, '2', 'a', 3, 'b', { id: 7 }];

/** The public contract of both caches, as the suites see it. */
export interface CacheLike {
  readonly size: number;
  get(key: unknown): unknown;
  peek(key: unknown): unknown;
  has(key: unknown): boolean;
  set(key: unknown, value: unknown): unknown;
  delete(key: unknown): boolean;
  clear(): void;
  keys?(): Iterable<unknown>;
}

/** A cache class as exported by a module under test. */
export type CacheClass = new (capacity: number, options?: { onEvict?: (key: unknown, value: unknown) => void }) => CacheLike;

/** What a model says about an absent key: why it is absent, for the trace. */
export interface Lookup {
  value: unknown;
  /** Why the key is absent (`evicted at step 5`); undefined when present. */
  reason?: string;
}

/** The reference behaviour. `step` is the trace step number, for reasons. */
export interface CacheModel {
  readonly size: number;
  get(key: unknown, step: number): Lookup;
  peek(key: unknown, step: number): Lookup;
  has(key: unknown): boolean;
  /** Returns the entry evicted to make room, if any. */
  set(key: unknown, value: unknown, step: number): [unknown, unknown] | undefined;
  delete(key: unknown, step: number): boolean;
  clear(step: number): void;
  /** Keys in the order keys() must list them (most recently used first). */
  keys(): unknown[];
}

/** What is compared after every command. */
export interface Observe {
  size?: boolean;
  evictions?: boolean;
  keys?: boolean;
  /** has(k) for every key of KEYS. */
  membership?: boolean;
}

/** The system under test, with the trace it writes and the onEvict calls it received. */
export interface Real {
  cache: CacheLike;
  trace: Trace;
  evicted: [unknown, unknown][];
  observe: Observe;
}

type Cmd = fc.Command<CacheModel, Real>;

/** Builds a fresh cache of `capacity` and its model, writing step 1 of the trace. */
export function setup(cls: CacheClass, name: string, model: CacheModel, capacity: number, observe: Observe): () => { model: CacheModel; real: Real } {
  return () => {
    // Built inside the predicate of each run, so the model is fresh every time.
    const trace = new Trace();
    const real: Real = { cache: undefined as unknown as CacheLike, trace, evicted: [], observe };
    trace.add(`new ${name}(${capacity}, { onEvict })`);
    real.cache = trace.run(() => new cls(capacity, { onEvict: (k, v) => void real.evicted.push([k, v]) }));
    return { model, real };
  };
}

abstract class Op implements Cmd {
  check(): boolean {
    return true;
  }
  abstract label(): string;
  abstract apply(model: CacheModel, real: Real, step: number): void;
  run(model: CacheModel, real: Real): void {
    real.trace.add(this.label());
    this.apply(model, real, real.trace.current);
  }
  toString(): string {
    return this.label();
  }
}

/** A call of one key that returns something to compare: get, peek, has or delete. */
class KeyCall extends Op {
  constructor(
    readonly method: 'get' | 'peek' | 'has' | 'delete',
    readonly key: unknown,
  ) {
    super();
  }
  label(): string {
    return `${this.method}${showArgs([this.key])}`;
  }
  apply(model: CacheModel, real: Real, step: number): void {
    const got = real.trace.run(() => real.cache[this.method](this.key));
    real.trace.steps[step - 1]!.result = show(got);
    const want: Lookup =
      this.method === 'get' || this.method === 'peek'
        ? model[this.method](this.key, step)
        : { value: this.method === 'has' ? model.has(this.key) : model.delete(this.key, step) };
    real.trace.expect('', got, want.value, want.reason);
    afterEach(model, real, []);
  }
}

class Set_ extends Op {
  constructor(
    readonly key: unknown,
    readonly value: number,
  ) {
    super();
  }
  label(): string {
    return `set${showArgs([this.key, this.value])}`;
  }
  apply(model: CacheModel, real: Real, step: number): void {
    const got = real.trace.run(() => real.cache.set(this.key, this.value));
    if (got !== real.cache) real.trace.fail(`expected set() to return the cache itself (for chaining), got ${show(got)}`);
    const evicted = model.set(this.key, this.value, step);
    afterEach(model, real, evicted ? [evicted] : []);
  }
}

class Clear extends Op {
  label(): string {
    return 'clear()';
  }
  apply(model: CacheModel, real: Real, step: number): void {
    real.trace.run(() => real.cache.clear());
    model.clear(step);
    afterEach(model, real, []);
  }
}

/** Compares the observables the property asked for, after a command. */
function afterEach(model: CacheModel, real: Real, evictions: [unknown, unknown][]): void {
  const { trace, cache, observe } = real;
  const got = real.evicted.splice(0);
  if (observe.evictions && !sameEvictions(got, evictions)) {
    const fmt = (list: [unknown, unknown][]): string =>
      list.length === 0 ? 'no call' : list.map(([k, v]) => `onEvict${showArgs([k, v])}`).join(', ');
    trace.fail(`expected ${fmt(evictions)}, got ${fmt(got)}`);
  }
  if (observe.size) trace.expect('size: ', trace.run(() => cache.size, 'size'), model.size);
  if (observe.keys) {
    const keys = trace.run(() => [...(cache.keys as () => Iterable<unknown>).call(cache)], 'keys()');
    trace.expect('keys(): ', keys, model.keys(), 'most recently used first');
  }
  if (observe.membership) {
    for (const key of KEYS) {
      trace.expect(`has(${show(key)}): `, trace.run(() => cache.has(key), `has(${show(key)})`), model.has(key));
    }
  }
}

function sameEvictions(a: [unknown, unknown][], b: [unknown, unknown][]): boolean {
  return a.length === b.length && a.every(([k, v], i) => Object.is(k, b[i]![0]) && Object.is(v, b[i]![1]));
}

/** The operations a property may use. */
export type OpName = 'get' | 'peek' | 'has' | 'set' | 'delete' | 'clear';

/** Command arbitraries for the chosen operations, over `keys` (set is weighted up). */
export function commandArbs(ops: readonly OpName[], keys: readonly unknown[] = KEYS): fc.Arbitrary<Cmd>[] {
  const key = fc.constantFrom(...keys);
  const value = fc.integer({ min: 0, max: 99 });
  const all: Record<OpName, fc.Arbitrary<Cmd>[]> = {
    get: [key.map((k) => new KeyCall('get', k))],
    peek: [key.map((k) => new KeyCall('peek', k))],
    has: [key.map((k) => new KeyCall('has', k))],
    set: [fc.tuple(key, value).map(([k, v]) => new Set_(k, v)), fc.tuple(key, value).map(([k, v]) => new Set_(k, v))],
    delete: [key.map((k) => new KeyCall('delete', k))],
    clear: [fc.constant(new Clear())],
  };
  return ops.flatMap((op) => all[op]);
}

/** Long enough sequences to reach multi-step bugs; see the buggy variants that prove it. */
export const SEQUENCE = { maxCommands: 80, size: 'medium' } as const;

/** Models an absent key's story: why it is not there. */
export class Absences {
  readonly #why = new Map<unknown, string>();
  forget(key: unknown): void {
    this.#why.delete(key);
  }
  note(key: unknown, why: string): void {
    this.#why.set(key, why);
  }
  reason(key: unknown): string {
    return this.#why.get(key) ?? 'never set';
  }
}

/** The LRU model: an array of entries, least recently used first. */
export class LRUModel implements CacheModel {
  readonly #entries: [unknown, unknown][] = [];
  readonly #absent = new Absences();
  constructor(readonly capacity: number) {}
  get size(): number {
    return this.#entries.length;
  }
  #find(key: unknown): number {
    return this.#entries.findIndex(([k]) => Object.is(k, key));
  }
  #touch(i: number): void {
    this.#entries.push(...this.#entries.splice(i, 1));
  }
  get(key: unknown): Lookup {
    const i = this.#find(key);
    if (i < 0) return { value: undefined, reason: this.#absent.reason(key) };
    const value = this.#entries[i]![1];
    this.#touch(i);
    return { value };
  }
  peek(key: unknown): Lookup {
    const i = this.#find(key);
    return i < 0 ? { value: undefined, reason: this.#absent.reason(key) } : { value: this.#entries[i]![1] };
  }
  has(key: unknown): boolean {
    return this.#find(key) >= 0;
  }
  set(key: unknown, value: unknown, step: number): [unknown, unknown] | undefined {
    const i = this.#find(key);
    if (i >= 0) {
      this.#entries[i]![1] = value;
      this.#touch(i);
      return undefined;
    }
    let evicted: [unknown, unknown] | undefined;
    if (this.#entries.length === this.capacity) {
      evicted = this.#entries.shift()!;
      this.#absent.note(evicted[0], `evicted at step ${step}`);
    }
    this.#entries.push([key, value]);
    this.#absent.forget(key);
    return evicted;
  }
  delete(key: unknown, step: number): boolean {
    const i = this.#find(key);
    if (i < 0) return false;
    this.#entries.splice(i, 1);
    this.#absent.note(key, `deleted at step ${step}`);
    return true;
  }
  clear(step: number): void {
    for (const [k] of this.#entries) this.#absent.note(k, `cleared at step ${step}`);
    this.#entries.length = 0;
  }
  keys(): unknown[] {
    return this.#entries.map(([k]) => k).reverse();
  }
}

/** The LFU model: entries with a use count and the time of their last access. */
export class LFUModel implements CacheModel {
  readonly #entries: { key: unknown; value: unknown; count: number; last: number }[] = [];
  readonly #absent = new Absences();
  #tick = 0;
  constructor(readonly capacity: number) {}
  get size(): number {
    return this.#entries.length;
  }
  #find(key: unknown): number {
    return this.#entries.findIndex((e) => Object.is(e.key, key));
  }
  get(key: unknown): Lookup {
    const e = this.#entries[this.#find(key)];
    if (!e) return { value: undefined, reason: this.#absent.reason(key) };
    e.count++;
    e.last = ++this.#tick;
    return { value: e.value };
  }
  peek(key: unknown): Lookup {
    const e = this.#entries[this.#find(key)];
    return e ? { value: e.value } : { value: undefined, reason: this.#absent.reason(key) };
  }
  has(key: unknown): boolean {
    return this.#find(key) >= 0;
  }
  set(key: unknown, value: unknown, step: number): [unknown, unknown] | undefined {
    const e = this.#entries[this.#find(key)];
    if (e) {
      e.value = value;
      e.count++;
      e.last = ++this.#tick;
      return undefined;
    }
    let evicted: [unknown, unknown] | undefined;
    if (this.#entries.length === this.capacity) {
      // Smallest count; among equal counts, the oldest last access.
      let victim = 0;
      this.#entries.forEach((c, i) => {
        const v = this.#entries[victim]!;
        if (c.count < v.count || (c.count === v.count && c.last < v.last)) victim = i;
      });
      const [gone] = this.#entries.splice(victim, 1);
      evicted = [gone!.key, gone!.value];
      this.#absent.note(gone!.key, `evicted at step ${step}: count ${gone!.count}, the lowest`);
    }
    this.#entries.push({ key, value, count: 1, last: ++this.#tick });
    this.#absent.forget(key);
    return evicted;
  }
  delete(key: unknown, step: number): boolean {
    const i = this.#find(key);
    if (i < 0) return false;
    this.#entries.splice(i, 1);
    this.#absent.note(key, `deleted at step ${step}`);
    return true;
  }
  clear(step: number): void {
    for (const e of this.#entries) this.#absent.note(e.key, `cleared at step ${step}`);
    this.#entries.length = 0;
  }
  keys(): unknown[] {
    return this.#entries.map((e) => e.key);
  }
}
