/**
 * Buggy variant: the node's own invalidate drops its cached entry but does not tell its loads in flight, one of which then caches the old value it read.
 * @caughtBy in-flight-load
 */
import { InvalidatingCache as Base, type InvalidationEvent } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: only the entries are dropped here; the loads in flight hear of it only when
  // the node's own event comes back from the bus, which may be after they have landed.
  protected override applyLocally(event: InvalidationEvent): void {
    if (event.kind === 'key') {
      const entry = this.entries.get(event.key);
      if (entry !== undefined && this.covers(event.version, entry.version)) this.remove(event.key);
    } else {
      for (const key of [...(this.byTag.get(event.tag) ?? [])]) this.remove(key);
    }
  }
}
