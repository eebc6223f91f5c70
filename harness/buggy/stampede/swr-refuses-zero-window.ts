/**
 * Buggy variant: stale-while-revalidate refuses staleWhileRevalidateMs 0, which the contract allows (no stale window at all).
 * @caughtBy validation
 */
import { StaleWhileRevalidateCache as Base, type StaleWhileRevalidateOptions } from '../base/stampede.js';

export { SingleFlightCache, XFetchCache } from '../base/stampede.js';

export class StaleWhileRevalidateCache<V> extends Base<V> {
  // The mistake: `> 0` where the contract says `>= 0`.
  constructor(options: StaleWhileRevalidateOptions<V>) {
    if (options.staleWhileRevalidateMs === 0) throw new RangeError('staleWhileRevalidateMs must be positive');
    super(options);
  }
}
