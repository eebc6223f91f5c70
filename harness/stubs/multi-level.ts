/**
 * Exercise `multi-level` — a read goes to process memory (L1), then a shared cache (L2), then the
 * database (L3), and writes keep all three levels in agreement.
 *
 * Read first: chapters/05-operations/README.md (section "Multi-level caching").
 * Grade it:   npm run exercise multi-level
 *
 * The contract (the grader checks exactly this, nothing else):
 * - L1 and L2 store {@link LevelEntry} objects: the value and `expiresAt`, read on `clock`. An
 *   entry is live while `clock.now() < expiresAt`; at `expiresAt` it is a miss, like no entry.
 * - `get(key)`: a live L1 entry is returned without calling L2 or the database. Else `l2.get`: a
 *   live entry is returned and put in L1 with `expiresAt = min(now + l1TtlMs, the L2 entry's
 *   expiresAt)` (a copy never outlives the entry it was copied from). Else `db.get`: a value found
 *   is put in L2 as `{ value, expiresAt: now + l2TtlMs }` with `l2.set(key, entry, l2TtlMs)`, then
 *   in L1 with `expiresAt = min(now + l1TtlMs, now + l2TtlMs)`, and returned. A key the database
 *   does not have returns `undefined` and caches nothing.
 * - Concurrent gets of one key that miss L1 share one load: one `l2.get` and at most one
 *   `db.get` for all of them, and they all get its value.
 * - `set(key, value)` writes the database, then L2 (`expiresAt: now + l2TtlMs`, ttlMs
 *   `l2TtlMs`), then L1 (`expiresAt: min(now + l1TtlMs, now + l2TtlMs)`), and resolves once all
 *   three are done. `delete(key)` deletes from the database, then L2, then L1. No level is
 *   written before the database has the write.
 * - However calls interleave, once a `set`/`delete` has resolved no `get` returns an older value,
 *   and no level is later filled with one: a slow `get` that read the old value must not put it
 *   in a level after the write (serialise the loads and writes of a key, as in chapter 3).
 * - A level is an optimisation: an L1 call that throws or an L2 call that rejects during `get` is
 *   reported to `onLevelError(error, level, operation, key)` and skipped (a miss, or no fill); it
 *   never fails the read. In `set`/`delete`, a level that fails is reported, the other levels are
 *   still written, and the call rejects with that level's error.
 * - A database error rejects the call (`get` included), and no level is given a value the
 *   database does not hold.
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: options not
 *   an object, an `l1` without get/set/delete functions, an `l2` or `db` without get/set/delete
 *   methods, `l1TtlMs`/`l2TtlMs` not positive finite numbers, a `clock` without `now()`, an
 *   `onLevelError` that is not a function, a key that is not a string, a value that is `undefined`.
 *
 * @module
 */
import type { CacheStore, Clock, Database } from './workbook.js';

/**
 * What L1 and L2 store for a key: the value, and the time (on `clock`, in milliseconds) at which
 * it stops being live. Live while `clock.now() < expiresAt`.
 */
export interface LevelEntry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * L1: a synchronous, bounded, in-process store. It may forget any entry at any time (it evicts
 * when full). Your `LRUCache<string, LevelEntry<V>>` from exercise `lru` fits it as it is.
 */
export interface MemoryLevel<E> {
  /** The entry under `key`, or `undefined`. */
  get(key: string): E | undefined;
  /** Stores `entry` under `key` (possibly evicting another key). */
  set(key: string, entry: E): unknown;
  /** Removes `key`. */
  delete(key: string): unknown;
}

/** Options for {@link MultiLevelCache}. */
export interface MultiLevelCacheOptions<V> {
  /** L1: process memory, bounded by its own capacity. */
  l1: MemoryLevel<LevelEntry<V>>;
  /** L2: a cache shared by every process (Redis in the integration test). */
  l2: CacheStore<LevelEntry<V>>;
  /** L3: the system of record. */
  db: Database<V>;
  /** The longest an entry lives in L1, in milliseconds: a positive finite number. */
  l1TtlMs: number;
  /** How long an entry lives in L2, in milliseconds: a positive finite number. */
  l2TtlMs: number;
  /** Where `now` comes from. Default: the wall clock. */
  clock?: Clock;
  /** Told about each L1 or L2 error that was survived or that made a write reject. Default: nothing. */
  onLevelError?: (error: unknown, level: 'l1' | 'l2', operation: 'get' | 'set' | 'delete', key: string) => void;
}

/** A read-through cache over two levels, L1 (memory) and L2 (shared), in front of a database. */
export class MultiLevelCache<V> {
  /** @param options - the two levels, the database, their TTLs, and an optional clock and error reporter. */
  constructor(options: MultiLevelCacheOptions<V>) {
    void options;
    throw new Error('Not implemented: MultiLevelCache constructor');
  }

  /** The value of `key`: from the first level that has a live entry, else from the database (then put in both levels). */
  get(key: string): Promise<V | undefined> {
    void key;
    throw new Error('Not implemented: MultiLevelCache.get');
  }

  /** Writes `value` to the database, then L2, then L1; resolves when all three are done. */
  set(key: string, value: V): Promise<void> {
    void key;
    void value;
    throw new Error('Not implemented: MultiLevelCache.set');
  }

  /** Deletes `key` from the database, then L2, then L1; resolves when all three are done. */
  delete(key: string): Promise<void> {
    void key;
    throw new Error('Not implemented: MultiLevelCache.delete');
  }
}
