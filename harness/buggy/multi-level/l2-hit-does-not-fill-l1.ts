/**
 * Buggy variant: an L2 hit is returned but not copied into L1, so every read of that key goes to L2.
 * @caughtBy read-path
 */
import type { LevelEntry } from '../base/multi-level.js';
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override async fillL1FromL2(_key: string, _shared: LevelEntry<V>, _now: number): Promise<void> {
    // The mistake: the fill is forgotten.
  }
}
