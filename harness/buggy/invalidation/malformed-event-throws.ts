/**
 * Buggy variant: the listener trusts the bus: an event of the wrong shape throws inside it, or is taken for a tag event, instead of being reported.
 * @caughtBy malformed-event
 */
import { InvalidatingCache as Base, type InvalidationEvent } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: no check of what arrives; anyone can publish on a bus.
  protected override receive(event: unknown): void {
    if (this.closed) return;
    this.apply(event as InvalidationEvent);
  }
}
