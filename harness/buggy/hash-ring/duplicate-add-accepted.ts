/**
 * Buggy variant: adding a node that is already on the ring does not throw: it adds the node's points a second time and changes its weight.
 * @caughtBy duplicates
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: no check for a node that is already there.
  override addNode(node: string, weight = 1): void {
    this.checkNode(node, 'addNode');
    this.checkPositiveInteger(weight, 'weight');
    this.weights.set(node, weight);
    this.insertPoints(this.pointsOf(node, weight));
  }
}
