/**
 * Reference solution for the `bulk-warming` exercise: fill a cache with many keys ahead of
 * traffic, in chunks, without overwhelming the source the values come from.
 *
 * The shape is a *worker pool*: `concurrency` workers share one cursor into the list of chunks;
 * each takes the next chunk, warms it, and takes another, until none is left. So at most
 * `concurrency` chunks (and so `loadMany` calls) are under way at once, and a worker that finishes
 * takes the next chunk at once: the limit is used.
 *
 * Every `loadMany` call, a retry too, first asks the `StartLog` (below) for a start: a sliding-window
 * limiter that remembers the times of the last `ratePerSecond` starts and lets a new one go only
 * when fewer than `ratePerSecond` of them are less than 1000 ms old. (A token bucket that holds
 * `ratePerSecond` tokens would allow a burst of twice that within one second: it empties at the
 * end of one second and is full again one second later.)
 *
 * A chunk whose `loadMany` rejects waits `retryDelayMs`, then twice that, ..., and tries again, up
 * to `maxRetries` times; then each of its keys fails with the last error. A chunk that came back
 * writes each value it holds with `cache.set`; a set that rejects fails that key only. Nothing is
 * rethrown: the summary says what happened to every key.
 *
 * Time comes only from the injected clock and scheduler, so the grader can replay every run.
 *
 * @module
 */
import type { CacheStore, Clock, Scheduler } from '../exercises/workbook.js';
import { checkFunction, checkMethods, checkNumber, checkOptions, describe } from './arguments.js';

/** Options for {@link bulkWarm}. */
export interface BulkWarmOptions<V> {
  /** The cache to fill. */
  cache: CacheStore<V>;
  /** Loads the values of several keys in one request; a key it has no value for is left out of the map. */
  loadMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>;
  /** Where the time comes from (for the rate limit and `elapsedMs`). */
  clock: Clock;
  /** Where timers come from (waiting for the rate limit and for retries). */
  scheduler: Scheduler;
  /** Keys per `loadMany` call. Default 100. */
  chunkSize?: number;
  /** The most `loadMany` calls pending at once. Default 4. */
  concurrency?: number;
  /** The most `loadMany` calls started in any 1000 ms. Default Infinity (no limit). */
  ratePerSecond?: number;
  /** How many times a chunk whose `loadMany` rejected is tried again. Default 3. */
  maxRetries?: number;
  /** The wait before the first retry of a chunk, in ms; each later retry waits twice as long. Default 100. */
  retryDelayMs?: number;
  /** Passed to every `cache.set`. Default Infinity. */
  ttlMs?: number;
  /** Called after each chunk is finished, with the counts so far. */
  onProgress?: (progress: BulkProgress) => void;
}

/** How far a warming has got. `done` is `warmed + absent + failed`. */
export interface BulkProgress {
  readonly total: number;
  readonly done: number;
  readonly warmed: number;
  readonly absent: number;
  readonly failed: number;
}

/** A key that could not be warmed, and why. */
export interface BulkFailure {
  readonly key: string;
  readonly error: unknown;
}

/** What a warming did, once it is over. */
export interface BulkSummary {
  /** Distinct keys asked for. */
  readonly total: number;
  /** Keys whose value is now in the cache. */
  readonly warmed: number;
  /** Keys `loadMany` had no value for. */
  readonly absent: number;
  /** Keys whose chunk failed every attempt, or whose `cache.set` failed. */
  readonly failed: number;
  /** The failed keys, each with its error. */
  readonly failures: readonly BulkFailure[];
  /** `loadMany` calls made, retries included. */
  readonly requests: number;
  /** `loadMany` calls that were retries. */
  readonly retries: number;
  /** How long the warming took, on the clock. */
  readonly elapsedMs: number;
}

const WHERE = 'bulkWarm';

/**
 * Warms `cache` with the values of `keys`: chunk by chunk, at most `concurrency` chunks at once
 * and at most `ratePerSecond` requests started per second, retrying failed chunks with backoff.
 * Resolves with a summary; load and cache errors never reject it.
 */
