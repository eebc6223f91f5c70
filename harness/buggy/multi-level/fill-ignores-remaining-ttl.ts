/**
 * Buggy variant: an L2 hit is copied into L1 with a fresh now + l1TtlMs, ignoring how little the L2 entry has left.
 * @caughtBy fill-ttl
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override copyExpiry(now: number, _sourceExpiresAt: number): number {
    // The mistake: no min() with the source's expiry.
    return now + this.l1TtlMs;
  }
}
