/**
 * Buggy variant: the default quorum is a majority of the nodes in rotation, not of all nodes, so a lone survivor acknowledges writes.
 * @caughtBy quorum-ack
 */
import { ReplicatedCache as Base } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the majority shrinks with the nodes that are still up.
  protected override needed(): number {
    return Math.min(this.quorum, Math.floor(this.inRotation.size / 2) + 1);
  }
}
