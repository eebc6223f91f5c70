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
 * delete) runs one task at a time per key, through a `KeyLock` (`key-lock.ts`). A fill then
 * either runs wholly before an update (and the update's delete removes what it cached) or
 * wholly after it (and it reads the new value). Hits take no lock, so they never wait.
 *
 * The read path (`get`, with its fill under the lock) is the same in write-through, so both
 * extend one base class, `ReadThrough` (`read-through.ts`), which also holds the lock. This
 * class adds the writes, run under that lock.
 *
 * @module
 */
import type { CacheStore, Database } from '../exercises/workbook.js';
import { checkKey, checkValue } from './arguments.js';
import { ReadThrough } from './read-through.js';

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
export class CacheAside<V> extends ReadThrough<V> {
  /** @param options - the cache, the database, the fill TTL and an optional error reporter. */
  constructor(options: CacheAsideOptions<V>) {
    super(options, { name: 'CacheAside', ttlRequired: true });
  }

  /** Writes `value` to the database, then invalidates `key` in the cache. */
  async update(key: string, value: V): Promise<void> {
    checkKey(key, 'CacheAside.update');
    checkValue(value, 'CacheAside.update');
    await this.lock.run(key, async () => {
      await this.db.set(key, value);
      // A failure rejects: the cache may still serve the old value, and the caller must know.
      await this.cacheDelete(key);
    });
  }

  /** Deletes `key` from the database, then from the cache. */
  async delete(key: string): Promise<void> {
    checkKey(key, 'CacheAside.delete');
    await this.lock.run(key, async () => {
      await this.db.delete(key);
      await this.cacheDelete(key);
    });
  }
}
