/**
 * Buggy variant: a set or delete whose L2 write fails rejects at once, without writing L1, which keeps the old value.
 * @caughtBy level-faults
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override async writeAll(key: string, value: V): Promise<void> {
    await this.db.set(key, value);
    const now = this.clock.now();
    const inL2 = { value, expiresAt: now + this.l2TtlMs };
    // The mistake: the first level error ends the write; L1 is never told.
    this.finishWrite([await this.attempt('l2', 'set', key, () => this.l2.set(key, inL2, this.l2TtlMs))]);
    this.finishWrite([await this.attempt('l1', 'set', key, () => this.l1.set(key, { value, expiresAt: this.copyExpiry(now, inL2.expiresAt) }))]);
  }

  protected override async deleteAll(key: string): Promise<void> {
    await this.db.delete(key);
    this.finishWrite([await this.attempt('l2', 'delete', key, () => this.l2.delete(key))]);
    this.finishWrite([await this.attempt('l1', 'delete', key, () => this.l1.delete(key))]);
  }
}
