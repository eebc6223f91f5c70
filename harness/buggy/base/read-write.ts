/**
 * The correct base shared by the cache-aside and write-through variants: validation, the read
 * path with its fill, and per-key serialisation of cache-changing work, as protected hooks.
 */
import type { CacheStore, Database } from '../../../exercises/workbook.js';

type Operation = 'get' | 'set' | 'delete';

/** Options both patterns take. */
export interface ReadWriteOptions<V> {
  cache: CacheStore<V>;
  db: Database<V>;
  ttlMs?: number;
  onCacheError?: (error: unknown, operation: Operation, key: string) => void;
}

function hasMethods(o: unknown, names: string[]): boolean {
  return typeof o === 'object' && o !== null && names.every((n) => typeof (o as Record<string, unknown>)[n] === 'function');
}

/** Reads through the cache; subclasses add the writes. */
export class ReadWriteBase<V> {
  protected readonly cache: CacheStore<V>;
  protected readonly db: Database<V>;
  protected readonly ttlMs: number | undefined;
  protected readonly onCacheError: (error: unknown, operation: Operation, key: string) => void;
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(options: ReadWriteOptions<V>, ttlRequired: boolean) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    if (!hasMethods(options.cache, ['get', 'set', 'delete'])) throw new TypeError('options.cache must have get, set and delete');
    if (!hasMethods(options.db, ['get', 'set', 'delete'])) throw new TypeError('options.db must have get, set and delete');
    const ttl = options.ttlMs;
    if ((ttlRequired || ttl !== undefined) && !(typeof ttl === 'number' && ttl > 0)) throw new RangeError('options.ttlMs must be a positive number');
    if (options.onCacheError !== undefined && typeof options.onCacheError !== 'function') throw new TypeError('options.onCacheError must be a function');
    this.cache = options.cache;
    this.db = options.db;
    this.ttlMs = ttl;
    this.onCacheError = options.onCacheError ?? (() => undefined);
  }

  /** The value of `key`: a hit, or a fill from the database. */
  async get(key: string): Promise<V | undefined> {
    this.checkKey(key);
    const hit = await this.readCache(key);
    if (hit !== undefined) return hit;
    return this.exclusive(key, () => this.fill(key));
  }

  protected checkKey(key: unknown): void {
    if (typeof key !== 'string') throw new TypeError('key must be a string');
  }

  protected checkValue(value: unknown): void {
    if (value === undefined) throw new TypeError('value must not be undefined');
  }

  protected async readCache(key: string): Promise<V | undefined> {
    try {
      return await this.cache.get(key);
    } catch (error) {
      this.onCacheError(error, 'get', key);
      return undefined;
    }
  }

  protected async fill(key: string): Promise<V | undefined> {
    const value = await this.db.get(key);
    if (value !== undefined) await this.cacheValue(key, value);
    return value;
  }

  /** Caches a value read from the database; an error is reported and survived. */
  protected async cacheValue(key: string, value: V): Promise<void> {
    try {
      await this.cache.set(key, value, this.ttlMs);
    } catch (error) {
      this.onCacheError(error, 'set', key);
    }
  }

  /** Removes `key` from the cache; an error is reported and rethrown. */
  protected async invalidate(key: string): Promise<void> {
    try {
      await this.cache.delete(key);
    } catch (error) {
      this.onCacheError(error, 'delete', key);
      throw error;
    }
  }

  /** Runs `task` after every earlier task of `key` has settled. */
  protected exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
