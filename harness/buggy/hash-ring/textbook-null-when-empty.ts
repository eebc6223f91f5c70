/**
 * Buggy variant: an empty ring answers getNode with null, as the textbook's getNode does, where the contract says undefined.
 * @caughtBy empty
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: `return null` for "no node" (the textbook's CacheNode | null).
  override getNode(key: string): string | undefined {
    const node = super.getNode(key);
    return node === undefined ? (null as unknown as undefined) : node;
  }
}
