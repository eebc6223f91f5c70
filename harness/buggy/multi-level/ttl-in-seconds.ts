/**
 * Buggy variant: l2.set is given the TTL in seconds (l2TtlMs / 1000), as Redis's EX takes it, though the CacheStore takes milliseconds.
 * @caughtBy fill-ttl
 */
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override l2TtlArgument(): number {
    // The mistake: a unit conversion the interface does not ask for.
    return this.l2TtlMs / 1000;
  }
}
