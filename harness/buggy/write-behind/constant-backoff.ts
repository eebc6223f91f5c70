/**
 * Buggy variant: every retry waits retryDelayMs: the delay does not double.
 * @caughtBy retry-backoff
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override retryDelay(_failures: number): number {
    // The mistake: no exponential growth.
    return this.retryDelayMs;
  }
}
