/**
 * Buggy variant: like the textbook's `writeQueue.unshift(...failedOperations)`, a failed write goes straight back to the queue and is retried with the next batch, without waiting for its backoff.
 * @caughtBy retry-backoff
 */
import { WriteBehind as Base, type Entry } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override retryLater(entry: Entry<V>): void {
    // The mistake: no retry timer; the write is due again at once.
    this.queue.set(entry.write.key, entry);
    this.armTimer();
  }
}
