/**
 * Buggy variant: flush() stops waiting for a write once it failed and waits for its retry, so it resolves before the retries are done.
 * @caughtBy nothing-lost
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override stillWaiting(key: string): boolean {
    // The mistake: a key waiting for its retry timer counts as flushed.
    return this.latest.has(key) && !this.retryTimers.has(key);
  }
}
