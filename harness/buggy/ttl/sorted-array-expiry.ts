/**
 * Buggy variant: expiry order is kept in an array sorted by expiry time, and set and delete find their place with a linear scan and splice.
 * @caughtBy log-cost
 */
import { type Clock, systemClock } from '../../../exercises/workbook.js';

interface Entry<K, V> {
  key: K;
  value: V;
  expiresAt: number;
}

function checkTtl(ttlMs: unknown, what: string): number {
  if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
    throw new RangeError(`${what} must be a positive number of milliseconds or Infinity, got ${String(ttlMs)}`);
  }
  return ttlMs;
}

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
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #entries = new Map<K, Entry<K, V>>();
  /** Every stored entry, latest expiry first, so the next to expire is at the end. */
  readonly #byExpiry: Entry<K, V>[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: TTLOptions) {
    this.#ttlMs = checkTtl(options.ttlMs, 'ttlMs');
    this.#clock = options.clock ?? systemClock;
    const every = options.cleanupIntervalMs;
    if (every !== undefined) {
      if (typeof every !== 'number' || !Number.isFinite(every) || every <= 0) {
        throw new RangeError(`cleanupIntervalMs must be a positive finite number, got ${String(every)}`);
      }
      this.#timer = setInterval(() => this.purgeExpired(), every);
      this.#timer.unref();
    }
  }

  set(key: K, value: V, ttlMs: number = this.#ttlMs): this {
    const ttl = checkTtl(ttlMs, 'ttlMs');
    const old = this.#entries.get(key);
    if (old !== undefined) this.#remove(old);
    const entry: Entry<K, V> = { key, value, expiresAt: this.#clock.now() + ttl };
    let at = this.#byExpiry.findIndex((other) => other.expiresAt <= entry.expiresAt);
    if (at < 0) at = this.#byExpiry.length;
    this.#byExpiry.splice(at, 0, entry);
    this.#entries.set(key, entry);
    return this;
  }

  get(key: K): V | undefined {
    return this.#live(key)?.value;
  }

  has(key: K): boolean {
    return this.#live(key) !== undefined;
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#remove(entry);
    return this.#clock.now() < entry.expiresAt;
  }

  get size(): number {
    this.purgeExpired();
    return this.#entries.size;
  }

  purgeExpired(): number {
    const now = this.#clock.now();
    let removed = 0;
    for (let last = this.#byExpiry.at(-1); last !== undefined && last.expiresAt <= now; last = this.#byExpiry.at(-1)) {
      this.#byExpiry.pop();
      this.#entries.delete(last.key);
      removed++;
    }
    return removed;
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #live(key: K): Entry<K, V> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock.now() < entry.expiresAt) return entry;
    this.#remove(entry);
    return undefined;
  }

  #remove(entry: Entry<K, V>): void {
    this.#byExpiry.splice(this.#byExpiry.indexOf(entry), 1);
    this.#entries.delete(entry.key);
  }
}
