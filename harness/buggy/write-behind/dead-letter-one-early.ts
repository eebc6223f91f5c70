/**
 * Buggy variant: dead-letters a write after maxRetries failed attempts instead of 1 + maxRetries (`>=` for `>`).
 * @caughtBy dead-letter
 */
import type { Write } from '../../../exercises/workbook.js';
import { WriteBehind as Base, type Entry } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override onFailure(entry: Entry<V>, error: unknown, deadLetters: [Write<V>, unknown][]): void {
    // The mistake: `failures >= maxRetries`: the last retry is never made.
    if (entry.failures >= this.maxRetries) {
      this.finished(entry);
      deadLetters.push([entry.write, error]);
    } else {
      this.retryLater(entry);
    }
  }
}
