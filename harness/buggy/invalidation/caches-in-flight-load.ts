/**
 * Buggy variant: a load in flight when an invalidation of its key arrives still caches the (possibly old) value it read.
 * @caughtBy in-flight-load
 */
import { InvalidatingCache as Base, type Flight } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: the textbook race. The invalidation found nothing to drop, and the load that
  // read the old value puts it in the cache afterwards.
  protected override mayCache(flight: Flight, version: number): boolean {
    const current = this.entries.get(flight.key);
    if (current !== undefined && current.version > version) return false;
    return !this.closed && this.connected && flight.epoch === this.epoch;
  }
}
