/**
 * Buggy variant: getNodes picks the n highest-scoring nodes but returns them in the order the nodes were added, not best first.
 * @caughtBy get-nodes-order
 */
import { RendezvousHash as Base } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: the top n are chosen by score, then listed in insertion order.
  override getNodes(key: string, n: number): string[] {
    const top = new Set(super.getNodes(key, n));
    return this.nodes.filter((node) => top.has(node));
  }
}
