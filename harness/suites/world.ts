/**
 * The world a pattern exercise runs in, under fast-check's scheduler: a database and a cache
 * whose every call the scheduler answers in an order it chooses, with faults injected into
 * chosen calls, and every call written into the trace.
 *
 * The database applies a call when the scheduler releases it (a slow database). The cache does
 * too by default (a remote cache reached over the network: a set sent first may land last), or,
 * with `cacheEffects: 'at-call'`, applies a call when it is made and only its answer waits (one
 * connection to Redis: calls take effect in the order they are sent).
 */
import type fc from 'fast-check';
import type { CacheStore, Database, FailedWrite, Write } from '../../exercises/workbook.js';
import { FaultyDatabase, FaultyStore, InjectedFault, type FaultCall } from '../../lib/faults.js';
import { ManualTime } from '../../lib/manual-time.js';
import { MemoryDatabase } from '../../lib/memory-database.js';
import { MemoryStore } from '../../lib/memory-store.js';
import { show } from '../grade/show.js';
import type { Trace } from '../grade/trace.js';
import { describeError } from './async-calls.js';

/** Which calls fail: by the index of the call among the database's (or the cache's) calls. */
export interface FaultPlan {
  /** Indices of database calls to fail (writes inside a batch count one each). */
  db?: ReadonlySet<number>;
  /** Indices of cache calls to fail, counting only the methods in `cacheMethods`. */
  cache?: ReadonlySet<number>;
  /** The cache methods that may fail. Default: get and set. */
  cacheMethods?: readonly ('get' | 'set' | 'delete')[];
  /** Also fails the database calls (or batch writes) for which this returns true. */
  dbWhen?: (call: FaultCall) => boolean;
}

/** Told about each batch as it is sent to the database and as it is answered. */
export interface BatchWatcher {
  sent(writes: readonly Write<string>[]): void;
  /** `failed` holds every write when the whole batch rejected. */
  answered(writes: readonly Write<string>[], failed: readonly FailedWrite<string>[]): void;
}

/** When a cache call takes effect: when the scheduler answers it (default), or when it is made. */
export type CacheEffects = 'at-answer' | 'at-call';

/** A cache `set` the implementation made. */
export interface CacheSet {
  key: string;
  value: string;
  ttlMs: number | undefined;
  /** The trace step of the call. */
  step: number;
}

/** The moment a grader's clock starts: far from Date.now(), so wall-clock reads are caught. */
export const WORLD_EPOCH = 1_000_000;

/** A scheduled database and cache, their contents, and a record of every call. */
export class World {
  readonly time = new ManualTime(WORLD_EPOCH);
  readonly rows = new MemoryDatabase<string>();
  readonly store = new MemoryStore<string>({ clock: this.time });
  /** Every value the database has stored at some point. */
  readonly applied = new Set<string>();
  /** How many deletes of each key the database has applied. */
  readonly deletes = new Map<string, number>();
  /** Every error injected into a database call (or a write of a batch), in order. */
  readonly injectedDb: unknown[] = [];
  /** Every error injected into a cache call, in order. */
  readonly injectedCache: unknown[] = [];
  readonly cacheSets: CacheSet[] = [];
  /** Faults are injected only while this is true. */
  faultsOn = true;
  /** Told about each batch the implementation writes. */
  batches: BatchWatcher | undefined;
  /** Called as the implementation calls cache.set or cache.delete, before the call is applied. */
  beforeCache: ((method: 'set' | 'delete', key: string) => void) | undefined;
  readonly db: Database<string>;
  readonly cache: CacheStore<string>;
  readonly faultyDb: FaultyDatabase<string>;
  readonly faultyCache: FaultyStore<string>;
  #cacheIndex = 0;

  constructor(
    /** The scheduler answering calls; a property may give each round its own. */
    public s: fc.Scheduler,
    readonly trace: Trace,
    plan: FaultPlan = {},
    readonly cacheEffects: CacheEffects = 'at-answer',
  ) {
    const cacheMethods = plan.cacheMethods ?? ['get', 'set'];
    this.faultyDb = new FaultyDatabase(this.rows, {
      fail: (call) => this.faultsOn && ((plan.db?.has(call.index) ?? false) || (plan.dbWhen?.(call) ?? false)),
    });
    this.faultyCache = new FaultyStore(this.store, {
      fail: (call) => {
        if (call.method === 'writeBatch' || !cacheMethods.includes(call.method)) return false;
        const index = this.#cacheIndex++;
        return this.faultsOn && (plan.cache?.has(index) ?? false);
      },
    });
    this.db = this.#scheduledDb();
    this.cache = this.#scheduledCache();
  }

