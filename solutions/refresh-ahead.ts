/**
 * Reference solution for the `refresh-ahead` exercise: a loading cache that refreshes a hot
 * entry in the background before it expires.
 *
 * The idea: an entry's life has three parts, by its age (measured from when its load
 * resolved). Young, it is simply served. Past `refreshThreshold * ttlMs` it is still served at
 * once, but the get also starts a background `load`, so a key that keeps being read is
 * reloaded before it expires and its readers never wait. Past `ttlMs` it is gone, and gets
 * wait for one shared load.
 *
 * The mechanism (one load or refresh in flight per key, a per-entry token so a `delete` wins
 * over a load still running) is shared with stale-while-revalidate, which is the same idea
 * with the boundaries named differently: see `background-refresh.ts`. This class only checks
 * its options and names the two boundaries.
 *
 * @module
 */
import type { Clock } from '../exercises/workbook.js';
import { checkClock, checkFunction, checkNumber, checkOptions } from './arguments.js';
import { BackgroundRefresh } from './background-refresh.js';

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

const NAME = 'RefreshAheadCache';

/** A loading cache that refreshes entries in the background once they pass a fraction of their TTL. */
export class RefreshAheadCache<V> {
  readonly #cache: BackgroundRefresh<V>;

  /** @param options - the loader, the TTL, the refresh threshold, a clock and an error reporter. */
  constructor(options: RefreshAheadOptions<V>) {
    checkOptions(options, NAME);
    const { load, ttlMs, refreshThreshold, onRefreshError = () => {} } = options;
    checkFunction(load, 'load', NAME);
    checkNumber(ttlMs, 'ttlMs', NAME, 'a positive finite number of milliseconds', (n) => n > 0 && n < Infinity);
    checkNumber(refreshThreshold, 'refreshThreshold', NAME, 'a number strictly between 0 and 1', (n) => n > 0 && n < 1);
    checkFunction(onRefreshError, 'onRefreshError', NAME);
    const clock = checkClock(options.clock, NAME);
    this.#cache = new BackgroundRefresh({
      load,
      freshMs: refreshThreshold * ttlMs,
      usableMs: ttlMs,
      clock,
      onRefreshError,
      name: NAME,
    });
  }

  /** The value of `key`: cached (refreshing it in the background when it is due), or loaded. */
  get(key: string): Promise<V> {
    return this.#cache.get(key);
  }

  /** Forgets `key`; a load still running for it will not put it back. */
  delete(key: string): void {
    this.#cache.delete(key);
  }
}
