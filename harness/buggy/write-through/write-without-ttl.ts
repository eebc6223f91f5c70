/**
 * Buggy variant: caches written values without the ttlMs option, so they never expire.
 * @caughtBy read-through
 */
import { WriteThrough as Base } from '../base/write-through.js';

export class WriteThrough<V> extends Base<V> {
  // The mistake: the ttl is left out on the write path.
  protected override async writeThrough(key: string, value: V): Promise<void> {
    await this.db.set(key, value);
    try {
      await this.cache.set(key, value);
    } catch (error) {
      this.onCacheError(error, 'set', key);
      await this.invalidate(key);
    }
  }
}
