/**
 * Buggy variant: like the textbook cleanup, purgeExpired walks every stored entry to find the expired ones.
 * @caughtBy purge-cost
 */
import { type Clock, systemClock } from '../../../exercises/workbook.js';

interface Entry<V> {
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
  readonly #entries = new Map<K, Entry<V>>();
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
    this.#entries.set(key, { value, expiresAt: this.#clock.now() + ttl });
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
    this.#entries.delete(key);
    return this.#clock.now() < entry.expiresAt;
  }

  get size(): number {
    this.purgeExpired();
    return this.#entries.size;
  }

  purgeExpired(): number {
    const now = this.#clock.now();
    const expired: K[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) expired.push(key);
    }
    for (const key of expired) this.#entries.delete(key);
    return expired.length;
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #live(key: K): Entry<V> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock.now() < entry.expiresAt) return entry;
    this.#entries.delete(key);
    return undefined;
  }
}
