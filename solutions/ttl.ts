/**
 * Reference solution for the `ttl` exercise: a cache whose entries expire after a time to live.
 *
 * The idea: a `Map` finds a key's *slot*; the slot's key, value and expiry time live in
 * plain and typed arrays. A binary min-heap of slots, ordered by expiry time, says which
 * entry expires next, so `purgeExpired()` takes exactly the expired entries off the top
 * instead of scanning everything.
 *
 * The heap is *indexed*: every slot remembers its position in the heap. That lets an
 * overwrite move an entry to its new place, and a delete take it out, in O(log n), so the
 * heap only ever holds live entries: no stale records to skip, nothing to compact, and
 * memory is exactly proportional to the entries stored. Entries that never expire (ttl
 * `Infinity`) stay out of the heap.
 *
 * Why slots and arrays rather than one object per entry? Every `get` must read the clock,
 * and in our measurements on a large cache, a clock read kept the processor from overlapping
 * the memory accesses of successive lookups, so each cache miss on the way to an entry cost
 * in full. Map -> slot -> (expiry, value) is one dependent hop shorter than Map -> entry object
 * -> boxed expiry number (V8 keeps a number field that is not a small integer in a box of
 * its own).
 *
 * @module
 */
import { systemClock, type Clock } from '../exercises/workbook.js';

/** Options for {@link TTLCache}. */
export interface TTLOptions {
  /** Default time to live in milliseconds: a positive number or `Infinity`. */
  ttlMs: number;
  /** Where time comes from; defaults to `Date.now()`. */
  clock?: Clock;
  /** If given, purge expired entries on a timer this often (milliseconds). */
  cleanupIntervalMs?: number;
}

/** Slots allocated up front; the arrays double as the cache grows. */
const INITIAL_SLOTS = 64;

/** A slot's heap position when it is not in the heap (it never expires). */
const NOT_IN_HEAP = -1;

/** setInterval cannot wait longer than this (longer delays fire after 1 ms in Node). */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** A cache whose entries expire a fixed time after they were set. */
export class TTLCache<K, V> {
  readonly #ttlMs: number;
  readonly #clock: Clock;

  /** key -> slot. */
  readonly #slotOf = new Map<K, number>();
  /** Per slot: key, value, and the time from which it is expired (`now >= expiresAt`). */
  #keys = new Array<K | undefined>(INITIAL_SLOTS);
  #values = new Array<V | undefined>(INITIAL_SLOTS);
  #expiresAt = new Float64Array(INITIAL_SLOTS);
  /** Per slot: its index in `#heap`, or NOT_IN_HEAP. */
  #heapIndex = new Int32Array(INITIAL_SLOTS);
  /** Min-heap of slots by expiry: `#heap[0]` expires first. Entries 0..#heapSize-1 are used. */
  #heap = new Uint32Array(INITIAL_SLOTS);
  #heapSize = 0;
  /** Slots freed by removals, reused before fresh ones; `#used` slots were ever handed out. */
  #free: number[] = [];
  #used = 0;

  #timer: ReturnType<typeof setInterval> | undefined;

  /** @param options - default ttl, clock and optional cleanup interval. */
  constructor(options: TTLOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    const { ttlMs, clock = systemClock, cleanupIntervalMs } = options;
    checkTtl(ttlMs);
    if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function') {
      throw new TypeError('clock must be an object with a now() method');
    }
    if (
      cleanupIntervalMs !== undefined &&
      !(typeof cleanupIntervalMs === 'number' && cleanupIntervalMs > 0 && cleanupIntervalMs < Infinity)
    ) {
      throw new RangeError(
        `cleanupIntervalMs must be a positive finite number, got ${describe(cleanupIntervalMs)}`,
      );
    }
    this.#ttlMs = ttlMs;
    this.#clock = clock;

