/**
 * Buggy variant: XFetch scales the head start by ttlMs instead of delta (how long the load took), so it recomputes far too early, almost on every get.
 * @caughtBy xfetch-early
 */
import { XFetchCache as Base, type Computed } from '../base/stampede.js';

export { SingleFlightCache, StaleWhileRevalidateCache } from '../base/stampede.js';

export class XFetchCache<V> extends Base<V> {
  // The mistake: `ttl * beta * Math.log(r)`: the gap before expiry should be measured in load times.
  protected override shouldRecompute(now: number, computed: Computed<V>, r: number): boolean {
    return now - this.ttlMs * this.beta * Math.log(r) >= computed.expiry;
  }
}
