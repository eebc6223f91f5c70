/**
 * Buggy variant: pending is the size of the queue, forgetting the writes in flight and those waiting to retry.
 * @caughtBy pending
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  override get pending(): number {
    // The mistake: a write that left the queue counts as done before it is in the database.
    return this.queue.size;
  }
}
