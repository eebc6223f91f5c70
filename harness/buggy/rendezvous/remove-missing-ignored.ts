/**
 * Buggy variant: removing a node that is not there returns quietly (Map.delete returns false) instead of throwing a RangeError.
 * @caughtBy duplicates
 */
import { RendezvousHash as Base } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: the result of Map.delete is ignored.
  override removeNode(node: string): void {
    this.checkNode(node, 'removeNode');
    this.weights.delete(node);
  }
}
