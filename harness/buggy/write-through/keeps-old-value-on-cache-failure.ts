/**
 * Buggy variant: when cache.set fails after the database write it reports the error but leaves the old value in the cache.
 * @caughtBy cache-faults
 */
import { WriteThrough as Base } from '../base/write-through.js';

export class WriteThrough<V> extends Base<V> {
  // The mistake: no invalidation after the failed cache write.
  protected override async writeThrough(key: string, value: V): Promise<void> {
    await this.db.set(key, value);
    try {
      await this.cache.set(key, value, this.ttlMs);
    } catch (error) {
      this.onCacheError(error, 'set', key);
    }
  }
}
