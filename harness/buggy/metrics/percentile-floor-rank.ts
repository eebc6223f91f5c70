/**
 * Buggy variant: the percentile rank is floor(q * n) instead of ceil(q * n), one rank too low whenever q * n is not a whole number.
 * @caughtBy percentiles
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override rank(q: number, n: number): number {
    // The mistake: floor instead of ceil, one rank too low whenever q * n is not a whole number.
    return Math.max(1, Math.floor(q * n));
  }
}
