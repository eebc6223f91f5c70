/**
 * The `lru-cache` package wrapped to the `lru` contract: a correct implementation the workbook
 * did not write, which the LRU suite must pass (see peers.test.ts).
 * @module
 */
import { LRUCache as Upstream } from 'lru-cache';

/** `lru-cache` behind the exercise's interface. */
export class LRUCache<K extends {}, V extends {}> {
  /** The most entries the cache holds. */
  readonly capacity: number;
  readonly #cache: Upstream<K, V>;

  /** @param capacity - a positive safe integer. */
  constructor(capacity: number, options: { onEvict?: (key: K, value: V) => void } = {}) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) throw new RangeError(`capacity must be a positive safe integer, got ${capacity}`);
    this.capacity = capacity;
    const { onEvict } = options;
    this.#cache = new Upstream<K, V>({
      max: capacity,
      ...(onEvict ? { dispose: (value: V, key: K, reason: string) => void (reason === 'evict' && onEvict(key, value)) } : {}),
    });
  }
  /** Entries stored. */
  get size(): number {
    return this.#cache.size;
  }
  /** Value, refreshing recency. */
  get(key: K): V | undefined {
    return this.#cache.get(key);
  }
  /** Value, without refreshing. */
  peek(key: K): V | undefined {
    return this.#cache.peek(key);
  }
  /** Membership, without refreshing. */
  has(key: K): boolean {
    return this.#cache.has(key);
  }
  /** Insert or overwrite. */
  set(key: K, value: V): this {
    this.#cache.set(key, value);
    return this;
  }
  /** Remove; whether it was there. */
  delete(key: K): boolean {
    return this.#cache.delete(key);
  }
  /** Remove all, without onEvict. */
  clear(): void {
    // lru-cache reports clear() to dispose with reason 'delete', which the wrapper ignores.
    this.#cache.clear();
  }
  /** Most recently used first. */
  keys(): IterableIterator<K> {
    return this.#cache.keys();
  }
}
