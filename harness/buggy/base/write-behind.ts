/**
 * The correct `write-behind` implementation that the buggy variants in `harness/buggy/write-behind/`
 * extend.
 *
 * Every write not yet in the database is an *entry* (the write and how often it failed), kept in
 * `latest` under its key until it is written or dead-lettered: `get` answers from it, `pending`
 * is its size, backpressure limits it. An entry is in exactly one place on its way: the `queue`
 * (a Map, one entry per key, oldest key first), the one batch in flight, or a retry timer.
 *
 * A batch starts when no batch is in flight and the queue holds `batchSize` writes, or is *due*
 * (the flush timer fired or a retry fell due; batches then follow one another until the queue is
 * empty), or a `flush()` waits. A `flush()` waits for the keys that had a pending write when it
 * was called, until each has none: a newer write of a key stands in for the one it replaced.
 *
 * Each variant overrides one of the small `protected` hooks below to add its flaw.
 *
 * @module
 */
import { systemScheduler, type CacheStore, type Database, type FailedWrite, type Scheduler, type TimerHandle, type Write } from '../../../exercises/workbook.js';

/** Options for {@link WriteBehind}. */
export interface WriteBehindOptions<V> {
  cache: CacheStore<V>;
  db: Database<V>;
  onDeadLetter: (write: Write<V>, error: unknown) => void;
  scheduler?: Scheduler;
  batchSize?: number;
  flushIntervalMs?: number;
  maxRetries?: number;
  retryDelayMs?: number;
  maxPending?: number;
  onCacheError?: (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;
}

/** A write on its way to the database, as the hooks see it. */
export interface Entry<V> {
  readonly write: Write<V>;
  /** Failed attempts so far. */
  failures: number;
}

/** A `flush()` waiting for the keys that had a pending write when it was called. */
interface Flush {
  readonly keys: Set<string>;
  readonly resolve: () => void;
}

/** A `set` or `delete` waiting for room. */
interface Waiter<V> {
  readonly write: Write<V>;
  readonly admit: (accepted: Promise<void>) => void;
  readonly refuse: (error: Error) => void;
}

function hasMethods(o: unknown, names: string[]): boolean {
  return typeof o === 'object' && o !== null && names.every((n) => typeof (o as Record<string, unknown>)[n] === 'function');
}

function checkInteger(name: string, value: unknown, min: number): asserts value is number {
  if (!Number.isSafeInteger(value) || (value as number) < min) throw new RangeError(`options.${name} must be a safe integer >= ${min}`);
}

function checkDelay(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value > 0 && value < Infinity)) throw new RangeError(`options.${name} must be a positive finite number`);
}

/** Write-behind: acknowledge from the cache, write the database later in batches. */
export class WriteBehind<V> {
  protected readonly cache: CacheStore<V>;
  protected readonly db: Database<V>;
  protected readonly onDeadLetter: (write: Write<V>, error: unknown) => void;
  protected readonly onCacheError: (error: unknown, operation: 'get' | 'set' | 'delete', key: string) => void;
  protected readonly scheduler: Scheduler;
  protected readonly batchSize: number;
  protected readonly flushIntervalMs: number;
  protected readonly maxRetries: number;
  protected readonly retryDelayMs: number;
  protected readonly maxPending: number;

  /** Per key, its latest write not yet in the database nor dead-lettered. */
  protected readonly latest = new Map<string, Entry<V>>();
  /** The writes waiting for a batch, at most one per key, oldest key first. */
  protected readonly queue = new Map<string, Entry<V>>();
  /** Keys whose failed write waits for its retry timer -> that timer. */
  protected readonly retryTimers = new Map<string, TimerHandle>();
  /** How many batches are in flight (0 or 1). */
  protected inFlight = 0;
  /** The flush-interval timer, while one is set. */
  protected flushTimer: TimerHandle | undefined;
  /** Write the queue out, batch after batch, until it is empty. */
  protected due = false;
  protected readonly flushes: Flush[] = [];
  protected readonly waiters: Waiter<V>[] = [];
  /** How many waiters each key has (a key's later writes wait behind its earlier ones). */
  protected readonly waitingKeys = new Map<string, number>();
  /** Per key, the last of its cache writes (they run one after another). */
  readonly #cacheTails = new Map<string, Promise<void>>();
  /** Keys whose last cache write failed: the cache may be behind the database. */
  readonly #staleInCache = new Set<string>();
  protected closed = false;

