/**
 * Buggy variant: every get of a missing or expired key starts its own load, so concurrent misses all reach the database.
 * @caughtBy expired-loads
 */
import { RefreshAheadCache as Base, type Slot } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: no look at the load already in flight.
  protected override waitForLoad(key: string, slot: Slot<V>): Promise<V> {
    return this.start(key, slot, false);
  }
}
