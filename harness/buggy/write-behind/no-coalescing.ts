/**
 * Buggy variant: every write is appended to the queue, even when its key already has one queued, so a batch can carry two writes of one key.
 * @caughtBy batches
 */
import type { Write } from '../../../exercises/workbook.js';
import { WriteBehind as Base, type Entry } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  #seq = 0;

  protected override enqueue(write: Write<V>): void {
    const entry: Entry<V> = { write, failures: 0 };
    this.cancelRetry(write.key);
    this.latest.set(write.key, entry);
    // The mistake: the queue is a log of writes, not a map from key to its latest write: each
    // write gets a slot of its own, and the one queued before it stays.
    this.queue.set(`${write.key}#${++this.#seq}`, entry);
    this.armTimer();
    this.startBatchIfDue();
  }
}
