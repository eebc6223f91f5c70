/**
 * A correct stampede exercise, with hooks the buggy variants override: single-flight
 * (`isLive`, `flightOf`, `settled`, `forget`), XFetch (`shouldRecompute`, `store`) and
 * stale-while-revalidate, which is the refresh-ahead base's mechanism with RFC 5861's
 * boundaries (`isUsable`, `serveAging`, …).
 */
import { systemClock, type Clock, type RandomSource } from '../../../exercises/workbook.js';
import { BackgroundRefreshCache, checkFunction, checkKey, checkNumber } from './refresh-ahead.js';

/** Calls load; a synchronous throw becomes a rejection. */
function callLoad<V>(load: (key: string) => Promise<V>, key: string): Promise<V> {
  try {
    return Promise.resolve(load(key));
  } catch (error) {
    return Promise.reject(error);
  }
}

export interface SingleFlightOptions<V> {
  load: (key: string) => Promise<V>;
  ttlMs: number;
  clock?: Clock;
}

/** A loading cache in which concurrent misses of one key share a single load. */
export class SingleFlightCache<V> {
  protected readonly load: (key: string) => Promise<V>;
  protected readonly ttlMs: number;
  protected readonly clock: Clock;
  protected readonly values = new Map<string, { value: V; loadedAt: number }>();
  protected readonly flights = new Map<string, Promise<V>>();

  constructor(options: SingleFlightOptions<V>) {
    const { load, ttlMs, clock = systemClock } = options;
    checkFunction(load, 'load');
    checkNumber(ttlMs, 'ttlMs', (n) => n > 0);
    this.load = load;
    this.ttlMs = ttlMs;
    this.clock = clock;
  }

  get(key: string): Promise<V> {
    checkKey(key);
    const cached = this.values.get(key);
    if (cached !== undefined && this.isLive(this.clock.now() - cached.loadedAt)) return Promise.resolve(cached.value);
    return this.flightOf(key) ?? this.start(key);
  }

  delete(key: string): void {
    checkKey(key);
    this.values.delete(key);
    this.forget(key);
  }

  /** Whether a value of this age may be served. */
  protected isLive(age: number): boolean {
    return age < this.ttlMs;
  }

  /** The load of `key` a miss joins, if one is running. */
  protected flightOf(key: string): Promise<V> | undefined {
    return this.flights.get(key);
  }

  protected start(key: string): Promise<V> {
    const flight: Promise<V> = callLoad(this.load, key).then(
      (value) => {
        if (this.flights.get(key) === flight) {
          this.settled(key, true);
          this.values.set(key, { value, loadedAt: this.clock.now() });
        }
        return value;
      },
      (error: unknown) => {
        if (this.flights.get(key) === flight) this.settled(key, false);
        throw error;
      },
    );
    this.flights.set(key, flight);
    return flight;
  }

  /** The load of `key` settled (resolved when `ok`): it is no longer in flight. */
  protected settled(key: string, _ok: boolean): void {
    this.flights.delete(key);
  }

  /** A delete: the load in flight may not answer later gets nor store its value. */
  protected forget(key: string): void {
    this.flights.delete(key);
  }
}

export interface XFetchOptions<V> {
  load: (key: string) => Promise<V>;
  ttlMs: number;
  beta?: number;
  clock?: Clock;
  random?: RandomSource;
}

/** A value, how long its load took, and when it expires. */
export interface Computed<V> {
  value: V;
  delta: number;
  expiry: number;
}

/** A loading cache that recomputes entries early, at random, more likely the closer expiry is. */
export class XFetchCache<V> {
  protected readonly load: (key: string) => Promise<V>;
  protected readonly ttlMs: number;
  protected readonly beta: number;
  protected readonly clock: Clock;
  protected readonly random: RandomSource;
  protected readonly values = new Map<string, Computed<V>>();
  protected readonly flights = new Map<string, Promise<V>>();

  constructor(options: XFetchOptions<V>) {
    const { load, ttlMs, beta = 1, clock = systemClock, random = Math.random } = options;
    checkFunction(load, 'load');
    checkNumber(ttlMs, 'ttlMs', (n) => n > 0 && n < Infinity);
    checkNumber(beta, 'beta', (n) => n > 0 && n < Infinity);
    checkFunction(random, 'random');
    this.load = load;
    this.ttlMs = ttlMs;
    this.beta = beta;
    this.clock = clock;
    this.random = random;
  }

  get(key: string): Promise<V> {
    checkKey(key);
    const computed = this.values.get(key);
    if (computed !== undefined && !this.shouldRecompute(this.clock.now(), computed, this.random())) return Promise.resolve(computed.value);
    return this.flights.get(key) ?? this.recompute(key);
  }

  /** The XFetch test: recompute when now - delta * beta * ln(r) >= expiry. */
  protected shouldRecompute(now: number, computed: Computed<V>, r: number): boolean {
    const headStart = computed.delta === 0 ? 0 : computed.delta * this.beta * Math.log(r);
    return now - headStart >= computed.expiry;
  }

  protected recompute(key: string): Promise<V> {
    const startedAt = this.clock.now();
    const flight = callLoad(this.load, key).then(
      (value) => {
        const resolvedAt = this.clock.now();
        this.flights.delete(key);
        this.store(key, { value, delta: resolvedAt - startedAt, expiry: resolvedAt + this.ttlMs });
        return value;
      },
      (error: unknown) => {
        this.flights.delete(key);
        throw error;
      },
    );
    this.flights.set(key, flight);
    return flight;
  }

  /** Caches a (re)computed value. */
  protected store(key: string, computed: Computed<V>): void {
    this.values.set(key, computed);
  }
}

export interface StaleWhileRevalidateOptions<V> {
  load: (key: string) => Promise<V>;
  maxAgeMs: number;
  staleWhileRevalidateMs: number;
  clock?: Clock;
  onRefreshError?: (error: unknown, key: string) => void;
}

/** A loading cache that serves a stale value while one background revalidation runs. */
export class StaleWhileRevalidateCache<V> extends BackgroundRefreshCache<V> {
  constructor(options: StaleWhileRevalidateOptions<V>) {
    const { load, maxAgeMs, staleWhileRevalidateMs, clock = systemClock, onRefreshError = () => {} } = options;
    checkFunction(load, 'load');
    checkNumber(maxAgeMs, 'maxAgeMs', (n) => n > 0 && n < Infinity);
    checkNumber(staleWhileRevalidateMs, 'staleWhileRevalidateMs', (n) => n >= 0 && n < Infinity);
    checkFunction(onRefreshError, 'onRefreshError');
    super({ load, freshMs: maxAgeMs, usableMs: maxAgeMs + staleWhileRevalidateMs, clock, onRefreshError });
  }
}
