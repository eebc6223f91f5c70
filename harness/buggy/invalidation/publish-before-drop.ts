/**
 * Buggy variant: invalidate only publishes, and the node drops its own entry when its event comes back from the bus, serving the old value until then.
 * @caughtBy delivered-invalidation
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: "every node, this one included, gets the event, so the listener will do it".
  protected override applyLocally(): void {}
}
