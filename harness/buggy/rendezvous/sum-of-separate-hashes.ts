/**
 * Buggy variant: a node's score is hash32(node) + hash32(key), a sum of two separate hashes instead of a hash of the pair, so every key ranks the nodes the same way and one node gets nearly everything.
 * @caughtBy balance
 */
import { hash32 } from '../base/hash-ring.js';
import { RendezvousHash as Base } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: the key's hash is added to the node's, the same for every node, so it never changes the ranking.
  protected override pairHash(node: string, key: string): number {
    return (hash32(node) + hash32(key)) / 2;
  }
}
