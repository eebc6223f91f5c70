/**
 * Buggy variant: every latency is kept in an array and snapshot sorts a copy to read the percentiles, so memory and snapshot cost grow with the number of requests.
 * @caughtBy bounded-cost
 */
import { CacheMonitor as Base, type LatencyStore } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** Every latency recorded; finding a rank sorts a copy of them all. */
class EveryLatency implements LatencyStore {
  #latencies: number[] = [];

  add(latencyMs: number): void {
    this.#latencies.push(latencyMs);
  }

  valueAtRank(rank: number): number {
    return [...this.#latencies].sort((a, b) => a - b)[rank - 1]!;
  }

  clear(): void {
    this.#latencies = [];
  }
}

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override createLatencyStore(): LatencyStore {
    // The mistake: keeps every latency instead of a fixed set of buckets.
    return new EveryLatency();
  }
}
