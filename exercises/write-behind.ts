/**
 * Exercise `write-behind` — writes are acknowledged from the cache and reach the database later,
 * in batches.
 *
 * Read first: chapters/03-patterns/README.md (section "Write-behind").
 * Grade it:   npm run exercise write-behind
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `set` and `delete` record the write in the queue when they are called, then write the cache
 *   (`cache.set(key, value)` / `cache.delete(key)`) and resolve: the write is acknowledged. A
 *   cache error is reported to `onCacheError` and does not fail the call: the queue has the write.
 * - Writes are coalesced per key: a key has at most one queued write, the LATEST one (a newer set
 *   or delete replaces the queued one). Writes of one key reach the database in the order they
 *   were called: set then delete ends deleted.
 * - `get` sees this instance's own writes at once: the latest write of the key if it is not yet
 *   in the database (`undefined` for a delete), else the cache, else the database. When this
 *   instance's last cache write of a key failed, the cache may hold an older value for it: read
 *   that key from the database instead (a cache `get` that fails is reported and skipped too).
 * - The queue is written with `db.writeBatch` only, one batch at a time, at most `batchSize`
 *   writes per batch and at most one write per key in a batch. A batch starts as soon as
 *   `batchSize` writes are queued, and otherwise no later than `flushIntervalMs` after a write was
 *   queued (timers come from `scheduler`).
 * - A write that fails (the batch rejected, or it is listed in the batch's failed writes) is
 *   retried after `retryDelayMs`, then twice that, four times that, ... (never sooner); only the
 *   failed writes are retried. A newer write of the same key replaces a failed one. After
 *   `1 + maxRetries` failed attempts the write leaves the queue and `onDeadLetter(write, error)`
 *   is called with it and the last error. Nothing acknowledged is ever dropped silently.
 * - Backpressure: at most `maxPending` keys have a write that is not yet in the database (queued,
 *   in a batch, or waiting to retry). A `set`/`delete` of another key WAITS until there is room
 *   (waiting calls are served first come, first served) and is queued then.
 * - `flush()` starts writing at once and resolves when every write acknowledged before it was
 *   called is in the database or dead-lettered (retries still wait for their delay). `close()`
 *   flushes, then cancels every timer it set; after `close()`, `set` and `delete` reject.
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: a `cache` or
 *   `db` without the methods, `batchSize`, `maxPending` or `maxRetries` that is not a safe integer
 *   (batchSize >= 1, maxRetries >= 0, maxPending >= batchSize), `flushIntervalMs` or
 *   `retryDelayMs` that is not a positive finite number, an `onDeadLetter` that is not a function,
 *   a key that is not a string, a value that is `undefined`.
 *
 * @module
 */
import type { CacheStore, Database, Scheduler, Write } from './workbook.js';

/** Options for {@link WriteBehind}. */
export interface WriteBehindOptions<V> {
  /** The cache that acknowledges writes. */
  cache: CacheStore<V>;
  /** The system of record, written in batches. */
  db: Database<V>;
  /** Called once for each write that failed `1 + maxRetries` times, with the last error. Required. */
  onDeadLetter: (write: Write<V>, error: unknown) => void;
  /** Where timers come from. Default: Node's timers. */
  scheduler?: Scheduler;
  /** The most writes in one batch. Default 100. */
  batchSize?: number;
  /** The longest a queued write waits for a batch, in milliseconds. Default 1000. */
  flushIntervalMs?: number;
  /** How many times a failed write is retried before it is dead-lettered. Default 3. */
  maxRetries?: number;
  /** The wait before the first retry, in milliseconds; each later retry waits twice as long. Default 100. */
  retryDelayMs?: number;
  /** The most keys with a write not yet in the database; more writes wait. Default 10000. */
  maxPending?: number;
  /** Told about each cache error that was survived. Default: nothing. */
  onCacheError?: (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;
}

/** Write-behind (write-back): acknowledge from the cache, write the database later in batches. */
export class WriteBehind<V> {
  /** @param options - the cache, the database, the dead-letter callback and the batching settings. */
  constructor(options: WriteBehindOptions<V>) {
    void options;
    throw new Error('Not implemented: WriteBehind constructor');
  }

  /** How many keys have a write that is not yet in the database nor dead-lettered. */
  get pending(): number {
    throw new Error('Not implemented: WriteBehind.pending');
  }

  /** The value of `key` as this instance last wrote it, else from the cache, else the database. */
  get(key: string): Promise<V | undefined> {
    throw new Error(`Not implemented: WriteBehind.get(${String(key)})`);
  }

  /** Queues `key = value`, writes the cache, and resolves (acknowledged). */
  set(key: string, value: V): Promise<void> {
    void value;
    throw new Error(`Not implemented: WriteBehind.set(${String(key)})`);
  }

  /** Queues the deletion of `key`, deletes it from the cache, and resolves (acknowledged). */
  delete(key: string): Promise<void> {
    throw new Error(`Not implemented: WriteBehind.delete(${String(key)})`);
  }

  /** Resolves when every write acknowledged before this call is in the database or dead-lettered. */
  flush(): Promise<void> {
    throw new Error('Not implemented: WriteBehind.flush');
  }

  /** Flushes, then stops every timer. Later writes reject. */
  close(): Promise<void> {
    throw new Error('Not implemented: WriteBehind.close');
  }
}
