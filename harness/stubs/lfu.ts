/**
 * Exercise `lfu` — a least-frequently-used cache with O(1) operations.
 *
 * Read first: chapters/02-eviction/README.md (section "LFU").
 * Grade it:   npm run exercise lfu
 *
 * The contract (the grader checks exactly this, nothing else):
 * - Keys follow `Map` semantics: `1` and `"1"` are different keys, objects compare by identity.
 * - Each key has a use count: a new key starts at 1; a `get` hit adds 1; a `set` on an
 *   existing key overwrites the value and adds 1; `peek` and `has` change nothing;
 *   `delete` forgets the key and its count.
 * - Inserting a NEW key into a full cache first evicts the key with the smallest count,
 *   ties broken by least recent access (`get` or `set`), and calls `onEvict(key, value)`.
 * - `delete` and `clear` never call `onEvict`.
 * - `get`, `peek`, `has`, `set` and `delete` take O(1) time (amortized): no scan.
 * - A capacity that is not a positive safe integer throws a `RangeError`.
 *
 * @module
 */

/** Options for {@link LFUCache}. */
export interface LFUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;

  /**
   * @param capacity - the most entries to hold; a positive safe integer, else `RangeError`.
   * @param options - optional `onEvict` callback.
   */
  constructor(capacity: number, options: LFUOptions<K, V> = {}) {
    this.capacity = capacity;
    void options;
    throw new Error('Not implemented: LFUCache constructor');
  }

  /** The number of entries stored. */
  get size(): number {
    throw new Error('Not implemented: LFUCache.size');
  }

  /** The value for `key`, or `undefined`; a hit adds 1 to its count and counts as an access. */
  get(key: K): V | undefined {
    throw new Error(`Not implemented: LFUCache.get(${String(key)})`);
  }

  /** The value for `key`, or `undefined`, changing neither count nor recency. */
  peek(key: K): V | undefined {
    throw new Error(`Not implemented: LFUCache.peek(${String(key)})`);
  }

  /** Whether `key` is stored, changing neither count nor recency. */
  has(key: K): boolean {
    throw new Error(`Not implemented: LFUCache.has(${String(key)})`);
  }

  /**
   * Inserts `key` with count 1, or overwrites it and adds 1 to its count. Inserting a new key
   * into a full cache first evicts the least frequently used entry and calls `onEvict` for it.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V): this {
    void value;
    throw new Error(`Not implemented: LFUCache.set(${String(key)})`);
  }

  /** Removes `key` and forgets its count; true if it was present. Never calls `onEvict`. */
  delete(key: K): boolean {
    throw new Error(`Not implemented: LFUCache.delete(${String(key)})`);
  }

  /** Removes every entry. Never calls `onEvict`. */
  clear(): void {
    throw new Error('Not implemented: LFUCache.clear');
  }
}
