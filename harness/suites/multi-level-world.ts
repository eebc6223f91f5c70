/**
 * The world a multi-level cache runs in, under fast-check's scheduler: L1, a small LRU of the
 * grader's own (3 entries, so the learner cannot count on L1 keeping anything); L2, a remote cache
 * whose calls take effect when made and whose answers the scheduler releases (one connection to
 * Redis); the database, which applies a call when the scheduler releases it (a slow database).
 * Faults are injected into chosen calls of each, and every call of note is written into the trace.
 */
import type fc from 'fast-check';
import type { CacheStore, Database } from '../../exercises/workbook.js';
import { ManualTime } from '../../lib/manual-time.js';
import { MemoryStore } from '../../lib/memory-store.js';
import { show } from '../grade/show.js';
import type { Trace } from '../grade/trace.js';
import { describeError } from './async-calls.js';

/** The grader's clock starts here: far from Date.now(), so wall-clock reads are caught. */
export const EPOCH = 1_000_000;
/** How many entries the grader's L1 holds. */
export const L1_CAPACITY = 3;

export type LevelName = 'l1' | 'l2' | 'db';
export type Method = 'get' | 'set' | 'delete';

/** What the contract says L1 and L2 store. */
export interface Entry {
  value: unknown;
  expiresAt: number;
}

/** The L1 shape the learner is given. */
export interface MemoryLevel {
  get(key: string): unknown;
  set(key: string, entry: unknown): unknown;
  delete(key: string): unknown;
}

/** An error the world injected on purpose. */
export class LevelFault extends Error {
  constructor(
    readonly level: LevelName,
    readonly operation: Method,
    readonly key: string,
  ) {
    super(`injected fault: ${level}.${operation}("${key}") failed`);
    this.name = 'InjectedFault';
  }
}

/** Which calls fail, by their index among that level's calls (counting get, set and delete). */
export interface FaultPlan {
  l1?: ReadonlySet<number>;
  l2?: ReadonlySet<number>;
  db?: ReadonlySet<number>;
}

/** A level write the implementation made. */
export interface LevelWrite {
  level: 'l1' | 'l2';
  method: 'set' | 'delete';
  key: string;
  entry?: unknown;
  ttlMs?: unknown;
  /** The trace step of the call. */
  step: number;
  failed: boolean;
}

/** A least-recently-used map: the grader's L1. `peek` reads without touching the order. */
export class TinyLru {
  readonly #map = new Map<string, unknown>();
  constructor(readonly capacity: number) {}
  peek(key: string): unknown {
    return this.#map.get(key);
  }
  get(key: string): unknown {
    if (!this.#map.has(key)) return undefined;
    const value = this.#map.get(key);
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }
  set(key: string, value: unknown): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.capacity) this.#map.delete(this.#map.keys().next().value!);
  }
  delete(key: string): void {
    this.#map.delete(key);
  }
  keys(): string[] {
    return [...this.#map.keys()];
  }
}

/** An entry as the trace shows it: `{ value: "a0", expiresAt: 1001000 }`. */
export function showEntry(entry: unknown): string {
  if (isEntry(entry)) return `{ value: ${show(entry.value)}, expiresAt: ${show(entry.expiresAt)} }`;
  return show(entry);
}

/** Whether `x` has the LevelEntry shape. */
export function isEntry(x: unknown): x is Entry {
  return typeof x === 'object' && x !== null && 'value' in x && typeof (x as { expiresAt?: unknown }).expiresAt === 'number';
}

/** The three levels, their contents, and a record of every call. */
export class LevelWorld {
  readonly time = new ManualTime(EPOCH);
  readonly lru = new TinyLru(L1_CAPACITY);
  readonly store = new MemoryStore<unknown>({ clock: this.time });
  readonly rows = new Map<string, string>();
  /** Per key, every value the database has held, in order (undefined for "no row"). */
  readonly history = new Map<string, (string | undefined)[]>();
  /** Every fault injected, in order. */
  readonly injected: LevelFault[] = [];
  readonly writes: LevelWrite[] = [];
  /** Calls made, per level and method. */
  readonly counts: Record<LevelName, Record<Method, number>> = {
    l1: { get: 0, set: 0, delete: 0 },
    l2: { get: 0, set: 0, delete: 0 },
    db: { get: 0, set: 0, delete: 0 },
  };
  /** Calls to l2.get and db.get, per key. */
  readonly reads = { l2: new Map<string, number>(), db: new Map<string, number>() };
  /** Faults are injected only while this is true. */
  faultsOn = true;
  /** Called as the implementation writes a level, before the write is applied. */
  beforeLevelWrite: ((level: 'l1' | 'l2', method: 'set' | 'delete', key: string) => void) | undefined;
  readonly l1: MemoryLevel;
  readonly l2: CacheStore<unknown>;
  readonly db: Database<string>;
  readonly #index: Record<LevelName, number> = { l1: 0, l2: 0, db: 0 };

  constructor(
    public s: fc.Scheduler,
    readonly trace: Trace,
    readonly plan: FaultPlan = {},
  ) {
    this.l1 = this.#memoryLevel();
    this.l2 = this.#sharedLevel();
    this.db = this.#database();
  }

  /** Puts rows in the database before the run (not a call). */
  seed(rows: Readonly<Record<string, string>>): void {
    for (const [key, value] of Object.entries(rows)) {
      this.rows.set(key, value);
      this.history.set(key, [value]);
    }
  }

  /** The value history of `key` in the database, starting with its first value. */
  historyOf(key: string): (string | undefined)[] {
    let h = this.history.get(key);
    if (h === undefined) this.history.set(key, (h = [undefined]));
    return h;
  }

  get now(): number {
    return this.time.now();
  }

