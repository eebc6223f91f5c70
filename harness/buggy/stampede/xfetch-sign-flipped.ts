/**
 * Buggy variant: XFetch adds the head start instead of subtracting it (ln r is negative), so it never recomputes early: every reader waits at expiry, the stampede XFetch exists to prevent.
 * @caughtBy xfetch-early
 */
import { XFetchCache as Base, type Computed } from '../base/stampede.js';

export { SingleFlightCache, StaleWhileRevalidateCache } from '../base/stampede.js';

export class XFetchCache<V> extends Base<V> {
  // The mistake: `now + delta * beta * Math.log(r)` moves now BACK.
  protected override shouldRecompute(now: number, computed: Computed<V>, r: number): boolean {
    return now + computed.delta * this.beta * Math.log(r) >= computed.expiry;
  }
}
