/**
 * Buggy variant: each key carries a last-used timestamp and eviction scans every entry for the oldest one (the textbook LRU).
 * @caughtBy constant-time
 */
/** Options for {@link LRUCache}. */
export interface LRUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  readonly #values = new Map<K, V>();
  /** When each key was last used, on a counter that only goes up. */
  readonly #lastUsed = new Map<K, number>();
  #tick = 0;

  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${String(capacity)}`);
    }
    this.capacity = capacity;
    this.#onEvict = options.onEvict;
  }

  get size(): number {
    return this.#values.size;
  }

  get(key: K): V | undefined {
    if (!this.#values.has(key)) return undefined;
    this.#lastUsed.set(key, ++this.#tick);
    return this.#values.get(key);
  }

  peek(key: K): V | undefined {
    return this.#values.get(key);
  }

  has(key: K): boolean {
    return this.#values.has(key);
  }

  set(key: K, value: V): this {
    if (!this.#values.has(key) && this.#values.size >= this.capacity) this.#evictLeastRecentlyUsed();
    this.#values.set(key, value);
    this.#lastUsed.set(key, ++this.#tick);
    return this;
  }

  delete(key: K): boolean {
    this.#lastUsed.delete(key);
    return this.#values.delete(key);
  }

  clear(): void {
    this.#values.clear();
    this.#lastUsed.clear();
  }

  *keys(): IterableIterator<K> {
    const byRecency = [...this.#lastUsed].sort((a, b) => b[1] - a[1]);
    for (const [key] of byRecency) yield key;
  }

  #evictLeastRecentlyUsed(): void {
    let oldestKey: K | undefined;
    let oldestTick = Infinity;
    for (const [key, tick] of this.#lastUsed) {
      if (tick < oldestTick) {
        oldestTick = tick;
        oldestKey = key;
      }
    }
    if (oldestTick === Infinity) return;
    const victim = oldestKey as K;
    const value = this.#values.get(victim) as V;
    this.#values.delete(victim);
    this.#lastUsed.delete(victim);
    this.#onEvict?.(victim, value);
  }
}
