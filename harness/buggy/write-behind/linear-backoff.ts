/**
 * Buggy variant: the retry delay grows linearly (retryDelayMs × failures) instead of doubling.
 * @caughtBy retry-backoff
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override retryDelay(failures: number): number {
    // The mistake: retryDelayMs * failures, not retryDelayMs * 2 ** (failures - 1).
    return this.retryDelayMs * failures;
  }
}
