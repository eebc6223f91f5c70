/**
 * Buggy variant: the textbook's `if (!pendingWrites.has(key))`: a key that already has a pending write keeps it, so the first value wins and later writes never reach the database.
 * @caughtBy latest-wins
 */
import type { Write } from '../../../exercises/workbook.js';
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override enqueue(write: Write<V>): void {
    // The mistake: a newer write of a pending key is ignored instead of replacing the queued one.
    if (this.latest.has(write.key)) return;
    super.enqueue(write);
  }
}