  /** The live L1 entry of `key` (without touching the LRU order), or undefined. */
  l1Live(key: string): Entry | undefined {
    const e = this.lru.peek(key);
    return isEntry(e) && this.now < e.expiresAt ? e : undefined;
  }

  /** The live L2 entry of `key`, or undefined. */
  l2Live(key: string): Entry | undefined {
    const e = this.store.peek(key);
    return isEntry(e) && this.now < e.expiresAt ? e : undefined;
  }

  /** What L1 or L2 holds under `key` that is not a LevelEntry, if anything. */
  malformed(key: string): string | undefined {
    const e1 = this.lru.peek(key);
    if (e1 !== undefined && !isEntry(e1)) return `L1 holds ${show(e1)} for ${show(key)}: store { value, expiresAt } objects (a LevelEntry)`;
    const e2 = this.store.peek(key);
    if (e2 !== undefined && !isEntry(e2)) return `L2 holds ${show(e2)} for ${show(key)}: store { value, expiresAt } objects (a LevelEntry)`;
    return undefined;
  }

  #fault(level: LevelName, operation: Method, key: string): LevelFault | undefined {
    const index = this.#index[level]++;
    if (!this.faultsOn || !(this.plan[level]?.has(index) ?? false)) return undefined;
    const fault = new LevelFault(level, operation, key);
    this.injected.push(fault);
    return fault;
  }

  #count(level: LevelName, method: Method, key: string): void {
    this.counts[level][method]++;
    if (method === 'get' && level !== 'l1') this.reads[level].set(key, (this.reads[level].get(key) ?? 0) + 1);
  }

  /** L1: synchronous; only writes and failures are traced (a read is too common to show). */
  #memoryLevel(): MemoryLevel {
    const call = (method: Method, key: string, entry?: unknown): unknown => {
      this.#count('l1', method, key);
      const label = `l1.${method}(${show(key)}${method === 'set' ? `, ${showEntry(entry)}` : ''})`;
      if (method !== 'get') this.beforeLevelWrite?.('l1', method, key);
      const fault = this.#fault('l1', method, key);
      if (method !== 'get') this.writes.push({ level: 'l1', method, key, entry, step: this.trace.current + 1, failed: fault !== undefined });
      if (fault !== undefined) {
        this.trace.steps.push({ call: `  ${label}`, result: `✗ threw ${describeError(fault)}` });
        throw fault;
      }
      if (method !== 'get') this.trace.steps.push({ call: `  ${label}` });
      if (method === 'get') return this.lru.get(key);
      if (method === 'set') this.lru.set(key, entry);
      else this.lru.delete(key);
      return undefined;
    };
    return {
      get: (key) => call('get', key),
      set: (key, entry) => call('set', key, entry),
      delete: (key) => call('delete', key),
    };
  }

  /** L2: a call takes effect when made; the scheduler releases its answer. */
  #sharedLevel(): CacheStore<unknown> {
    const call = <T>(method: Method, key: string, label: string, effect: () => Promise<T>, describe: (value: T) => string, entry?: unknown, ttlMs?: unknown): Promise<T> => {
      this.#count('l2', method, key);
      if (method !== 'get') this.beforeLevelWrite?.('l2', method, key);
      const fault = this.#fault('l2', method, key);
      if (method !== 'get') this.writes.push({ level: 'l2', method, key, entry, ttlMs, step: this.trace.current + 1, failed: fault !== undefined });
      this.trace.steps.push({ call: `  ${label} …` });
      const outcome: Promise<T> = fault !== undefined ? Promise.reject(fault) : effect();
      outcome.catch(() => undefined);
      return this.s.schedule(Promise.resolve(), label).then(() =>
        outcome.then(
          (value) => {
            this.trace.steps.push({ call: `  ${label}`, result: describe(value) });
            return value;
          },
          (error: unknown) => {
            this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(error)}` });
            throw error;
          },
        ),
      );
    };
    return {
      get: (key) => call('get', key, `l2.get(${show(key)})`, () => this.store.get(key), showEntry),
      set: (key, entry, ttlMs) =>
        call('set', key, `l2.set(${show(key)}, ${showEntry(entry)}${ttlMs === undefined ? '' : `, ${show(ttlMs)}`})`, () => this.store.set(key, entry, ttlMs), () => 'ok', entry, ttlMs),
      delete: (key) => call('delete', key, `l2.delete(${show(key)})`, () => this.store.delete(key), () => 'ok'),
    };
  }

  /** The database: applies a call when the scheduler releases it. */
  #database(): Database<string> {
    const call = <T>(method: Method, key: string, label: string, apply: () => T, describe: (value: T) => string): Promise<T> => {
      this.#count('db', method, key);
      this.trace.steps.push({ call: `  ${label} …` });
      return this.s.schedule(Promise.resolve(), label).then(() => {
        const fault = this.#fault('db', method, key);
        if (fault !== undefined) {
          this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(fault)}` });
          throw fault;
        }
        const value = apply();
        this.trace.steps.push({ call: `  ${label}`, result: describe(value) });
        return value;
      });
    };
    const record = (key: string, value: string | undefined): void => {
      if (value === undefined) this.rows.delete(key);
      else this.rows.set(key, value);
      this.historyOf(key).push(value);
    };
    return {
      get: (key) => call('get', key, `db.get(${show(key)})`, () => this.rows.get(key), show),
      set: (key, value) => call('set', key, `db.set(${show(key)}, ${show(value)})`, () => record(key, value), () => 'ok'),
      delete: (key) => call('delete', key, `db.delete(${show(key)})`, () => record(key, undefined), () => 'ok'),
      writeBatch: () => Promise.reject(new Error('writeBatch is not part of this exercise')),
    };
  }
}
