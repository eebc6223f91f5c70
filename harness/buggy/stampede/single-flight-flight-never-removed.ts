/**
 * Buggy variant: single-flight never removes a settled load from the in-flight map, so once the value expires every get is answered by the old load's promise.
 * @caughtBy single-flight-expiry
 */
import { SingleFlightCache as Base } from '../base/stampede.js';

export { StaleWhileRevalidateCache, XFetchCache } from '../base/stampede.js';

export class SingleFlightCache<V> extends Base<V> {
  // The mistake: no cleanup when the load settles (the textbook's `finally { delete }` forgotten).
  protected override settled(): void {}
}
