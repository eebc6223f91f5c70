/**
 * Buggy variant: each node is placed at `weight` points, ignoring virtualNodes, so a few arcs of very different lengths decide the load.
 * @caughtBy balance
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: one point per unit of weight; virtualNodes is checked but never used.
  protected override pointCount(weight: number): number {
    return weight;
  }
}
