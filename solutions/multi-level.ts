/**
 * Reference solution for the `multi-level` exercise: process memory (L1), then a shared cache
 * (L2), then the database, with writes that keep the three in agreement.
 *
 * A read asks L1 synchronously; a live entry is the answer, with no lock and no network. On an L1
 * miss the read *loads*: it asks L2, and on an L2 miss the database, and copies what it found
 * into the faster levels. A copy is never given more life than its source has left: an L2 hit is
 * put in L1 until `min(now + l1TtlMs, the L2 entry's expiresAt)`, so L1 never serves a value the
 * shared level has already dropped (a delete from another process reaches L2, not our L1).
 *
 * Two mechanisms keep loads honest under concurrency:
 * - **Single-flight**: the loads in flight are kept per key (`#loads`); a get that misses L1
 *   while one is in flight waits for it instead of starting its own, so a thousand concurrent
 *   misses cost one `l2.get` and at most one `db.get`.
 * - **Per-key serialisation**: loads and writes of a key run one at a time through a `KeyLock`
 *   (`key-lock.ts`). A load then runs wholly before a write (and the write overwrites what it
 *   cached) or wholly after it (and it reads the new value): the stale fill of chapter 3, now at
 *   two levels, cannot happen.
 *
 * L1 and L2 are optimisations: their errors are reported to `onLevelError` and skipped on reads.
 * A write still writes the other levels when one fails, and then rejects with that error, since
 * the failed level may keep the old value until its TTL ends.
 *
 * @module
 */
import { type CacheStore, type Clock, type Database } from '../exercises/workbook.js';
import { checkClock, checkFunction, checkKey, checkMethods, checkNumber, checkOptions, checkValue } from './arguments.js';
import { KeyLock } from './key-lock.js';

/** What L1 and L2 store for a key: the value, and when it stops being live (on the clock). */
export interface LevelEntry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/** L1: a synchronous, bounded, in-process store (an `LRUCache<string, LevelEntry<V>>` fits). */
export interface MemoryLevel<E> {
  /** The entry under `key`, or `undefined`. */
  get(key: string): E | undefined;
  /** Stores `entry` under `key`. */
  set(key: string, entry: E): unknown;
  /** Removes `key`. */
  delete(key: string): unknown;
}

/** Which level failed. */
export type Level = 'l1' | 'l2';

/** Options for {@link MultiLevelCache}. */
export interface MultiLevelCacheOptions<V> {
  /** L1: process memory, bounded by its own capacity. */
  l1: MemoryLevel<LevelEntry<V>>;
  /** L2: a cache shared by every process. */
  l2: CacheStore<LevelEntry<V>>;
  /** L3: the system of record. */
  db: Database<V>;
  /** The longest an entry lives in L1, in milliseconds (positive, finite). */
  l1TtlMs: number;
  /** How long an entry lives in L2, in milliseconds (positive, finite). */
  l2TtlMs: number;
  /** Where `now` comes from. Default: the wall clock. */
  clock?: Clock;
  /** Told about each L1 or L2 error. Default: nothing. */
  onLevelError?: (error: unknown, level: Level, operation: 'get' | 'set' | 'delete', key: string) => void;
}

const NAME = 'MultiLevelCache';
const positiveFinite = (n: number): boolean => n > 0 && Number.isFinite(n);

/** A read-through cache over L1 (memory) and L2 (shared), in front of a database. */
export class MultiLevelCache<V> {
  readonly #l1: MemoryLevel<LevelEntry<V>>;
  readonly #l2: CacheStore<LevelEntry<V>>;
  readonly #db: Database<V>;
  readonly #l1TtlMs: number;
  readonly #l2TtlMs: number;
  readonly #clock: Clock;
  readonly #report: NonNullable<MultiLevelCacheOptions<V>['onLevelError']>;
  /** Serialises the loads and writes of each key. */
  readonly #lock = new KeyLock();
  /** The load in flight (or waiting for the lock) of each key, shared by the gets that miss L1. */
  readonly #loads = new Map<string, Promise<V | undefined>>();

  /** @param options - the two levels, the database, their TTLs, and an optional clock and error reporter. */
  constructor(options: MultiLevelCacheOptions<V>) {
    checkOptions(options, NAME);
    const { l1, l2, db, l1TtlMs, l2TtlMs, clock, onLevelError = () => {} } = options;
    checkMethods(l1, 'options.l1', NAME, 'a MemoryLevel', ['get', 'set', 'delete']);
    checkMethods(l2, 'options.l2', NAME, 'a CacheStore', ['get', 'set', 'delete']);
    checkMethods(db, 'options.db', NAME, 'a Database', ['get', 'set', 'delete']);
    checkNumber(l1TtlMs, 'options.l1TtlMs', NAME, 'a positive finite number of milliseconds', positiveFinite);
    checkNumber(l2TtlMs, 'options.l2TtlMs', NAME, 'a positive finite number of milliseconds', positiveFinite);
    this.#clock = checkClock(clock, NAME);
    checkFunction(onLevelError, 'options.onLevelError', NAME);
    this.#l1 = l1;
    this.#l2 = l2;
    this.#db = db;
    this.#l1TtlMs = l1TtlMs;
    this.#l2TtlMs = l2TtlMs;
    this.#report = onLevelError;
  }

