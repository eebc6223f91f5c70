/**
 * Buggy variant: like the textbook's `setInterval` that nothing clears, close() leaves the flush timer set.
 * @caughtBy close
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override clearTimers(): void {
    // The mistake: only the retry timers are cancelled; the flush timer keeps the process alive.
    for (const timer of this.retryTimers.values()) this.scheduler.clearTimeout(timer);
    this.retryTimers.clear();
  }
}
