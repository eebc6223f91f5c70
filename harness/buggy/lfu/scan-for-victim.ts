/**
 * Buggy variant: each entry keeps its count and last-access time, and eviction scans every entry for the smallest (count, time).
 * @caughtBy constant-time
 */
/** Options for {@link LFUCache}. */
export interface LFUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

interface Entry<V> {
  value: V;
  count: number;
  /** When the entry was last read or written, on a counter that only goes up. */
  lastUsed: number;
}

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  readonly #entries = new Map<K, Entry<V>>();
  #tick = 0;

  constructor(capacity: number, options: LFUOptions<K, V> = {}) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${String(capacity)}`);
    }
    this.capacity = capacity;
    this.#onEvict = options.onEvict;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    entry.count++;
    entry.lastUsed = ++this.#tick;
    return entry.value;
  }

  peek(key: K): V | undefined {
    return this.#entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): this {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      entry.value = value;
      entry.count++;
      entry.lastUsed = ++this.#tick;
      return this;
    }
    if (this.#entries.size >= this.capacity) this.#evict();
    this.#entries.set(key, { value, count: 1, lastUsed: ++this.#tick });
    return this;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #evict(): void {
    let victim: [K, Entry<V>] | undefined;
    for (const candidate of this.#entries) {
      const [, entry] = candidate;
      if (
        victim === undefined ||
        entry.count < victim[1].count ||
        (entry.count === victim[1].count && entry.lastUsed < victim[1].lastUsed)
      ) {
        victim = candidate;
      }
    }
    if (victim === undefined) return;
    this.#entries.delete(victim[0]);
    this.#onEvict?.(victim[0], victim[1].value);
  }
}
