/**
 * Buggy variant: every key invalidation drops the entry, whatever its version, so a late, older invalidation deletes a newer value.
 * @caughtBy version-order
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: the version of the event is never compared with the entry's.
  protected override covers(): boolean {
    return true;
  }
}
