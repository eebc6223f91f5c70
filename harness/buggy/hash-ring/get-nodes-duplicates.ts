/**
 * Buggy variant: getNodes takes the owners of the next n points, so a node with two points in a row is listed twice.
 * @caughtBy get-nodes
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: counts points, not distinct physical nodes.
  protected override walk(start: number, count: number): string[] {
    const found: string[] = [];
    for (let step = 0; step < count; step++) found.push(this.points[(start + step) % this.points.length]!.node);
    return found;
  }
}
