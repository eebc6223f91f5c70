/**
 * Exercise `refresh-ahead` — refresh a hot entry in the background before it expires.
 *
 * Read first: chapters/03-patterns/README.md (section "Refresh-ahead").
 * Grade it:   npm run exercise refresh-ahead
 *
 * The contract (the grader checks exactly this, nothing else):
 * - An entry's age is `clock.now()` minus the time its load resolved. With `ttlMs` and
 *   `refreshThreshold` (a fraction between 0 and 1, exclusive):
 *   - age < refreshThreshold * ttlMs: fresh. `get` returns the value; nothing is loaded.
 *   - refreshThreshold * ttlMs <= age < ttlMs: `get` returns the cached value AT ONCE (it must not
 *     wait for any load) and starts a background refresh, `load(key)`, unless one is already
 *     running for that key: however many gets arrive, one refresh at a time per key. When it
 *     resolves, its value replaces the entry and the age starts again from then. When it rejects,
 *     the error goes to `onRefreshError` and the old value is kept until it expires.
 *   - age >= ttlMs, or no entry: `get` waits for `load(key)`. Concurrent gets of that key share
 *     one load and all get its value, or all get its rejection, the same error object (which is
 *     not cached). If a refresh of the key is already running, the get waits for that one: one
 *     load per key at a time, always.
 * - `delete(key)` forgets the entry. A load or refresh still running for that key does not bring
 *   its value back into the cache (the gets waiting for it still get it); the next get of the
 *   key starts a load of its own.
 * - Time comes only from `clock`. Bad input throws a TypeError or RangeError naming the argument:
 *   `load` not a function, `ttlMs` not a positive finite number, `refreshThreshold` not strictly
 *   between 0 and 1, `onRefreshError` given but not a function, a key that is not a string.
 *
 * @module
 */
import type { Clock } from './workbook.js';

/** Options for {@link RefreshAheadCache}. */
export interface RefreshAheadOptions<V> {
  /** Loads the current value of a key from the source of truth. */
  load: (key: string) => Promise<V>;
  /** How long a loaded value may be served, in milliseconds. */
  ttlMs: number;
  /** The fraction of `ttlMs` after which a get starts a background refresh, e.g. 0.8. */
  refreshThreshold: number;
  /** Where time comes from. Default: the wall clock. */
  clock?: Clock;
  /** Told about each background refresh that failed. Default: nothing. */
  onRefreshError?: (error: unknown, key: string) => void;
}

/** A loading cache that refreshes entries in the background once they pass a fraction of their TTL. */
export class RefreshAheadCache<V> {
  /** @param options - the loader, the TTL, the refresh threshold, a clock and an error reporter. */
  constructor(options: RefreshAheadOptions<V>) {
    void options;
    throw new Error('Not implemented: RefreshAheadCache constructor');
  }

  /** The value of `key`: cached (refreshing it in the background when it is due), or loaded. */
  get(key: string): Promise<V> {
    throw new Error(`Not implemented: RefreshAheadCache.get(${String(key)})`);
  }

  /** Forgets `key`; a load still running for it will not put it back. */
  delete(key: string): void {
    throw new Error(`Not implemented: RefreshAheadCache.delete(${String(key)})`);
  }
}
