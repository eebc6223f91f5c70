/**
 * Buggy variant: single-flight keeps a rejected load as the key's load in flight, so every later get of the key gets the old rejection without loading again.
 * @caughtBy single-flight-rejection
 */
import { SingleFlightCache as Base } from '../base/stampede.js';

export { StaleWhileRevalidateCache, XFetchCache } from '../base/stampede.js';

export class SingleFlightCache<V> extends Base<V> {
  // The mistake: the in-flight entry is removed only when the load succeeds.
  protected override settled(key: string, ok: boolean): void {
    if (ok) this.flights.delete(key);
  }
}