  /** What the database holds for `key`. */
  row(key: string): string | undefined {
    return this.rows.snapshot().get(key);
  }

  /** Lets the scheduler answer one database call after it was made: the database applies it then. */
  #released<T>(label: string, apply: () => Promise<T>, describe: (value: T) => string): Promise<T> {
    this.trace.steps.push({ call: `  ${label} …` });
    return this.s.schedule(Promise.resolve(), label).then(apply).then(
      (value) => {
        this.trace.steps.push({ call: `  ${label}`, result: describe(value) });
        return value;
      },
      (error: unknown) => {
        if (error instanceof InjectedFault) this.injectedDb.push(error);
        this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(error)}` });
        throw error;
      },
    );
  }

  #scheduledDb(): Database<string> {
    const db = this.faultyDb;
    const noted = (value: string) => {
      this.applied.add(value);
      return 'ok';
    };
    return {
      get: (key) => this.#released(`db.get(${show(key)})`, () => db.get(key), show),
      set: (key, value) => this.#released(`db.set(${show(key)}, ${show(value)})`, () => db.set(key, value), () => noted(value)),
      delete: (key) =>
        this.#released(`db.delete(${show(key)})`, () => db.delete(key), () => {
          this.deletes.set(key, (this.deletes.get(key) ?? 0) + 1);
          return 'ok';
        }),
      writeBatch: (writes) => {
        const copy = Array.isArray(writes) ? [...writes] : writes;
        this.batches?.sent(copy);
        const answer = this.#released(
          `db.writeBatch([${Array.isArray(writes) ? writes.map(describeWrite).join(', ') : show(writes)}])`,
          () => db.writeBatch(writes),
          (failed: readonly FailedWrite<string>[]) => {
            for (const w of copy) if (w.kind === 'set' && !failed.some((f) => f.write === w)) this.applied.add(w.value);
            for (const f of failed) this.injectedDb.push(f.error);
            this.batches?.answered(copy, failed);
            return failed.length === 0 ? 'all written' : `failed: ${failed.map((f) => describeWrite(f.write)).join(', ')}`;
          },
        );
        answer.catch((error: unknown) => this.batches?.answered(copy, copy.map((write) => ({ write, error }))));
        return answer;
      },
    };
  }

  #scheduledCache(): CacheStore<string> {
    const cache = this.faultyCache;
    const answer = <T>(label: string, call: () => Promise<T>, describe: (value: T) => string): Promise<T> => {
      if (this.cacheEffects === 'at-answer') {
        this.trace.steps.push({ call: `  ${label} …` });
        return this.s.schedule(Promise.resolve(), label).then(() => note(label, call(), describe));
      }
      const noted = note(label, call(), describe);
      noted.catch(() => undefined);
      return this.s.schedule(Promise.resolve(), label).then(() => noted);
    };
    const note = <T>(label: string, effect: Promise<T>, describe: (value: T) => string): Promise<T> =>
      effect.then(
        (value) => {
          this.trace.steps.push({ call: `  ${label}`, result: describe(value) });
          return value;
        },
        (error: unknown) => {
          if (error instanceof InjectedFault) this.injectedCache.push(error);
          this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(error)}` });
          throw error;
        },
      );
    return {
      get: (key) => answer(`cache.get(${show(key)})`, () => cache.get(key), show),
      set: (key, value, ttlMs) => {
        this.beforeCache?.('set', key);
        const label = `cache.set(${show(key)}, ${show(value)}${ttlMs === undefined ? '' : `, ${show(ttlMs)}`})`;
        return answer(label, () => cache.set(key, value, ttlMs), () => {
          this.cacheSets.push({ key, value, ttlMs, step: this.trace.current + 1 });
          return 'ok';
        });
      },
      delete: (key) => {
        this.beforeCache?.('delete', key);
        return answer(`cache.delete(${show(key)})`, () => cache.delete(key), () => 'ok');
      },
    };
  }

  /** The cache calls of `method` made so far, with whether each failed. */
  cacheCalls(method: FaultCall['method']): readonly FaultCall[] {
    return this.faultyCache.log.filter((c) => c.method === method);
  }
}

/** A write as the trace shows it: `set "a"="v1"` or `delete "a"`. */
export function describeWrite(write: Write<string>): string {
  return write.kind === 'set' ? `set ${show(write.key)}=${show(write.value)}` : `delete ${show(write.key)}`;
}
