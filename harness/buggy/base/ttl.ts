/**
 * The correct `ttl` implementation that the buggy variants in `harness/buggy/ttl/` extend.
 *
 * A `Map` finds a key's entry; a binary min-heap of entries, ordered by expiry time, says which
 * entry expires next, so `purgeExpired()` takes exactly the expired entries off its top. Every
 * entry knows its position in the heap, so an overwrite or a delete takes it out in O(log n).
 * Entries that never expire (ttl `Infinity`) stay out of the heap.
 *
 * Each variant overrides one or two of the small `protected` hooks below to add its flaw.
 *
 * @module
 */
import { type Clock, systemClock } from '../../../exercises/workbook.js';

/** Heap position of an entry that is not in the heap. */
const NOT_IN_HEAP = -1;

/** A stored entry, as the hooks see it. */
export interface Entry<K, V> {
  readonly key: K;
  value: V;
  /** The time to live it was set with, in milliseconds. */
  readonly ttlMs: number;
  /** From this time on (`now >= expiresAt`) the entry is expired. */
  expiresAt: number;
  /** Its position in the expiry heap, or NOT_IN_HEAP. */
  index: number;
}

/** What the cache needs of its expiry order: the next entry to expire first. */
export interface ExpiryQueue<K, V> {
  /** The entry that expires first, if any. */
  peek(): Entry<K, V> | undefined;
  /** Adds an entry that is not in the queue; one that never expires may be left out. */
  push(entry: Entry<K, V>): void;
  /** Takes `entry` out of the queue; does nothing if it is not in it. */
  remove(entry: Entry<K, V>): void;
}

/** A binary min-heap of entries by `expiresAt`; each entry's `index` is its position in it. */
class ExpiryHeap<K, V> implements ExpiryQueue<K, V> {
  readonly #items: Entry<K, V>[] = [];

  peek(): Entry<K, V> | undefined {
    return this.#items[0];
  }

  push(entry: Entry<K, V>): void {
    if (entry.expiresAt === Infinity) return;
    this.#items.push(entry);
    this.#place(this.#items.length - 1, entry);
  }

  remove(entry: Entry<K, V>): void {
    const i = entry.index;
    if (i === NOT_IN_HEAP) return;
    entry.index = NOT_IN_HEAP;
    const last = this.#items.pop()!;
    // Fill the hole with the last entry, which may belong higher or lower.
    if (last !== entry) this.#place(i, last);
  }

  /** Puts `entry` at `i`, then moves it up or down to where its expiry belongs. */
  #place(i: number, entry: Entry<K, V>): void {
    const items = this.#items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.expiresAt <= entry.expiresAt) break;
      this.#set(i, items[parent]!);
      i = parent;
    }
    for (;;) {
      let child = 2 * i + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && items[child + 1]!.expiresAt < items[child]!.expiresAt) child++;
      if (items[child]!.expiresAt >= entry.expiresAt) break;
      this.#set(i, items[child]!);
      i = child;
    }
    this.#set(i, entry);
  }

  #set(i: number, entry: Entry<K, V>): void {
    this.#items[i] = entry;
    entry.index = i;
  }
}

/** Options for {@link TTLCache}. */
export interface TTLOptions {
  /** Default time to live in milliseconds: a positive number or `Infinity`. */
  ttlMs: number;
  /** Where time comes from; defaults to `Date.now()`. */
  clock?: Clock;
  /** If given, purge expired entries on a timer this often (milliseconds). */
  cleanupIntervalMs?: number;
}

/** A cache whose entries expire a fixed time after they were set. */
export class TTLCache<K, V> {
  /** The default time to live, in milliseconds. */
  protected readonly defaultTtl: number;
  protected readonly clock: Clock;
  protected readonly entries = new Map<K, Entry<K, V>>();
  protected readonly expiries: ExpiryQueue<K, V> = this.createExpiryQueue();
  #timer: ReturnType<typeof setInterval> | undefined;

