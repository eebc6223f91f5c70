/**
 * Reference solution for the `hash-ring` exercise: consistent hashing with virtual nodes and weights.
 *
 * The idea: every node is hashed to many points on a circle of 2^32 positions; a key belongs to the
 * first point at or after its own hash, going round. Adding a node takes over only the arcs just
 * before its new points; removing one hands only its arcs to the points that follow them.
 *
 * The layout: the ring is two parallel typed arrays, sorted: `#points` (the positions) and
 * `#owners` (each point's node, as an index into `#names`). A lookup is one hash and one binary
 * search over a flat `Uint32Array`: no objects to chase and no allocation. Adding or removing a node
 * builds new arrays in one linear merge or filter (the new node's own points are sorted first), so
 * the ring never needs a full sort, and nothing changes until the new arrays are complete.
 *
 * The search is narrowed first. A plain binary search over 1,500 points takes 11 steps, and each
 * step's branch goes either way at random, so the processor mispredicts about half of them: in our
 * measurements that cost more than hashing the key. So the ring also keeps `#starts`, a table
 * that splits the 2^32 positions into 2^k equal slices (2^k the first power of two at or above the
 * number of points) and says where each slice's points begin. A lookup reads its slice's range from
 * the table and binary-searches only that range, which holds about one point: the steps, and their
 * mispredictions, are mostly gone. The worst case is still a binary search (all points in one
 * slice), O(log n); the table costs at most 8 bytes per point.
 *
 * Hashes: {@link hash32} is MurmurHash3 x86_32 (seed 0) over the UTF-8 bytes of the text (see
 * `murmur3.ts`). Point `i` of node `name` is at `hash32(name + "#" + i)`: the number after the last
 * `#` tells which point, so two different (name, i) pairs never hash the same string.
 *
 * @module
 */
import { murmur3 } from './murmur3.js';

/** Points per unit of weight when the options do not say. */
const DEFAULT_VIRTUAL_NODES = 150;

/** The most points a ring holds (about 16 bytes each, with the slice table: 256 MiB), so a huge weight fails clearly. */
const MAX_POINTS = 2 ** 24;

/**
 * A 32-bit hash of `text`: MurmurHash3 x86_32, seed 0, over its UTF-8 bytes; an unsigned integer
 * in [0, 2^32). Throws a TypeError if `text` is not a string.
 */
