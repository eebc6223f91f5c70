/**
 * Reference solution for the `write-through` exercise: every write goes to the database and
 * then to the cache before it is acknowledged.
 *
 * The database is the system of record, so it is written first: if it refuses the write, the
 * cache never sees the new value. If the cache then fails, the key is deleted from the cache so
 * its old value is not served (the next read loads the new one from the database).
 *
 * Reads are cache-aside reads: the cache, else the database, then fill the cache. Two races
 * need care, and one rule handles both: the work that changes the cache for a key (a miss's
 * read-and-fill, a set, a delete) runs one task at a time per key, through a {@link KeyLock}.
 *
 * - Two sets of one key could reach the cache in the opposite order from the database, leaving
 *   the cache with the older value for good. Serialised, the last set wins in both.
 * - A slow miss could read the old value, then cache it after a set had written the new one
 *   (the "stale fill"). Serialised, a fill runs wholly before or wholly after the set.
 *
 * Hits take no lock, so they never wait.
 *
 * @module
 */
import type { CacheStore, Database } from '../exercises/workbook.js';
import { KeyLock } from './key-lock.js';

/** Options for {@link WriteThrough}. */
export interface WriteThroughOptions<V> {
  /** The cache in front of the database. */
  cache: CacheStore<V>;
  /** The system of record. */
  db: Database<V>;
  /** How long cached values live, in milliseconds. Default: no expiry. */
  ttlMs?: number;
  /** Told about each cache error that was survived or that made a call reject. Default: nothing. */
  onCacheError?: (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;
}

/** Write-through: the database is written first, then the cache, before a write is acknowledged. */
export class WriteThrough<V> {
  readonly #cache: CacheStore<V>;
  readonly #db: Database<V>;
  /** Passed to every `cache.set`; `undefined` means no expiry. */
  readonly #ttlMs: number | undefined;
  readonly #onCacheError: NonNullable<WriteThroughOptions<V>['onCacheError']>;
  /** Serialises the fills and writes of each key (see the module comment). */
  readonly #lock = new KeyLock();

  /** @param options - the cache, the database, an optional TTL and error reporter. */
  constructor(options: WriteThroughOptions<V>) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    const { cache, db, ttlMs, onCacheError = () => {} } = options;
    if (!hasMethods(cache, 'get', 'set', 'delete')) {
      throw new TypeError('options.cache must be a CacheStore: an object with get, set and delete methods');
    }
    if (!hasMethods(db, 'get', 'set', 'delete', 'writeBatch')) {
      throw new TypeError('options.db must be a Database: an object with get, set, delete and writeBatch methods');
    }
    if (ttlMs !== undefined && (typeof ttlMs !== 'number' || !(ttlMs > 0))) {
      throw new RangeError(`options.ttlMs must be a positive number of milliseconds or Infinity, got ${describe(ttlMs)}`);
    }
    if (typeof onCacheError !== 'function') {
      throw new TypeError(`options.onCacheError must be a function, got ${describe(onCacheError)}`);
    }
    this.#cache = cache;
    this.#db = db;
    this.#ttlMs = ttlMs;
    this.#onCacheError = onCacheError;
  }

  /** The value of `key`: from the cache on a hit, else from the database (then cached). */
  async get(key: string): Promise<V | undefined> {
    checkKey(key);
    try {
      const cached = await this.#cache.get(key);
      if (cached !== undefined) return cached;
    } catch (error) {
      // The cache is only an optimisation: a broken cache makes this read a miss.
      this.#onCacheError(error, 'get', key);
    }
    return this.#lock.run(key, () => this.#load(key));
  }

  /** Writes `value` to the database, then to the cache; resolves once the database has it. */
  async set(key: string, value: V): Promise<void> {
    checkKey(key);
    checkValue(value);
    await this.#lock.run(key, async () => {
      // A rejection here leaves the cache untouched: it never sees a value the database refused.
      await this.#db.set(key, value);
      try {
        await this.#cache.set(key, value, this.#ttlMs);
      } catch (error) {
        this.#onCacheError(error, 'set', key);
        // The cache may still hold the old value: remove it, or tell the caller we could not.
        await this.#cacheDelete(key);
      }
    });
  }

  /** Deletes `key` from the database, then from the cache. */
  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.#lock.run(key, async () => {
      await this.#db.delete(key);
      await this.#cacheDelete(key);
    });
  }

  /** A miss: reads the database and caches what it found. Runs under the key's lock. */
  async #load(key: string): Promise<V | undefined> {
    const value = await this.#db.get(key);
    if (value === undefined) return undefined;
    try {
      await this.#cache.set(key, value, this.#ttlMs);
    } catch (error) {
      // Not cached this time; the read still has its answer.
      this.#onCacheError(error, 'set', key);
    }
    return value;
  }

  /** Deletes `key` from the cache; a failure is reported and rejects the call. */
  async #cacheDelete(key: string): Promise<void> {
    try {
      await this.#cache.delete(key);
    } catch (error) {
      this.#onCacheError(error, 'delete', key);
      throw error;
    }
  }
}

/** Whether `value` is an object with a function under each of `names`. */
function hasMethods(value: unknown, ...names: string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return names.every((name) => typeof record[name] === 'function');
}

/** Throws a TypeError unless `key` is a string. */
function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${describe(key)}`);
}

/** Throws a TypeError when `value` is undefined, which means "not there" and cannot be stored. */
function checkValue(value: unknown): void {
  if (value === undefined) throw new TypeError('value must not be undefined (undefined means "not there")');
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
