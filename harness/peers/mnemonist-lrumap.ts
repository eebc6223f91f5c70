/**
 * mnemonist's `LRUMapWithDelete` wrapped to the `lru` contract: a second correct implementation
 * built differently (typed-array pointers, a Map for keys), which the LRU suite must pass.
 * @module
 */
import { LRUMapWithDelete } from 'mnemonist';

/** mnemonist behind the exercise's interface. */
export class LRUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  readonly #map: LRUMapWithDelete<K, V>;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;

  /** @param capacity - a positive safe integer. */
  constructor(capacity: number, options: { onEvict?: (key: K, value: V) => void } = {}) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) throw new RangeError(`capacity must be a positive safe integer, got ${capacity}`);
    this.capacity = capacity;
    this.#map = new LRUMapWithDelete<K, V>(capacity);
    this.#onEvict = options.onEvict;
  }
  /** Entries stored. */
  get size(): number {
    return this.#map.size;
  }
  /** Value, refreshing recency. */
  get(key: K): V | undefined {
    return this.#map.get(key);
  }
  /** Value, without refreshing. */
  peek(key: K): V | undefined {
    return this.#map.peek(key);
  }
  /** Membership, without refreshing. */
  has(key: K): boolean {
    return this.#map.has(key);
  }
  /** Insert or overwrite; reports the entry evicted to make room. */
  set(key: K, value: V): this {
    // setpop reports what it displaced: an evicted entry, or the old value of an overwrite.
    const displaced = this.#map.setpop(key, value);
    if (displaced?.evicted && this.#onEvict) this.#onEvict(displaced.key, displaced.value);
    return this;
  }
  /** Remove; whether it was there. */
  delete(key: K): boolean {
    return this.#map.delete(key);
  }
  /** Remove all. */
  clear(): void {
    this.#map.clear();
  }
  /** Most recently used first. */
  keys(): IterableIterator<K> {
    return this.#map.keys();
  }
}
