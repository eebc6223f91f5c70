/**
 * A correct refresh-ahead cache, with hooks the buggy variants override. The mechanism, a
 * loading cache that serves aging values while it refreshes them in the background, is the
 * class {@link BackgroundRefreshCache}; the stale-while-revalidate cache of the stampede base
 * reuses it with other boundaries.
 */
import { systemClock, type Clock } from '../../../exercises/workbook.js';

/** Options for {@link RefreshAheadCache}. */
export interface RefreshAheadOptions<V> {
  load: (key: string) => Promise<V>;
  ttlMs: number;
  refreshThreshold: number;
  clock?: Clock;
  onRefreshError?: (error: unknown, key: string) => void;
}

/** A cached value and when its load resolved. */
export interface Entry<V> {
  value: V;
  loadedAt: number;
}

/** A key's state. The slot object is the token: delete drops it, and a load writes only into the slot it started for. */
export interface Slot<V> {
  entry: Entry<V> | undefined;
  flight: Promise<V> | undefined;
}

/** What {@link BackgroundRefreshCache} needs, already checked. */
export interface Mechanism<V> {
  load: (key: string) => Promise<V>;
  freshMs: number;
  usableMs: number;
  clock: Clock;
  onRefreshError: (error: unknown, key: string) => void;
}

/** Fresh below `freshMs`; served at once and refreshed below `usableMs`; loaded from then on. */
export class BackgroundRefreshCache<V> {
  protected readonly load: (key: string) => Promise<V>;
  protected readonly freshMs: number;
  protected readonly usableMs: number;
  protected readonly clock: Clock;
  protected readonly onRefreshError: (error: unknown, key: string) => void;
  protected readonly slots = new Map<string, Slot<V>>();

  constructor(mechanism: Mechanism<V>) {
    this.load = mechanism.load;
    this.freshMs = mechanism.freshMs;
    this.usableMs = mechanism.usableMs;
    this.clock = mechanism.clock;
    this.onRefreshError = mechanism.onRefreshError;
  }

  get(key: string): Promise<V> {
    checkKey(key);
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { entry: undefined, flight: undefined };
      this.slots.set(key, slot);
    }
    const entry = slot.entry;
    if (entry !== undefined) {
      const age = this.now() - entry.loadedAt;
      if (this.isFresh(age)) return Promise.resolve(entry.value);
      if (this.isUsable(age)) return this.serveAging(key, slot, entry);
      slot.entry = undefined;
    }
    return this.waitForLoad(key, slot);
  }

  delete(key: string): void {
    checkKey(key);
    this.slots.delete(key);
  }

  /** The time, from the clock. */
  protected now(): number {
    return this.clock.now();
  }

  /** Whether an entry of this age is fresh. */
  protected isFresh(age: number): boolean {
    return age < this.freshMs;
  }

  /** Whether an entry of this age (not fresh) may still be served while it is refreshed. */
  protected isUsable(age: number): boolean {
    return age < this.usableMs;
  }

  /** An aging entry: served at once, with a background refresh unless one runs. */
  protected serveAging(key: string, slot: Slot<V>, entry: Entry<V>): Promise<V> {
    if (slot.flight === undefined) this.start(key, slot, true);
    return Promise.resolve(entry.value);
  }

  /** A get that must wait: for the key's load in flight, or a new one. */
  protected waitForLoad(key: string, slot: Slot<V>): Promise<V> {
    return slot.flight ?? this.start(key, slot, false);
  }

  /** Starts the one load of `key` for `slot`. */
  protected start(key: string, slot: Slot<V>, background: boolean): Promise<V> {
    const startedAt = this.now();
    let flight: Promise<V>;
    try {
      flight = Promise.resolve(this.load(key));
    } catch (error) {
      flight = Promise.reject(error);
    }
    flight = flight.then(
      (value) => {
        this.landed(slot, flight);
        this.store(key, slot, value, startedAt);
        return value;
      },
      (error: unknown) => {
        this.failed(key, slot, flight, background);
        throw error;
      },
    );
    slot.flight = flight;
    if (background) flight.catch((error: unknown) => this.report(error, key));
    return flight;
  }

  /** The load in flight is done: clear it. */
  protected landed(slot: Slot<V>, flight: Promise<V>): void {
    if (slot.flight === flight) slot.flight = undefined;
  }

  /** A load failed: clear it; a background refresh keeps the old entry. */
  protected failed(_key: string, slot: Slot<V>, flight: Promise<V>, _background: boolean): void {
    if (slot.flight === flight) slot.flight = undefined;
  }

  /** Stores a loaded value in the slot the load was started for (after a delete, an orphan). */
  protected store(_key: string, slot: Slot<V>, value: V, _startedAt: number): void {
    slot.entry = { value, loadedAt: this.now() };
  }

  /** Tells onRefreshError about a failed background refresh. */
  protected report(error: unknown, key: string): void {
    this.onRefreshError(error, key);
  }
}

/** A loading cache that refreshes entries in the background once they pass a fraction of their TTL. */
export class RefreshAheadCache<V> extends BackgroundRefreshCache<V> {
  constructor(options: RefreshAheadOptions<V>) {
    const { load, ttlMs, refreshThreshold, clock = systemClock, onRefreshError = () => {} } = options;
    checkFunction(load, 'load');
    checkNumber(ttlMs, 'ttlMs', (n) => n > 0 && n < Infinity);
    checkThreshold(refreshThreshold);
    checkFunction(onRefreshError, 'onRefreshError');
    super({ load, freshMs: refreshThreshold * ttlMs, usableMs: ttlMs, clock, onRefreshError });
  }
}

/** Throws a RangeError unless 0 < t < 1. */
export function checkThreshold(t: unknown): void {
  checkNumber(t, 'refreshThreshold', (n) => n > 0 && n < 1);
}

export function checkKey(key: unknown): void {
  if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${typeof key}`);
}

export function checkFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
}

export function checkNumber(value: unknown, name: string, ok: (n: number) => boolean): void {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  if (!ok(value)) throw new RangeError(`${name} out of range: ${value}`);
}
