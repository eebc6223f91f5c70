/**
 * Buggy variant: a tag invalidation drops the cached entries with the tag but not the loads in flight, which cache their tagged (possibly old) values afterwards.
 * @caughtBy in-flight-load
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: the loads in flight are told about key invalidations only.
  protected override dropTag(tag: string): void {
    for (const key of [...(this.byTag.get(tag) ?? [])]) this.remove(key);
  }
}
