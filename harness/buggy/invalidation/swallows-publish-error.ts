/**
 * Buggy variant: invalidate resolves even when the bus refuses the event (the node is disconnected), so its caller believes the other nodes were told.
 * @caughtBy disconnect
 */
import { InvalidatingCache as Base, type InvalidationEvent } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: "an invalidation is best effort": the caller never learns it went nowhere.
  protected override publish(event: InvalidationEvent): Promise<void> {
    return this.bus.publish(event).catch(() => undefined);
  }
}
