/**
 * Buggy variant: every write re-arms the flush timer, so a steady stream of writes keeps postponing the batch past flushIntervalMs.
 * @caughtBy flush-interval
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override armTimer(): void {
    // The mistake: a debounce (restart the timer) instead of a deadline (keep the one that is set).
    if (this.flushTimer !== undefined) this.scheduler.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    super.armTimer();
  }
}
