/**
 * Buggy variant: a key whose hash is above the last point goes to the last point instead of round to the first, so the arc past the last point is owned by the wrong node.
 * @caughtBy get-nodes-order
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: clamps to the last index when the search runs off the end, instead of wrapping to 0.
  protected override successor(hash: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid]!.position < hash) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, this.points.length - 1);
  }
}
