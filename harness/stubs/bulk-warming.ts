/**
 * Exercise `bulk-warming` — fill a cache with many keys ahead of traffic, in chunks, under a
 * concurrency limit and a rate limit, with retries and progress.
 *
 * Read first: chapters/05-operations/README.md (section "Bulk warming").
 * Grade it:   npm run exercise bulk-warming
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `bulkWarm(keys, options)` warms each distinct key once (duplicates are dropped, keeping the
 *   order in which keys first appear). The distinct keys are split, in order, into chunks of
 *   `chunkSize`; each chunk is one request: `loadMany(chunk)`.
 * - Limits, under any interleaving: at most `concurrency` `loadMany` calls are pending at once,
 *   and the limit is used: while chunks wait to start, fewer than `concurrency` are pending and
 *   the rate allows, another starts (a chunk waiting for its retry may keep its slot). At most
 *   `ratePerSecond` `loadMany` calls START in any window of 1000 ms on the clock: for any time T,
 *   the starts in [T, T + 1000) number at most `ratePerSecond` (a fixed spacing of
 *   1000 / ratePerSecond ms, or a log of the last `ratePerSecond` start times, both do it; a
 *   token bucket holding `ratePerSecond` tokens does not). A request the rate does not allow yet
 *   waits on `scheduler`, no longer than the rate needs. Retries count against both limits.
 * - A `loadMany` that rejects is retried after `retryDelayMs`, then 2×, 4× ... that (never sooner),
 *   up to `maxRetries` times; after that every key of the chunk fails with the last error. Other
 *   chunks go on.
 * - For each key of a chunk that came back: if the map has it, `cache.set(key, value, ttlMs)`; a
 *   set that rejects makes that key failed (it is not retried). Keys not in the map are `absent`;
 *   map entries for keys not asked for are ignored.
 * - `onProgress` is called once after each chunk is finished (its load came back and its sets
 *   settled, or its last attempt failed), with `{ total, done, warmed, absent, failed }`, done =
 *   warmed + absent + failed, counting no key before its outcome is known; the last call has
 *   done = total.
 * - The promise resolves (never rejects for load or cache errors) with `{ total, warmed, absent,
 *   failed, failures: { key, error }[], requests, retries, elapsedMs }`: `requests` counts the
 *   `loadMany` calls, `retries` those that were retries, `elapsedMs` is measured on `clock`. With
 *   no keys it resolves with zeros, calling nothing.
 * - Time comes only from `clock` and `scheduler` (no Date.now, no setTimeout).
 * - Bad input rejects (or throws) with a TypeError or RangeError naming the argument: `keys` not
 *   an array of strings, `options` not an object, a `cache` without get/set/delete, `loadMany`
 *   not a function, a `clock` without now(), a `scheduler` without setTimeout/clearTimeout,
 *   `chunkSize` or `concurrency` not a safe integer >= 1, `ratePerSecond` neither a safe integer
 *   >= 1 nor Infinity, `maxRetries` not a safe integer >= 0, `retryDelayMs` not a positive finite
 *   number, `ttlMs` not a positive number, `onProgress` given but not a function.
 *
 * @module
 */
import type { CacheStore, Clock, Scheduler } from './workbook.js';

/** Options for {@link bulkWarm}. */
export interface BulkWarmOptions<V> {
  /** The cache to fill. */
  cache: CacheStore<V>;
  /** Loads the values of several keys in one request; a key it has no value for is left out of the map. */
  loadMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>;
  /** Where the time comes from (the rate limit and `elapsedMs`). */
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
  /** The wait before a chunk's first retry, in ms; each later retry waits twice as long. Default 100. */
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

/**
 * Warms `cache` with the values of `keys`, chunk by chunk, within the concurrency and rate limits,
 * retrying failed chunks with backoff. Resolves with a summary; load and cache errors never reject it.
 */
export function bulkWarm<V>(keys: readonly string[], options: BulkWarmOptions<V>): Promise<BulkSummary> {
  void keys;
  void options;
  throw new Error('Not implemented: bulkWarm');
}
