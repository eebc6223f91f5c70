/**
 * Buggy variant: like the textbook's `console.error("Max retries exceeded")`, a write that failed 1 + maxRetries times is dropped without calling onDeadLetter.
 * @caughtBy dead-letter
 */
import type { Write } from '../../../exercises/workbook.js';
import { WriteBehind as Base, type Entry } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override onFailure(entry: Entry<V>, error: unknown, deadLetters: [Write<V>, unknown][]): void {
    if (entry.failures > this.maxRetries) {
      // The mistake: the write is forgotten (the textbook only logs it): nobody is told it was lost.
      this.finished(entry);
      return;
    }
    super.onFailure(entry, error, deadLetters);
  }
}
