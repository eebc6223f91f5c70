/**
 * Exercise `hash-ring` — consistent hashing with virtual nodes and weights.
 *
 * Read first: chapters/04-distributed/README.md (section "Consistent hashing").
 * Grade it:   npm run exercise hash-ring
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `hash32(text)` is a well-mixed 32-bit hash: an unsigned integer in [0, 2^32), the same for the
 *   same text, where changing any character changes about half of the output bits. Use
 *   MurmurHash3 (x86, 32-bit) or FNV-1a with a finaliser, not a shift-and-add string hash such as
 *   Java's `hashCode`, whose outputs for similar keys are close together.
 * - A node of weight `w` is placed on the ring at `w * virtualNodes` points, hashed from the node's
 *   name and the point's number. `getNode(key)` is the node of the first point at or after
 *   `hash32(key)`, going round past 2^32 - 1 to the smallest point. Find it by binary search over
 *   the sorted points: O(log n), never a scan.
 * - Placement depends only on which nodes (and weights) are on the ring, never on the order they
 *   were added; when two points land on the same position, the one whose node name sorts first
 *   (JavaScript string order) comes first.
 * - `getNodes(key, n)` walks clockwise from the key and returns the first `n` DISTINCT physical
 *   nodes (all of them when the ring has fewer), the first being `getNode(key)`.
 * - An empty ring answers `undefined` and `[]`. Adding a node that is already there, or removing
 *   one that is not, is an error (RangeError) that changes nothing.
 * - Bad input throws a TypeError or RangeError naming the argument: `virtualNodes` or a weight that
 *   is not a positive safe integer, a node name or key that is not a string (or an empty name), an
 *   `n` that is not a safe integer >= 0.
 *
 * @module
 */

/** A 32-bit hash of `text`: an unsigned integer in [0, 2^32). MurmurHash3 or FNV-1a with a finaliser. */
export function hash32(text: string): number {
  throw new Error(`Not implemented: hash32(${text})`);
}

/** Options for {@link HashRing}. */
export interface HashRingOptions {
  /** Points on the ring per unit of weight. Default 150. */
  virtualNodes?: number;
}

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing {
  /** @param options - how many virtual nodes each node gets per unit of weight. */
  constructor(options: HashRingOptions = {}) {
    void options;
    throw new Error('Not implemented: HashRing constructor');
  }

  /** The physical nodes on the ring, in any order. */
  get nodes(): string[] {
    throw new Error('Not implemented: HashRing.nodes');
  }

  /** Adds `node` with `weight` (default 1): `weight * virtualNodes` points. */
  addNode(node: string, weight = 1): void {
    void weight;
    throw new Error(`Not implemented: HashRing.addNode(${node})`);
  }

  /** Removes `node` and all its points. */
  removeNode(node: string): void {
    throw new Error(`Not implemented: HashRing.removeNode(${node})`);
  }

  /** The node that owns `key`, or undefined when the ring is empty. */
  getNode(key: string): string | undefined {
    throw new Error(`Not implemented: HashRing.getNode(${key})`);
  }

  /** Up to `n` distinct physical nodes for `key`, clockwise from it (for replicas). */
  getNodes(key: string, n: number): string[] {
    void n;
    throw new Error(`Not implemented: HashRing.getNodes(${key})`);
  }
}
