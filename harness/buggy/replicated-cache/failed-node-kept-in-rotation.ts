/**
 * Buggy variant: a node that fails is reported but stays in rotation, so every later call still goes to it first.
 * @caughtBy failover
 */
import { ReplicatedCache as Base } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the error is reported, but the node is not taken out of rotation.
  protected override fail(name: string, error: unknown): void {
    this.onNodeError(error, name);
  }
}
