/**
 * Buggy variant: a disconnected node drops its cache once, then goes on caching (and serving) what it loads, though it can no longer hear invalidations.
 * @caughtBy disconnect
 */
import { InvalidatingCache as Base, type Entry, type Flight } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: the connection matters only at the moment it is lost (dropAll), not while it is down.
  protected override lookup(key: string): Entry<V> | undefined {
    return this.entries.get(key);
  }

  protected override fetch(key: string): Promise<V> {
    const connected = this.connected;
    this.connected = true; // a load started while disconnected is not marked spoiled
    try {
      return super.fetch(key);
    } finally {
      this.connected = connected;
    }
  }

  protected override mayCache(flight: Flight, version: number, tags: readonly string[]): boolean {
    const current = this.entries.get(flight.key);
    if (current !== undefined && current.version > version) return false;
    return !this.closed && !flight.spoiled && version > flight.bar && !tags.some((t) => flight.tags.has(t));
  }
}
