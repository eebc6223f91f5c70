/**
 * Buggy variant: no in-flight guard: every get in the refresh window starts another refresh, so a hot key sends a herd of loads to the database.
 * @caughtBy one-refresh
 */
import { RefreshAheadCache as Base, type Entry, type Slot } from '../base/refresh-ahead.js';

export class RefreshAheadCache<V> extends Base<V> {
  // The mistake: the refresh starts whether or not one is already running.
  protected override serveAging(key: string, slot: Slot<V>, entry: Entry<V>): Promise<V> {
    this.start(key, slot, true);
    return Promise.resolve(entry.value);
  }
}
