/**
 * Buggy variant: adding a node that is already there does not throw: it silently replaces the node's weight.
 * @caughtBy duplicates
 */
import { RendezvousHash as Base } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: Map.set overwrites; there is no check for a node that is already there.
  override addNode(node: string, weight = 1): void {
    this.checkNode(node, 'addNode');
    this.checkWeight(weight);
    this.weights.set(node, weight);
  }
}
