/**
 * Buggy variant: the textbook's string hash, Java's hashCode (h = h * 31 + c) made positive with Math.abs, for keys and points: similar texts get similar hashes.
 * @caughtBy hash32-avalanche
 */
import { HashRing as Base } from '../base/hash-ring.js';

export type { HashRingOptions } from '../base/hash-ring.js';

/** The textbook's shift-and-add hash: (hash << 5) - hash + char, then Math.abs. */
export function hash32(text: string): number {
  if (typeof text !== 'string') throw new TypeError(`hash32: text must be a string, got ${typeof text}`);
  // The mistake: a shift-and-add hash never mixes, so changing the last character changes a few low bits.
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (hash << 5) - hash + text.charCodeAt(i);
    hash = hash & hash;
  }
  return Math.abs(hash);
}

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing extends Base {
  protected override hash(text: string): number {
    return hash32(text);
  }

  protected override pointName(node: string, i: number): string {
    return `${node}:${i}`;
  }
}
