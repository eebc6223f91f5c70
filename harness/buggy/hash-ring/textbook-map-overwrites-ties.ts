/**
 * Buggy variant: the textbook's Map from position to node: when two points land on the same position the node added last takes it (here "n" + "10" and "n1" + "0", as point names have no separator), so placement depends on the order of the adds.
 * @caughtBy order-independent
 */
import { HashRing as Base, type Point } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  protected override pointName(node: string, i: number): string {
    return `${node}${i}`;
  }

  // The mistake: ring.set(position, node) overwrites the point another node had there.
  protected override insertPoints(points: Point[]): void {
    const taken = new Set(points.map((p) => p.position));
    this.points = this.points.filter((p) => !taken.has(p.position));
    super.insertPoints([...new Map(points.map((p) => [p.position, p])).values()]);
  }
}
