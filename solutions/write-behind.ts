/**
 * Reference solution for the `write-behind` exercise: writes are acknowledged from the cache
 * and reach the database later, in batches.
 *
 * Every write is kept, until it is in the database, as an *entry*: the write and how often it
 * failed. Three maps hold the entries, each keyed by key and in insertion order:
 *
 * - `#latest`: each key's latest write not yet in the database. `get` answers from it, and its
 *   size is `pending`, the number backpressure limits.
 * - `#queue`: the writes waiting for a batch, at most one per key (a newer write replaces the
 *   queued one in place). Batches take from its front, so the oldest keys go first.
 * - `#inFlight`: the one batch being written. A key written again meanwhile has its newer
 *   write queued for the next batch, so one key's writes reach the database in order.
 *
 * A failed write waits for its retry timer (keys in `#retries`), then goes back to the queue.
 * A newer write of its key makes it pointless, so it is dropped, or, if it was in flight when
 * it failed, dropped when its failure comes back. The newer write *stands in* for it: a
 * `flush()` that was waiting for the old write now waits for the new one.
 *
 * When to write: at once when `batchSize` writes are queued; else when the flush-interval timer
 * fires, which is armed whenever writes are queued and no timer is. A fired timer or a retry
 * that falls due make the queue *due*: batches then follow one another until it is empty. So do
 * they while a `flush()` is waiting.
 *
 * @module
 */
import { systemScheduler, type CacheStore, type Database, type Scheduler, type Write } from '../exercises/workbook.js';
import { checkFunction, checkKey, checkMethods, checkOptions, checkValue, describe } from './arguments.js';
import { KeyLock } from './key-lock.js';

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

/** A write on its way to the database. */
interface Entry<V> {
  readonly write: Write<V>;
  /** Failed attempts so far. */
  failures: number;
}

/** A `flush()` call waiting for the writes that were pending when it was made. */
interface Flush<V> {
  readonly waitingFor: Set<Entry<V>>;
  readonly resolve: () => void;
}

/** A `set` or `delete` waiting for room (see `maxPending`). */
interface Waiter<V> {
  readonly write: Write<V>;
  /** Lets the call go on: settles it like the promise it is given. */
  readonly admit: (accepted: Promise<void>) => void;
  readonly refuse: (error: Error) => void;
}

/** The class's name, for error messages. */
const NAME = 'WriteBehind';

/** Write-behind (write-back): acknowledge from the cache, write the database later in batches. */
export class WriteBehind<V> {
  readonly #cache: CacheStore<V>;
  readonly #db: Database<V>;
  readonly #onDeadLetter: (write: Write<V>, error: unknown) => void;
  readonly #onCacheError: NonNullable<WriteBehindOptions<V>['onCacheError']>;
  readonly #scheduler: Scheduler;
  readonly #batchSize: number;
  readonly #flushIntervalMs: number;
  readonly #maxRetries: number;
  readonly #retryDelayMs: number;
  readonly #maxPending: number;

  /** Per key, the latest write not yet in the database (queued, in flight or waiting to retry). */
  readonly #latest = new Map<string, Entry<V>>();
  /** The writes waiting for a batch, oldest key first. */
  readonly #queue = new Map<string, Entry<V>>();
  /** The batch being written; empty when none is. */
  #inFlight = new Map<string, Entry<V>>();
  /** Keys whose failed write waits to be retried -> the function that cancels its timer. */
  readonly #retries = new Map<string, () => void>();
  /** Cancels the flush-interval timer, while one is armed. */
  #cancelFlushTimer: (() => void) | undefined;
  /** Write the queue as soon as no batch is in flight (a timer fired, or a retry fell due). */
  #due = false;
  /** The flush() calls still waiting. */
  readonly #flushes = new Set<Flush<V>>();
  /** Writes waiting for room, first come first served, and how many of them each key has. */
  readonly #waiters = new Set<Waiter<V>>();
  readonly #waitingKeys = new Map<string, number>();
  /** Serialises the cache writes of each key, so the cache ends with the latest one. */
  readonly #cacheWrites = new KeyLock();
  /**
   * Keys whose last cache write failed: the cache may hold an older value than the database.
   * The next cache write of the key that succeeds takes it off.
   */
  readonly #staleInCache = new Set<string>();
  #closed = false;

