/**
 * Reference solution for the `rendezvous` exercise: rendezvous (highest random weight) hashing.
 *
 * The idea: every node scores every key with a hash of the pair, and the key goes to the highest
 * score. A node's scores do not depend on the other nodes, so adding a node moves only the keys it
 * now wins, and removing one moves only the keys it had won. There is no ring to build: a lookup
 * scores every node, O(nodes), which is cheap for the tens of nodes of a cache cluster.
 *
 * The pair hash: MurmurHash3 x86_32 (seed 0) of a 12-byte message, the node's 64-bit hash (its
 * name's MurmurHash3 with seeds 0 and 1) followed by the key's `hash32` (its UTF-8 bytes'
 * MurmurHash3, seed 0). That is a full MurmurHash3 of the pair, final mix included, and cheap: the
 * node's 8 bytes are the same for every key, so the hash's state after them is computed once, when
 * the node is added; the key's text is read once per lookup and its block mixed once; each node then
 * costs three multiplications, and no `node + key` string is built. Two nodes would only score every
 * key alike if their names collided on all 64 bits.

 * Weights: the hash `h` becomes `u = (h + 0.5) / 2^32` in (0, 1), and the score is
 * `-weight / ln(u)`; a node of weight 2 then wins twice as many keys as a node of weight 1. When
 * every weight is the same, that score rises with `h`, so comparing the hashes themselves gives the
 * same answer, ties included, without a logarithm per node.
 *
 * Ties go to the node whose name sorts first: the nodes are kept in name order and scanned in that
 * order, and a later node must score strictly higher to win.
 *
 * @module
 */
import { absorb, finish, mixBlock, murmur3 } from './murmur3.js';

const TWO_32 = 2 ** 32;
/** The pair hash's message: the node's two words, then the key's. */
const PAIR_BYTES = 12;

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash {
  /** The nodes in JavaScript string order, and for each the pair hash's state after its 8 bytes, and its weight. */
  #names: string[] = [];
  #states = new Int32Array(0);
  #weights: number[] = [];
  /** Whether every weight is the same: then the hashes can be compared directly. */
  #sameWeights = true;

  /** The nodes, in any order (a copy). */
  get nodes(): string[] {
    return [...this.#names];
  }

  /**
   * Adds `node` with `weight` (default 1), a positive finite number. Throws a RangeError if it is
   * already there, and changes nothing when it throws.
   */
  addNode(node: string, weight = 1): void {
    checkName(node);
    if (typeof weight !== 'number') throw new TypeError(`weight must be a number, got ${describe(weight)}`);
    if (!(weight > 0 && weight < Infinity)) {
      throw new RangeError(`weight must be a positive finite number, got ${describe(weight)}`);
    }
    const at = this.#indexOf(node);
    if (this.#names[at] === node) throw new RangeError(`node ${describe(node)} is already there`);
    this.#rebuild(this.#names.toSpliced(at, 0, node), this.#weights.toSpliced(at, 0, weight));
  }

  /** Removes `node`. Throws a RangeError, changing nothing, if it is not there. */
  removeNode(node: string): void {
    checkName(node);
    const at = this.#indexOf(node);
    if (this.#names[at] !== node) throw new RangeError(`node ${describe(node)} is not there`);
    this.#rebuild(this.#names.toSpliced(at, 1), this.#weights.toSpliced(at, 1));
  }

  /** The node with the highest score for `key`, or undefined when there are none. */
  getNode(key: string): string | undefined {
    if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${describe(key)}`);
    const names = this.#names;
    const count = names.length;
    if (count === 0) return undefined;
    const mixed = mixBlock(murmur3(key, 0));
    const states = this.#states;
    let best = 0;
    if (this.#sameWeights) {
      let bestHash = pairHash(states[0]!, mixed);
      for (let i = 1; i < count; i++) {
        const hash = pairHash(states[i]!, mixed);
        if (hash > bestHash) {
          bestHash = hash;
          best = i;
        }
      }
    } else {
      const weights = this.#weights;
      let bestScore = score(pairHash(states[0]!, mixed), weights[0]!);
      for (let i = 1; i < count; i++) {
        const s = score(pairHash(states[i]!, mixed), weights[i]!);
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
    }
    return names[best];
  }

  /**
   * The `n` nodes with the highest scores for `key`, best first (ties in name order); all of them
   * when there are fewer. The first is `getNode(key)`.
   */
  getNodes(key: string, n: number): string[] {
    if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${describe(key)}`);
    if (typeof n !== 'number') throw new TypeError(`n must be a number, got ${describe(n)}`);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a safe integer >= 0, got ${describe(n)}`);
    const names = this.#names;
    const mixed = mixBlock(murmur3(key, 0));
    const states = this.#states;
    const weights = this.#weights;
    const scores = names.map((_, i) => {
      const hash = pairHash(states[i]!, mixed);
      return this.#sameWeights ? hash : score(hash, weights[i]!);
    });
    // Highest score first; equal scores keep name order (the nodes are in name order).
    const order = names.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return order.slice(0, n).map((i) => names[i]!);
  }

  /** Where `node` is, or would go, in the name-ordered list: a binary search. */
  #indexOf(node: string): number {
    const names = this.#names;
    let low = 0;
    let high = names.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (names[mid]! < node) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Installs a new (name-ordered) list of nodes and weights. */
  #rebuild(names: string[], weights: number[]): void {
    this.#names = names;
    this.#weights = weights;
    this.#states = Int32Array.from(names, (name) => absorb(absorb(0, mixBlock(murmur3(name, 0))), mixBlock(murmur3(name, 1))));
    this.#sameWeights = weights.every((w) => w === weights[0]);
  }
}

/** The pair hash, unsigned, from a node's state and the key's mixed block. */
function pairHash(state: number, mixed: number): number {
  return finish(absorb(state, mixed), PAIR_BYTES) >>> 0;
}

/** The weighted score of a pair hash `hash` for a node of weight `weight`: `-weight / ln(u)`, u in (0, 1). */
function score(hash: number, weight: number): number {
  return -weight / Math.log((hash + 0.5) / TWO_32);
}

/** Throws unless `name` is a non-empty string. */
function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string') throw new TypeError(`node must be a string, got ${describe(name)}`);
  if (name.length === 0) throw new RangeError('node must be a non-empty string');
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
