/**
 * Buggy variant: any invalidation of a key spoils its loads in flight, even one that loaded a version newer than the invalidation's, which must be cached.
 * @caughtBy in-flight-load
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: a generation counter per key, bumped by every invalidation, ignores the version.
  protected override dropKey(key: string, version: number | undefined): void {
    super.dropKey(key, version);
    for (const flight of this.flights) if (flight.key === key) flight.spoiled = true;
  }
}
