/**
 * The correct `hash-ring` implementation that the buggy variants in `harness/buggy/hash-ring/`
 * extend.
 *
 * `hash32` is MurmurHash3 (x86, 32-bit, seed 0) over the UTF-8 bytes of the text. The ring keeps
 * one array of points sorted by (position, node name); a node of weight `w` has
 * `w * virtualNodes` points at `hash32(`${node}#${i}`)`. A lookup is a binary search for the
 * first point at or after the key's hash, wrapping round to the first point.
 *
 * Each step is a small `protected` method, so that a variant overrides only the step its learner
 * got wrong. It passes every property of the `hash-ring` suite.
 *
 * @module
 */

/** MurmurHash3 (x86, 32-bit) of `bytes[0 .. length)`, seed 0: an unsigned 32-bit integer. */
export function murmur3(bytes: Uint8Array, length: number): number {
  let h = 0;
  const tail = length & ~3;
  for (let i = 0; i < tail; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (length & 3) {
    case 3:
      k ^= bytes[tail + 2]! << 16;
    // falls through
    case 2:
      k ^= bytes[tail + 1]! << 8;
    // falls through
    case 1:
      k ^= bytes[tail]!;
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const encoder = new TextEncoder();
let buffer = new Uint8Array(256);

/** The UTF-8 bytes of `text` in a shared buffer, and how many there are. */
export function utf8(text: string): { bytes: Uint8Array; length: number } {
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  return { bytes: buffer, length: written };
}

/** A 32-bit hash of `text`: MurmurHash3 of its UTF-8 bytes. */
export function hash32(text: string): number {
  if (typeof text !== 'string') throw new TypeError(`hash32: text must be a string, got ${typeof text}`);
  const { bytes, length } = utf8(text);
  return murmur3(bytes, length);
}

/** Options for {@link HashRing}. */
export interface HashRingOptions {
  /** Points on the ring per unit of weight. Default 150. */
  virtualNodes?: number;
}

/** One point on the ring: its position and the node that owns it. */
export interface Point {
  readonly position: number;
  readonly node: string;
}

/** A consistent hash ring: keys map to nodes, and adding or removing a node moves few keys. */
export class HashRing {
  /** Points per unit of weight. */
  protected readonly virtualNodes: number;
  /** The weight of each node on the ring. */
  protected readonly weights = new Map<string, number>();
  /** Every point, sorted by {@link HashRing.comparePoints}. */
  protected points: Point[] = [];

  constructor(options: HashRingOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError('HashRing: options must be an object');
    const virtualNodes = options.virtualNodes ?? 150;
    this.checkPositiveInteger(virtualNodes, 'virtualNodes');
    this.virtualNodes = virtualNodes;
  }

  /** The physical nodes on the ring, in any order. */
  get nodes(): string[] {
    return [...this.weights.keys()];
  }

  /** Adds `node` with `weight` (default 1): `weight * virtualNodes` points. */
  addNode(node: string, weight = 1): void {
    this.checkNode(node, 'addNode');
    this.checkPositiveInteger(weight, 'weight');
    if (this.weights.has(node)) throw new RangeError(`HashRing.addNode: node ${JSON.stringify(node)} is already on the ring`);
    this.weights.set(node, weight);
    this.insertPoints(this.pointsOf(node, weight));
  }

  /** Removes `node` and all its points. */
  removeNode(node: string): void {
    this.checkNode(node, 'removeNode');
    if (!this.weights.has(node)) throw new RangeError(`HashRing.removeNode: node ${JSON.stringify(node)} is not on the ring`);
    this.weights.delete(node);
    this.removePoints(node);
  }

  /** The node that owns `key`, or undefined when the ring is empty. */
  getNode(key: string): string | undefined {
    this.checkKey(key, 'getNode');
    if (this.points.length === 0) return undefined;
    return this.points[this.successor(this.hashKey(key))]?.node;
  }

  /** Up to `n` distinct physical nodes for `key`, clockwise from it (for replicas). */
  getNodes(key: string, n: number): string[] {
    this.checkKey(key, 'getNodes');
    if (typeof n !== 'number') throw new TypeError(`HashRing.getNodes: n must be a safe integer >= 0, got ${typeof n}`);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`HashRing.getNodes: n must be a safe integer >= 0, got ${n}`);
    if (this.points.length === 0 || n === 0) return [];
    return this.walk(this.successor(this.hashKey(key)), Math.min(n, this.weights.size));
  }

  /** The hash of the ring, for keys and points alike. */
  protected hash(text: string): number {
    return hash32(text);
  }

  /** The position of a key on the ring. */
  protected hashKey(key: string): number {
    return this.hash(key);
  }

  /** The text hashed for point number `i` of `node`. */
  protected pointName(node: string, i: number): string {
    return `${node}#${i}`;
  }

  /** How many points a node of `weight` gets. */
  protected pointCount(weight: number): number {
    return weight * this.virtualNodes;
  }

  /** The points of a node of `weight`. */
  protected pointsOf(node: string, weight: number): Point[] {
    const count = this.pointCount(weight);
    const points: Point[] = [];
    for (let i = 0; i < count; i++) points.push({ position: this.hash(this.pointName(node, i)), node });
    return points;
  }

  /** Ring order: by position, then by node name when two points share a position. */
  protected comparePoints(a: Point, b: Point): number {
    if (a.position !== b.position) return a.position - b.position;
    return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
  }

  /** Adds `points` to the sorted array. */
  protected insertPoints(points: Point[]): void {
    this.points.push(...points);
    this.points.sort((a, b) => this.comparePoints(a, b));
  }

  /** Takes every point of `node` off the ring. */
  protected removePoints(node: string): void {
    this.points = this.points.filter((p) => p.node !== node);
  }

  /** The index of the first point at or after `hash`, going round to 0: a binary search. */
  protected successor(hash: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid]!.position < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.points.length ? 0 : lo;
  }

  /** The first `count` distinct nodes met walking clockwise from point `start`. */
  protected walk(start: number, count: number): string[] {
    const found: string[] = [];
    const seen = new Set<string>();
    for (let step = 0; step < this.points.length && found.length < count; step++) {
      const { node } = this.points[(start + step) % this.points.length]!;
      if (!seen.has(node)) {
        seen.add(node);
        found.push(node);
      }
    }
    return found;
  }

  /** Throws unless `node` is a non-empty string. */
  protected checkNode(node: unknown, where: string): void {
    if (typeof node !== 'string') throw new TypeError(`HashRing.${where}: node must be a string, got ${typeof node}`);
    if (node === '') throw new RangeError(`HashRing.${where}: node must not be empty`);
  }

  /** Throws unless `key` is a string. */
  protected checkKey(key: unknown, where: string): void {
    if (typeof key !== 'string') throw new TypeError(`HashRing.${where}: key must be a string, got ${typeof key}`);
  }

  /** Throws unless `value` is a positive safe integer. */
  protected checkPositiveInteger(value: unknown, name: string): void {
    if (typeof value !== 'number') throw new TypeError(`HashRing: ${name} must be a positive safe integer, got ${typeof value}`);
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`HashRing: ${name} must be a positive safe integer, got ${value}`);
  }
}
