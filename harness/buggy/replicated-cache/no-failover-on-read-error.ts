/**
 * Buggy variant: a read error of a node rejects the get instead of asking the next node.
 * @caughtBy failover
 */
import { ReplicatedCache as Base } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the node leaves rotation, but the get fails with it instead of failing over.
  protected override failedRead(error: unknown, name: string): boolean {
    this.fail(name, error);
    return false;
  }
}
