/**
 * Reference solution for the `stampede` exercise: three ways to stop a thundering herd from
 * reaching the database when a popular entry is missing or expires.
 *
 * - {@link SingleFlightCache} coalesces: the first miss of a key starts its load and keeps it
 *   in a map, as a *flight*; every other get of that key returns the flight's promise. Once the
 *   load resolves, the same settled promise is the cached value, so a hit allocates nothing.
 *   The flight object doubles as a token: after a `delete` a newer flight may take its place,
 *   and the old one, now unreachable, can no longer change what is cached.
 * - {@link XFetchCache} spreads recomputation out in time: each get of a present key recomputes
 *   early with a probability that rises to 1 at expiry, scaled by how long the last load took
 *   (`delta`), so one reader usually reloads a hot key shortly before it expires, alone.
 * - {@link StaleWhileRevalidateCache} keeps serving an expired ("stale") value for a while
 *   and revalidates it in the background. It is refresh-ahead with the boundaries RFC 5861
 *   gives them, so it uses the same mechanism, from `background-refresh.ts`.
 *
 * @module
 */
import type { Clock, RandomSource } from '../exercises/workbook.js';
import { checkClock, checkFunction, checkKey, checkNumber, checkOptions } from './arguments.js';
import { BackgroundRefresh, callLoad } from './background-refresh.js';

/** Options for {@link SingleFlightCache}. */
export interface SingleFlightOptions<V> {
  /** Loads the current value of a key. */
  load: (key: string) => Promise<V>;
  /** How long a loaded value is served, in milliseconds (Infinity allowed). */
  ttlMs: number;
  /** Where time comes from. Default: the wall clock. */
  clock?: Clock;
}

/** A key's load: its promise, and when it resolved (`Infinity` while it runs). */
interface Flight<V> {
  promise: Promise<V>;
  loadedAt: number;
}

/** A loading cache in which concurrent misses of one key share a single load. */
export class SingleFlightCache<V> {
  readonly #load: (key: string) => Promise<V>;
  readonly #ttlMs: number;
  /** `ttlMs === Infinity`: every value lives forever, so a hit need not read the clock. */
  readonly #forever: boolean;
  readonly #clock: Clock;
  /** key -> its last load: still running, resolved (live while `now - loadedAt < ttlMs`), or expired. */
  readonly #flights = new Map<string, Flight<V>>();

  /** @param options - the loader, the TTL and a clock. */
  constructor(options: SingleFlightOptions<V>) {
    const name = 'SingleFlightCache';
    checkOptions(options, name);
    const { load, ttlMs } = options;
    checkFunction(load, 'load', name);
    checkNumber(ttlMs, 'ttlMs', name, 'a positive number of milliseconds or Infinity', (n) => n > 0);
    this.#clock = checkClock(options.clock, name);
    this.#load = load;
    this.#ttlMs = ttlMs;
    this.#forever = ttlMs === Infinity;
  }

