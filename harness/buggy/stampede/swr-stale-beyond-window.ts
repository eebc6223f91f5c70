/**
 * Buggy variant: stale-while-revalidate serves a stale value however old it is (revalidating it), instead of loading once the window has passed.
 * @caughtBy swr-expired-loads
 */
import { StaleWhileRevalidateCache as Base } from '../base/stampede.js';

export { SingleFlightCache, XFetchCache } from '../base/stampede.js';

export class StaleWhileRevalidateCache<V> extends Base<V> {
  // The mistake: no upper bound: "stale" never becomes "too old".
  protected override isUsable(): boolean {
    return true;
  }
}
