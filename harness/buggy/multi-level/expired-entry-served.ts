/**
 * Buggy variant: an entry is treated as live while now <= expiresAt, so it is still served at the instant it expires.
 * @caughtBy expiry
 */
import type { LevelEntry } from '../base/multi-level.js';
import { MultiLevelCache as Base } from '../base/multi-level.js';

export type { LevelEntry, MemoryLevel, MultiLevelCacheOptions } from '../base/multi-level.js';

export class MultiLevelCache<V> extends Base<V> {
  protected override isLive(entry: LevelEntry<V>, now: number): boolean {
    // The mistake: <= instead of <.
    return now <= entry.expiresAt;
  }
}
