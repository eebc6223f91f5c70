/**
 * Buggy variant: like the textbook monitor, throughput is the total divided by Date.now() / 1000, the seconds since 1970, and the window and clock are ignored.
 * @caughtBy throughput-window
 */
import { CacheMonitor as Base, type CacheMetrics } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  override snapshot(): CacheMetrics {
    const metrics = super.snapshot();
    // The mistake: like the textbook, the totals over Date.now() / 1000, the seconds since 1970.
    const seconds = Date.now() / 1000;
    return { ...metrics, requestsPerSecond: metrics.requests / seconds, evictionsPerSecond: metrics.evictions / seconds };
  }
}
