/**
 * Buggy variant: removeNode forgets the node's name and weight but leaves its points on the ring, so keys still go to the removed node.
 * @caughtBy owner-present
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: the points are never filtered out.
  protected override removePoints(): void {}
}
