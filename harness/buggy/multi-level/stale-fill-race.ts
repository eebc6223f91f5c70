/**
 * Buggy variant: loads and writes of a key are not serialised, so a slow get copies the value a set has just replaced into the levels.
 * @caughtBy race
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override exclusive<T>(_key: string, task: () => Promise<T>): Promise<T> {
    // The mistake: no per-key lock; a fill may land after a write.
    return task();
  }
}
