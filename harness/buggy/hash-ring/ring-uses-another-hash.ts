/**
 * Buggy variant: the exported hash32 is MurmurHash3, but the ring hashes keys and points with an older helper (FNV-1a with a finaliser), so getNode(key) does not follow hash32(key).
 * @caughtBy arcs
 */
import { HashRing as Base } from '../base/hash-ring.js';

export { hash32 } from '../base/hash-ring.js';
export type { HashRingOptions } from '../base/hash-ring.js';

/** FNV-1a over the UTF-16 code units, then MurmurHash3's fmix32: well mixed, but not hash32. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  // The mistake: the ring keeps its own hash; the hash32 the contract names is never used.
  protected override hash(text: string): number {
    return fnv(text);
  }
}
