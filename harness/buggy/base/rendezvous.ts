/**
 * The correct `rendezvous` implementation that the buggy variants in `harness/buggy/rendezvous/`
 * extend.
 *
 * A node's score for a key is `-weight / ln(u)`, with `u = (h + 0.5) / 2^32` in (0, 1) and `h`
 * the MurmurHash3 of `node + "\u0000" + key`. The key goes to the highest score, ties to the node
 * whose name sorts first.
 *
 * Each step is a small `protected` method, so that a variant overrides only the step its learner
 * got wrong. It passes every property of the `rendezvous` suite.
 *
 * @module
 */
import { hash32 } from './hash-ring.js';

/** A node and its score for one key. */
export interface Scored {
  readonly node: string;
  readonly score: number;
}

/** Rendezvous (highest-random-weight) hashing over a set of weighted nodes. */
export class RendezvousHash {
  /** The weight of each node, in the order they were added. */
  protected readonly weights = new Map<string, number>();

  /** The nodes, in any order. */
  get nodes(): string[] {
    return [...this.weights.keys()];
  }

  /** Adds `node` with `weight` (default 1). */
  addNode(node: string, weight = 1): void {
    this.checkNode(node, 'addNode');
    this.checkWeight(weight);
    if (this.weights.has(node)) throw new RangeError(`RendezvousHash.addNode: node ${JSON.stringify(node)} is already there`);
    this.weights.set(node, weight);
  }

  /** Removes `node`. */
  removeNode(node: string): void {
    this.checkNode(node, 'removeNode');
    if (!this.weights.has(node)) throw new RangeError(`RendezvousHash.removeNode: node ${JSON.stringify(node)} is not there`);
    this.weights.delete(node);
  }

  /** The node with the highest score for `key`, or undefined when there are none. */
  getNode(key: string): string | undefined {
    this.checkKey(key, 'getNode');
    let best: Scored | undefined;
    for (const scored of this.scores(key)) {
      if (best === undefined || this.beats(scored, best)) best = scored;
    }
    return best?.node;
  }

  /** The `n` nodes with the highest scores for `key`, best first. */
  getNodes(key: string, n: number): string[] {
    this.checkKey(key, 'getNodes');
    if (typeof n !== 'number') throw new TypeError(`RendezvousHash.getNodes: n must be a safe integer >= 0, got ${typeof n}`);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`RendezvousHash.getNodes: n must be a safe integer >= 0, got ${n}`);
    return this.ranked(this.scores(key)).slice(0, n).map((s) => s.node);
  }

  /** Every node's score for `key`. */
  protected scores(key: string): Scored[] {
    return [...this.weights].map(([node, weight]) => ({ node, score: this.score(node, weight, key) }));
  }

  /** The score of `node` of `weight` for `key`: -weight / ln(u), u in (0, 1). */
  protected score(node: string, weight: number, key: string): number {
    const u = (this.pairHash(node, key) + 0.5) / 2 ** 32;
    return -weight / Math.log(u);
  }

  /** The 32-bit hash of the pair (node, key). */
  protected pairHash(node: string, key: string): number {
    return hash32(`${node}\u0000${key}`);
  }

  /** Whether `a` ranks before `b`: a higher score, or the same score and a name that sorts first. */
  protected beats(a: Scored, b: Scored): boolean {
    return a.score > b.score || (a.score === b.score && a.node < b.node);
  }

  /** The scored nodes, best first. */
  protected ranked(scored: Scored[]): Scored[] {
    return scored.sort((a, b) => (this.beats(a, b) ? -1 : this.beats(b, a) ? 1 : 0));
  }

  /** Throws unless `node` is a non-empty string. */
  protected checkNode(node: unknown, where: string): void {
    if (typeof node !== 'string') throw new TypeError(`RendezvousHash.${where}: node must be a string, got ${typeof node}`);
    if (node === '') throw new RangeError(`RendezvousHash.${where}: node must not be empty`);
  }

  /** Throws unless `key` is a string. */
  protected checkKey(key: unknown, where: string): void {
    if (typeof key !== 'string') throw new TypeError(`RendezvousHash.${where}: key must be a string, got ${typeof key}`);
  }

  /** Throws unless `weight` is a positive finite number. */
  protected checkWeight(weight: unknown): void {
    if (typeof weight !== 'number') throw new TypeError(`RendezvousHash.addNode: weight must be a positive finite number, got ${typeof weight}`);
    if (!(weight > 0 && weight < Infinity)) throw new RangeError(`RendezvousHash.addNode: weight must be a positive finite number, got ${weight}`);
  }
}
