/**
 * Buggy variant: takes batchSize + 1 writes off the queue for a batch (an off-by-one in the take loop).
 * @caughtBy batches
 */
import { WriteBehind as Base, type Entry } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override takeBatch(): Entry<V>[] {
    const batch: Entry<V>[] = [];
    for (const [key, entry] of this.queue) {
      // The mistake: `>` instead of `===`: one write too many.
      if (batch.length > this.batchSize) break;
      this.queue.delete(key);
      batch.push(entry);
    }
    return batch;
  }
}
