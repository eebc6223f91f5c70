/**
 * Buggy variant: the textbook write-through: writes the cache first, then the database, so a failed database write leaves a value in the cache that the database never had.
 * @caughtBy db-faults
 */
import { WriteThrough as Base } from '../base/write-through.js';

export class WriteThrough<V> extends Base<V> {
  // The mistake: cache first.
  protected override async writeThrough(key: string, value: V): Promise<void> {
    await this.cache.set(key, value, this.ttlMs);
    await this.db.set(key, value);
  }
}