export async function bulkWarm<V>(keys: readonly string[], options: BulkWarmOptions<V>): Promise<BulkSummary> {
  const settings = checkArguments(keys, options);
  const { cache, loadMany, clock, scheduler, chunkSize, concurrency, maxRetries, retryDelayMs, ttlMs, onProgress } = settings;
  const started = clock.now();

  // Duplicates are warmed once, in the order they first appear.
  const unique = [...new Set(keys)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += chunkSize) chunks.push(unique.slice(i, i + chunkSize));

  const totals = { warmed: 0, absent: 0, failed: 0 };
  const failures: BulkFailure[] = [];
  let requests = 0;
  let retries = 0;
  const starts = new StartLog(settings.ratePerSecond, clock, scheduler);
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => scheduler.setTimeout(resolve, ms));

  /** Loads one chunk, retrying with backoff: its values, or the last error when every attempt failed. */
  async function load(chunk: string[]): Promise<{ values: ReadonlyMap<string, V> } | { error: unknown }> {
    for (let attempt = 0; ; attempt++) {
      await starts.take();
      requests++;
      if (attempt > 0) retries++;
      try {
        return { values: await loadMany(chunk) };
      } catch (error) {
        if (attempt === maxRetries) return { error };
        await sleep(retryDelayMs * 2 ** attempt);
      }
    }
  }

  /** Warms one chunk and counts every one of its keys. */
  async function warm(chunk: string[]): Promise<void> {
    const loaded = await load(chunk);
    if ('error' in loaded) {
      for (const key of chunk) failures.push({ key, error: loaded.error });
      totals.failed += chunk.length;
    } else {
      await Promise.all(
        chunk.map(async (key) => {
          // Entries for keys we did not ask for are ignored: we only look up our own keys.
          if (!loaded.values.has(key)) {
            totals.absent++;
            return;
          }
          try {
            await cache.set(key, loaded.values.get(key) as V, ttlMs);
            totals.warmed++;
          } catch (error) {
            // Not retried: the chunk's request succeeded; only this key's write failed.
            failures.push({ key, error });
            totals.failed++;
          }
        }),
      );
    }
    const done = totals.warmed + totals.absent + totals.failed;
    onProgress?.({ total: unique.length, done, ...totals });
  }

  let next = 0;
  async function worker(): Promise<void> {
    while (next < chunks.length) await warm(chunks[next++]!);
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));

  return { total: unique.length, ...totals, failures, requests, retries, elapsedMs: clock.now() - started };
}

/**
 * A sliding-window rate limiter: at most `rate` starts in any 1000 ms. It keeps the times of the
 * last `rate` starts; a new start may go when the oldest of them is at least 1000 ms old. Callers
 * are served one at a time, first come, first served.
 */
class StartLog {
  readonly #times: number[] = [];
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly rate: number,
    readonly clock: Clock,
    readonly scheduler: Scheduler,
  ) {}

  /** Resolves when a start is allowed, and records it. */
  take(): Promise<void> {
    if (this.rate === Infinity) return Promise.resolve();
    const turn = this.#queue.then(() => this.#wait());
    this.#queue = turn;
    return turn;
  }

  async #wait(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (this.#times.length < this.rate) {
        this.#times.push(now);
        return;
      }
      const oldest = this.#times[0]!;
      if (now - oldest >= 1000) {
        this.#times.shift();
        continue;
      }
      await new Promise<void>((resolve) => this.scheduler.setTimeout(resolve, oldest + 1000 - now));
    }
  }
}

/** The options with their defaults, checked. */
interface Settings<V> extends Required<Omit<BulkWarmOptions<V>, 'onProgress'>> {
  onProgress: BulkWarmOptions<V>['onProgress'];
}

/** Throws a TypeError or RangeError naming the first bad argument; returns the options with their defaults. */
function checkArguments<V>(keys: unknown, options: BulkWarmOptions<V>): Settings<V> {
  if (!Array.isArray(keys)) throw new TypeError(`${WHERE}: keys must be an array of strings, got ${describe(keys)}`);
  const bad = keys.findIndex((key) => typeof key !== 'string');
  if (bad >= 0) throw new TypeError(`${WHERE}: keys must be an array of strings, got ${describe(keys[bad])} at index ${bad}`);
  checkOptions(options, WHERE);
  const { cache, loadMany, clock, scheduler, chunkSize = 100, concurrency = 4, ratePerSecond = Infinity, maxRetries = 3, retryDelayMs = 100, ttlMs = Infinity, onProgress } = options;
  checkMethods(cache, 'options.cache', WHERE, 'a CacheStore', ['get', 'set', 'delete']);
  checkFunction(loadMany, 'options.loadMany', WHERE);
  checkMethods(clock, 'options.clock', WHERE, 'a Clock', ['now']);
  checkMethods(scheduler, 'options.scheduler', WHERE, 'a Scheduler', ['setTimeout', 'clearTimeout']);
  const count = (n: number): boolean => Number.isSafeInteger(n) && n >= 1;
  checkNumber(chunkSize, 'options.chunkSize', WHERE, 'a safe integer >= 1', count);
  checkNumber(concurrency, 'options.concurrency', WHERE, 'a safe integer >= 1', count);
  checkNumber(ratePerSecond, 'options.ratePerSecond', WHERE, 'a safe integer >= 1 or Infinity', (n) => n === Infinity || count(n));
  checkNumber(maxRetries, 'options.maxRetries', WHERE, 'a safe integer >= 0', (n) => Number.isSafeInteger(n) && n >= 0);
  checkNumber(retryDelayMs, 'options.retryDelayMs', WHERE, 'a positive finite number of milliseconds', (n) => n > 0 && n < Infinity);
  checkNumber(ttlMs, 'options.ttlMs', WHERE, 'a positive number of milliseconds (Infinity: no expiry)', (n) => n > 0);
  if (onProgress !== undefined) checkFunction(onProgress, 'options.onProgress', WHERE);
  return { cache, loadMany, clock, scheduler, chunkSize, concurrency, ratePerSecond, maxRetries, retryDelayMs, ttlMs, onProgress };
}
