/**
 * Buggy variant: invalidate resolves at once, before the bus has accepted the event, so a caller cannot know the other nodes will hear of it (nor that the publish failed).
 * @caughtBy delivered-invalidation
 */
import { InvalidatingCache as Base, type InvalidationEvent } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: fire and forget.
  protected override publish(event: InvalidationEvent): Promise<void> {
    this.bus.publish(event).catch(() => undefined);
    return Promise.resolve();
  }
}
