/**
 * Buggy variant: the weighted score is weight * u instead of -weight / ln(u), so a node of weight 2 wins more than twice as often as one of weight 1.
 * @caughtBy weights
 */
import { RendezvousHash as Base } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: scaling the hash by the weight is not proportional: the heaviest nodes win far more than their share.
  protected override score(node: string, weight: number, key: string): number {
    return weight * ((this.pairHash(node, key) + 0.5) / 2 ** 32);
  }
}
