/**
 * Buggy variant: a write resolves as soon as one node has confirmed it, whatever writeQuorum says.
 * @caughtBy quorum-ack
 */
import { ReplicatedCache as Base } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the first confirmation acknowledges the write.
  protected override needed(): number {
    return 1;
  }
}
