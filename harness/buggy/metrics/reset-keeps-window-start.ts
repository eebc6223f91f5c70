/**
 * Buggy variant: reset empties the rolling window but keeps the creation time as its start, so after a reset the rates divide by the time since creation.
 * @caughtBy reset
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override resetWindow(): void {
    // The mistake: the window is emptied but keeps the creation time as its start.
    this.window.clear();
  }
}
