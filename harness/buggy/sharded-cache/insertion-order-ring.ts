/**
 * Buggy variant: the ring's points are kept in the order the nodes were added, never sorted, and a key takes the first point at or after its hash in that order.
 * @caughtBy order-independence
 */
import { hash32, ShardedCache as Base, SortedRing, type Ring } from '../base/sharded-cache.js';

/** A ring that forgot to sort: the first point (in insertion order) at or after the key's hash wins. */
class UnsortedRing extends SortedRing {
  override add(node: string): void {
    for (let i = 0; i < this.virtualNodes; i++) this.points.push({ hash: hash32(`${node}#${i}`), node });
  }

  override nodeFor(key: string): string {
    const h = hash32(key);
    // The mistake: a linear scan in insertion order, so whichever node came first takes the key.
    const point = this.points.find((p) => p.hash >= h) ?? this.points.reduce((min, p) => (p.hash < min.hash ? p : min));
    return point.node;
  }
}

export class ShardedCache<V> extends Base<V> {
  protected override createRing(virtualNodes: number): Ring {
    return new UnsortedRing(virtualNodes);
  }
}
