/**
 * Buggy variant: the weight is checked but every node gets virtualNodes points, so a node of weight 3 owns no more keys than one of weight 1.
 * @caughtBy weights
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: virtualNodes points per node, not weight * virtualNodes.
  protected override pointCount(): number {
    return this.virtualNodes;
  }
}
