/**
 * Buggy variant: the successor is found by scanning the sorted points from the start (the textbook's sortedHashes.find), O(n) per lookup.
 * @caughtBy lookup-cost
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: a linear scan for the first point >= hash, where a binary search is O(log n).
  protected override successor(hash: number): number {
    const index = this.points.findIndex((p) => p.position >= hash);
    return index === -1 ? 0 : index;
  }
}
