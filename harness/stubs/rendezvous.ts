/**
 * Exercise `rendezvous` — rendezvous hashing (highest random weight).
 *
 * Read first: chapters/04-distributed/README.md (section "Rendezvous hashing").
 * Grade it:   npm run exercise rendezvous
 *
 * The contract (the grader checks exactly this, nothing else):
 * - Each node scores each key with a well-mixed hash of the pair (node, key), e.g. a 32-bit
 *   MurmurHash3 of `node + "\u0000" + key` turned into a number in (0, 1). `getNode(key)` is the
 *   node with the highest score. With weights, use the weighted score `-weight / ln(u)` (u in
 *   (0, 1)), so that a node of weight 2 owns twice the keys of a node of weight 1. Ties go to the
 *   node whose name sorts first (JavaScript string order).
 * - `getNodes(key, n)` returns the `n` nodes with the highest scores, best first (all of them when
 *   there are fewer), distinct, the first being `getNode(key)`.
 * - The answer depends only on which nodes (and weights) there are, never on the order they were
 *   added. Removing a node moves only the keys it owned; adding one moves keys only to it.
 * - An empty set of nodes answers `undefined` and `[]`. Adding a node that is already there, or
 *   removing one that is not, is a RangeError that changes nothing. Bad input throws a TypeError or
 *   RangeError naming the argument: a weight that is not a positive finite number, a node name or
 *   key that is not a string (or an empty name), an `n` that is not a safe integer >= 0.
 *
 * @module
 */

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash {
  constructor() {
    throw new Error('Not implemented: RendezvousHash constructor');
  }

  /** The nodes, in any order. */
  get nodes(): string[] {
    throw new Error('Not implemented: RendezvousHash.nodes');
  }

  /** Adds `node` with `weight` (default 1). */
  addNode(node: string, weight = 1): void {
    void weight;
    throw new Error(`Not implemented: RendezvousHash.addNode(${node})`);
  }

  /** Removes `node`. */
  removeNode(node: string): void {
    throw new Error(`Not implemented: RendezvousHash.removeNode(${node})`);
  }

  /** The node with the highest score for `key`, or undefined when there are none. */
  getNode(key: string): string | undefined {
    throw new Error(`Not implemented: RendezvousHash.getNode(${key})`);
  }

  /** The `n` nodes with the highest scores for `key`, best first. */
  getNodes(key: string, n: number): string[] {
    void n;
    throw new Error(`Not implemented: RendezvousHash.getNodes(${key})`);
  }
}
