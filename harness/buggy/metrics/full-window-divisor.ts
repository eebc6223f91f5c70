/**
 * Buggy variant: the rates always divide by the full window, even when the monitor is younger than windowMs.
 * @caughtBy throughput-window
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override rateSpan(): number {
    // The mistake: always the full window, even while the monitor is younger than windowMs.
    return this.windowMs;
  }
}
