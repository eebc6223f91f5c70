/**
 * Buggy variant: recordEviction only rejects negative counts, so 0, 1.5 and NaN are accepted.
 * @caughtBy input-validation
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override validateEvictionCount(count: number): void {
    // The mistake: only negative counts are rejected, so 0, 1.5 and NaN get through.
    if (count < 0) throw new RangeError(`eviction count must not be negative, got ${String(count)}`);
  }
}
