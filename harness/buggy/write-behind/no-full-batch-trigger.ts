/**
 * Buggy variant: only the flush timer (or a flush) starts a batch: a full queue waits for the timer.
 * @caughtBy full-batch
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override shouldStartBatch(): boolean {
    // The mistake: queue.size >= batchSize does not start a batch.
    if (this.inFlight > 0 || this.queue.size === 0) return false;
    return this.due || this.flushes.length > 0;
  }
}
