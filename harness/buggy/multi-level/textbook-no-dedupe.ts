/**
 * Buggy variant: the syllabus's read path: no single-flight and no lock, so every concurrent miss reads L2 and the database itself.
 * @caughtBy single-load
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override loadShared(key: string): Promise<V | undefined> {
    // The mistake: each get that misses L1 loads on its own.
    return this.loadBelowL1(key);
  }
}
