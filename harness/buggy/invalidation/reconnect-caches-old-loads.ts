/**
 * Buggy variant: a load started while the node was disconnected caches its value if it lands after reconnected(), though the invalidation of that value may have been missed.
 * @caughtBy disconnect
 */
import { InvalidatingCache as Base, type Flight } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: it asks whether the node is connected NOW, not whether it stayed connected
  // for the whole load (no epoch, and a load started while disconnected is not spoiled).
  protected override mayCache(flight: Flight, version: number, tags: readonly string[]): boolean {
    const current = this.entries.get(flight.key);
    if (current !== undefined && current.version > version) return false;
    return !this.closed && this.connected && version > flight.bar && !tags.some((t) => flight.tags.has(t));
  }
}