  /** @param options - default ttl, clock and optional cleanup interval. */
  constructor(options: TTLOptions) {
    this.validateTtl(options.ttlMs);
    this.defaultTtl = options.ttlMs;
    this.clock = options.clock ?? systemClock;
    const every = options.cleanupIntervalMs;
    if (every !== undefined) {
      if (typeof every !== 'number' || !Number.isFinite(every) || every <= 0) {
        throw new RangeError(`cleanupIntervalMs must be a positive finite number, got ${String(every)}`);
      }
      this.#timer = this.startTimer(every);
    }
  }

  /**
   * (Over)writes `key`; it is live until `clock.now() >= now + ttlMs`.
   * @param ttlMs - this entry's time to live; defaults to the cache's `ttlMs`.
   * @returns this cache, so calls can be chained.
   */
  set(key: K, value: V, ttlMs: number = this.defaultTtl): this {
    this.validateTtl(ttlMs);
    const old = this.entries.get(key);
    if (old !== undefined) this.remove(old);
    const entry: Entry<K, V> = { key, value, ttlMs, expiresAt: this.expiryFor(ttlMs), index: NOT_IN_HEAP };
    this.entries.set(key, entry);
    this.expiries.push(entry);
    return this;
  }

  /** The value for `key`, or `undefined` once it has expired. Never extends its life. */
  get(key: K): V | undefined {
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    this.onRead(entry);
    return entry.value;
  }

  /** Whether `key` has a live entry. */
  has(key: K): boolean {
    return this.#live(key) !== undefined;
  }

  /** Removes `key`; true if a live entry was removed. */
  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.remove(entry);
    return this.isLive(entry, this.now());
  }

  /** The number of live entries at `clock.now()`. */
  get size(): number {
    this.purgeExpired();
    return this.entries.size;
  }

  /** Removes every expired entry still stored; returns how many it removed. */
  purgeExpired(): number {
    const now = this.now();
    let removed = 0;
    // The first to expire is on top: once it is live, every other entry is too.
    for (let top = this.expiries.peek(); top !== undefined && !this.isLive(top, now); top = this.expiries.peek()) {
      this.remove(top);
      removed++;
    }
    return removed;
  }

  /** Stops the cleanup timer, if one was started. Safe to call more than once. */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Hook: the current time. */
  protected now(): number {
    return this.clock.now();
  }

  /** Hook: throws a RangeError unless `ttlMs` is a positive number (`Infinity` allowed). */
  protected validateTtl(ttlMs: number): void {
    if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
      throw new RangeError(`ttlMs must be a positive number of milliseconds or Infinity, got ${String(ttlMs)}`);
    }
  }

  /** Hook: when an entry set now with time to live `ttlMs` expires. */
  protected expiryFor(ttlMs: number): number {
    return this.now() + ttlMs;
  }

  /** Hook: whether `entry` is live at time `now`. */
  protected isLive(entry: Entry<K, V>, now: number): boolean {
    return now < entry.expiresAt;
  }

  /** Hook: called when `get` returns a live entry. Does nothing: reading never extends a life. */
  protected onRead(_entry: Entry<K, V>): void {}

  /** Hook: drops an entry that `get` or `has` found expired. */
  protected dropExpired(entry: Entry<K, V>): void {
    this.remove(entry);
  }

  /** Hook: takes `entry` out of the map and the expiry order. */
  protected remove(entry: Entry<K, V>): void {
    this.expiries.remove(entry);
    this.entries.delete(entry.key);
  }

  /** Hook: the expiry order; called once, while the cache is being constructed. */
  protected createExpiryQueue(): ExpiryQueue<K, V> {
    return new ExpiryHeap<K, V>();
  }

  /** Hook: starts the cleanup timer, unref'd so it never keeps the process alive. */
  protected startTimer(everyMs: number): ReturnType<typeof setInterval> {
    const timer = setInterval(() => this.purgeExpired(), everyMs);
    timer.unref();
    return timer;
  }

  /** The entry of `key` if it is live; an expired one is dropped. */
  #live(key: K): Entry<K, V> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.isLive(entry, this.now())) return entry;
    this.dropExpired(entry);
    return undefined;
  }
}
