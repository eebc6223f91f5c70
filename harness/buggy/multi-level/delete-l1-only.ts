/**
 * Buggy variant: delete removes the key from the database and L1 but forgets L2, which keeps serving the deleted value.
 * @caughtBy write-agreement
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override async deleteAll(key: string): Promise<void> {
    await this.db.delete(key);
    // The mistake: only the local level is invalidated.
    const l1 = await this.attempt('l1', 'delete', key, () => this.l1.delete(key));
    this.finishWrite([l1]);
  }
}
