import { systemClock, type CacheStore, type Clock } from '../exercises/workbook.js';
import { attempt, checkKey, checkTtl, checkValue } from './check.js';

/**
 * The embedded cache store: a Map with per-entry expiry read from a {@link Clock}. It resolves
 * every call at once, applying it when it is made, as one connection to Redis would.
 */
export class MemoryStore<V> implements CacheStore<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  /** The live value under `key`, or undefined. */
  get(key: string): Promise<V | undefined> {
    return attempt(() => {
      checkKey(key, 'MemoryStore.get');
      return this.peek(key);
    });
  }

  /** Stores `value`, for `ttlMs` when given. */
  set(key: string, value: V, ttlMs?: number): Promise<void> {
    return attempt(() => {
      checkKey(key, 'MemoryStore.set');
      checkValue(value, 'MemoryStore.set');
      checkTtl(ttlMs, 'MemoryStore.set');
      this.#entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : this.#clock.now() + ttlMs });
    });
  }

  /** Removes `key`. */
  delete(key: string): Promise<void> {
    return attempt(() => {
      checkKey(key, 'MemoryStore.delete');
      this.#entries.delete(key);
    });
  }

  /** The live value under `key`, synchronously, without counting as a call (for tests and demos). */
  peek(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock.now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** When the entry under `key` expires (Infinity for never), or undefined when there is none. */
  expiresAt(key: string): number | undefined {
    return this.peek(key) === undefined ? undefined : this.#entries.get(key)!.expiresAt;
  }

  /** The live keys, in insertion order. */
  keys(): string[] {
    return [...this.#entries.keys()].filter((k) => this.peek(k) !== undefined);
  }
}
