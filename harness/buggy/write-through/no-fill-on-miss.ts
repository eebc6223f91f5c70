/**
 * Buggy variant: a read miss returns the database value without caching it, so every read goes to the database.
 * @caughtBy read-through
 */
import { WriteThrough as Base } from '../base/write-through.js';

export class WriteThrough<V> extends Base<V> {
  // The mistake: nothing is cached on a miss.
  protected override fill(key: string): Promise<V | undefined> {
    return this.db.get(key);
  }
}
