/**
 * Reference solution for the `lru` exercise: a least-recently-used cache with O(1) operations.
 *
 * The idea: a `Map` finds a key's *slot*; the slot holds the key and value in two plain
 * arrays, and a doubly linked list threaded through the slots (as slot numbers in a typed
 * array) keeps the recency order. The head of the list is the least recently used slot,
 * the tail the most recently used. Moving a slot to the tail, or taking the head off, is a
 * handful of array writes: no scan, and no per-entry objects for the garbage collector to
 * chase. This is the layout `lru-cache` and `mnemonist` use, and why they are fast.
 *
 * Two refinements make it faster still on the common get-then-set-on-miss pattern:
 * - A slot's two links sit side by side in one typed array, so relinking a slot touches
 *   one cache line instead of two.
 * - `get` remembers the key that just missed; a `set` of that same key right after (no other
 *   `set` in between) then knows it is new without a second `Map` lookup.
 *
 * @module
 */

/** Options for {@link LRUCache}. */
export interface LRUOptions<K, V> {
  /** Called once for each entry evicted to make room (not for delete, clear or overwrite). */
  onEvict?: (key: K, value: V) => void;
}

/** How many slots to allocate up front; the arrays then double as the cache fills. */
const INITIAL_SLOTS = 256;

/** Slot `s`'s links are `links[2 * s + PREV]` (towards least recent) and `+ NEXT`. */
const PREV = 0;
const NEXT = 1;

