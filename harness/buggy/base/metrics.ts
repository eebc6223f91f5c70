/**
 * The correct `metrics` implementation that the buggy variants in `harness/buggy/metrics/` extend.
 *
 * Latency percentiles come from a histogram of logarithmic buckets, each 1% wider than the one
 * before, so memory is fixed however many requests are recorded. The per-second rates come from
 * a ring of 60 time slots that together cover the rolling window.
 *
 * Each variant overrides one or two of the small `protected` hooks below to add its flaw.
 *
 * @module
 */
import { type Clock, systemClock } from '../../../exercises/workbook.js';

/** What {@link CacheMonitor.snapshot} reports. */
export interface CacheMetrics {
  /** Requests (hits + misses) since creation or reset. */
  requests: number;
  /** Hits since creation or reset. */
  hits: number;
  /** Misses since creation or reset. */
  misses: number;
  /** Evicted entries since creation or reset. */
  evictions: number;
  /** hits / requests, or 0 with no requests. */
  hitRate: number;
  /** misses / requests, or 0 with no requests. */
  missRate: number;
  /** Mean latency in milliseconds, or 0 with no requests. */
  meanLatencyMs: number;
  /** Median latency (nearest rank, within 1%). */
  p50LatencyMs: number;
  /** 95th percentile latency (nearest rank, within 1%). */
  p95LatencyMs: number;
  /** 99th percentile latency (nearest rank, within 1%). */
  p99LatencyMs: number;
  /** Requests per second over the rolling window. */
  requestsPerSecond: number;
  /** Evictions per second over the rolling window. */
  evictionsPerSecond: number;
}

/** Options for {@link CacheMonitor}. */
export interface MonitorOptions {
  /** Where time comes from; defaults to `Date.now()`. */
  clock?: Clock;
  /** The rolling window for the per-second rates, in milliseconds; default 60 000. */
  windowMs?: number;
}

/** Where the latencies go: enough to answer "which latency has this rank?". */
export interface LatencyStore {
  /** Records one latency (already validated). */
  add(latencyMs: number): void;
  /** The latency at `rank` (1-based, at most the number recorded) of the sorted latencies. */
  valueAtRank(rank: number): number;
  /** Forgets every latency. */
  clear(): void;
}

/** Request and eviction counts over time, for the rates. Times are ms since the window's start. */
export interface RateWindow {
  /** Counts `requests` requests and `evictions` evictions at time `at`. */
  add(at: number, requests: number, evictions: number): void;
  /** The requests and evictions counted in the window that ends at time `at`. */
  counts(at: number): WindowCounts;
  /** Forgets everything counted. */
  clear(): void;
}

/** What a {@link RateWindow} counted. */
export interface WindowCounts {
  requests: number;
  evictions: number;
}

/** Smallest and largest latency the histogram resolves, in milliseconds. */
const LOWEST = 0.001;
const HIGHEST = 3_600_000;
/** Each histogram bucket is this many times wider than the one before. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(HIGHEST / LOWEST) / LOG_GROWTH) + 1;
/** The rolling window is this many slots (the ring holds one more, for the slot being filled). */
const SLOTS = 60;

/** Latencies counted in logarithmic buckets: bucket i holds (LOWEST * GROWTH^(i-1), LOWEST * GROWTH^i]. */
class LatencyHistogram implements LatencyStore {
  readonly #counts = new Float64Array(BUCKETS);
  /** The smallest and largest (clamped) latency seen: estimates stay between them. */
  #lowest = Infinity;
  #highest = -Infinity;

