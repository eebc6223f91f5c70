/**
 * Exercise `lru` — a least-recently-used cache with O(1) operations.
 *
 * Read first: chapters/02-eviction/README.md (section "LRU").
 * Grade it:   npm run exercise lru
 *
 * The contract (the grader checks exactly this, nothing else):
 * - Keys follow `Map` semantics: `1` and `"1"` are different keys, objects compare by identity.
 * - A cache holds at most `capacity` entries. Inserting a NEW key into a full cache first
 *   evicts the least recently used key and calls `onEvict(key, value)` for it.
 * - `get` and `set` make the key the most recently used; `peek` and `has` change nothing.
 * - `delete` and `clear` never call `onEvict`.
 * - `get`, `peek`, `has`, `set` and `delete` take O(1) time (amortized): no scan of the entries.
 * - A capacity that is not a positive safe integer throws a `RangeError`.
 *
 * @module
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

  /**
   * @param capacity - the most entries to hold; a positive safe integer, else `RangeError`.
   * @param options - optional `onEvict` callback.
   */
  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    this.capacity = capacity;
    void options;
    throw new Error('Not implemented: LRUCache constructor');
  }

  /** The number of entries stored. */
  get size(): number {
    throw new Error('Not implemented: LRUCache.size');
  }

  /** The value for `key`, or `undefined`; a hit makes `key` the most recently used. */
  get(key: K): V | undefined {
    throw new Error(`Not implemented: LRUCache.get(${String(key)})`);
  }

  /** The value for `key`, or `undefined`, without changing its recency. */
  peek(key: K): V | undefined {
    throw new Error(`Not implemented: LRUCache.peek(${String(key)})`);
  }

  /** Whether `key` is stored, without changing its recency. */
  has(key: K): boolean {
    throw new Error(`Not implemented: LRUCache.has(${String(key)})`);
  }

  /**
   * Inserts or overwrites `key`, which becomes the most recently used. Inserting a new key
   * into a full cache first evicts the least recently used entry and calls `onEvict` for it.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V): this {
    void value;
    throw new Error(`Not implemented: LRUCache.set(${String(key)})`);
  }

  /** Removes `key`; true if it was present. Never calls `onEvict`. */
  delete(key: K): boolean {
    throw new Error(`Not implemented: LRUCache.delete(${String(key)})`);
  }

  /** Removes every entry. Never calls `onEvict`. */
  clear(): void {
    throw new Error('Not implemented: LRUCache.clear');
  }

  /** The keys, most recently used first. */
  keys(): IterableIterator<K> {
    throw new Error('Not implemented: LRUCache.keys');
  }
}
