/**
 * Buggy variant: close() sets a flag and empties the cache but never unsubscribes, so the bus keeps delivering to a node nobody uses.
 * @caughtBy close
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  // The mistake: the function subscribe returned is never called (a leak per closed node).
  protected override stopListening(): void {}
}
