/**
 * The mechanism shared by the `refresh-ahead` and `stampede` reference solutions: a loading
 * cache that serves a value while it refreshes it in the background. (The argument checks the
 * loading caches have in common are in `arguments.ts`, with the other pattern solutions'.)
 *
 * {@link BackgroundRefresh} knows two ages, both measured from the moment a value's load
 * resolved:
 *
 * ```text
 *   0 ────────── freshMs ─────────────── usableMs ──────────────▶ age
 *   │   fresh: served   │ served AT ONCE + one     │ too old: get waits for
 *   │                   │ background refresh       │ one shared load
 * ```
 *
 * Refresh-ahead is `freshMs = refreshThreshold * ttlMs, usableMs = ttlMs`;
 * stale-while-revalidate (RFC 5861) is `freshMs = maxAgeMs, usableMs = maxAgeMs +
 * staleWhileRevalidateMs`. With `freshMs === usableMs` the middle band is empty and no stale
 * value is ever served.
 *
 * Each key has a *slot*: its value (if any), when that value's load resolved, and the one load
 * or refresh in flight for it (if any). Two rules make it right under any interleaving:
 *
 * - **One flight per slot.** A get that needs a load while one is running joins it, whether it
 *   was started as a foreground load or as a background refresh.
 * - **The slot object is the token.** `delete` removes the slot from the map; a later get makes
 *   a new one. A flight writes its result into the slot it was started for, so a load started
 *   before a delete writes into an orphan no get can reach: it can never put its value back,
 *   nor overwrite a newer one.
 *
 * @module
 */
import type { Clock } from '../exercises/workbook.js';
import { checkKey } from './arguments.js';

/** A key's state in a {@link BackgroundRefresh}. */
interface Slot<V> {
  /** Whether `value` holds a loaded value (a `V` may itself be `undefined`). */
  hasValue: boolean;
  value: V | undefined;
  /** `clock.now()` when the value's load resolved. */
  loadedAt: number;
  /** The load or refresh of this key in flight, if any: at most one. */
  flight: Promise<V> | undefined;
}

/** What {@link BackgroundRefresh} needs; the public classes validate it first. */
export interface BackgroundRefreshOptions<V> {
  /** Loads the current value of a key. */
  load: (key: string) => Promise<V>;
  /** A value is fresh while its age is below this. */
  freshMs: number;
  /** A value is served (and refreshed) while its age is below this; `usableMs >= freshMs`. */
  usableMs: number;
  /** Where time comes from. */
  clock: Clock;
  /** Told about each background refresh that failed. */
  onRefreshError: (error: unknown, key: string) => void;
  /** The public class's name, for error messages. */
  name: string;
}

/** A loading cache that serves fresh values, refreshes aging ones in the background, and loads old ones. */
export class BackgroundRefresh<V> {
  readonly #load: (key: string) => Promise<V>;
  readonly #freshMs: number;
  readonly #usableMs: number;
  readonly #clock: Clock;
  readonly #onRefreshError: (error: unknown, key: string) => void;
  readonly #name: string;
  readonly #slots = new Map<string, Slot<V>>();

  /** @param options - the loader, the two age limits, a clock, an error reporter and a name. */
  constructor(options: BackgroundRefreshOptions<V>) {
    this.#load = options.load;
    this.#freshMs = options.freshMs;
    this.#usableMs = options.usableMs;
    this.#clock = options.clock;
    this.#onRefreshError = options.onRefreshError;
    this.#name = options.name;
  }

  /** The value of `key`: cached (refreshing it in the background when it is due), or loaded. */
  get(key: string): Promise<V> {
    checkKey(key, `${this.#name}.get`);
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      slot = { hasValue: false, value: undefined, loadedAt: 0, flight: undefined };
      this.#slots.set(key, slot);
    } else if (slot.hasValue) {
      const age = this.#clock.now() - slot.loadedAt;
      if (age < this.#freshMs) return Promise.resolve(slot.value as V);
      if (age < this.#usableMs) {
        // Serve now; never make this caller wait for the refresh.
        if (slot.flight === undefined) this.#start(key, slot, true);
        return Promise.resolve(slot.value as V);
      }
      // Too old to serve: forget it, and wait for a load like a miss.
      slot.hasValue = false;
      slot.value = undefined;
    }
    // A refresh already running counts as the load: one flight per key.
    return slot.flight ?? this.#start(key, slot, false);
  }

  /** Forgets `key`; a load or refresh still running for it will not put it back. */
  delete(key: string): void {
    checkKey(key, `${this.#name}.delete`);
    this.#slots.delete(key);
  }

  /** Starts the one load of `key` for `slot`; a `background` one reports its failure. */
  #start(key: string, slot: Slot<V>, background: boolean): Promise<V> {
    const flight = callLoad(this.#load, key).then(
      (value) => {
        // The value goes into this flight's own slot. After a delete that slot is an orphan
        // no get can reach, so the value goes nowhere; a newer slot is never touched.
        slot.flight = undefined;
        slot.hasValue = true;
        slot.value = value;
        slot.loadedAt = this.#clock.now();
        return value;
      },
      (error: unknown) => {
        slot.flight = undefined;
        // A rejection is not cached. A slot left empty is dropped, unless a delete already
        // replaced it: the slot in the map may be a newer one.
        if (!slot.hasValue && this.#slots.get(key) === slot) this.#slots.delete(key);
        throw error;
      },
    );
    slot.flight = flight;
    // The reporter also marks a refresh's rejection as handled when no get waits for it. A
    // reporter that throws is not hidden: its error surfaces as an unhandled rejection.
    if (background) flight.catch((error: unknown) => this.#onRefreshError(error, key));
    return flight;
  }
}

/** Calls `load(key)`; a synchronous throw becomes a rejected promise like any other failure. */
export function callLoad<V>(load: (key: string) => Promise<V>, key: string): Promise<V> {
  try {
    return Promise.resolve(load(key));
  } catch (error) {
    return Promise.reject(error);
  }
}
