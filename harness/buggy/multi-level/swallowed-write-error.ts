/**
 * Buggy variant: a set or delete whose L1 or L2 write failed reports it but resolves, so the caller never learns a level may hold the old value.
 * @caughtBy level-faults
 */
import type { Outcome } from '../base/multi-level.js';
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override finishWrite(_outcomes: readonly Outcome[]): void {
    // The mistake: the level errors were reported, so they are swallowed.
  }
}
