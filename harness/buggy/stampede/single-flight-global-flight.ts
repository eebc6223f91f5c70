/**
 * Buggy variant: single-flight with one load in flight for the whole cache: a get of "b" while "a" loads joins "a"'s load and gets "a"'s value.
 * @caughtBy single-flight-keys
 */
import { SingleFlightCache as Base } from '../base/stampede.js';

export { StaleWhileRevalidateCache, XFetchCache } from '../base/stampede.js';

export class SingleFlightCache<V> extends Base<V> {
  // The mistake: "is a load running?" instead of "is a load of THIS key running?".
  protected override flightOf(): Promise<V> | undefined {
    for (const flight of this.flights.values()) return flight;
    return undefined;
  }
}
