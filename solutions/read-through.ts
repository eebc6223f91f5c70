/**
 * The read path shared by the `cache-aside` and `write-through` reference solutions: a base
 * class that reads through the cache, which each of them extends with its own writes.
 *
 * A read asks the cache; a hit returns at once and takes no lock, so it never waits. On a miss
 * (or when the cache fails: it is only an optimisation) the read takes the key's lock, reads
 * the database and fills the cache with what it found. The subclass runs its writes of a key
 * under the same lock, so a fill runs wholly before or wholly after a write: that is what stops
 * a slow miss from caching a value a write has just replaced (the *stale fill*; each subclass's
 * module comment tells the race).
 *
 * @module
 */
import type { CacheStore, Database } from '../exercises/workbook.js';
import { checkFunction, checkKey, checkMethods, checkOptions, describe } from './arguments.js';
import { KeyLock } from './key-lock.js';

/** Told about a cache error: the error, the cache operation that failed, and its key. */
export type CacheErrorReporter = (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;

/** The options {@link ReadThrough} reads: the ones cache-aside and write-through have in common. */
export interface ReadThroughOptions<V> {
  /** The cache in front of the database. */
  cache: CacheStore<V>;
  /** The system of record. */
  db: Database<V>;
  /** How long a cached value lives, in milliseconds (Infinity allowed); `undefined` means no expiry. */
  ttlMs?: number;
  /** Told about each cache error. Default: nothing. */
  onCacheError?: CacheErrorReporter;
}

/** How a subclass sets up {@link ReadThrough}. */
export interface ReadThroughSettings {
  /** The subclass's name, for error messages. */
  name: string;
  /** Whether `options.ttlMs` must be given (else leaving it out means no expiry). */
  ttlRequired: boolean;
}

/**
 * Reads through a cache: a hit without the lock, a miss under the key's lock (then cached).
 *
 * The protected members are for the subclasses' writes. They are left out of the API reference
 * (`@hidden`), where each subclass shows the same public API as its exercise.
 */
export abstract class ReadThrough<V> {
  /**
   * The cache in front of the database.
   * @hidden
   */
  protected readonly cache: CacheStore<V>;
  /**
   * The system of record.
   * @hidden
   */
  protected readonly db: Database<V>;
  /**
   * Passed to every `cache.set`; `undefined` means no expiry.
   * @hidden
   */
  protected readonly ttlMs: number | undefined;
  /**
   * Serialises the fills and writes of each key (see the module comment).
   * @hidden
   */
  protected readonly lock = new KeyLock();
  /**
   * Reports a cache error (`options.onCacheError`).
   * @hidden
   */
  protected readonly report: CacheErrorReporter;
  /** `Name.get`: where a bad key passed to `get` is said to come from. */
  readonly #getWhere: string;

  /**
   * Checks the options, in the order the subclasses' contracts list them.
   * @param options - the cache, the database, the TTL and an optional error reporter.
   * @param settings - the subclass's name and whether it requires a TTL.
   */
  protected constructor(options: ReadThroughOptions<V>, settings: ReadThroughSettings) {
    const { name, ttlRequired } = settings;
    checkOptions(options, name);
    const { cache, db, ttlMs, onCacheError = () => {} } = options;
    checkMethods(cache, 'options.cache', name, 'a CacheStore', ['get', 'set', 'delete']);
    checkMethods(db, 'options.db', name, 'a Database', ['get', 'set', 'delete', 'writeBatch']);
    if ((ttlMs !== undefined || ttlRequired) && (typeof ttlMs !== 'number' || !(ttlMs > 0))) {
      throw new RangeError(`${name}: options.ttlMs must be a positive number of milliseconds or Infinity, got ${describe(ttlMs)}`);
    }
    checkFunction(onCacheError, 'options.onCacheError', name);
    this.cache = cache;
    this.db = db;
    this.ttlMs = ttlMs;
    this.report = onCacheError;
    this.#getWhere = `${name}.get`;
  }

  /** The value of `key`: from the cache on a hit, else from the database (then cached). */
  async get(key: string): Promise<V | undefined> {
    checkKey(key, this.#getWhere);
    try {
      const cached = await this.cache.get(key);
      if (cached !== undefined) return cached;
    } catch (error) {
      // The cache is only an optimisation: a broken cache makes this read a miss.
      this.report(error, 'get', key);
    }
    return this.lock.run(key, () => this.#load(key));
  }

  /**
   * Deletes `key` from the cache after a write; a failure is reported and rejects the call (the
   * old value may still be served).
   * @hidden
   */
  protected async cacheDelete(key: string): Promise<void> {
    try {
      await this.cache.delete(key);
    } catch (error) {
      this.report(error, 'delete', key);
      throw error;
    }
  }

  /** A miss: reads the database and caches what it found. Runs under the key's lock. */
  async #load(key: string): Promise<V | undefined> {
    const value = await this.db.get(key);
    if (value === undefined) return undefined;
    try {
      await this.cache.set(key, value, this.ttlMs);
    } catch (error) {
      // Not cached this time; the read still has its answer.
      this.report(error, 'set', key);
    }
    return value;
  }
}