  /** @param options - the cache, the database, the dead-letter callback and the batching settings. */
  constructor(options: WriteBehindOptions<V>) {
    checkOptions(options, NAME);
    const {
      cache,
      db,
      onDeadLetter,
      scheduler = systemScheduler,
      batchSize = 100,
      flushIntervalMs = 1000,
      maxRetries = 3,
      retryDelayMs = 100,
      maxPending = 10_000,
      onCacheError = () => {},
    } = options;
    checkMethods(cache, 'options.cache', NAME, 'a CacheStore', ['get', 'set', 'delete']);
    checkMethods(db, 'options.db', NAME, 'a Database', ['get', 'set', 'delete', 'writeBatch']);
    checkFunction(onDeadLetter, 'options.onDeadLetter', NAME);
    checkMethods(scheduler, 'options.scheduler', NAME, 'a Scheduler', ['setTimeout', 'clearTimeout']);
    checkInteger(batchSize, 'options.batchSize', NAME, 1);
    checkInteger(maxRetries, 'options.maxRetries', NAME, 0);
    checkInteger(maxPending, 'options.maxPending', NAME, batchSize);
    checkDelay(flushIntervalMs, 'options.flushIntervalMs', NAME);
    checkDelay(retryDelayMs, 'options.retryDelayMs', NAME);
    checkFunction(onCacheError, 'options.onCacheError', NAME);
    this.#cache = cache;
    this.#db = db;
    this.#onDeadLetter = onDeadLetter;
    this.#onCacheError = onCacheError;
    this.#scheduler = scheduler;
    this.#batchSize = batchSize;
    this.#flushIntervalMs = flushIntervalMs;
    this.#maxRetries = maxRetries;
    this.#retryDelayMs = retryDelayMs;
    this.#maxPending = maxPending;
  }

  /** How many keys have a write that is not yet in the database nor dead-lettered. */
  get pending(): number {
    return this.#latest.size;
  }

  /** The value of `key` as this instance last wrote it, else from the cache, else the database. */
  async get(key: string): Promise<V | undefined> {
    checkKey(key, 'WriteBehind.get');
    const entry = this.#latest.get(key);
    if (entry !== undefined) return entry.write.kind === 'set' ? entry.write.value : undefined;
    // The cache may be behind the database while a cache write of the key is under way or
    // after one failed; the database, which has every write by now, is right.
    if (!this.#cacheWrites.has(key) && !this.#staleInCache.has(key)) {
      try {
        const cached = await this.#cache.get(key);
        if (cached !== undefined) return cached;
      } catch (error) {
        this.#onCacheError(error, 'get', key);
      }
    }
    return this.#db.get(key);
  }

  /** Queues `key = value`, writes the cache, and resolves (acknowledged). */
  async set(key: string, value: V): Promise<void> {
    checkKey(key, 'WriteBehind.set');
    checkValue(value, 'WriteBehind.set');
    await this.#write({ kind: 'set', key, value });
  }

  /** Queues the deletion of `key`, deletes it from the cache, and resolves (acknowledged). */
  async delete(key: string): Promise<void> {
    checkKey(key, 'WriteBehind.delete');
    await this.#write({ kind: 'delete', key });
  }

