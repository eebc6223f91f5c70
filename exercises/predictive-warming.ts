/**
 * Exercise `predictive-warming` — find the keys that are hot now, in bounded memory, and warm them
 * within a concurrency limit.
 *
 * Read first: chapters/05-operations/README.md (section "Predictive warming").
 * Grade it:   npm run exercise predictive-warming
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `record(key)` counts one access of `key` at `clock.now()`. An access counts 1 when it happens
 *   and half as much every `halfLifeMs` after: the true score of a key at time T is the sum, over
 *   its accesses at times t, of 2^(-(T - t) / halfLifeMs). W is the sum of every key's true score.
 * - Bounded memory: at most `capacity` keys are tracked at any time (`tracked`). The estimates
 *   keep the Space-Saving guarantee (Metwally et al., 2005), with weights: for a tracked key,
 *   true score <= score(key) <= true score + W / capacity; a key that is not tracked has
 *   `score(key) === 0` and a true score of at most W / capacity. So every key whose true score is
 *   above W / capacity is tracked. (Exact counts of every key ever seen break the memory bound;
 *   evicting the lowest key and starting the newcomer at 1 breaks the lower bound.)
 * - `score(key)` is the estimate now; `hot(n)` the min(n, tracked) tracked keys with the highest
 *   scores, highest first, as `{ key, score }` (the same scores `score(key)` gives; ties in any
 *   order).
 * - `warm(n)` warms the keys of `hot(n)` as they are at the call. For each key:
 *   `cache.get(key)`; a value (anything but `undefined`, even `""` or `0`) means it is already
 *   cached: skipped. Otherwise `load(key)`: `undefined` means the source has nothing (absent,
 *   nothing stored); a value is stored with `cache.set(key, value, ttlMs)` (without `ttlMs`, with
 *   `Infinity` or no third argument). A key's calls run in that order, one at a time.
 * - At most `concurrency` calls are pending at once, and no slot is left idle: whenever warm is
 *   waiting, min(concurrency, keys not finished) keys each have a call pending. When a key
 *   finishes, the next one starts at once (neither one key at a time, nor batches that wait for
 *   their slowest key).
 * - A rejected call (get, load or set) fails that key only: it is reported with the error it
 *   rejected with and the other keys carry on. Once every key has finished, warm resolves with
 *   `{ warmed, skipped, absent, failed }` (each in hot order); it never rejects because of a key.
 * - Time comes only from `clock`; nothing here sets a timer (calling `warm` on a schedule is the
 *   caller's business). Bad input throws a TypeError or RangeError naming the argument (`warm`
 *   may reject with it instead): options not an object, `cache` without get/set/delete, `load`
 *   not a function, `capacity` or `concurrency` not a safe integer >= 1, `halfLifeMs` not a
 *   positive finite number, `ttlMs` not a positive number, `clock` without now(), a key that is
 *   not a string, `n` not a safe integer >= 0. A refused call changes nothing.
 *
 * @module
 */
import type { CacheStore, Clock } from './workbook.js';

/** Options for {@link PredictiveWarmer}. */
export interface PredictiveWarmerOptions<V> {
  /** The cache to warm. */
  cache: CacheStore<V>;
  /** Reads a key from the source of truth; `undefined` when the source has nothing for it. */
  load: (key: string) => Promise<V | undefined>;
  /** The most keys tracked at once: a safe integer >= 1. */
  capacity: number;
  /** How long until an access counts half as much, in milliseconds: positive and finite. */
  halfLifeMs: number;
  /** The most keys warmed at once. Default 4. */
  concurrency?: number;
  /** Passed to `cache.set` for each warmed key, in milliseconds. Default: Infinity (no expiry). */
  ttlMs?: number;
  /** Where time comes from. Default: the wall clock. */
  clock?: Clock;
}

/** A key of {@link PredictiveWarmer.hot} and its score. */
export interface HotKey {
  readonly key: string;
  readonly score: number;
}

/** A key that {@link PredictiveWarmer.warm} could not warm, and the error its call rejected with. */
export interface WarmFailure {
  readonly key: string;
  readonly error: unknown;
}

/** What {@link PredictiveWarmer.warm} did with each key, each list in hot order. */
export interface WarmReport {
  /** Loaded and stored in the cache. */
  readonly warmed: string[];
  /** Already cached: not loaded. */
  readonly skipped: string[];
  /** The source had nothing (load resolved with undefined): nothing stored. */
  readonly absent: string[];
  /** A call for the key rejected. */
  readonly failed: WarmFailure[];
}

/** Tracks the hottest keys by exponentially decayed access counts, in bounded memory, and warms them. */
export class PredictiveWarmer<V> {
  /** @param options - the cache, the loader, the capacity and half-life, and the warming settings. */
  constructor(options: PredictiveWarmerOptions<V>) {
    void options;
    throw new Error('Not implemented: PredictiveWarmer constructor');
  }

  /** How many keys are tracked now (at most `capacity`). */
  get tracked(): number {
    throw new Error('Not implemented: PredictiveWarmer.tracked');
  }

  /** Counts one access of `key`, now. */
  record(key: string): void {
    throw new Error(`Not implemented: PredictiveWarmer.record(${String(key)})`);
  }

  /** The estimated decayed score of `key` now; 0 when it is not tracked. */
  score(key: string): number {
    throw new Error(`Not implemented: PredictiveWarmer.score(${String(key)})`);
  }

  /** The `n` tracked keys with the highest scores now, highest first (fewer if fewer are tracked). */
  hot(n: number): HotKey[] {
    throw new Error(`Not implemented: PredictiveWarmer.hot(${String(n)})`);
  }

  /** Warms the keys of `hot(n)`, at most `concurrency` at a time, and reports what happened to each. */
  warm(n: number): Promise<WarmReport> {
    throw new Error(`Not implemented: PredictiveWarmer.warm(${String(n)})`);
  }
}
