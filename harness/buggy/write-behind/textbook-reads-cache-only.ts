/**
 * Buggy variant: the textbook's `get` returns `cache.get(key)`: a queued write the cache has lost, or a row only the database holds, reads as undefined.
 * @caughtBy reads
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  override async get(key: string): Promise<V | undefined> {
    this.checkKey(key);
    // The mistake: neither the pending writes nor the database are looked at.
    return this.cache.get(key);
  }
}
