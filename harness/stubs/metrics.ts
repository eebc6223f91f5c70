/**
 * Exercise `metrics` — a cache monitor: hit rate, latency percentiles and throughput.
 *
 * Read first: chapters/01-fundamentals/README.md (section "Measuring a cache").
 * Grade it:   npm run exercise metrics
 *
 * The contract (the grader checks exactly this, nothing else):
 * - Totals count everything since creation or the last `reset()`.
 * - `hitRate` and `missRate` are fractions in [0, 1]: both 0 with no requests, else they sum to 1.
 * - `meanLatencyMs` is the mean of every recorded latency (0 with no requests).
 * - `p50LatencyMs`, `p95LatencyMs`, `p99LatencyMs` are within 1% of the exact nearest-rank
 *   quantile (the value at rank ceil(q * n) of the sorted latencies) for latencies from
 *   0.001 ms to 1 hour; outside that range they may be clamped to it. Memory stays bounded
 *   however many requests are recorded: you cannot keep every latency.
 * - `requestsPerSecond` and `evictionsPerSecond` count the last `windowMs` (or the time since
 *   creation/reset, if shorter) and divide by that span in seconds. A rolling window of buckets
 *   no wider than `windowMs / 60` is accurate enough.
 * - A negative, NaN or infinite latency, or an eviction count that is not a positive integer,
 *   throws a `RangeError` and changes nothing.
 *
 * @module
 */
import type { Clock } from './workbook.js';

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

/** Records cache hits, misses, latencies and evictions, and summarises them. */
export class CacheMonitor {
  /** @param options - clock and rolling window. */
  constructor(options: MonitorOptions = {}) {
    void options;
    throw new Error('Not implemented: CacheMonitor constructor');
  }

  /** Records a cache hit that took `latencyMs` milliseconds. */
  recordHit(latencyMs: number): void {
    throw new Error(`Not implemented: CacheMonitor.recordHit(${latencyMs})`);
  }

  /** Records a cache miss that took `latencyMs` milliseconds. */
  recordMiss(latencyMs: number): void {
    throw new Error(`Not implemented: CacheMonitor.recordMiss(${latencyMs})`);
  }

  /** Records `count` evictions (default 1). */
  recordEviction(count = 1): void {
    throw new Error(`Not implemented: CacheMonitor.recordEviction(${count})`);
  }

  /** The metrics now. */
  snapshot(): CacheMetrics {
    throw new Error('Not implemented: CacheMonitor.snapshot');
  }

  /** Forgets everything recorded; totals, latencies and the window start again now. */
  reset(): void {
    throw new Error('Not implemented: CacheMonitor.reset');
  }
}
