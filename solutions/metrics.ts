/**
 * Reference solution for the `metrics` exercise: a cache monitor with hit rate, latency
 * percentiles and throughput, in bounded memory.
 *
 * Two ideas do the work:
 *
 * - **Latency percentiles from a log-bucketed histogram** (the idea behind DDSketch).
 *   Bucket `i` counts the latencies in `[MIN * G^i, MIN * G^(i+1))`. Any latency in a bucket
 *   is within a factor `G` of the bucket's bounds, so reporting the bucket's geometric middle
 *   `MIN * G^(i + 0.5)` is off by at most a factor `sqrt(G)`: with `G = 1.019` that is
 *   0.95%, inside the 1% the contract allows. Covering 0.001 ms to one hour takes about 1,170
 *   buckets, whatever the number of requests.
 * - **Rates from a ring of time buckets.** The window is cut into 60 slices; each slice
 *   counts the requests and evictions that happened in it. Slices that have fallen out of
 *   the window are zeroed as time moves on, so the sum of the ring is the count over the
 *   last `windowMs` (to within one slice), again in constant memory.
 *
 * @module
 */
import { systemClock, type Clock } from '../exercises/workbook.js';

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

/** The smallest latency the histogram resolves (ms); smaller ones are counted as this. */
const MIN_LATENCY_MS = 0.001;
/** The largest latency the histogram resolves (ms, one hour); larger ones count as this. */
const MAX_LATENCY_MS = 3_600_000;
/** Growth factor between bucket bounds: worst relative error sqrt(G) - 1 ≈ 0.95%. */
const G = 1.019;
const LOG_G = Math.log(G);
/** Enough buckets that MAX_LATENCY_MS falls in the last one. */
const BUCKETS = Math.floor(Math.log(MAX_LATENCY_MS / MIN_LATENCY_MS) / LOG_G) + 1;
/** Slices of the rolling window. */
const SLICES = 60;
const DEFAULT_WINDOW_MS = 60_000;

/** Records cache hits, misses, latencies and evictions, and summarises them. */
export class CacheMonitor {
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #sliceMs: number;

  #hits = 0;
  #misses = 0;
  #evictions = 0;
  #latencySum = 0;
  /** Latency histogram; counts are doubles, exact up to 2^53 requests. */
  #histogram = new Float64Array(BUCKETS);
  /** Smallest and largest (clamped) latency seen: estimates are kept inside them. */
  #minLatency = Infinity;
  #maxLatency = -Infinity;

  /** When the window started: creation or the last reset. */
  #start: number;
  /** Requests and evictions per slice; slice number s lives at index s % SLICES. */
  #requestSlices = new Float64Array(SLICES);
  #evictionSlices = new Float64Array(SLICES);
  /** The newest slice number written to; older ones still in the ring are in the window. */
  #currentSlice = 0;

