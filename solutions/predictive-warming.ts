/**
 * Reference solution for the `predictive-warming` exercise: the hottest keys by exponentially
 * decayed access counts, in bounded memory, warmed within a concurrency limit.
 *
 * **Counting: Space-Saving with forward decay.** At most `capacity` keys have a counter. An
 * access of a tracked key adds its weight to the key's counter; an access of another key, when
 * every counter is taken, evicts the key with the *smallest* counter and hands its counter to the
 * newcomer, plus the weight (Metwally et al., 2005). Every access adds its weight to exactly one
 * counter, so the counters sum to W and the smallest is at most W / capacity; a newcomer is
 * overestimated by at most the counter it inherited, never underestimated. That is the whole
 * guarantee: true <= estimate <= true + W / capacity.
 *
 * **Decay without touching the counters.** An access at time t weighs 2^((t - L) / halfLife),
 * where L is a fixed *landmark* time; a counter read at time T is divided by 2^((T - L) / halfLife).
 * Both give 2^(-(T - t) / halfLife) per access, as the contract asks, yet no counter changes as
 * time passes, so their order (and the heap below) stays valid. The weights grow with time, so
 * before they could overflow (after {@link RENORMALISE_AFTER} half-lives) the landmark moves to
 * now and every counter is divided by the same factor: O(capacity), once per 64 half-lives.
 *
 * **Finding the smallest counter:** a binary min-heap of the entries, each knowing its index.
 * record is O(log capacity), score O(1), hot(n) O(capacity log capacity) (a sort of a copy).
 *
 * **Warming:** `min(concurrency, keys)` workers take the next key from a shared index as soon as
 * they finish one, so `concurrency` keys are in progress until the list runs out. Each key's
 * failure is caught and becomes part of the report; nothing rejects.
 *
 * @module
 */
import type { CacheStore, Clock } from '../exercises/workbook.js';
import { checkClock, checkFunction, checkKey, checkMethods, checkNumber, checkOptions } from './arguments.js';

/** Options for {@link PredictiveWarmer}. */
export interface PredictiveWarmerOptions<V> {
  cache: CacheStore<V>;
  load: (key: string) => Promise<V | undefined>;
  capacity: number;
  halfLifeMs: number;
  concurrency?: number;
  ttlMs?: number;
  clock?: Clock;
}

/** A key of {@link PredictiveWarmer.hot} and its score. */
export interface HotKey {
  readonly key: string;
  readonly score: number;
}

/** A key that {@link PredictiveWarmer.warm} could not warm, and the error its call rejected with. */
export interface WarmFailure {
  readonly key: string;
  readonly error: unknown;
}

/** What {@link PredictiveWarmer.warm} did with each key, each list in hot order. */
export interface WarmReport {
  readonly warmed: string[];
  readonly skipped: string[];
  readonly absent: string[];
  readonly failed: WarmFailure[];
}

/** A tracked key: its counter, in landmark units, and its place in the heap. */
export interface Counter {
  readonly key: string;
  count: number;
  index: number;
}

/** What happened to one key during warm. */
export type Outcome = { kind: 'warmed' | 'skipped' | 'absent' } | { kind: 'failed'; error: unknown };

/** How many half-lives the landmark may fall behind before the counters are rescaled (2^64 is far from overflow). */
export const RENORMALISE_AFTER = 64;

const NAME = 'PredictiveWarmer';
const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 1;
const isCountOrZero = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** Tracks the hottest keys by exponentially decayed access counts, in bounded memory, and warms them. */
export class PredictiveWarmer<V> {
  protected readonly cache: CacheStore<V>;
  protected readonly load: (key: string) => Promise<V | undefined>;
  protected readonly capacity: number;
  protected readonly halfLifeMs: number;
  protected readonly concurrency: number;
  protected readonly ttlMs: number;
  protected readonly clock: Clock;
  /** The tracked keys. */
  protected readonly counters = new Map<string, Counter>();
  /** The same counters as a binary min-heap by count: heap[0] is the smallest. */
  protected readonly heap: Counter[] = [];
  /** The time at which an access weighs exactly 1 in counter units. */
  protected landmark: number;

  /** @param options - the cache, the loader, the capacity and half-life, and the warming settings. */
  constructor(options: PredictiveWarmerOptions<V>) {
    checkOptions(options, NAME);
    const { cache, load, capacity, halfLifeMs, concurrency = 4, ttlMs = Infinity } = options;
    checkMethods(cache, 'cache', NAME, 'a CacheStore', ['get', 'set', 'delete']);
    checkFunction(load, 'load', NAME);
    checkNumber(capacity, 'capacity', NAME, 'a safe integer >= 1', isCount);
    checkNumber(halfLifeMs, 'halfLifeMs', NAME, 'a positive finite number of milliseconds', (n) => n > 0 && n < Infinity);
    checkNumber(concurrency, 'concurrency', NAME, 'a safe integer >= 1', isCount);
    checkNumber(ttlMs, 'ttlMs', NAME, 'a positive number of milliseconds', (n) => n > 0);
    this.clock = checkClock(options.clock, NAME);
    this.cache = cache;
    this.load = load;
    this.capacity = capacity;
    this.halfLifeMs = halfLifeMs;
    this.concurrency = concurrency;
    this.ttlMs = ttlMs;
    this.landmark = this.clock.now();
  }

  /** How many keys are tracked now (at most `capacity`). */
  get tracked(): number {
    return this.counters.size;
  }

