/**
 * Buggy variant: an event of the wrong shape is reported to onError but otherwise ignored, though it may have been an invalidation of anything.
 * @caughtBy malformed-event
 */
import { InvalidatingCache as Base, isInvalidationEvent } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: what cannot be read is dropped, and the entries it may have invalidated stay.
  protected override receive(event: unknown): void {
    if (this.closed) return;
    if (!isInvalidationEvent(event)) {
      this.onError(new TypeError('not an InvalidationEvent'), event);
      return;
    }
    this.apply(event);
  }
}
