/**
 * Buggy variant: XFetch compares with `>`, so at exactly its expiry, when the random head start is (almost) zero, it serves the expired value.
 * @caughtBy xfetch-expiry
 */
import { XFetchCache as Base, type Computed } from '../base/stampede.js';

export { SingleFlightCache, StaleWhileRevalidateCache } from '../base/stampede.js';

export class XFetchCache<V> extends Base<V> {
  // The mistake: `>` where the paper has `>=`.
  protected override shouldRecompute(now: number, computed: Computed<V>, r: number): boolean {
    const headStart = computed.delta === 0 ? 0 : computed.delta * this.beta * Math.log(r);
    return now - headStart > computed.expiry;
  }
}
