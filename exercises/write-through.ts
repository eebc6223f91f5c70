/**
 * Exercise `write-through` — every write goes to the database and then to the cache.
 *
 * Read first: chapters/03-patterns/README.md (section "Write-through").
 * Grade it:   npm run exercise write-through
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `set` writes the database FIRST and only then the cache (`cache.set(key, value, ttlMs)`). It
 *   resolves (the write is acknowledged) only once the database has the value.
 * - If the database write fails, `set` rejects with its error and the cache must not hold the
 *   new value. (Writing the cache first gets this wrong: see the chapter.)
 * - If the cache write fails after the database took the value, report the error to
 *   `onCacheError` and delete the key from the cache so its old value is not served; if that
 *   delete fails too, reject. `delete` deletes from the database, then from the cache, and
 *   rejects if either fails.
 * - `get` asks the cache first; a hit never touches the database. A miss reads the database and
 *   caches what it found (with `ttlMs`). Cache errors on a read are reported, never fatal.
 * - After an acknowledged `set`, `get` returns that value (or a later one). However writes and
 *   reads of one key interleave, once they have all settled the cache holds either nothing or
 *   exactly what the database holds.
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: options
 *   without a `cache` or `db` that has the methods, a `ttlMs` that is given but not a positive
 *   number (Infinity allowed), an `onCacheError` that is not a function, a key that is not a
 *   string, a value that is `undefined`.
 *
 * @module
 */
import type { CacheStore, Database } from './workbook.js';

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
  /** @param options - the cache, the database, an optional TTL and error reporter. */
  constructor(options: WriteThroughOptions<V>) {
    void options;
    throw new Error('Not implemented: WriteThrough constructor');
  }

  /** The value of `key`: from the cache on a hit, else from the database (then cached). */
  get(key: string): Promise<V | undefined> {
    throw new Error(`Not implemented: WriteThrough.get(${String(key)})`);
  }

  /** Writes `value` to the database, then to the cache; resolves once the database has it. */
  set(key: string, value: V): Promise<void> {
    void value;
    throw new Error(`Not implemented: WriteThrough.set(${String(key)})`);
  }

  /** Deletes `key` from the database, then from the cache. */
  delete(key: string): Promise<void> {
    throw new Error(`Not implemented: WriteThrough.delete(${String(key)})`);
  }
}