  /** The cached value of `key`, or the result of the one load of it in flight. */
  get(key: string): Promise<V> {
    // The hit path: one Map lookup, at most one clock read, no allocation. A live value is
    // returned as the promise its load already settled. A load still running has
    // `loadedAt = Infinity`, an age of -Infinity, so the same test hands its pending promise to
    // every get that arrives meanwhile.
    const flight = this.#flights.get(key);
    if (flight !== undefined && (this.#forever || this.#clock.now() - flight.loadedAt < this.#ttlMs)) {
      return flight.promise;
    }
    // A non-string key is never stored, so checking it here keeps it off the hit path.
    checkKey(key, 'SingleFlightCache.get');
    return this.#start(key);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    checkKey(key, 'SingleFlightCache.delete');
    this.#flights.delete(key);
  }

  /** Starts the one load of `key`, replacing an expired one. */
  #start(key: string): Promise<V> {
    const promise = callLoad(this.#load, key).then(
      (value) => {
        // The value lives from now. After a delete this flight is an orphan no get can
        // reach, so the value goes nowhere.
        flight.loadedAt = this.#clock.now();
        return value;
      },
      (error: unknown) => {
        // Not cached: the next get starts a new load. Only this flight may be removed; after a
        // delete the one in the map may be a newer load.
        if (this.#flights.get(key) === flight) this.#flights.delete(key);
        throw error;
      },
    );
    const flight: Flight<V> = { promise, loadedAt: Infinity };
    this.#flights.set(key, flight);
    return flight.promise;
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

/** A value, how long its load took (`delta`), and when it expires. */
interface Computed<V> {
  readonly value: V;
  readonly delta: number;
  readonly expiry: number;
}

/** A loading cache that recomputes entries early, at random, more likely the closer expiry is. */
export class XFetchCache<V> {
  readonly #load: (key: string) => Promise<V>;
  readonly #ttlMs: number;
  readonly #beta: number;
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #values = new Map<string, Computed<V>>();
  /** key -> the one recomputation of it in flight. */
  readonly #flights = new Map<string, Promise<V>>();

  /** @param options - the loader, the TTL, beta, a clock and a random source. */
  constructor(options: XFetchOptions<V>) {
    const name = 'XFetchCache';
    checkOptions(options, name);
    const { load, ttlMs, beta = 1, random = Math.random } = options;
    checkFunction(load, 'load', name);
    checkNumber(ttlMs, 'ttlMs', name, 'a positive finite number of milliseconds', (n) => n > 0 && n < Infinity);
    checkNumber(beta, 'beta', name, 'a positive finite number', (n) => n > 0 && n < Infinity);
    checkFunction(random, 'random', name);
    this.#clock = checkClock(options.clock, name);
    this.#load = load;
    this.#ttlMs = ttlMs;
    this.#beta = beta;
    this.#random = random;
  }

  /** The value of `key`, recomputed early with probability exp(-t / (beta * delta)). */
  get(key: string): Promise<V> {
    checkKey(key, 'XFetchCache.get');
    const computed = this.#values.get(key);
    if (computed !== undefined) {
      const now = this.#clock.now();
      const r = this.#random();
      // ln(r) <= 0, so the formula moves `now` forward by a random head start. Expiry is tested
      // first: a load that took no time (delta 0) with r = 0 gives 0 * -Infinity = NaN, and a
      // comparison with NaN is false, which would serve an expired value.
      const recompute = now >= computed.expiry || now - computed.delta * this.#beta * Math.log(r) >= computed.expiry;
      if (!recompute) return Promise.resolve(computed.value);
    }
    // Missing, or chosen to recompute: join the recomputation in flight, or start one.
    return this.#flights.get(key) ?? this.#recompute(key);
  }

  /** Loads `key`, timing the load on the clock, and caches the value with its delta and expiry. */
  #recompute(key: string): Promise<V> {
    const startedAt = this.#clock.now();
    const flight = callLoad(this.#load, key).then(
      (value) => {
        const resolvedAt = this.#clock.now();
        this.#values.set(key, { value, delta: resolvedAt - startedAt, expiry: resolvedAt + this.#ttlMs });
        this.#flights.delete(key);
        return value;
      },
      (error: unknown) => {
        // The old value, if any, stays: the next get draws again.
        this.#flights.delete(key);
        throw error;
      },
    );
    this.#flights.set(key, flight);
    return flight;
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
  readonly #cache: BackgroundRefresh<V>;

  /** @param options - the loader, max-age, the stale window, a clock and an error reporter. */
  constructor(options: StaleWhileRevalidateOptions<V>) {
    const name = 'StaleWhileRevalidateCache';
    checkOptions(options, name);
    const { load, maxAgeMs, staleWhileRevalidateMs, onRefreshError = () => {} } = options;
    checkFunction(load, 'load', name);
    checkNumber(maxAgeMs, 'maxAgeMs', name, 'a positive finite number of milliseconds', (n) => n > 0 && n < Infinity);
    checkNumber(staleWhileRevalidateMs, 'staleWhileRevalidateMs', name, 'a finite number of milliseconds >= 0', (n) => n >= 0 && n < Infinity);
    checkFunction(onRefreshError, 'onRefreshError', name);
    const clock = checkClock(options.clock, name);
    // Fresh below max-age; stale but served (and revalidated) for the window after it.
    this.#cache = new BackgroundRefresh({
      load,
      freshMs: maxAgeMs,
      usableMs: maxAgeMs + staleWhileRevalidateMs,
      clock,
      onRefreshError,
      name,
    });
  }

  /** The value of `key`: fresh, stale while revalidating, or loaded. */
  get(key: string): Promise<V> {
    return this.#cache.get(key);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.#cache.delete(key);
  }
}
