/**
 * Buggy variant: does not serialise the writes and fills of a key, so two concurrent sets can reach the cache in the opposite order from the database.
 * @caughtBy race
 */
import { WriteThrough as Base } from '../base/write-through.js';

export class WriteThrough<V> extends Base<V> {
  // The mistake: every task runs at once.
  protected override exclusive<T>(_key: string, task: () => Promise<T>): Promise<T> {
    return task();
  }
}
