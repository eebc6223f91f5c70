/**
 * Buggy variant: the syllabus's write: Promise.all([db.set, l2.set, l1.set]), so the levels are written before the database has the value.
 * @caughtBy write-agreement
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override async writeAll(key: string, value: V): Promise<void> {
    const now = this.clock.now();
    const inL2 = { value, expiresAt: now + this.l2TtlMs };
    // The mistake: all three at once: L1 and L2 get the value before the database has taken it.
    await Promise.all([this.db.set(key, value), this.l2.set(key, inL2, this.l2TtlMs), Promise.resolve(this.l1.set(key, { value, expiresAt: this.copyExpiry(now, inL2.expiresAt) }))]);
  }
}
