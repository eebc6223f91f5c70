/**
 * Buggy variant: checks the TTLs with `ttl > 0` only, so l1TtlMs: Infinity is accepted and an L1 copy could live forever.
 * @caughtBy validation
 */
import { MultiLevelCache as Base, type MultiLevelCacheOptions } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  constructor(options: MultiLevelCacheOptions<V>) {
    // The mistake: Infinity passes `> 0`; it is replaced before the base's finite check sees it.
    const infinite = typeof options === 'object' && options !== null && options.l1TtlMs === Infinity;
    super(infinite ? { ...options, l1TtlMs: Number.MAX_SAFE_INTEGER } : options);
  }
}
