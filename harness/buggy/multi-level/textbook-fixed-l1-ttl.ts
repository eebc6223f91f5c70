/**
 * Buggy variant: the syllabus's L1 copy: every fill and write gives L1 a fixed 300-second TTL, so L1 keeps serving a value L2 has already dropped.
 * @caughtBy fill-ttl
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override copyExpiry(now: number, _sourceExpiresAt: number): number {
    // The mistake: a hard-coded 300 s, refreshed on every L2 hit, whatever the L2 entry has left.
    return now + 300_000;
  }
}
