/**
 * Buggy variant: requestsPerSecond and evictionsPerSecond are the totals divided by the time since creation, so requests older than the window still count.
 * @caughtBy throughput-window
 */
import { CacheMonitor as Base, type WindowCounts } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override windowCounts(): WindowCounts {
    // The mistake: the rates count the totals since creation, so requests older than the window still count.
    return { requests: this.hits + this.misses, evictions: this.evictions };
  }

  protected override rateSpan(): number {
    return this.elapsed();
  }
}
