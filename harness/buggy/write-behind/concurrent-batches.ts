/**
 * Buggy variant: starts a new batch while one is still in flight, so batches (and two writes of one key) race.
 * @caughtBy batches
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override shouldStartBatch(): boolean {
    // The mistake: no check for a batch in flight.
    if (this.queue.size === 0) return false;
    return this.queue.size >= this.batchSize || this.due || this.flushes.length > 0;
  }
}
