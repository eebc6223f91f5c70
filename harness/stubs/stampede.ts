/**
 * Exercise `stampede` — three ways to stop a thundering herd from reaching the database.
 *
 * Read first: chapters/03-patterns/README.md (section "Stampede protection").
 * Grade it:   npm run exercise stampede
 *
 * The contract (the grader checks exactly this, nothing else):
 *
 * `SingleFlightCache` (request coalescing):
 * - A live cached value is returned without loading. Otherwise a get starts `load(key)`, unless
 *   a load of that key is already running: then it waits for that one. However many concurrent
 *   gets, one load per key at a time; every waiting caller gets the same value, or the same
 *   rejection (the same error object).
 * - A resolved value is cached for `ttlMs` from when it resolved (live while age < ttlMs). A
 *   rejection is not cached: the next get starts a new load. Gets of different keys never wait
 *   for each other's loads. `delete(key)` forgets the value; a load still running for it does
 *   not put it back, and the next get starts a load of its own.
 *
 * `XFetchCache` (probabilistic early expiration, Vattani et al., VLDB 2015):
 * - A missing key is loaded; the cache records `delta`, how long the load took on `clock`, and
 *   `expiry = (time the load resolved) + ttlMs`.
 * - A get of a present key draws ONE number from `random` and recomputes (loads again, waits for
 *   it, returns and caches the new value) when `now - delta * beta * ln(random()) >= expiry`,
 *   else returns the cached value. So the chance of recomputing with `t` left before expiry is
 *   `exp(-t / (beta * delta))`, and from `expiry` on it is certain.
 *
 * `StaleWhileRevalidateCache` (RFC 5861):
 * - With age measured from when the value's load resolved: age < maxAgeMs: fresh, served, no
 *   load. maxAgeMs <= age < maxAgeMs + staleWhileRevalidateMs: stale, served AT ONCE while one
 *   background revalidation per key runs (its value replaces the entry; its error goes to
 *   `onRefreshError` and the stale value stays usable until the window ends). Older, or missing:
 *   loaded, with concurrent gets sharing one load (a revalidation already running counts as that
 *   load: one load per key at a time). `delete` as for `SingleFlightCache`.
 *
 * All three: time only from `clock`; bad input throws a TypeError or RangeError naming the
 * argument (`load` not a function; `ttlMs` of SingleFlightCache not a positive number, Infinity
 * allowed; `ttlMs` of XFetchCache or `maxAgeMs` not a positive finite number; `beta` not a positive
 * finite number; `staleWhileRevalidateMs` not a finite number >= 0; a callback or `random` given
 * but not a function; a key that is not a string).
 *
 * @module
 */
import type { Clock, RandomSource } from './workbook.js';

/** Options for {@link SingleFlightCache}. */
export interface SingleFlightOptions<V> {
  /** Loads the current value of a key. */
  load: (key: string) => Promise<V>;
  /** How long a loaded value is served, in milliseconds (Infinity allowed). */
  ttlMs: number;
  /** Where time comes from. Default: the wall clock. */
  clock?: Clock;
}

/** A loading cache in which concurrent misses of one key share a single load. */
export class SingleFlightCache<V> {
  /** @param options - the loader, the TTL and a clock. */
  constructor(options: SingleFlightOptions<V>) {
    void options;
    throw new Error('Not implemented: SingleFlightCache constructor');
  }

  /** The cached value of `key`, or the result of the one load of it in flight. */
  get(key: string): Promise<V> {
    throw new Error(`Not implemented: SingleFlightCache.get(${String(key)})`);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    throw new Error(`Not implemented: SingleFlightCache.delete(${String(key)})`);
  }
}

/** Options for {@link XFetchCache}. */
export interface XFetchOptions<V> {
  /** Loads (recomputes) the current value of a key. */
  load: (key: string) => Promise<V>;
  /** How long a value lives, in milliseconds (positive, finite). */
  ttlMs: number;
  /** Above 1 favours earlier recomputation, below 1 later. Default 1. */
  beta?: number;
  /** Where time comes from. Default: the wall clock. */
  clock?: Clock;
  /** Numbers in [0, 1). Default: Math.random. */
  random?: RandomSource;
}

/** A loading cache that recomputes entries early, at random, more likely the closer expiry is. */
export class XFetchCache<V> {
  /** @param options - the loader, the TTL, beta, a clock and a random source. */
  constructor(options: XFetchOptions<V>) {
    void options;
    throw new Error('Not implemented: XFetchCache constructor');
  }

  /** The value of `key`, recomputed early with probability exp(-t / (beta * delta)). */
  get(key: string): Promise<V> {
    throw new Error(`Not implemented: XFetchCache.get(${String(key)})`);
  }
}

/** Options for {@link StaleWhileRevalidateCache}. */
export interface StaleWhileRevalidateOptions<V> {
  /** Loads the current value of a key. */
  load: (key: string) => Promise<V>;
  /** How long a value is fresh, in milliseconds (positive, finite). */
  maxAgeMs: number;
  /** How long after that a stale value may still be served while it is revalidated (>= 0). */
  staleWhileRevalidateMs: number;
  /** Where time comes from. Default: the wall clock. */
  clock?: Clock;
  /** Told about each background revalidation that failed. Default: nothing. */
  onRefreshError?: (error: unknown, key: string) => void;
}

/** A loading cache that serves a stale value while one background revalidation runs. */
export class StaleWhileRevalidateCache<V> {
  /** @param options - the loader, max-age, the stale window, a clock and an error reporter. */
  constructor(options: StaleWhileRevalidateOptions<V>) {
    void options;
    throw new Error('Not implemented: StaleWhileRevalidateCache constructor');
  }

  /** The value of `key`: fresh, stale while revalidating, or loaded. */
  get(key: string): Promise<V> {
    throw new Error(`Not implemented: StaleWhileRevalidateCache.get(${String(key)})`);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    throw new Error(`Not implemented: StaleWhileRevalidateCache.delete(${String(key)})`);
  }
}
