/**
 * Buggy variant: an L1 or L2 error during a get is reported and then rethrown, so a broken cache level fails the read.
 * @caughtBy level-faults
 */
import type { Level, Operation } from '../base/multi-level.js';
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override onReadError(error: unknown, level: Level, operation: Operation, key: string, reported = false): void {
    if (!reported) this.report(error, level, operation, key);
    // The mistake: the optimisation's failure becomes the read's.
    throw error;
  }
}
