/**
 * Exercise `cache-aside` — the application reads through the cache and invalidates on writes.
 *
 * Read first: chapters/03-patterns/README.md (section "Cache-aside").
 * Grade it:   npm run exercise cache-aside
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `get` asks the cache first. A hit returns the cached value and never touches the database.
 *   A miss reads the database; a value found there is put in the cache with `ttlMs` and
 *   returned; a key the database does not have returns `undefined` and caches nothing.
 * - `update` writes the database, then deletes the key from the cache. `delete` deletes from the
 *   database, then from the cache. Each resolves only when both steps are done.
 * - Once `update` or `delete` has resolved, no `get` returns the old value, however calls
 *   interleave. In particular a slow `get` that read the OLD value from the database before the
 *   update must not put it in the cache after the update invalidated the key (see the chapter).
 * - The cache is an optimisation: a cache `get` or `set` that fails must not fail the read. Fall
 *   back to the database and report the error to `onCacheError`.
 * - If the database fails, the call rejects with its error and the cache is left as it was, or
 *   without the key. If deleting from the cache fails in `update`/`delete`, report it and reject:
 *   the caller must learn that the cache may still hold the old value.
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: options
 *   without a `cache` or `db` that has the methods, a `ttlMs` that is not a positive number
 *   (Infinity allowed), an `onCacheError` that is not a function, a key that is not a string, a
 *   value that is `undefined`.
 *
 * @module
 */
import type { CacheStore, Database } from './workbook.js';

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
  /** @param options - the cache, the database, the fill TTL and an optional error reporter. */
  constructor(options: CacheAsideOptions<V>) {
    void options;
    throw new Error('Not implemented: CacheAside constructor');
  }

  /** The value of `key`: from the cache on a hit, else from the database (then cached). */
  get(key: string): Promise<V | undefined> {
    throw new Error(`Not implemented: CacheAside.get(${String(key)})`);
  }

  /** Writes `value` to the database, then invalidates `key` in the cache. */
  update(key: string, value: V): Promise<void> {
    void value;
    throw new Error(`Not implemented: CacheAside.update(${String(key)})`);
  }

  /** Deletes `key` from the database, then from the cache. */
  delete(key: string): Promise<void> {
    throw new Error(`Not implemented: CacheAside.delete(${String(key)})`);
  }
}
