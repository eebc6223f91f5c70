/**
 * The correct `bulk-warming` implementation that the buggy variants in `harness/buggy/bulk-warming/`
 * extend.
 *
 * A {@link BulkWarmer} warms one list of keys: `dedupe`, split into chunks, then `runAll` hands
 * the chunks to a `pool` of `slots()` workers. A worker warms a chunk: `loadWithRetries` (each
 * attempt first waits for `takeStart`, the rate limiter, here a fixed spacing of 1000 / rate ms
 * between starts), then `finishChunk` writes its values with `warmKey`, counts the chunk's keys
 * and reports progress. `startClock` and `elapsedSince` measure the run.
 *
 * Each variant overrides one of these `protected` hooks to add its flaw, and exports
 * `bulkWarm = bulkWarmWith(ItsClass)`.
 *
 * @module
 */
import type { CacheStore, Clock, Scheduler } from '../../../exercises/workbook.js';
import type { BulkWarmOptions, BulkProgress, BulkFailure, BulkSummary } from '../../../solutions/bulk-warming.js';
// The contract's types are the reference's: only the implementation below differs.
export type { BulkWarmOptions, BulkProgress, BulkFailure, BulkSummary };

/** The outcome of loading a chunk. */
export type Loaded<V> = { values: ReadonlyMap<string, V> } | { error: unknown };

/** Counts of one chunk (or of the whole run). */
export interface Counts {
  warmed: number;
  absent: number;
  failed: number;
}

function hasMethods(o: unknown, names: string[]): boolean {
  return typeof o === 'object' && o !== null && names.every((n) => typeof (o as Record<string, unknown>)[n] === 'function');
}

function checkCount(name: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`bulkWarm: options.${name} must be a number`);
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`bulkWarm: options.${name} must be a safe integer >= ${min}`);
}

/** One warming run, built from small hooks. */
export class BulkWarmer<V> {
  protected readonly cache: CacheStore<V>;
  protected readonly loadMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>;
  protected readonly clock: Clock;
  protected readonly scheduler: Scheduler;
  protected readonly chunkSize: number;
  protected readonly concurrency: number;
  protected readonly ratePerSecond: number;
  protected readonly maxRetries: number;
  protected readonly retryDelayMs: number;
  protected readonly ttlMs: number;
  protected readonly onProgress: ((progress: BulkProgress) => void) | undefined;

  protected total = 0;
  protected totals: Counts = { warmed: 0, absent: 0, failed: 0 };
  protected failures: BulkFailure[] = [];
  protected requests = 0;
  protected retries = 0;
  /** The earliest time the next loadMany may start (fixed spacing). */
  protected nextStart = -Infinity;

  constructor(options: BulkWarmOptions<V>) {
    if (typeof options !== 'object' || options === null) throw new TypeError('bulkWarm: options must be an object');
    const { cache, loadMany, clock, scheduler, chunkSize = 100, concurrency = 4, ratePerSecond = Infinity, maxRetries = 3, retryDelayMs = 100, ttlMs = Infinity, onProgress } = options;
    if (!hasMethods(cache, ['get', 'set', 'delete'])) throw new TypeError('bulkWarm: options.cache must be a CacheStore');
    if (typeof loadMany !== 'function') throw new TypeError('bulkWarm: options.loadMany must be a function');
    if (!hasMethods(clock, ['now'])) throw new TypeError('bulkWarm: options.clock must have now()');
    if (!hasMethods(scheduler, ['setTimeout', 'clearTimeout'])) throw new TypeError('bulkWarm: options.scheduler must have setTimeout and clearTimeout');
    checkCount('chunkSize', chunkSize, 1);
    checkCount('concurrency', concurrency, 1);
    if (ratePerSecond !== Infinity) checkCount('ratePerSecond', ratePerSecond, 1);
    checkCount('maxRetries', maxRetries, 0);
    if (typeof retryDelayMs !== 'number' || !(retryDelayMs > 0 && retryDelayMs < Infinity)) throw new RangeError('bulkWarm: options.retryDelayMs must be positive and finite');
    if (typeof ttlMs !== 'number' || !(ttlMs > 0)) throw new RangeError('bulkWarm: options.ttlMs must be positive');
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('bulkWarm: options.onProgress must be a function');
    this.cache = cache;
    this.loadMany = loadMany;
    this.clock = clock;
    this.scheduler = scheduler;
    this.chunkSize = chunkSize;
    this.concurrency = concurrency;
    this.ratePerSecond = ratePerSecond;
    this.maxRetries = maxRetries;
    this.retryDelayMs = retryDelayMs;
    this.ttlMs = ttlMs;
    this.onProgress = onProgress;
  }

