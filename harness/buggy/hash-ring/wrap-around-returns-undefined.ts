/**
 * Buggy variant: a key whose hash is above the last point gets undefined: the binary search ends past the end of the array and does not wrap round to index 0.
 * @caughtBy owner-present
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: returns points.length when every point is below the hash, instead of 0.
  protected override successor(hash: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid]!.position < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

}
