/**
 * Buggy variant: a load that read an older version, answered last, replaces the newer value another load cached.
 * @caughtBy loads-and-caches
 */
import { InvalidatingCache as Base, type Flight } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: the last load to answer wins, whatever its version.
  protected override mayCache(flight: Flight, version: number, tags: readonly string[]): boolean {
    if (flight.spoiled || version <= flight.bar || tags.some((t) => flight.tags.has(t))) return false;
    return !this.closed && this.connected && flight.epoch === this.epoch;
  }
}
