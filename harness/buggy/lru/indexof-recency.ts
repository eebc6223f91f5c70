/**
 * Buggy variant: recency is an array of keys, and get, set and delete find a key with indexOf and splice it out, a scan of every entry.
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
  /** The keys, least recently used first. */
  #order: K[] = [];

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
    this.#touch(key);
    return this.#values.get(key);
  }

  peek(key: K): V | undefined {
    return this.#values.get(key);
  }

  has(key: K): boolean {
    return this.#values.has(key);
  }

  set(key: K, value: V): this {
    if (this.#values.has(key)) {
      this.#values.set(key, value);
      this.#touch(key);
      return this;
    }
    if (this.#values.size >= this.capacity) {
      const victim = this.#order.shift() as K;
      const old = this.#values.get(victim) as V;
      this.#values.delete(victim);
      this.#onEvict?.(victim, old);
    }
    this.#values.set(key, value);
    this.#order.push(key);
    return this;
  }

  delete(key: K): boolean {
    if (!this.#values.delete(key)) return false;
    this.#order.splice(this.#order.indexOf(key), 1);
    return true;
  }

  clear(): void {
    this.#values.clear();
    this.#order = [];
  }

  *keys(): IterableIterator<K> {
    for (let i = this.#order.length - 1; i >= 0; i--) yield this.#order[i] as K;
  }

  /** Moves `key` to the most recently used end. */
  #touch(key: K): void {
    this.#order.splice(this.#order.indexOf(key), 1);
    this.#order.push(key);
  }
}
