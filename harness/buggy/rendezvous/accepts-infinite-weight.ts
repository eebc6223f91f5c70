/**
 * Buggy variant: a weight is checked with weight > 0 only, so Infinity is accepted (its score is Infinity for every key: it takes them all).
 * @caughtBy validation
 */
import { RendezvousHash as Base } from '../base/rendezvous.js';

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash extends Base {
  // The mistake: no check that the weight is finite.
  protected override checkWeight(weight: unknown): void {
    if (typeof weight !== 'number' || !(weight > 0)) throw new RangeError(`RendezvousHash.addNode: weight must be positive, got ${String(weight)}`);
  }
}
