/**
 * Buggy variant: a node is scored from its position in the list of nodes (hash of index + key), not its name, so the answers depend on the order the nodes were added.
 * @caughtBy order-independent
 */
import { hash32 } from '../base/hash-ring.js';
import { RendezvousHash as Base, type Scored } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: nodes.map((node, i) => hash(i + key)): the index stands in for the node.
  protected override scores(key: string): Scored[] {
    return [...this.weights].map(([node, weight], i) => ({ node, score: -weight / Math.log((hash32(`${i}\u0000${key}`) + 0.5) / 2 ** 32) }));
  }
}
