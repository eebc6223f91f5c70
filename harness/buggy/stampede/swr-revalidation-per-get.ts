/**
 * Buggy variant: stale-while-revalidate starts a revalidation on every stale get, so a hot stale key sends a herd of loads to the origin.
 * @caughtBy swr-one-revalidation
 */
import { StaleWhileRevalidateCache as Base } from '../base/stampede.js';
import type { Entry, Slot } from '../base/refresh-ahead.js';

export { SingleFlightCache, XFetchCache } from '../base/stampede.js';

export class StaleWhileRevalidateCache<V> extends Base<V> {
  // The mistake: no check for a revalidation already running.
  protected override serveAging(key: string, slot: Slot<V>, entry: Entry<V>): Promise<V> {
    this.start(key, slot, true);
    return Promise.resolve(entry.value);
  }
}