  /** @param options - clock and rolling window. */
  constructor(options: MonitorOptions = {}) {
    const { clock = systemClock, windowMs = DEFAULT_WINDOW_MS } = options;
    if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function') {
      throw new TypeError('clock must be an object with a now() method');
    }
    if (typeof windowMs !== 'number' || !(windowMs > 0 && windowMs < Infinity)) {
      throw new RangeError(`windowMs must be a positive finite number, got ${describe(windowMs)}`);
    }
    this.#clock = clock;
    this.#windowMs = windowMs;
    this.#sliceMs = windowMs / SLICES;
    this.#start = clock.now();
  }

  /** Records a cache hit that took `latencyMs` milliseconds. */
  recordHit(latencyMs: number): void {
    checkLatency(latencyMs);
    this.#hits++;
    this.#recordRequest(latencyMs);
  }

  /** Records a cache miss that took `latencyMs` milliseconds. */
  recordMiss(latencyMs: number): void {
    checkLatency(latencyMs);
    this.#misses++;
    this.#recordRequest(latencyMs);
  }

  /** Records `count` evictions (default 1). */
  recordEviction(count = 1): void {
    if (!Number.isSafeInteger(count) || count <= 0) {
      throw new RangeError(`count must be a positive safe integer, got ${describe(count)}`);
    }
    this.#evictions += count;
    this.#evictionSlices[this.#advance(this.#clock.now())]! += count;
  }

  /** The metrics now. */
  snapshot(): CacheMetrics {
    const now = this.#clock.now();
    this.#advance(now);
    const requests = this.#hits + this.#misses;

    // Divide by the time the window covers: all of it, or only what has passed since the
    // start. Never by the clock's absolute value, and never by zero.
    const spanMs = Math.min(this.#windowMs, now - this.#start);
    let windowRequests = 0;
    let windowEvictions = 0;
    for (let i = 0; i < SLICES; i++) {
      windowRequests += this.#requestSlices[i]!;
      windowEvictions += this.#evictionSlices[i]!;
    }
    const perSecond = (count: number): number => (spanMs > 0 ? count / (spanMs / 1000) : 0);

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
      requestsPerSecond: perSecond(windowRequests),
      evictionsPerSecond: perSecond(windowEvictions),
    };
  }

  /** Forgets everything recorded; totals, latencies and the window start again now. */
  reset(): void {
    this.#hits = 0;
    this.#misses = 0;
    this.#evictions = 0;
    this.#latencySum = 0;
    this.#histogram.fill(0);
    this.#minLatency = Infinity;
    this.#maxLatency = -Infinity;
    this.#requestSlices.fill(0);
    this.#evictionSlices.fill(0);
    this.#currentSlice = 0;
    this.#start = this.#clock.now();
  }

  /** The bookkeeping shared by hits and misses (latency already validated). */
  #recordRequest(latencyMs: number): void {
    // The mean is exact: it uses the real latency, not the clamped one.
    this.#latencySum += latencyMs;
    const clamped = Math.min(Math.max(latencyMs, MIN_LATENCY_MS), MAX_LATENCY_MS);
    this.#histogram[bucketOf(clamped)]!++;
    if (clamped < this.#minLatency) this.#minLatency = clamped;
    if (clamped > this.#maxLatency) this.#maxLatency = clamped;
    this.#requestSlices[this.#advance(this.#clock.now())]!++;
  }

  /**
   * Moves the window to `now`, zeroing the slices that fell out of it.
   * @returns the ring index of the slice `now` falls in.
   */
  #advance(now: number): number {
    const slice = Math.max(this.#currentSlice, Math.floor((now - this.#start) / this.#sliceMs));
    // Every slice after the last one written, up to `now`'s, saw no events: zero them
    // (all of the ring, at most, however long it has been).
    const stale = Math.min(slice - this.#currentSlice, SLICES);
    for (let s = slice - stale + 1; s <= slice; s++) {
      this.#requestSlices[s % SLICES] = 0;
      this.#evictionSlices[s % SLICES] = 0;
    }
    this.#currentSlice = slice;
    return slice % SLICES;
  }

  /** The nearest-rank `q`-quantile of the recorded latencies, estimated from the histogram. */
  #quantile(q: number, count: number): number {
    if (count === 0) return 0;
    // Nearest rank: the value at position ceil(q * n) (1-based) of the sorted latencies.
    const rank = Math.max(1, Math.ceil(q * count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#histogram[i]!;
      if (seen >= rank) {
        const middle = MIN_LATENCY_MS * Math.pow(G, i + 0.5);
        // The true quantile lies between the smallest and largest latency seen, so keeping
        // the estimate inside them only ever brings it closer (and makes it exact when all
        // latencies are equal).
        return Math.min(Math.max(middle, this.#minLatency), this.#maxLatency);
      }
    }
    return this.#maxLatency; // Unreachable: the buckets hold all `count` latencies.
  }
}

/** The histogram bucket of a latency already clamped to [MIN_LATENCY_MS, MAX_LATENCY_MS]. */
function bucketOf(latencyMs: number): number {
  const i = Math.floor(Math.log(latencyMs / MIN_LATENCY_MS) / LOG_G);
  // Guard against floating-point rounding at the two ends of the range.
  return Math.min(Math.max(i, 0), BUCKETS - 1);
}

/** Throws unless `latencyMs` is a finite number >= 0. */
function checkLatency(latencyMs: unknown): asserts latencyMs is number {
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new RangeError(`latencyMs must be a finite number >= 0, got ${describe(latencyMs)}`);
  }
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
