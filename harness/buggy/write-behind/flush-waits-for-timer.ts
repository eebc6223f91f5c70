/**
 * Buggy variant: flush() waits for the writes but does not start writing: it resolves only when the flush timer has fired.
 * @caughtBy nothing-lost
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override shouldStartBatch(): boolean {
    // The mistake: a waiting flush does not make the queue due.
    if (this.inFlight > 0 || this.queue.size === 0) return false;
    return this.queue.size >= this.batchSize || this.due;
  }
}
