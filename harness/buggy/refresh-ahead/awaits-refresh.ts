/**
 * Buggy variant: a get in the refresh window waits for the refresh and returns its value, so readers pay the load's latency, which refresh-ahead exists to hide.
 * @caughtBy refresh-at-once
 */
import { RefreshAheadCache as Base, type Slot } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: `return await this.refresh(key)` instead of serving the cached value now.
  protected override serveAging(key: string, slot: Slot<V>): Promise<V> {
    return slot.flight ?? this.start(key, slot, true);
  }
}
