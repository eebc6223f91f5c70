/**
 * Buggy variant: latency validation only rejects negative numbers, so NaN and Infinity are recorded.
 * @caughtBy input-validation
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override validateLatency(latencyMs: number): void {
    // The mistake: only negative numbers are rejected, so NaN and Infinity are recorded.
    if (latencyMs < 0) throw new RangeError(`latency must not be negative, got ${String(latencyMs)}`);
  }
}
