/**
 * Exercise `ttl` — a cache whose entries expire after a time to live.
 *
 * Read first: chapters/02-eviction/README.md (section "TTL and expiry").
 * Grade it:   npm run exercise ttl
 *
 * The contract (the grader checks exactly this, nothing else):
 * - An entry set at time `t` with time to live `ttl` is live while `clock.now() < t + ttl`.
 *   Reading an entry never extends its life; overwriting it starts a new life.
 * - `ttlMs` (the default, and the optional per-entry argument of `set`) is a positive number;
 *   `Infinity` means the entry never expires. Anything else throws a `RangeError` and changes
 *   nothing.
 * - `size` counts live entries. `purgeExpired()` removes every expired entry still stored and
 *   returns how many it removed (get, has, delete and size may already have removed some).
 * - Cost: get, set and delete O(log n) at worst; purgeExpired O(k log n) for k expired entries,
 *   not a scan of every entry.
 * - With `cleanupIntervalMs`, a timer calls purgeExpired periodically; it is unref'd so it never
 *   keeps a process alive, and `close()` (idempotent) stops it.
 *
 * @module
 */
import type { Clock } from './workbook.js';

/** Options for {@link TTLCache}. */
export interface TTLOptions {
  /** Default time to live in milliseconds: a positive number or `Infinity`. */
  ttlMs: number;
  /** Where time comes from; defaults to `Date.now()`. */
  clock?: Clock;
  /** If given, purge expired entries on a timer this often (milliseconds). */
  cleanupIntervalMs?: number;
}

/** A cache whose entries expire a fixed time after they were set. */
export class TTLCache<K, V> {
  /** @param options - default ttl, clock and optional cleanup interval. */
  constructor(options: TTLOptions) {
    void options;
    throw new Error('Not implemented: TTLCache constructor');
  }

  /**
   * (Over)writes `key`; it is live until `clock.now() >= now + ttlMs`.
   * @param ttlMs - this entry's time to live; defaults to the cache's `ttlMs`.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V, ttlMs?: number): this {
    void value;
    void ttlMs;
    throw new Error(`Not implemented: TTLCache.set(${String(key)})`);
  }

  /** The value for `key`, or `undefined` once it has expired. Never extends its life. */
  get(key: K): V | undefined {
    throw new Error(`Not implemented: TTLCache.get(${String(key)})`);
  }

  /** Whether `key` has a live entry. */
  has(key: K): boolean {
    throw new Error(`Not implemented: TTLCache.has(${String(key)})`);
  }

  /** Removes `key`; true if a live entry was removed. */
  delete(key: K): boolean {
    throw new Error(`Not implemented: TTLCache.delete(${String(key)})`);
  }

  /** The number of live entries at `clock.now()`. */
  get size(): number {
    throw new Error('Not implemented: TTLCache.size');
  }

  /** Removes every expired entry still stored; returns how many it removed. */
  purgeExpired(): number {
    throw new Error('Not implemented: TTLCache.purgeExpired');
  }

  /** Stops the cleanup timer, if one was started. Safe to call more than once. */
  close(): void {
    throw new Error('Not implemented: TTLCache.close');
  }
}
