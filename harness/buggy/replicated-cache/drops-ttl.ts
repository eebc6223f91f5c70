/**
 * Buggy variant: set does not pass ttlMs on to the nodes, so replicated entries never expire.
 * @caughtBy quorum-ack
 */
import { ReplicatedCache as Base, type Versioned } from '../base/replicated-cache.js';

export type { Versioned } from '../base/replicated-cache.js';

export class ReplicatedCache<V> extends Base<V> {
  // The mistake: the TTL is lost on the way to the nodes.
  protected override write(key: string, entry: Versioned<V>): Promise<void> {
    return super.write(key, entry, undefined);
  }
}
