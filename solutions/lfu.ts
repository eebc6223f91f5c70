/**
 * Reference solution for the `lfu` exercise: a least-frequently-used cache with O(1) operations.
 *
 * The idea (the "O(1) LFU" of Shah, Mitra and Matani): group entries into *frequency
 * buckets*, one per distinct use count, and keep the buckets in a linked list sorted by
 * count, so the smallest count is always the first bucket. Inside a bucket, entries sit in
 * a linked list in the order they arrived there. An entry arrives in bucket `c` exactly
 * when it is accessed (a new key arrives in bucket 1 when it is set), and any later access
 * moves it on to bucket `c + 1`, so arrival order in a bucket *is* last-access order: the
 * head of the first bucket is the least frequently used entry, oldest access first.
 *
 * An access moves an entry one bucket along (creating that bucket if needed), an eviction
 * takes the head of the first bucket, and a bucket that empties is unlinked. Every step is
 * a constant number of pointer updates, and there is never a scan or a search for the new
 * minimum: it is always the first bucket.
 *
 * @module
 */

/** Options for {@link LFUCache}. */
export interface LFUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

/** One stored entry: a node in its bucket's list. */
interface Entry<K, V> {
  readonly key: K;
  value: V;
  bucket: Bucket<K, V>;
  /** Neighbours in the bucket: towards older (prev) and newer (next) access. */
  prev: Entry<K, V> | null;
  next: Entry<K, V> | null;
}

/** All entries with one use count, oldest access first. Never empty while linked. */
interface Bucket<K, V> {
  readonly count: number;
  oldest: Entry<K, V> | null;
  newest: Entry<K, V> | null;
  /** Neighbouring buckets: smaller (prev) and larger (next) count. */
  prev: Bucket<K, V> | null;
  next: Bucket<K, V> | null;
}

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;

  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  readonly #entries = new Map<K, Entry<K, V>>();
  /** The bucket with the smallest count, or null when the cache is empty. */
  #first: Bucket<K, V> | null = null;

  /**
   * @param capacity - the most entries to hold; a positive safe integer, else `RangeError`.
   * @param options - optional `onEvict` callback.
   */
  constructor(capacity: number, options: LFUOptions<K, V> = {}) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${describe(capacity)}`);
    }
    const onEvict = options.onEvict;
    if (onEvict !== undefined && typeof onEvict !== 'function') {
      throw new TypeError(`onEvict must be a function, got ${describe(onEvict)}`);
    }
    this.capacity = capacity;
    this.#onEvict = onEvict;
  }

  /** The number of entries stored. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value for `key`, or `undefined`; a hit adds 1 to its count and counts as an access. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#promote(entry);
    return entry.value;
  }

  /** The value for `key`, or `undefined`, changing neither count nor recency. */
  peek(key: K): V | undefined {
    return this.#entries.get(key)?.value;
  }

  /** Whether `key` is stored, changing neither count nor recency. */
  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /**
   * Inserts `key` with count 1, or overwrites it and adds 1 to its count. Inserting a new key
   * into a full cache first evicts the least frequently used entry and calls `onEvict` for it.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V): this {
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.#promote(existing);
      return this;
    }

    // Evict before inserting: otherwise the newcomer, with the lowest possible count,
    // would be the one evicted.
    let evicted: Entry<K, V> | undefined;
    if (this.#entries.size === this.capacity) {
      evicted = this.#first!.oldest!;
      this.#entries.delete(evicted.key);
      this.#detach(evicted);
    }

    // A new key has count 1: it joins the first bucket if that holds count 1, else a new
    // bucket in front of it (every other count is larger).
    let ones = this.#first;
    if (ones === null || ones.count !== 1) {
      ones = { count: 1, oldest: null, newest: null, prev: null, next: ones };
      if (this.#first !== null) this.#first.prev = ones;
      this.#first = ones;
    }
    const entry: Entry<K, V> = { key, value, bucket: ones, prev: null, next: null };
    append(ones, entry);
    this.#entries.set(key, entry);

    // Call back last, when the cache is consistent again: the callback may use the cache.
    if (evicted !== undefined && this.#onEvict !== undefined) {
      this.#onEvict(evicted.key, evicted.value);
    }
    return this;
  }

  /** Removes `key` and forgets its count; true if it was present. Never calls `onEvict`. */
  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#entries.delete(key);
    this.#detach(entry);
    return true;
  }

  /** Removes every entry. Never calls `onEvict`. */
  clear(): void {
    this.#entries.clear();
    this.#first = null;
  }

  /** Adds 1 to `entry`'s count: it moves to the end of the next bucket up. */
  #promote(entry: Entry<K, V>): void {
    const from = entry.bucket;
    let to = from.next;
    if (to === null || to.count !== from.count + 1) {
      // No bucket for count + 1 yet: create it right after `from`, keeping the order.
      to = { count: from.count + 1, oldest: null, newest: null, prev: from, next: to };
      if (from.next !== null) from.next.prev = to;
      from.next = to;
    }
    this.#detach(entry);
    entry.bucket = to;
    append(to, entry);
  }

  /** Takes `entry` out of its bucket, unlinking the bucket if that empties it. */
  #detach(entry: Entry<K, V>): void {
    const bucket = entry.bucket;
    if (entry.prev === null) bucket.oldest = entry.next;
    else entry.prev.next = entry.next;
    if (entry.next === null) bucket.newest = entry.prev;
    else entry.next.prev = entry.prev;
    entry.prev = entry.next = null;

    if (bucket.oldest === null) {
      // Empty buckets are unlinked at once, so the first bucket always holds the minimum.
      if (bucket.prev === null) this.#first = bucket.next;
      else bucket.prev.next = bucket.next;
      if (bucket.next !== null) bucket.next.prev = bucket.prev;
    }
  }
}

/** Adds `entry` as the newest in `bucket`. */
function append<K, V>(bucket: Bucket<K, V>, entry: Entry<K, V>): void {
  entry.prev = bucket.newest;
  entry.next = null;
  if (bucket.newest === null) bucket.oldest = entry;
  else bucket.newest.next = entry;
  bucket.newest = entry;
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
