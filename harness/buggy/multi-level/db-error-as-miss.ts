/**
 * Buggy variant: a database error during a get is caught and treated as a missing key, so the read resolves undefined instead of rejecting.
 * @caughtBy db-faults
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override async readDb(key: string): Promise<V | undefined> {
    try {
      return await this.db.get(key);
    } catch {
      // The mistake: "not found" and "could not look" are not the same answer.
      return undefined;
    }
  }
}
