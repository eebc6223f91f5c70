/**
 * Buggy variant: only hit latencies go into the mean (misses are treated as backend time), so meanLatencyMs ignores every miss.
 * @caughtBy mean-latency
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override meanLatency(): number {
    // The mistake: misses are taken for backend time and left out of the mean.
    return this.hits === 0 ? 0 : this.hitLatencyMs / this.hits;
  }
}
