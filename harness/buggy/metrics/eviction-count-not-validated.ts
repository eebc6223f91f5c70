/**
 * Buggy variant: recordEviction only rejects negative counts, so 0, 1.5 and NaN are accepted.
 * @caughtBy input-validation
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

/** Smallest and largest latency the histogram resolves, in milliseconds. */
const LOWEST = 0.001;
const HIGHEST = 3_600_000;
/** Each histogram bucket is this many times wider than the one before. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(HIGHEST / LOWEST) / LOG_GROWTH) + 1;
/** The rolling window is this many slots. */
const SLOTS = 60;

/** Histogram bucket of a latency: bucket i holds (LOWEST * GROWTH^(i-1), LOWEST * GROWTH^i]. */
function bucketOf(latencyMs: number): number {
  const v = Math.min(Math.max(latencyMs, LOWEST), HIGHEST);
  return Math.min(BUCKETS - 1, Math.max(0, Math.ceil(Math.log(v / LOWEST) / LOG_GROWTH)));
}

/** A value that is within half a bucket of everything in bucket i. */
function bucketValue(bucket: number): number {
  return bucket === 0 ? LOWEST : (LOWEST * GROWTH ** bucket * 2) / (1 + GROWTH);
}

/** Records cache hits, misses, latencies and evictions, and summarises them. */
export class CacheMonitor {
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #slotMs: number;
  #hits = 0;
  #misses = 0;
  #evictions = 0;
  #latencySum = 0;
  #lowest = Infinity;
  #highest = -Infinity;
  readonly #histogram = new Float64Array(BUCKETS);
  #start: number;
  readonly #slotIds = new Float64Array(SLOTS + 1).fill(-1);
  readonly #slotRequests = new Float64Array(SLOTS + 1);
  readonly #slotEvictions = new Float64Array(SLOTS + 1);

  constructor(options: MonitorOptions = {}) {
    const windowMs = options.windowMs ?? 60_000;
    if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) {
      throw new RangeError(`windowMs must be a positive finite number, got ${String(windowMs)}`);
    }
    this.#clock = options.clock ?? systemClock;
    this.#windowMs = windowMs;
    this.#slotMs = windowMs / SLOTS;
    this.#start = this.#clock.now();
  }

  recordHit(latencyMs: number): void {
    this.#recordRequest(latencyMs);
    this.#hits++;
  }

  recordMiss(latencyMs: number): void {
    this.#recordRequest(latencyMs);
    this.#misses++;
  }

  recordEviction(count = 1): void {
    if (count < 0) {
      throw new RangeError(`eviction count must not be negative, got ${String(count)}`);
    }
    this.#evictions += count;
    this.#slotEvictions[this.#slot()] += count;
  }

  snapshot(): CacheMetrics {
    const requests = this.#hits + this.#misses;
    const { requestsPerSecond, evictionsPerSecond } = this.#rates();
    return {
      requests,
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      hitRate: requests === 0 ? 0 : this.#hits / requests,
      missRate: requests === 0 ? 0 : this.#misses / requests,
      meanLatencyMs: requests === 0 ? 0 : this.#latencySum / requests,
      p50LatencyMs: this.#quantile(0.5, requests),
      p95LatencyMs: this.#quantile(0.95, requests),
      p99LatencyMs: this.#quantile(0.99, requests),
      requestsPerSecond,
      evictionsPerSecond,
    };
  }

  reset(): void {
    this.#hits = 0;
    this.#misses = 0;
    this.#evictions = 0;
    this.#latencySum = 0;
    this.#lowest = Infinity;
    this.#highest = -Infinity;
    this.#histogram.fill(0);
    this.#slotIds.fill(-1);
    this.#slotRequests.fill(0);
    this.#slotEvictions.fill(0);
    this.#start = this.#clock.now();
  }

  #recordRequest(latencyMs: number): void {
    if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0) {
      throw new RangeError(`latency must be a finite number of milliseconds >= 0, got ${String(latencyMs)}`);
    }
    this.#latencySum += latencyMs;
    this.#histogram[bucketOf(latencyMs)] += 1;
    const clamped = Math.min(Math.max(latencyMs, LOWEST), HIGHEST);
    if (clamped < this.#lowest) this.#lowest = clamped;
    if (clamped > this.#highest) this.#highest = clamped;
    this.#slotRequests[this.#slot()] += 1;
  }

  /** The nearest-rank quantile q: the value at rank ceil(q * n) of the sorted latencies. */
  #quantile(q: number, n: number): number {
    if (n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#histogram[i] as number;
      if (seen >= rank) return Math.min(Math.max(bucketValue(i), this.#lowest), this.#highest);
    }
    return this.#highest;
  }

  /** The slot for now, emptied first if it last held an older period. */
  #slot(): number {
    const id = Math.floor((this.#clock.now() - this.#start) / this.#slotMs);
    const slot = id % (SLOTS + 1);
    if (this.#slotIds[slot] !== id) {
      this.#slotIds[slot] = id;
      this.#slotRequests[slot] = 0;
      this.#slotEvictions[slot] = 0;
    }
    return slot;
  }

  #rates(): { requestsPerSecond: number; evictionsPerSecond: number } {
    const elapsed = this.#clock.now() - this.#start;
    const span = Math.min(this.#windowMs, elapsed);
    if (!(span > 0)) return { requestsPerSecond: 0, evictionsPerSecond: 0 };
    const current = Math.floor(elapsed / this.#slotMs);
    let requests = 0;
    let evictions = 0;
    for (let slot = 0; slot <= SLOTS; slot++) {
      const id = this.#slotIds[slot] as number;
      if (id > current - SLOTS && id <= current) {
        requests += this.#slotRequests[slot] as number;
        evictions += this.#slotEvictions[slot] as number;
      }
    }
    return { requestsPerSecond: requests / (span / 1000), evictionsPerSecond: evictions / (span / 1000) };
  }
}
