/**
 * Buggy variant: getNodes walks from the key's point to the end of the array and stops there, so a key near the top of the ring gets fewer nodes than asked.
 * @caughtBy get-nodes
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: `i < points.length` instead of walking round with (start + step) % points.length.
  protected override walk(start: number, count: number): string[] {
    const found: string[] = [];
    for (let i = start; i < this.points.length && found.length < count; i++) {
      const { node } = this.points[i]!;
      if (!found.includes(node)) found.push(node);
    }
    return found;
  }
}
