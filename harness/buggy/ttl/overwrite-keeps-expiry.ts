/**
 * Buggy variant: set on a stored key only replaces the value and keeps the old expiry time.
 * @caughtBy overwrite-resets
 */
import { type Clock, systemClock } from '../../../exercises/workbook.js';

interface Entry<K, V> {
  key: K;
  value: V;
  expiresAt: number;
  /** Position in the expiry heap, or -1 when not in it (never expires). */
  index: number;
}

/** A binary min-heap of entries by `expiresAt` that knows where each entry sits. */
class ExpiryHeap<K, V> {
  readonly #items: Entry<K, V>[] = [];

  peek(): Entry<K, V> | undefined {
    return this.#items[0];
  }

  push(entry: Entry<K, V>): void {
    entry.index = this.#items.length;
    this.#items.push(entry);
    this.#up(entry.index);
  }

  remove(entry: Entry<K, V>): void {
    const i = entry.index;
    if (i < 0) return;
    const last = this.#items.pop() as Entry<K, V>;
    entry.index = -1;
    if (last === entry) return;
    this.#items[i] = last;
    last.index = i;
    this.#up(i);
    this.#down(last.index);
  }

  #up(i: number): void {
    const items = this.#items;
    const entry = items[i] as Entry<K, V>;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p] as Entry<K, V>;
      if (parent.expiresAt <= entry.expiresAt) break;
      items[i] = parent;
      parent.index = i;
      i = p;
    }
    items[i] = entry;
    entry.index = i;
  }

  #down(i: number): void {
    const items = this.#items;
    const n = items.length;
    const entry = items[i] as Entry<K, V>;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (items[r] as Entry<K, V>).expiresAt < (items[l] as Entry<K, V>).expiresAt) c = r;
      const child = items[c] as Entry<K, V>;
      if (child.expiresAt >= entry.expiresAt) break;
      items[i] = child;
      child.index = i;
      i = c;
    }
    items[i] = entry;
    entry.index = i;
  }
}

function checkTtl(ttlMs: unknown, what: string): number {
  if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
    throw new RangeError(`${what} must be a positive number of milliseconds or Infinity, got ${String(ttlMs)}`);
  }
  return ttlMs;
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
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #entries = new Map<K, Entry<K, V>>();
  readonly #heap = new ExpiryHeap<K, V>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: TTLOptions) {
    this.#ttlMs = checkTtl(options.ttlMs, 'ttlMs');
    this.#clock = options.clock ?? systemClock;
    const every = options.cleanupIntervalMs;
    if (every !== undefined) {
      if (typeof every !== 'number' || !Number.isFinite(every) || every <= 0) {
        throw new RangeError(`cleanupIntervalMs must be a positive finite number, got ${String(every)}`);
      }
      this.#timer = setInterval(() => this.purgeExpired(), every);
      this.#timer.unref();
    }
  }

  set(key: K, value: V, ttlMs: number = this.#ttlMs): this {
    const ttl = checkTtl(ttlMs, 'ttlMs');
    const old = this.#entries.get(key);
    if (old !== undefined) {
      old.value = value;
      return this;
    }
    const entry: Entry<K, V> = { key, value, expiresAt: this.#clock.now() + ttl, index: -1 };
    this.#entries.set(key, entry);
    if (entry.expiresAt !== Infinity) this.#heap.push(entry);
    return this;
  }

  get(key: K): V | undefined {
    const entry = this.#live(key);
    return entry === undefined ? undefined : entry.value;
  }

  has(key: K): boolean {
    return this.#live(key) !== undefined;
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#remove(entry);
    return this.#clock.now() < entry.expiresAt;
  }

  get size(): number {
    this.purgeExpired();
    return this.#entries.size;
  }

  purgeExpired(): number {
    const now = this.#clock.now();
    let removed = 0;
    for (let top = this.#heap.peek(); top !== undefined && top.expiresAt <= now; top = this.#heap.peek()) {
      this.#remove(top);
      removed++;
    }
    return removed;
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #live(key: K): Entry<K, V> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock.now() < entry.expiresAt) return entry;
    this.#remove(entry);
    return undefined;
  }

  #remove(entry: Entry<K, V>): void {
    this.#heap.remove(entry);
    this.#entries.delete(entry.key);
  }
}
