/**
 * Buggy variant: the points are sorted with sort() and no comparator, which compares numbers as strings ("10" < "9"), so the binary search runs over an array that is not in numeric order.
 * @caughtBy remove-moves-own
 */
import { HashRing as Base, type Point } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: what positions.sort() does without a comparator: compare the numbers' strings.
  protected override comparePoints(a: Point, b: Point): number {
    const [x, y] = [String(a.position), String(b.position)];
    return x < y ? -1 : x > y ? 1 : a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
  }
}
