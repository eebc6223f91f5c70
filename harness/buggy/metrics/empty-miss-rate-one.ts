/**
 * Buggy variant: missRate is computed as 1 - hitRate, so a monitor with no requests reports a miss rate of 1.
 * @caughtBy counts-and-rates
 */
import { CacheMonitor as Base, type CacheMetrics } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  override snapshot(): CacheMetrics {
    const metrics = super.snapshot();
    // The mistake: missRate is 1 - hitRate, which is 1, not 0, when there are no requests.
    return { ...metrics, missRate: 1 - metrics.hitRate };
  }
}