  /** The value of `key`: from the first level with a live entry, else from the database (then cached in both levels). */
  async get(key: string): Promise<V | undefined> {
    checkKey(key, `${NAME}.get`);
    const hit = this.#l1Live(key);
    if (hit !== undefined) return hit.value;
    const shared = this.#loads.get(key);
    if (shared !== undefined) return shared;
    const load: Promise<V | undefined> = this.#lock.run(key, () =>
      // Forgotten once done, still under the lock: a later get starts a new load, behind any write queued meanwhile.
      this.#load(key).finally(() => {
        if (this.#loads.get(key) === load) this.#loads.delete(key);
      }),
    );
    this.#loads.set(key, load);
    return load;
  }

  /** Writes `value` to the database, then L2, then L1. Rejects with a level's error if one failed (the others are written). */
  async set(key: string, value: V): Promise<void> {
    checkKey(key, `${NAME}.set`);
    checkValue(value, `${NAME}.set`);
    await this.#lock.run(key, async () => {
      await this.#db.set(key, value);
      const now = this.#clock.now();
      const inL2: LevelEntry<V> = { value, expiresAt: now + this.#l2TtlMs };
      const inL1: LevelEntry<V> = { value, expiresAt: Math.min(now + this.#l1TtlMs, inL2.expiresAt) };
      const failures = [await this.#attempt('l2', 'set', key, () => this.#l2.set(key, inL2, this.#l2TtlMs)), await this.#attempt('l1', 'set', key, () => this.#l1.set(key, inL1))];
      rethrowFirst(failures);
    });
  }

  /** Deletes `key` from the database, then L2, then L1. Rejects with a level's error if one failed (the others are deleted). */
  async delete(key: string): Promise<void> {
    checkKey(key, `${NAME}.delete`);
    await this.#lock.run(key, async () => {
      await this.#db.delete(key);
      const failures = [await this.#attempt('l2', 'delete', key, () => this.#l2.delete(key)), await this.#attempt('l1', 'delete', key, () => this.#l1.delete(key))];
      rethrowFirst(failures);
    });
  }

  /** An L1 miss, under the key's lock: L2, else the database, copying what was found into the faster levels. */
  async #load(key: string): Promise<V | undefined> {
    // A write that ran just before this load (under the lock) may have filled L1 already.
    const hit = this.#l1Live(key);
    if (hit !== undefined) return hit.value;
    let shared: LevelEntry<V> | undefined;
    try {
      shared = await this.#l2.get(key);
    } catch (error) {
      // L2 is an optimisation: a broken L2 makes this read a miss there.
      this.#report(error, 'l2', 'get', key);
    }
    let now = this.#clock.now();
    if (shared !== undefined && now < shared.expiresAt) {
      const copy: LevelEntry<V> = { value: shared.value, expiresAt: Math.min(now + this.#l1TtlMs, shared.expiresAt) };
      await this.#attempt('l1', 'set', key, () => this.#l1.set(key, copy));
      return shared.value;
    }
    // A database error rejects the read, and every get sharing this load.
    const value = await this.#db.get(key);
    if (value === undefined) return undefined;
    now = this.#clock.now();
    const inL2: LevelEntry<V> = { value, expiresAt: now + this.#l2TtlMs };
    await this.#attempt('l2', 'set', key, () => this.#l2.set(key, inL2, this.#l2TtlMs));
    await this.#attempt('l1', 'set', key, () => this.#l1.set(key, { value, expiresAt: Math.min(now + this.#l1TtlMs, inL2.expiresAt) }));
    return value;
  }

  /** The live L1 entry of `key`, or undefined (an L1 error is reported and counts as a miss). */
  #l1Live(key: string): LevelEntry<V> | undefined {
    try {
      const entry = this.#l1.get(key);
      return entry !== undefined && this.#clock.now() < entry.expiresAt ? entry : undefined;
    } catch (error) {
      this.#report(error, 'l1', 'get', key);
      return undefined;
    }
  }

  /** Runs one level call; a throw or rejection is reported and returned (as `{ error }`), never thrown. */
  async #attempt(level: Level, operation: 'get' | 'set' | 'delete', key: string, call: () => unknown): Promise<{ error: unknown } | undefined> {
    try {
      await call();
      return undefined;
    } catch (error) {
      this.#report(error, level, operation, key);
      return { error };
    }
  }
}

/** Throws the first error of a write's level calls, if any failed. */
function rethrowFirst(failures: readonly ({ error: unknown } | undefined)[]): void {
  const failed = failures.find((f) => f !== undefined);
  if (failed !== undefined) throw failed.error;
}
