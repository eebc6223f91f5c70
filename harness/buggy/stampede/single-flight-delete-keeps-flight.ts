/**
 * Buggy variant: single-flight's delete forgets the value but not the load in flight, so a get right after the delete gets the value loaded before it.
 * @caughtBy single-flight-delete
 */
import { SingleFlightCache as Base } from '../base/stampede.js';

export { StaleWhileRevalidateCache, XFetchCache } from '../base/stampede.js';

export class SingleFlightCache<V> extends Base<V> {
  // The mistake: only the value map is cleared.
  protected override forget(): void {}
}