  /** Warms `keys` and resolves with the summary. */
  async run(keys: readonly string[]): Promise<BulkSummary> {
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw new TypeError('bulkWarm: keys must be an array of strings');
    const started = this.startClock();
    const unique = this.dedupe(keys);
    this.total = unique.length;
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += this.chunkSize) chunks.push(unique.slice(i, i + this.chunkSize));
    await this.runAll(chunks);
    return { total: this.total, ...this.totals, failures: this.failures, requests: this.requests, retries: this.retries, elapsedMs: this.elapsedSince(started) };
  }

  protected startClock(): number {
    return this.clock.now();
  }

  protected elapsedSince(start: number): number {
    return this.clock.now() - start;
  }

  /** Distinct keys, first occurrence first. */
  protected dedupe(keys: readonly string[]): string[] {
    return [...new Set(keys)];
  }

  /** Warms every chunk with the worker pool. */
  protected runAll(chunks: string[][]): Promise<void> {
    return this.pool(chunks, (chunk) => this.warmChunk(chunk));
  }

  /** Runs `work` on every chunk, at most `slots()` at once, in order. */
  protected async pool(chunks: string[][], work: (chunk: string[]) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) await work(chunks[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.slots(), chunks.length) }, worker));
  }

  /** How many chunks may be under way at once. */
  protected slots(): number {
    return this.concurrency;
  }

  protected async warmChunk(chunk: string[]): Promise<void> {
    const loaded = await this.loadWithRetries(chunk);
    await this.finishChunk(chunk, loaded);
  }

  /** Loads a chunk, retrying with backoff; the last error when every attempt failed. */
  protected async loadWithRetries(chunk: string[]): Promise<Loaded<V>> {
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.loadOnce(chunk, attempt);
      if ('values' in loaded || attempt >= this.maxRetries) return loaded;
      await this.sleep(this.retryDelay(attempt + 1));
    }
  }

  /** One loadMany call, after the rate limiter allows it. */
  protected async loadOnce(chunk: string[], attempt: number): Promise<Loaded<V>> {
    await this.takeStart();
    this.requests++;
    if (attempt > 0) this.retries++;
    try {
      return { values: await this.loadMany(chunk) };
    } catch (error) {
      return { error };
    }
  }

  /** The wait after failure `n` (1-based). */
  protected retryDelay(n: number): number {
    return this.retryDelayMs * 2 ** (n - 1);
  }

  /** Waits until a start is allowed: starts are at least 1000 / ratePerSecond ms apart. */
  protected async takeStart(): Promise<void> {
    if (this.ratePerSecond === Infinity) return;
    const now = this.clock.now();
    const at = Math.max(now, this.nextStart);
    this.nextStart = at + 1000 / this.ratePerSecond;
    if (at > now) await this.sleep(at - now);
  }

  protected sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.scheduler.setTimeout(resolve, ms));
  }

  /** Writes a loaded chunk to the cache, counts its keys, and reports progress. */
  protected async finishChunk(chunk: string[], loaded: Loaded<V>): Promise<void> {
    const counts: Counts = { warmed: 0, absent: 0, failed: 0 };
    const failures: BulkFailure[] = [];
    if ('error' in loaded) {
      for (const key of chunk) failures.push({ key, error: loaded.error });
      counts.failed = chunk.length;
    } else {
      await Promise.all(chunk.map((key) => this.warmKey(key, loaded.values, counts, failures)));
    }
    this.totals.warmed += counts.warmed;
    this.totals.absent += counts.absent;
    this.totals.failed += counts.failed;
    this.failures.push(...failures);
    this.reportProgress();
  }

  /** Writes one key of a loaded chunk, counting it. */
  protected async warmKey(key: string, values: ReadonlyMap<string, V>, counts: Counts, failures: BulkFailure[]): Promise<void> {
    if (!values.has(key)) {
      counts.absent++;
      return;
    }
    try {
      await this.cache.set(key, values.get(key) as V, this.ttlMs);
      counts.warmed++;
    } catch (error) {
      counts.failed++;
      failures.push({ key, error });
    }
  }

  protected reportProgress(): void {
    const { warmed, absent, failed } = this.totals;
    this.onProgress?.({ total: this.total, done: warmed + absent + failed, warmed, absent, failed });
  }
}

/** A warmer class, generic in the value type. */
export type WarmerClass = new <V>(options: BulkWarmOptions<V>) => BulkWarmer<V>;

/** The exercise's function, running warmers of class `cls`. */
export function bulkWarmWith(cls: WarmerClass): <V>(keys: readonly string[], options: BulkWarmOptions<V>) => Promise<BulkSummary> {
  return async <V>(keys: readonly string[], options: BulkWarmOptions<V>) => new cls<V>(options).run(keys);
}

/** Warms `keys` into the cache: see the exercise. */
export const bulkWarm = bulkWarmWith(BulkWarmer);
