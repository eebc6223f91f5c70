/**
 * Buggy variant: the pair is hashed with the textbook's shift-and-add hash (Java's hashCode), where node + "\u0000" + key is the node's hash times a power of 31 plus the key's: the nodes keep nearly the same ranking for every key.
 * @caughtBy balance
 */
import { RendezvousHash as Base } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: a hash that does not mix; Math.abs as in the textbook.
  protected override pairHash(node: string, key: string): number {
    const text = `${node}\u0000${key}`;
    let hash = 0;
    for (let i = 0; i < text.length; i++) {
      hash = (hash << 5) - hash + text.charCodeAt(i);
      hash = hash & hash;
    }
    return Math.abs(hash);
  }
}