export function hash32(text: string): number {
  if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${describe(text)}`);
  return murmur3(text, 0) >>> 0;
}

/** Options for {@link HashRing}. */
export interface HashRingOptions {
  /** Points on the ring per unit of weight: a positive safe integer. Default 150. */
  virtualNodes?: number;
}

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing {
  readonly #virtualNodes: number;
  /** The nodes, in the order they were added (which does not affect placement), and their weights. */
  #names: string[] = [];
  readonly #weights = new Map<string, number>();
  /** Point positions, ascending; points at the same position are in their owners' name order. */
  #points: Uint32Array = new Uint32Array(0);
  /** `#owners[i]` is the index in `#names` of the node that owns `#points[i]`. */
  #owners: Uint32Array = new Uint32Array(0);
  /**
   * The points of slice `s` (positions `s * 2^#shift` up to the next slice's) are the indexes
   * `#starts[s]` to `#starts[s + 1] - 1`; there are `2^(32 - #shift)` slices.
   */
  #starts = new Uint32Array(0);
  #shift = 0;
  /** For `getNodes`: `#seen[node] === #visit` marks a node already taken in the current call. */
  #seen = new Uint32Array(0);
  #visit = 0;

  /** @param options - how many virtual nodes each node gets per unit of weight. */
  constructor(options: HashRingOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    const { virtualNodes = DEFAULT_VIRTUAL_NODES } = options;
    checkPositiveInteger(virtualNodes, 'virtualNodes');
    this.#virtualNodes = virtualNodes;
  }

  /** The physical nodes on the ring, in any order (a copy). */
  get nodes(): string[] {
    return [...this.#names];
  }

  /**
   * Adds `node` with `weight` (default 1): `weight * virtualNodes` points. Throws a RangeError if
   * it is already on the ring, and changes nothing when it throws.
   */
  addNode(node: string, weight = 1): void {
    checkName(node);
    checkPositiveInteger(weight, 'weight');
    if (this.#weights.has(node)) throw new RangeError(`node ${describe(node)} is already on the ring`);
    const count = weight * this.#virtualNodes;
    const total = this.#points.length + count;
    if (total > MAX_POINTS) {
      throw new RangeError(
        `weight ${weight} * virtualNodes ${this.#virtualNodes} would put ${total} points on the ring, more than ${MAX_POINTS}`,
      );
    }

    // A Uint32Array stores murmur3's signed result as the unsigned hash.
    const added = new Uint32Array(count);
    for (let i = 0; i < count; i++) added[i] = murmur3(`${node}#${i}`, 0);
    added.sort();

    // Merge the new node's sorted points into the ring's.
    const oldPoints = this.#points;
    const oldOwners = this.#owners;
    const names = this.#names;
    const owner = names.length;
    const points = new Uint32Array(total);
    const owners = new Uint32Array(total);
    let i = 0;
    let j = 0;
    for (let n = 0; n < total; n++) {
      const takeOld =
        j === count ||
        (i < oldPoints.length &&
          (oldPoints[i]! < added[j]! || (oldPoints[i] === added[j] && names[oldOwners[i]!]! < node)));
      if (takeOld) {
        points[n] = oldPoints[i]!;
        owners[n] = oldOwners[i++]!;
      } else {
        points[n] = added[j++]!;
        owners[n] = owner;
      }
    }

    this.#install(points, owners);
    this.#names = [...names, node];
    this.#weights.set(node, weight);
    this.#seen = new Uint32Array(this.#names.length);
  }

  /** Removes `node` and all its points. Throws a RangeError, changing nothing, if it is not on the ring. */
  removeNode(node: string): void {
    checkName(node);
    const weight = this.#weights.get(node);
    if (weight === undefined) throw new RangeError(`node ${describe(node)} is not on the ring`);

    // Drop its points, and renumber the owners after it, which move down by one in #names.
    const removed = this.#names.indexOf(node);
    const oldPoints = this.#points;
    const oldOwners = this.#owners;
    const total = oldPoints.length - weight * this.#virtualNodes;
    const points = new Uint32Array(total);
    const owners = new Uint32Array(total);
    let n = 0;
    for (let i = 0; i < oldPoints.length; i++) {
      const owner = oldOwners[i]!;
      if (owner === removed) continue;
      points[n] = oldPoints[i]!;
      owners[n++] = owner > removed ? owner - 1 : owner;
    }

    this.#install(points, owners);
    this.#names = this.#names.filter((name) => name !== node);
    this.#weights.delete(node);
    this.#seen = new Uint32Array(this.#names.length);
  }

  /** The node that owns `key`, or undefined when the ring is empty. */
  getNode(key: string): string | undefined {
    if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${describe(key)}`);
    const points = this.#points;
    if (points.length === 0) return undefined;
    const index = this.#firstAtOrAfter(murmur3(key, 0) >>> 0);
    return this.#names[this.#owners[index]!];
  }

  /**
   * Up to `n` distinct physical nodes for `key`, clockwise from it (for replicas): all of them when
   * the ring has fewer; the first is `getNode(key)`.
   */
  getNodes(key: string, n: number): string[] {
    if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${describe(key)}`);
    if (typeof n !== 'number') throw new TypeError(`n must be a number, got ${describe(n)}`);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a safe integer >= 0, got ${describe(n)}`);
    const names = this.#names;
    const wanted = Math.min(n, names.length);
    const result: string[] = [];
    if (wanted === 0) return result;

    const points = this.#points;
    const owners = this.#owners;
    const seen = this.#seen;
    if (++this.#visit === 2 ** 32) {
      seen.fill(0);
      this.#visit = 1;
    }
    const visit = this.#visit;
    // Every node has at least one point, so one turn of the ring finds them all.
    let index = this.#firstAtOrAfter(murmur3(key, 0) >>> 0);
    while (result.length < wanted) {
      const owner = owners[index]!;
      if (seen[owner] !== visit) {
        seen[owner] = visit;
        result.push(names[owner]!);
      }
      if (++index === points.length) index = 0;
    }
    return result;
  }

  /** Makes `points` and `owners` the ring, and builds their table of slices. */
  #install(points: Uint32Array, owners: Uint32Array): void {
    // 2^bits slices, at least as many as points; at least 2, as `>>> 32` would shift by 0.
    const bits = Math.max(1, Math.ceil(Math.log2(points.length)));
    const shift = 32 - bits;
    const slices = 2 ** bits;
    const starts = new Uint32Array(slices + 1);
    let index = 0;
    for (let slice = 0; slice < slices; slice++) {
      const from = slice * 2 ** shift;
      while (index < points.length && points[index]! < from) index++;
      starts[slice] = index;
    }
    starts[slices] = points.length;
    this.#points = points;
    this.#owners = owners;
    this.#starts = starts;
    this.#shift = shift;
  }

  /**
   * The index of the first point at or after `hash`, wrapping to 0 past the last: a binary search
   * over the points of `hash`'s slice (the answer is in it, or is the first point after it).
   */
  #firstAtOrAfter(hash: number): number {
    const points = this.#points;
    const slice = hash >>> this.#shift;
    let low = this.#starts[slice]!;
    let high = this.#starts[slice + 1]!;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (points[mid]! < hash) low = mid + 1;
      else high = mid;
    }
    return low === points.length ? 0 : low;
  }
}

/** Throws unless `name` is a non-empty string. */
function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string') throw new TypeError(`node must be a string, got ${describe(name)}`);
  if (name.length === 0) throw new RangeError('node must be a non-empty string');
}

/** Throws unless `value` is a positive safe integer; `argument` names it in the message. */
function checkPositiveInteger(value: unknown, argument: string): void {
  if (typeof value !== 'number') throw new TypeError(`${argument} must be a number, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${argument} must be a positive safe integer, got ${describe(value)}`);
  }
}

/** A short description of a bad argument for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
