/**
 * Buggy variant: reset zeroes hits, misses and latencies but forgets to zero the eviction total.
 * @caughtBy reset
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  override reset(): void {
    const evictions = this.evictions;
    super.reset();
    // The mistake: the eviction total is not zeroed with the other totals.
    this.evictions = evictions;
  }
}