  /** Resolves when every write acknowledged before this call is in the database or dead-lettered. */
  flush(): Promise<void> {
    const waitingFor = new Set([...this.#latest.values(), ...this.#inFlight.values()]);
    if (waitingFor.size === 0) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#flushes.add({ waitingFor, resolve }));
    this.#startBatchIfDue();
    return done;
  }

  /** Flushes, then stops every timer. Later writes reject. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      // Writes still waiting for room were never acknowledged: refuse them rather than leave
      // them to be queued after the flush, with no timer left to write them.
      const error = new Error('WriteBehind is closed: it accepts no more writes');
      for (const waiter of this.#waiters) waiter.refuse(error);
      this.#waiters.clear();
      this.#waitingKeys.clear();
    }
    await this.flush();
    // Every write has settled, so no retry timer is left, and the queue emptied, which disarmed
    // the flush timer already; disarming it here again only makes the rule plain.
    this.#disarmFlushTimer();
  }

  /** A `set` or `delete`: waits for room if it must, then is queued and written to the cache. */
  #write(write: Write<V>): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('WriteBehind is closed: it accepts no more writes'));
    if (!this.#mustWait(write.key)) return this.#accept(write);
    return new Promise<void>((admit, refuse) => {
      this.#waiters.add({ write, admit, refuse });
      this.#waitingKeys.set(write.key, (this.#waitingKeys.get(write.key) ?? 0) + 1);
    });
  }

  /**
   * Whether a write of `key` must wait: a new key when `maxPending` keys are pending, or any key
   * with an earlier write waiting (one key's writes must stay in call order).
   */
  #mustWait(key: string): boolean {
    if (this.#waitingKeys.has(key)) return true;
    return !this.#latest.has(key) && this.#latest.size >= this.#maxPending;
  }

  /** Lets waiting writes in, first come first served, while there is room for the first. */
  #admitWaiters(): void {
    for (const waiter of this.#waiters) {
      const { key } = waiter.write;
      if (!this.#latest.has(key) && this.#latest.size >= this.#maxPending) return;
      this.#waiters.delete(waiter);
      const waiting = this.#waitingKeys.get(key)!;
      if (waiting === 1) this.#waitingKeys.delete(key);
      else this.#waitingKeys.set(key, waiting - 1);
      waiter.admit(this.#accept(waiter.write));
    }
  }

  /**
   * Queues `write` and starts its cache write, both at once (synchronously), so that writes of a
   * key reach the queue and the cache in the order they were made. Resolves when the cache is done.
   */
  #accept(write: Write<V>): Promise<void> {
    this.#enqueue(write);
    return this.#writeCache(write);
  }

  /** Makes `write` the latest of its key and queues it. */
  #enqueue(write: Write<V>): void {
    const { key } = write;
    const entry: Entry<V> = { write, failures: 0 };
    const previous = this.#latest.get(key);
    this.#latest.set(key, entry);
    if (previous !== undefined && this.#inFlight.get(key) !== previous) {
      // The previous write is queued or waiting to retry: it has not reached the database, and
      // need not now. (One in flight may still succeed: it is left to finish.)
      this.#retries.get(key)?.();
      this.#retries.delete(key);
      this.#standIn(previous, entry);
    }
    this.#queue.set(key, entry);
    this.#startBatchIfDue();
    this.#armFlushTimer();
  }

  /**
   * Arms the flush-interval timer if writes are queued and nothing else will write them: no
   * timer is armed (an armed one was set for an earlier write, so it fires soon enough) and the
   * queue is not due.
   */
  #armFlushTimer(): void {
    if (this.#queue.size === 0 || this.#due || this.#cancelFlushTimer !== undefined) return;
    this.#cancelFlushTimer = this.#after(this.#flushIntervalMs, () => {
      this.#cancelFlushTimer = undefined;
      this.#writeSoon();
    });
  }

  /** Cancels the flush-interval timer, if one is armed. */
  #disarmFlushTimer(): void {
    this.#cancelFlushTimer?.();
    this.#cancelFlushTimer = undefined;
  }

  /** Writes `write` to the cache, after any earlier cache write of its key. A cache error is reported, not thrown. */
  #writeCache(write: Write<V>): Promise<void> {
    const { key } = write;
    return this.#cacheWrites.run(key, async () => {
      try {
        if (write.kind === 'set') await this.#cache.set(key, write.value);
        else await this.#cache.delete(key);
        this.#staleInCache.delete(key);
      } catch (error) {
        // The queue has the write, so it is safe; only the cache may now be behind.
        this.#staleInCache.add(key);
        this.#onCacheError(error, write.kind, key);
      }
    });
  }

  /** Makes the queue due: a batch starts now, or right after the one in flight. */
  #writeSoon(): void {
    if (this.#queue.size === 0) return;
    this.#due = true;
    this.#startBatchIfDue();
  }

  /**
   * Starts a batch if none is in flight and the queue holds `batchSize` writes, is due, or a
   * flush() is waiting (a flush makes batches run back to back until it is done).
   */
  #startBatchIfDue(): void {
    if (this.#inFlight.size > 0 || this.#queue.size === 0) return;
    if (this.#queue.size < this.#batchSize && !this.#due && this.#flushes.size === 0) return;
    const batch = this.#inFlight;
    for (const [key, entry] of this.#queue) {
      this.#queue.delete(key);
      batch.set(key, entry);
      if (batch.size === this.#batchSize) break;
    }
    if (this.#queue.size === 0) {
      // Nothing is left waiting: the next write starts a new interval.
      this.#due = false;
      this.#disarmFlushTimer();
    }
    void this.#send(batch);
  }

  /** Writes `batch` to the database and learns which of its writes failed, and why. */
  async #send(batch: Map<string, Entry<V>>): Promise<void> {
    const writes = Array.from(batch.values(), (entry) => entry.write);
    const failures = new Map<string, unknown>();
    try {
      for (const { write, error } of await this.#db.writeBatch(writes)) failures.set(write.key, error);
    } catch (error) {
      // A batch that rejects applied nothing: every write in it failed.
      for (const write of writes) failures.set(write.key, error);
    }
    this.#finishBatch(batch, failures);
  }

  /** Settles each write of the finished `batch`, then lets the next batch and waiting writes go. */
  #finishBatch(batch: Map<string, Entry<V>>, failures: Map<string, unknown>): void {
    this.#inFlight = new Map();
    const deadLetters: { write: Write<V>; error: unknown }[] = [];
    for (const [key, entry] of batch) {
      if (!failures.has(key)) {
        this.#finished(entry);
        continue;
      }
      const latest = this.#latest.get(key)!;
      if (latest !== entry) {
        // A newer write of the key is queued: it replaces this one, which is not retried.
        this.#standIn(entry, latest);
      } else if (++entry.failures <= this.#maxRetries) {
        this.#retryLater(entry);
      } else {
        this.#finished(entry);
        deadLetters.push({ write: entry.write, error: failures.get(key) });
      }
    }
    this.#admitWaiters();
    this.#startBatchIfDue();
    // User code last, once the state is consistent.
    for (const { write, error } of deadLetters) this.#onDeadLetter(write, error);
  }

  /** Queues `entry` again after its backoff: retryDelayMs, then twice that, four times that... */
  #retryLater(entry: Entry<V>): void {
    const { key } = entry.write;
    const delayMs = this.#retryDelayMs * 2 ** (entry.failures - 1);
    const cancel = this.#after(delayMs, () => {
      this.#retries.delete(key);
      this.#queue.set(key, entry);
      this.#writeSoon();
    });
    this.#retries.set(key, cancel);
  }

  /** `entry` has left for good: it is in the database, or dead-lettered. */
  #finished(entry: Entry<V>): void {
    const { key } = entry.write;
    if (this.#latest.get(key) === entry) this.#latest.delete(key);
    for (const flush of this.#flushes) {
      if (flush.waitingFor.delete(entry) && flush.waitingFor.size === 0) {
        this.#flushes.delete(flush);
        flush.resolve();
      }
    }
  }

  /** `old` will never be written because `newer`, a later write of its key, replaces it. */
  #standIn(old: Entry<V>, newer: Entry<V>): void {
    for (const flush of this.#flushes) {
      if (flush.waitingFor.delete(old)) flush.waitingFor.add(newer);
    }
  }

  /** Sets a timer on the scheduler; returns the function that cancels it. */
  #after(delayMs: number, callback: () => void): () => void {
    const handle = this.#scheduler.setTimeout(callback, delayMs);
    return () => this.#scheduler.clearTimeout(handle);
  }
}

// The checks only write-behind makes; they take their arguments in the order the shared ones
// in `arguments.ts` do.

/** Throws a RangeError unless `value` is a safe integer >= `min`. */
function checkInteger(value: unknown, name: string, where: string, min: number): asserts value is number {
  if (!Number.isSafeInteger(value) || (value as number) < min) {
    throw new RangeError(`${where}: ${name} must be a safe integer >= ${min}, got ${describe(value)}`);
  }
}

/** Throws a RangeError unless `value` is a positive finite number of milliseconds. */
function checkDelay(value: unknown, name: string, where: string): asserts value is number {
  if (typeof value !== 'number' || !(value > 0 && value < Infinity)) {
    throw new RangeError(`${where}: ${name} must be a positive finite number of milliseconds, got ${describe(value)}`);
  }
}
