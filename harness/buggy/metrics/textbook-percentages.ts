/**
 * Buggy variant: like the textbook monitor, hitRate and missRate are percentages (hits / requests * 100), not fractions.
 * @caughtBy counts-and-rates
 */
import { CacheMonitor as Base, type CacheMetrics } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  override snapshot(): CacheMetrics {
    const metrics = super.snapshot();
    // The mistake: like the textbook, percentages (hits / requests * 100) instead of fractions.
    return { ...metrics, hitRate: metrics.hitRate * 100, missRate: metrics.missRate * 100 };
  }
}