/** "No key missed lately". A private symbol, so it can never equal a caller's key. */
const NO_KEY: unique symbol = Symbol('no key');

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> {
  /** The most entries the cache holds. */
  readonly capacity: number;

  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  /** key -> slot number. Map gives us the `Map` key semantics the contract asks for. */
  readonly #slotOf = new Map<K, number>();
  /** Slot -> key and slot -> value. A free slot holds `undefined` so nothing leaks. */
  #keys: (K | undefined)[];
  #values: (V | undefined)[];
  /** The recency list: each slot's PREV and NEXT slot numbers, side by side. */
  #links: Uint32Array;
  /** Least and most recently used slots; meaningless while the cache is empty. */
  #head = 0;
  #tail = 0;
  #size = 0;
  /** Slots freed by `delete`, reused before any fresh slot. */
  #free: number[] = [];
  /** Slots handed out so far: every slot below this is in use or on the free stack. */
  #used = 0;
  /**
   * A key known not to be stored: the last key a `get` missed. Only `set` can store it, so
   * every `set` forgets it.
   */
  #missed: K | typeof NO_KEY = NO_KEY;

  /**
   * @param capacity - the most entries to hold; a positive safe integer, else `RangeError`.
   * @param options - optional `onEvict` callback.
   */
  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`capacity must be a positive safe integer, got ${describe(capacity)}`);
    }
    const onEvict = options.onEvict;
    if (onEvict !== undefined && typeof onEvict !== 'function') {
      throw new TypeError(`onEvict must be a function, got ${describe(onEvict)}`);
    }
    this.capacity = capacity;
    this.#onEvict = onEvict;
    // A capacity may be huge (up to 2**53 - 1), so the arrays are not allocated at full
    // size up front: they start small and double on demand (amortized O(1) per insert).
    const slots = Math.min(capacity, INITIAL_SLOTS);
    this.#keys = new Array<K | undefined>(slots);
    this.#values = new Array<V | undefined>(slots);
    this.#links = new Uint32Array(2 * slots);
  }

  /** The number of entries stored. */
  get size(): number {
    return this.#size;
  }

  /** The value for `key`, or `undefined`; a hit makes `key` the most recently used. */
  get(key: K): V | undefined {
    const slot = this.#slotOf.get(key);
    if (slot === undefined) {
      this.#missed = key;
      return undefined;
    }
    if (slot !== this.#tail) this.#moveToTail(slot);
    return this.#values[slot];
  }

  /** The value for `key`, or `undefined`, without changing its recency. */
  peek(key: K): V | undefined {
    const slot = this.#slotOf.get(key);
    return slot === undefined ? undefined : this.#values[slot];
  }

  /** Whether `key` is stored, without changing its recency. */
  has(key: K): boolean {
    return this.#slotOf.has(key);
  }

  /**
   * Inserts or overwrites `key`, which becomes the most recently used. Inserting a new key
   * into a full cache first evicts the least recently used entry and calls `onEvict` for it.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V): this {
    // Just missed in `get`, and nothing stored since: certainly not stored now.
    let slot = key === this.#missed ? undefined : this.#slotOf.get(key);
    this.#missed = NO_KEY;

    if (slot !== undefined) {
      // Overwrite: not an eviction, so no callback.
      this.#values[slot] = value;
      if (slot !== this.#tail) this.#moveToTail(slot);
      return this;
    }

    if (this.#size === this.capacity) {
      // Full: the least recently used entry leaves, and its slot is reused in place.
      slot = this.#head;
      const evictedKey = this.#keys[slot] as K;
      const onEvict = this.#onEvict;
      const evictedValue = onEvict === undefined ? undefined : (this.#values[slot] as V);
      this.#slotOf.delete(evictedKey);
      this.#slotOf.set(key, slot);
      this.#keys[slot] = key;
      this.#values[slot] = value;
      if (slot !== this.#tail) {
        this.#head = this.#links[2 * slot + NEXT]!;
        this.#linkAtTail(slot);
      }
      // Call back last, when the cache is consistent again: the callback may use the cache.
      if (onEvict !== undefined) onEvict(evictedKey, evictedValue as V);
      return this;
    }

    slot = this.#free.length > 0 ? this.#free.pop()! : this.#freshSlot();
    this.#slotOf.set(key, slot);
    this.#keys[slot] = key;
    this.#values[slot] = value;
    if (this.#size++ === 0) {
      this.#head = this.#tail = slot;
    } else {
      this.#linkAtTail(slot);
    }
    return this;
  }

  /** Removes `key`; true if it was present. Never calls `onEvict`. */
  delete(key: K): boolean {
    const slot = this.#slotOf.get(key);
    if (slot === undefined) return false;
    this.#slotOf.delete(key);
    this.#size--;
    this.#unlink(slot);
    // Drop the references so the key and value can be garbage collected.
    this.#keys[slot] = undefined;
    this.#values[slot] = undefined;
    this.#free.push(slot);
    return true;
  }

  /** Removes every entry. Never calls `onEvict`. */
  clear(): void {
    this.#slotOf.clear();
    const slots = Math.min(this.capacity, INITIAL_SLOTS);
    this.#keys = new Array<K | undefined>(slots);
    this.#values = new Array<V | undefined>(slots);
    this.#links = new Uint32Array(2 * slots);
    this.#size = 0;
    this.#free = [];
    this.#used = 0;
    this.#missed = NO_KEY;
  }

  /**
   * The keys, most recently used first. The order is captured when `keys()` is called, so
   * changing the cache while iterating is safe (and does not affect the iteration).
   */
  keys(): IterableIterator<K> {
    const keys: K[] = [];
    let slot = this.#tail;
    for (let i = this.#size; i > 0; i--) {
      keys.push(this.#keys[slot] as K);
      slot = this.#links[2 * slot + PREV]!;
    }
    return keys.values();
  }

  /** Makes `slot` (in the list, not the tail) the most recently used. */
  #moveToTail(slot: number): void {
    const links = this.#links;
    const next = links[2 * slot + NEXT]!;
    if (slot === this.#head) {
      this.#head = next;
    } else {
      const prev = links[2 * slot + PREV]!;
      links[2 * prev + NEXT] = next;
      links[2 * next + PREV] = prev;
    }
    this.#linkAtTail(slot);
  }

  /** Appends `slot` after the current tail (the list must not be empty). */
  #linkAtTail(slot: number): void {
    this.#links[2 * slot + PREV] = this.#tail;
    this.#links[2 * this.#tail + NEXT] = slot;
    this.#tail = slot;
  }

  /** Takes `slot` out of the list. */
  #unlink(slot: number): void {
    const links = this.#links;
    const prev = links[2 * slot + PREV]!;
    const next = links[2 * slot + NEXT]!;
    if (slot === this.#head) this.#head = next;
    else links[2 * prev + NEXT] = next;
    if (slot === this.#tail) this.#tail = prev;
    else links[2 * next + PREV] = prev;
  }

  /** A never-used slot, doubling the arrays first if they are full. */
  #freshSlot(): number {
    const slot = this.#used++;
    if (slot === this.#keys.length) {
      // V8 caps a Map at about 2**24 entries, far below 2**32: Uint32 slot numbers suffice.
      const slots = Math.min(this.capacity, 2 * slot);
      this.#keys = resized(this.#keys, slots);
      this.#values = resized(this.#values, slots);
      const links = new Uint32Array(2 * slots);
      links.set(this.#links);
      this.#links = links;
    }
    return slot;
  }
}

/**
 * A copy of `array` with room for `length` elements. Growing an array by writing past its
 * end makes V8 reallocate it in small steps, which measurably slows a filling cache; one
 * allocation of the final size per doubling is cheaper.
 */
function resized<T>(array: T[], length: number): T[] {
  const copy = new Array<T>(length);
  for (let i = 0; i < array.length; i++) copy[i] = array[i]!;
  return copy;
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
