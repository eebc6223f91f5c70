/**
 * Buggy variant: single-flight serves a value at exactly ttlMs of age (`age <= ttlMs`), one tick past its life.
 * @caughtBy single-flight-expiry
 */
import { SingleFlightCache as Base } from '../base/stampede.js';

export { StaleWhileRevalidateCache, XFetchCache } from '../base/stampede.js';

export class SingleFlightCache<V> extends Base<V> {
  // The mistake: live while age < ttlMs, not <=.
  protected override isLive(age: number): boolean {
    return age <= this.ttlMs;
  }
}
