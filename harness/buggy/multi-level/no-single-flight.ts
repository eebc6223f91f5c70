/**
 * Buggy variant: concurrent misses queue behind the key's lock instead of sharing one load, and each reads L2 again.
 * @caughtBy single-load
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override loadShared(key: string): Promise<V | undefined> {
    // The mistake: serialised but not shared, and without a second look at L1: one l2.get per get.
    return this.exclusive(key, () => this.loadBelowL1(key));
  }
}
