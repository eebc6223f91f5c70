/**
 * Reference solution for the `write-through` exercise: every write goes to the database and
 * then to the cache before it is acknowledged.
 *
 * The database is the system of record, so it is written first: if it refuses the write, the
 * cache never sees the new value. If the cache then fails, the key is deleted from the cache so
 * its old value is not served (the next read loads the new one from the database).
 *
 * Reads are cache-aside reads: the cache, else the database, then fill the cache. They come
 * from the base class this shares with cache-aside, `ReadThrough` (`read-through.ts`). Two
 * races need care, and one rule handles both: the work that changes the cache for a key (a
 * miss's read-and-fill, a set, a delete) runs one task at a time per key, through the base
 * class's `KeyLock` (`key-lock.ts`).
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
import { checkKey, checkValue } from './arguments.js';
import { ReadThrough } from './read-through.js';

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
export class WriteThrough<V> extends ReadThrough<V> {
  /** @param options - the cache, the database, an optional TTL and error reporter. */
  constructor(options: WriteThroughOptions<V>) {
    super(options, { name: 'WriteThrough', ttlRequired: false });
  }

  /** Writes `value` to the database, then to the cache; resolves once the database has it. */
  async set(key: string, value: V): Promise<void> {
    checkKey(key, 'WriteThrough.set');
    checkValue(value, 'WriteThrough.set');
    await this.lock.run(key, async () => {
      // A rejection here leaves the cache untouched: it never sees a value the database refused.
      await this.db.set(key, value);
      try {
        await this.cache.set(key, value, this.ttlMs);
      } catch (error) {
        this.report(error, 'set', key);
        // The cache may still hold the old value: remove it, or tell the caller we could not.
        await this.cacheDelete(key);
      }
    });
  }

  /** Deletes `key` from the database, then from the cache. */
  async delete(key: string): Promise<void> {
    checkKey(key, 'WriteThrough.delete');
    await this.lock.run(key, async () => {
      await this.db.delete(key);
      await this.cacheDelete(key);
    });
  }
}