  constructor(options: WriteBehindOptions<V>) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    const { cache, db, onDeadLetter, scheduler = systemScheduler, batchSize = 100, flushIntervalMs = 1000, maxRetries = 3, retryDelayMs = 100, maxPending = 10_000, onCacheError = () => undefined } = options;
    if (!hasMethods(cache, ['get', 'set', 'delete'])) throw new TypeError('options.cache must have get, set and delete');
    if (!hasMethods(db, ['get', 'set', 'delete', 'writeBatch'])) throw new TypeError('options.db must have get, set, delete and writeBatch');
    if (typeof onDeadLetter !== 'function') throw new TypeError('options.onDeadLetter must be a function');
    if (!hasMethods(scheduler, ['setTimeout', 'clearTimeout'])) throw new TypeError('options.scheduler must have setTimeout and clearTimeout');
    if (typeof onCacheError !== 'function') throw new TypeError('options.onCacheError must be a function');
    checkInteger('batchSize', batchSize, 1);
    checkInteger('maxRetries', maxRetries, 0);
    checkInteger('maxPending', maxPending, batchSize);
    checkDelay('flushIntervalMs', flushIntervalMs);
    checkDelay('retryDelayMs', retryDelayMs);
    this.cache = cache;
    this.db = db;
    this.onDeadLetter = onDeadLetter;
    this.onCacheError = onCacheError;
    this.scheduler = scheduler;
    this.batchSize = batchSize;
    this.flushIntervalMs = flushIntervalMs;
    this.maxRetries = maxRetries;
    this.retryDelayMs = retryDelayMs;
    this.maxPending = maxPending;
  }

  /** How many keys have a write that is not yet in the database nor dead-lettered. */
  get pending(): number {
    return this.latest.size;
  }

  /** The latest write of `key` if it is pending, else the cache, else the database. */
  async get(key: string): Promise<V | undefined> {
    this.checkKey(key);
    const pending = this.readPending(key);
    if (pending.found) return pending.value;
    return this.readStored(key);
  }

  async set(key: string, value: V): Promise<void> {
    this.checkKey(key);
    if (value === undefined) throw new TypeError('value must not be undefined');
    return this.write({ kind: 'set', key, value });
  }

  async delete(key: string): Promise<void> {
    this.checkKey(key);
    return this.write({ kind: 'delete', key });
  }

  /** Resolves once every key that has a pending write now has none left. */
  flush(): Promise<void> {
    const keys = new Set(this.latest.keys());
    if (keys.size === 0) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.flushes.push({ keys, resolve }));
    this.startBatchIfDue();
    return done;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      // Writes still waiting for room were never acknowledged: refuse them.
      for (const waiter of this.waiters.splice(0)) waiter.refuse(new Error('WriteBehind is closed'));
      this.waitingKeys.clear();
    }
    await this.flush();
    this.clearTimers();
  }

  // ---- hooks -------------------------------------------------------------------------------

  protected checkKey(key: unknown): asserts key is string {
    if (typeof key !== 'string') throw new TypeError('key must be a string');
  }

  /** The latest write of `key` when it is not yet in the database. */
  protected readPending(key: string): { found: true; value: V | undefined } | { found: false } {
    const entry = this.latest.get(key);
    if (entry === undefined) return { found: false };
    return { found: true, value: entry.write.kind === 'set' ? entry.write.value : undefined };
  }

  /** The cache (unless it may be behind), else the database. */
  protected async readStored(key: string): Promise<V | undefined> {
    if (!this.#cacheTails.has(key) && !this.#staleInCache.has(key)) {
      try {
        const cached = await this.cache.get(key);
        if (cached !== undefined) return cached;
      } catch (error) {
        this.onCacheError(error, 'get', key);
      }
    }
    return this.db.get(key);
  }

  /** Whether a write of `key` may be queued now without going over `maxPending`. */
  protected hasRoomFor(key: string): boolean {
    return this.latest.has(key) || this.latest.size < this.maxPending;
  }

  /** Makes `write` the latest of its key and queues it (replacing any queued or retrying one). */
  protected enqueue(write: Write<V>): void {
    const entry: Entry<V> = { write, failures: 0 };
    this.cancelRetry(write.key);
    this.latest.set(write.key, entry);
    this.queue.set(write.key, entry);
    this.armTimer();
    this.startBatchIfDue();
  }

  /**
   * Sets the flush-interval timer unless one is set: it fires no later than flushIntervalMs after
   * any write queued since. It is left set when a batch empties the queue (it then fires with
   * nothing to do), so close() must clear it.
   */
  protected armTimer(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = this.scheduler.setTimeout(() => {
      this.flushTimer = undefined;
      this.writeSoon();
    }, this.flushIntervalMs);
  }

  /** Whether to start a batch now. */
  protected shouldStartBatch(): boolean {
    if (this.inFlight > 0 || this.queue.size === 0) return false;
    return this.queue.size >= this.batchSize || this.due || this.flushes.length > 0;
  }

  /** Takes the next batch off the front of the queue. */
  protected takeBatch(): Entry<V>[] {
    const batch: Entry<V>[] = [];
    for (const [key, entry] of this.queue) {
      if (batch.length === this.batchSize) break;
      this.queue.delete(key);
      batch.push(entry);
    }
    return batch;
  }

  /** Writes a batch to the database: resolves with the failed writes, rejects when none was applied. */
  protected writeToDatabase(writes: Write<V>[]): Promise<readonly FailedWrite<V>[]> {
    return this.db.writeBatch(writes);
  }

  /** The failed writes of a batch that resolved, by key, with their errors. */
  protected failedWrites(_batch: readonly Entry<V>[], failed: readonly FailedWrite<V>[]): Map<string, unknown> {
    return new Map(failed.map((f) => [f.write.key, f.error]));
  }

  /** A write failed (and is still the latest of its key): retry it, or dead-letter it. */
  protected onFailure(entry: Entry<V>, error: unknown, deadLetters: [Write<V>, unknown][]): void {
    if (entry.failures > this.maxRetries) {
      this.finished(entry);
      deadLetters.push([entry.write, error]);
    } else {
      this.retryLater(entry);
    }
  }

  /** Queues `entry` again after its backoff. */
  protected retryLater(entry: Entry<V>): void {
    const { key } = entry.write;
    const timer = this.scheduler.setTimeout(() => {
      this.retryTimers.delete(key);
      this.queue.set(key, entry);
      this.writeSoon();
    }, this.retryDelay(entry.failures));
    this.retryTimers.set(key, timer);
  }

  /** The wait before retrying a write that failed `failures` times. */
  protected retryDelay(failures: number): number {
    return this.retryDelayMs * 2 ** (failures - 1);
  }

  /** Whether a flush waiting for `key` must go on waiting. */
  protected stillWaiting(key: string): boolean {
    return this.latest.has(key);
  }

  /** Cancels every timer this instance set. */
  protected clearTimers(): void {
    if (this.flushTimer !== undefined) this.scheduler.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const timer of this.retryTimers.values()) this.scheduler.clearTimeout(timer);
    this.retryTimers.clear();
  }

  // ---- machinery ---------------------------------------------------------------------------

  /** A set or delete: waits for room if it must, then is queued and written to the cache. */
  protected write(write: Write<V>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('WriteBehind is closed'));
    if (!this.waitingKeys.has(write.key) && this.hasRoomFor(write.key)) return this.accept(write);
    return new Promise<void>((admit, refuse) => {
      this.waiters.push({ write, admit, refuse });
      this.waitingKeys.set(write.key, (this.waitingKeys.get(write.key) ?? 0) + 1);
    });
  }

  /** Queues `write` at once, then writes the cache. */
  protected accept(write: Write<V>): Promise<void> {
    this.enqueue(write);
    return this.writeCache(write);
  }

  /** Lets waiting writes in, first come first served, while the first has room. */
  protected admitWaiters(): void {
    while (this.waiters.length > 0 && this.hasRoomFor(this.waiters[0]!.write.key)) {
      const waiter = this.waiters.shift()!;
      const { key } = waiter.write;
      const count = this.waitingKeys.get(key)! - 1;
      if (count === 0) this.waitingKeys.delete(key);
      else this.waitingKeys.set(key, count);
      waiter.admit(this.accept(waiter.write));
    }
  }

  /** Writes the cache after the earlier cache writes of the key; a cache error is reported, not thrown. */
  protected writeCache(write: Write<V>): Promise<void> {
    const { key } = write;
    const previous = this.#cacheTails.get(key) ?? Promise.resolve();
    const tail = previous.then(async () => {
      try {
        if (write.kind === 'set') await this.cache.set(key, write.value);
        else await this.cache.delete(key);
        this.#staleInCache.delete(key);
      } catch (error) {
        this.#staleInCache.add(key);
        this.onCacheError(error, write.kind, key);
      }
    });
    // The next cache write of the key waits for this one, whatever its outcome.
    const settled = tail.catch(() => undefined);
    this.#cacheTails.set(key, settled);
    return tail.finally(() => {
      if (this.#cacheTails.get(key) === settled) this.#cacheTails.delete(key);
    });
  }

  protected cancelRetry(key: string): void {
    const timer = this.retryTimers.get(key);
    if (timer === undefined) return;
    this.scheduler.clearTimeout(timer);
    this.retryTimers.delete(key);
  }

  /** The queue is due: batches follow one another until it is empty. */
  protected writeSoon(): void {
    if (this.queue.size === 0) return;
    this.due = true;
    this.startBatchIfDue();
  }

  protected startBatchIfDue(): void {
    if (!this.shouldStartBatch()) return;
    const batch = this.takeBatch();
    if (this.queue.size === 0) this.due = false;
    void this.send(batch);
  }

  protected async send(batch: Entry<V>[]): Promise<void> {
    this.inFlight++;
    const writes = batch.map((entry) => entry.write);
    let failed: Map<string, unknown>;
    try {
      failed = this.failedWrites(batch, await this.writeToDatabase(writes));
    } catch (error) {
      // A batch that rejects applied nothing.
      failed = new Map(writes.map((w) => [w.key, error]));
    }
    this.inFlight--;
    const deadLetters: [Write<V>, unknown][] = [];
    for (const entry of batch) {
      const { key } = entry.write;
      if (!failed.has(key)) this.finished(entry);
      else if (this.latest.get(key) === entry) {
        entry.failures++;
        this.onFailure(entry, failed.get(key), deadLetters);
      }
      // else: a newer write of the key is queued; it replaces the failed one.
    }
    this.admitWaiters();
    this.checkFlushes();
    this.startBatchIfDue();
    for (const [write, error] of deadLetters) this.onDeadLetter(write, error);
  }

  /** `entry` has left for good: it is in the database, or dead-lettered. */
  protected finished(entry: Entry<V>): void {
    if (this.latest.get(entry.write.key) === entry) this.latest.delete(entry.write.key);
  }

  /** Resolves the flushes whose keys have all settled. */
  protected checkFlushes(): void {
    for (let i = this.flushes.length - 1; i >= 0; i--) {
      const flush = this.flushes[i]!;
      for (const key of flush.keys) if (!this.stillWaiting(key)) flush.keys.delete(key);
      if (flush.keys.size === 0) {
        this.flushes.splice(i, 1);
        flush.resolve();
      }
    }
  }
}