    if (cleanupIntervalMs !== undefined) {
      // The timer holds only a weak reference, so a cache its owner forgot to close() can
      // still be garbage collected; the timer then stops itself.
      const ref = new WeakRef(this);
      const timer = setInterval(() => {
        const cache = ref.deref();
        if (cache === undefined) clearInterval(timer);
        else cache.purgeExpired();
      }, Math.min(cleanupIntervalMs, MAX_TIMER_DELAY));
      // unref: a cache's housekeeping must never keep the process alive.
      timer.unref();
      this.#timer = timer;
    }
  }

  /**
   * (Over)writes `key`; it is live until `clock.now() >= now + ttlMs`.
   * @param ttlMs - this entry's time to live; defaults to the cache's `ttlMs`.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V, ttlMs: number = this.#ttlMs): this {
    checkTtl(ttlMs);
    const expiresAt = this.#clock.now() + ttlMs;
    let slot = this.#slotOf.get(key);
    if (slot === undefined) {
      slot = this.#free.length > 0 ? this.#free.pop()! : this.#freshSlot();
      this.#keys[slot] = key;
      this.#heapIndex[slot] = NOT_IN_HEAP;
      this.#slotOf.set(key, slot);
    }
    // An overwrite starts a new life: new value, new expiry, new place in the heap.
    this.#values[slot] = value;
    this.#expiresAt[slot] = expiresAt;
    const index = this.#heapIndex[slot]!;
    if (expiresAt === Infinity) {
      if (index !== NOT_IN_HEAP) this.#heapRemove(index);
    } else if (index === NOT_IN_HEAP) {
      this.#heapInsert(slot);
    } else {
      this.#heapFix(index);
    }
    return this;
  }

  /** The value for `key`, or `undefined` once it has expired. Never extends its life. */
  get(key: K): V | undefined {
    const slot = this.#slotOf.get(key);
    if (slot === undefined) return undefined;
    if (this.#clock.now() < this.#expiresAt[slot]!) return this.#values[slot];
    this.#remove(slot);
    return undefined;
  }

  /** Whether `key` has a live entry. */
  has(key: K): boolean {
    const slot = this.#slotOf.get(key);
    if (slot === undefined) return false;
    if (this.#clock.now() < this.#expiresAt[slot]!) return true;
    this.#remove(slot);
    return false;
  }

  /** Removes `key`; true if a live entry was removed. */
  delete(key: K): boolean {
    const slot = this.#slotOf.get(key);
    if (slot === undefined) return false;
    const live = this.#clock.now() < this.#expiresAt[slot]!;
    this.#remove(slot);
    return live;
  }

  /** The number of live entries at `clock.now()`. Purges expired entries first. */
  get size(): number {
    this.purgeExpired();
    return this.#slotOf.size;
  }

  /** Removes every expired entry still stored; returns how many it removed. */
  purgeExpired(): number {
    const now = this.#clock.now();
    let removed = 0;
    // The heap's top expires first: once it is live, everything below it is too.
    while (this.#heapSize > 0 && this.#expiresAt[this.#heap[0]!]! <= now) {
      this.#remove(this.#heap[0]!);
      removed++;
    }
    return removed;
  }

  /** Stops the cleanup timer, if one was started. Safe to call more than once. */
  close(): void {
    if (this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Removes the entry in `slot` from the map and the heap, and frees the slot. */
  #remove(slot: number): void {
    this.#slotOf.delete(this.#keys[slot] as K);
    const index = this.#heapIndex[slot]!;
    if (index !== NOT_IN_HEAP) this.#heapRemove(index);
    // Drop the references so the key and value can be garbage collected.
    this.#keys[slot] = undefined;
    this.#values[slot] = undefined;
    this.#free.push(slot);
  }

  /** A never-used slot, doubling the per-slot arrays first if they are full. */
  #freshSlot(): number {
    const slot = this.#used++;
    if (slot === this.#keys.length) {
      // One allocation per doubling: growing a JS array by writing past its end makes V8
      // reallocate it in small steps, which measurably slows a filling cache.
      const length = 2 * slot;
      this.#keys = resized(this.#keys, length);
      this.#values = resized(this.#values, length);
      this.#expiresAt = grow(new Float64Array(length), this.#expiresAt);
      this.#heapIndex = grow(new Int32Array(length), this.#heapIndex);
      this.#heap = grow(new Uint32Array(length), this.#heap);
    }
    return slot;
  }

  // The heap. Every write of a slot into `#heap[i]` also records `#heapIndex[slot] = i`.

  /** Adds `slot` (not in the heap) at the bottom, then sifts it up to its place. */
  #heapInsert(slot: number): void {
    // With one ttl and a clock that never goes back, a new expiry is the latest, so the
    // sift usually stops at once: inserting is O(1) in practice.
    this.#siftUp(this.#heapSize++, slot);
  }

  /** Takes the slot at heap index `index` out of the heap. */
  #heapRemove(index: number): void {
    this.#heapIndex[this.#heap[index]!] = NOT_IN_HEAP;
    const last = this.#heap[--this.#heapSize]!;
    // Fill the hole with the last slot, which may belong higher or lower.
    if (index < this.#heapSize) this.#place(index, last);
  }

  /** Restores the heap order around `index` after its slot's expiry changed. */
  #heapFix(index: number): void {
    this.#place(index, this.#heap[index]!);
  }

  /** Puts `slot` at `index` or wherever above or below it its expiry belongs. */
  #place(index: number, slot: number): void {
    const parent = (index - 1) >> 1;
    if (index > 0 && this.#expiresAt[this.#heap[parent]!]! > this.#expiresAt[slot]!) {
      this.#siftUp(index, slot);
    } else {
      this.#siftDown(index, slot);
    }
  }

  /** Moves the hole at `index` up past later-expiring parents, then puts `slot` in it. */
  #siftUp(index: number, slot: number): void {
    const heap = this.#heap;
    const expiresAt = this.#expiresAt;
    const time = expiresAt[slot]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentSlot = heap[parent]!;
      if (expiresAt[parentSlot]! <= time) break;
      heap[index] = parentSlot;
      this.#heapIndex[parentSlot] = index;
      index = parent;
    }
    heap[index] = slot;
    this.#heapIndex[slot] = index;
  }

  /** Moves the hole at `index` down past earlier-expiring children, then puts `slot` in it. */
  #siftDown(index: number, slot: number): void {
    const heap = this.#heap;
    const expiresAt = this.#expiresAt;
    const size = this.#heapSize;
    const time = expiresAt[slot]!;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      if (child + 1 < size && expiresAt[heap[child + 1]!]! < expiresAt[heap[child]!]!) child++;
      const childSlot = heap[child]!;
      if (expiresAt[childSlot]! >= time) break;
      heap[index] = childSlot;
      this.#heapIndex[childSlot] = index;
      index = child;
    }
    heap[index] = slot;
    this.#heapIndex[slot] = index;
  }
}

/** A copy of `array` with room for `length` elements. */
function resized<T>(array: T[], length: number): T[] {
  const copy = new Array<T>(length);
  for (let i = 0; i < array.length; i++) copy[i] = array[i]!;
  return copy;
}

/** Copies `from` into the start of the larger `to` and returns `to`. */
function grow<T extends Float64Array | Int32Array | Uint32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

/** Throws unless `ttlMs` is a positive number (`Infinity` allowed). */
function checkTtl(ttlMs: unknown): asserts ttlMs is number {
  if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
    throw new RangeError(`ttlMs must be a positive number of milliseconds or Infinity, got ${describe(ttlMs)}`);
  }
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
