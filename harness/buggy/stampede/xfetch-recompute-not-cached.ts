/**
 * Buggy variant: XFetch returns a recomputed value but keeps the first one cached, so after the first expiry every get recomputes.
 * @caughtBy xfetch-expiry
 */
import { XFetchCache as Base, type Computed } from '../base/stampede.js';

export { SingleFlightCache, StaleWhileRevalidateCache } from '../base/stampede.js';

export class XFetchCache<V> extends Base<V> {
  // The mistake: only a miss stores; a recompute's value goes to its caller alone.
  protected override store(key: string, computed: Computed<V>): void {
    if (!this.values.has(key)) this.values.set(key, computed);
  }
}