  /** Counts one access of `key`, now. O(log capacity), amortised (a rescale is O(capacity), once per 64 half-lives). */
  record(key: string): void {
    checkKey(key, `${NAME}.record`);
    const weight = this.weightNow();
    const counter = this.counters.get(key);
    if (counter !== undefined) {
      counter.count += weight;
      this.siftDown(counter.index);
    } else if (this.heap.length < this.capacity) {
      this.track({ key, count: weight, index: this.heap.length });
    } else {
      this.replace(this.victimIndex(), key, weight);
    }
  }

  /** The estimated decayed score of `key` now; 0 when it is not tracked. O(1), amortised. */
  score(key: string): number {
    checkKey(key, `${NAME}.score`);
    const counter = this.counters.get(key);
    return counter === undefined ? 0 : counter.count / this.weightNow();
  }

  /** The `n` tracked keys with the highest scores now, highest first. O(capacity log capacity). */
  hot(n: number): HotKey[] {
    checkNumber(n, 'n', `${NAME}.hot`, 'a safe integer >= 0', isCountOrZero);
    const unit = this.weightNow();
    return this.ranked()
      .slice(0, n)
      .map((c) => ({ key: c.key, score: c.count / unit }));
  }

  /** Warms the keys of `hot(n)`, at most `concurrency` at a time; resolves with what happened to each. */
  warm(n: number): Promise<WarmReport> {
    try {
      checkNumber(n, 'n', `${NAME}.warm`, 'a safe integer >= 0', isCountOrZero);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.warmKeys(this.hot(n).map((h) => h.key));
  }

  // ─── Counting ─────────────────────────────────────────────────────────────────────────────

  /** The weight of an access now, in counter units: 2^((now - landmark) / halfLife), rescaling first if it grew large. */
  protected weightNow(): number {
    const now = this.clock.now();
    let exponent = (now - this.landmark) / this.halfLifeMs;
    if (exponent > RENORMALISE_AFTER) {
      const factor = 2 ** -exponent;
      for (const counter of this.heap) counter.count *= factor;
      this.landmark = now;
      exponent = 0;
    }
    return this.weight(exponent);
  }

  /** 2^exponent: how much an access `exponent` half-lives after the landmark counts. */
  protected weight(exponent: number): number {
    return 2 ** exponent;
  }

  /** The tracked counters, highest first. */
  protected ranked(): Counter[] {
    return [...this.heap].sort((a, b) => b.count - a.count);
  }

  /** The heap index of the counter to evict for a newcomer: the smallest, at the root. */
  protected victimIndex(): number {
    return 0;
  }

  /** Evicts the counter at `index` and gives the newcomer its count plus `weight` (never less than the victim had). */
  protected replace(index: number, key: string, weight: number): void {
    const victim = this.heap[index]!;
    this.counters.delete(victim.key);
    const counter: Counter = { key, count: victim.count + weight, index };
    this.heap[index] = counter;
    this.counters.set(key, counter);
    this.siftDown(index);
  }

  /** Adds a new counter at the end of the heap. */
  protected track(counter: Counter): void {
    this.heap.push(counter);
    this.counters.set(counter.key, counter);
    this.siftUp(counter.index);
  }

  /** Moves the counter at `i` up while it is smaller than its parent. */
  protected siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.heap[parent]!.count <= this.heap[i]!.count) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Moves the counter at `i` down while a child is smaller (its count only ever grows). */
  protected siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.heap[left]!.count < this.heap[smallest]!.count) smallest = left;
      if (right < this.heap.length && this.heap[right]!.count < this.heap[smallest]!.count) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  protected swap(i: number, j: number): void {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    this.heap[i] = b;
    this.heap[j] = a;
    a.index = j;
    b.index = i;
  }

  // ─── Warming ──────────────────────────────────────────────────────────────────────────────

  /** Warms `keys` with a pool of workers and reports each key's outcome in their order. */
  protected async warmKeys(keys: readonly string[]): Promise<WarmReport> {
    const outcomes: Outcome[] = new Array<Outcome>(keys.length);
    await this.pool(keys.length, async (i) => {
      outcomes[i] = await this.warmKey(keys[i]!);
    });
    return this.report(keys, outcomes);
  }

  /**
   * Runs `work(0)` … `work(count - 1)`, at most `concurrency` at once: each worker takes the next
   * index as soon as its previous one is done. `work` must not reject.
   */
  protected async pool(count: number, work: (i: number) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) await work(next++);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, count) }, worker));
  }

  /** get, then load if missing, then set if found. Never rejects: a failure is the outcome. */
  protected async warmKey(key: string): Promise<Outcome> {
    try {
      if (this.isCached(await this.cache.get(key))) return { kind: 'skipped' };
      const value = await this.load(key);
      if (value === undefined) return { kind: 'absent' };
      await this.store(key, value);
      return { kind: 'warmed' };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  /** Whether what cache.get returned is a cached value: anything but undefined, even "" or 0. */
  protected isCached(value: V | undefined): boolean {
    return value !== undefined;
  }

  /** Stores a loaded value, with ttlMs when it is finite. */
  protected store(key: string, value: V): Promise<void> {
    return this.ttlMs === Infinity ? this.cache.set(key, value) : this.cache.set(key, value, this.ttlMs);
  }

  /** The report: each key in one list, in the order of `keys`. */
  protected report(keys: readonly string[], outcomes: readonly Outcome[]): WarmReport {
    const report: WarmReport = { warmed: [], skipped: [], absent: [], failed: [] };
    keys.forEach((key, i) => {
      const outcome = outcomes[i]!;
      if (outcome.kind === 'failed') report.failed.push({ key, error: outcome.error });
      else report[outcome.kind].push(key);
    });
    return report;
  }
}
