/**
 * Reference solution for the `cache-aside` exercise: the application reads through the cache
 * and invalidates it on writes.
 *
 * A read asks the cache; on a miss it reads the database and puts what it found in the cache.
 * A write changes the database, then deletes the key from the cache, so the next read loads
 * the new value.
 *
 * The hard part is the *stale fill*: a read misses and reads the OLD value from the database,
 * slowly; meanwhile an update writes the database and deletes the key from the cache; then the
 * read's `cache.set` lands and puts the old value back, where it stays until it expires. The
 * cure here: the work that changes the cache for a key (a miss's read-and-fill, an update, a
 * delete) runs one task at a time per key, through a {@link KeyLock}. A fill then either runs
 * wholly before an update (and the update's delete removes what it cached) or wholly after it
 * (and it reads the new value). Hits take no lock, so they never wait.
 *
 * @module
 */
import type { CacheStore, Database } from '../exercises/workbook.js';
import { KeyLock } from './key-lock.js';

/** Options for {@link CacheAside}. */
export interface CacheAsideOptions<V> {
  /** The cache in front of the database. */
  cache: CacheStore<V>;
  /** The system of record. */
  db: Database<V>;
  /** How long a value loaded on a miss stays cached, in milliseconds (Infinity allowed). */
  ttlMs: number;
  /** Told about each cache error that was survived. Default: nothing. */
  onCacheError?: (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;
}

/** Cache-aside (lazy loading): reads fill the cache, writes invalidate it. */
export class CacheAside<V> {
  readonly #cache: CacheStore<V>;
  readonly #db: Database<V>;
  readonly #ttlMs: number;
  readonly #onCacheError: NonNullable<CacheAsideOptions<V>['onCacheError']>;
  /** Serialises the fills and writes of each key (see the module comment). */
  readonly #lock = new KeyLock();

  /** @param options - the cache, the database, the fill TTL and an optional error reporter. */
  constructor(options: CacheAsideOptions<V>) {
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
    if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
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

  /** Writes `value` to the database, then invalidates `key` in the cache. */
  async update(key: string, value: V): Promise<void> {
    checkKey(key);
    checkValue(value);
    await this.#lock.run(key, async () => {
      await this.#db.set(key, value);
      await this.#invalidate(key);
    });
  }

  /** Deletes `key` from the database, then from the cache. */
  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.#lock.run(key, async () => {
      await this.#db.delete(key);
      await this.#invalidate(key);
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

  /** Deletes `key` from the cache after a write. A failure rejects: the old value may still be served. */
  async #invalidate(key: string): Promise<void> {
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