  add(latencyMs: number): void {
    const clamped = Math.min(Math.max(latencyMs, LOWEST), HIGHEST);
    this.#counts[Math.min(BUCKETS - 1, Math.max(0, Math.ceil(Math.log(clamped / LOWEST) / LOG_GROWTH)))] += 1;
    if (clamped < this.#lowest) this.#lowest = clamped;
    if (clamped > this.#highest) this.#highest = clamped;
  }

  valueAtRank(rank: number): number {
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) {
        // A value within half a bucket of everything in bucket i.
        const middle = i === 0 ? LOWEST : (LOWEST * GROWTH ** i * 2) / (1 + GROWTH);
        return Math.min(Math.max(middle, this.#lowest), this.#highest);
      }
    }
    return this.#highest;
  }

  clear(): void {
    this.#counts.fill(0);
    this.#lowest = Infinity;
    this.#highest = -Infinity;
  }
}

/** A ring of SLOTS + 1 time slots of windowMs / SLOTS each; a slot is emptied when time comes back to it. */
class SlotRing implements RateWindow {
  readonly #slotMs: number;
  /** Which period each slot last counted (-1: none). */
  readonly #ids = new Float64Array(SLOTS + 1).fill(-1);
  readonly #requests = new Float64Array(SLOTS + 1);
  readonly #evictions = new Float64Array(SLOTS + 1);

  constructor(windowMs: number) {
    this.#slotMs = windowMs / SLOTS;
  }

  add(at: number, requests: number, evictions: number): void {
    const id = Math.floor(at / this.#slotMs);
    const slot = id % (SLOTS + 1);
    if (this.#ids[slot] !== id) {
      this.#ids[slot] = id;
      this.#requests[slot] = 0;
      this.#evictions[slot] = 0;
    }
    this.#requests[slot] += requests;
    this.#evictions[slot] += evictions;
  }

  counts(at: number): WindowCounts {
    const current = Math.floor(at / this.#slotMs);
    const counts = { requests: 0, evictions: 0 };
    for (let slot = 0; slot <= SLOTS; slot++) {
      const id = this.#ids[slot]!;
      if (id > current - SLOTS && id <= current) {
        counts.requests += this.#requests[slot]!;
        counts.evictions += this.#evictions[slot]!;
      }
    }
    return counts;
  }

  clear(): void {
    this.#ids.fill(-1);
    this.#requests.fill(0);
    this.#evictions.fill(0);
  }
}

/** Records cache hits, misses, latencies and evictions, and summarises them. */
export class CacheMonitor {
  protected readonly clock: Clock;
  protected readonly windowMs: number;
  protected hits = 0;
  protected misses = 0;
  protected evictions = 0;
  /** Sums of the hit and of the miss latencies, in milliseconds. */
  protected hitLatencyMs = 0;
  protected missLatencyMs = 0;
  protected readonly latencies: LatencyStore = this.createLatencyStore();
  protected readonly window: RateWindow;
  /** When the rolling window started: creation or the last reset. */
  protected start: number;

  /** @param options - clock and rolling window. */
  constructor(options: MonitorOptions = {}) {
    const windowMs = options.windowMs ?? 60_000;
    if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) {
      throw new RangeError(`windowMs must be a positive finite number, got ${String(windowMs)}`);
    }
    this.clock = options.clock ?? systemClock;
    this.windowMs = windowMs;
    this.window = this.createWindow(windowMs);
    this.start = this.clock.now();
  }

  /** Records a cache hit that took `latencyMs` milliseconds. */
  recordHit(latencyMs: number): void {
    this.validateLatency(latencyMs);
    this.hits++;
    this.hitLatencyMs += latencyMs;
    this.#recordRequest(latencyMs);
  }

  /** Records a cache miss that took `latencyMs` milliseconds. */
  recordMiss(latencyMs: number): void {
    this.validateLatency(latencyMs);
    this.misses++;
    this.missLatencyMs += latencyMs;
    this.#recordRequest(latencyMs);
  }

  /** Records `count` evictions (default 1). */
  recordEviction(count = 1): void {
    this.validateEvictionCount(count);
    this.evictions += count;
    this.window.add(this.elapsed(), 0, count);
  }

  /** The metrics now. */
  snapshot(): CacheMetrics {
    const requests = this.hits + this.misses;
    const inWindow = this.windowCounts();
    const seconds = this.rateSpan() / 1000;
    const perSecond = (count: number): number => (seconds > 0 ? count / seconds : 0);
    return {
      requests,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      hitRate: requests === 0 ? 0 : this.hits / requests,
      missRate: requests === 0 ? 0 : this.misses / requests,
      meanLatencyMs: this.meanLatency(),
      p50LatencyMs: this.quantile(0.5, requests),
      p95LatencyMs: this.quantile(0.95, requests),
      p99LatencyMs: this.quantile(0.99, requests),
      requestsPerSecond: perSecond(inWindow.requests),
      evictionsPerSecond: perSecond(inWindow.evictions),
    };
  }

  /** Forgets everything recorded; totals, latencies and the window start again now. */
  reset(): void {
    this.hits = 0;
    this.misses = 0;
    this.evictions = 0;
    this.hitLatencyMs = 0;
    this.missLatencyMs = 0;
    this.latencies.clear();
    this.resetWindow();
  }

  /** Hook: throws a RangeError unless `latencyMs` is a finite number >= 0. */
  protected validateLatency(latencyMs: number): void {
    if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0) {
      throw new RangeError(`latency must be a finite number of milliseconds >= 0, got ${String(latencyMs)}`);
    }
  }

  /** Hook: throws a RangeError unless `count` is a positive integer. */
  protected validateEvictionCount(count: number): void {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new RangeError(`eviction count must be a positive integer, got ${String(count)}`);
    }
  }

  /** Hook: the mean of every recorded latency, hits and misses alike (0 with no requests). */
  protected meanLatency(): number {
    const requests = this.hits + this.misses;
    return requests === 0 ? 0 : (this.hitLatencyMs + this.missLatencyMs) / requests;
  }

  /** Hook: the nearest-rank `q`-quantile of the `n` recorded latencies (0 with none). */
  protected quantile(q: number, n: number): number {
    return n === 0 ? 0 : this.latencies.valueAtRank(this.rank(q, n));
  }

  /** Hook: the 1-based nearest rank of the `q`-quantile of `n` values: ceil(q * n). */
  protected rank(q: number, n: number): number {
    return Math.max(1, Math.ceil(q * n));
  }

  /** Hook: the requests and evictions the rates count. */
  protected windowCounts(): WindowCounts {
    return this.window.counts(this.elapsed());
  }

  /** Hook: the span the rates divide by, in milliseconds: the window, or less while it fills. */
  protected rateSpan(): number {
    return Math.min(this.windowMs, this.elapsed());
  }

  /** Hook: empties the rolling window and starts it again now (part of `reset`). */
  protected resetWindow(): void {
    this.window.clear();
    this.start = this.clock.now();
  }

  /** Hook: where latencies are kept; called once, while the monitor is being constructed. */
  protected createLatencyStore(): LatencyStore {
    return new LatencyHistogram();
  }

  /** Hook: what counts requests and evictions over time; called once, from the constructor. */
  protected createWindow(windowMs: number): RateWindow {
    return new SlotRing(windowMs);
  }

  /** Milliseconds since the window started. */
  protected elapsed(): number {
    return this.clock.now() - this.start;
  }

  /** What hits and misses share, after validation: the latency and the window count. */
  #recordRequest(latencyMs: number): void {
    this.latencies.add(latencyMs);
    this.window.add(this.elapsed(), 1, 0);
  }
}
