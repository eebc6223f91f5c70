/** The properties a consistent hash ring must have. */
import fc from 'fast-check';
import { compareGrowth, type Workload } from '../grade/cost.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type CostProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import {
  addMovesProperty,
  avalancheProperty,
  balanceProperty,
  deterministicProperty,
  duplicatesProperty,
  eachCall,
  emptyProperty,
  getNodesOrderProperty,
  getNodesProperty,
  HASH32,
  hashValuesProperty,
  joinCalls,
  keyRange,
  makeKeys,
  orderIndependentProperty,
  ownerPresentProperty,
  removeMovesProperty,
  uniformityProperty,
  validationProperty,
  weightsProperty,
  type PlacementKind,
  type PlacementLike,
} from './placement-properties.js';

/**
 * Node names. Some pairs share point names under common naming schemes, so their points land on
 * the same positions and the tie rule shows: `"n" + "10"` is `"n1" + "0"` when the number is
 * appended without a separator, `"0n"` does the same with the number in front, and "Aa" and "BB"
 * have the same Java `hashCode`, and so the same points under a shift-and-add hash.
 */
const NAMES = ['n', 'n1', 'cache-a', 'Aa', 'BB', '0n', 'n10', 'cache-b', '10.0.0.1:6379', 'node#1', 'é', 'zz'] as const;

/**
 * The ring's figures. With v points per node a node's share has a relative spread of about
 * 1/sqrt(v) (research.md: 0.10 at v = 100, max/mean 1.21 over 10 nodes); at v = 150, 0.082.
 * - balance: max/mean over 10 nodes is about 1.13; above 1.45 (5 sd) in about 1 in 200,000
 *   correct rings (simulated: 1 in 10,000 above 1.4). One point per node gives about 3.
 * - add: the new node's share of 1/(n+1) is 1 ± 0.08 (research.md: 10 → 11 nodes moved 8.2%
 *   for the ideal 9.1%, 0.90; simulated over 20,000 rings: 0.73 to 1.36), plus the sampling
 *   spread of 10,000 keys (at most ± 0.04): 0.5 to 1.6 is over 5 sd.
 * - weights: a group of 4 weight-1 nodes (600 of 2,850 points) gets its share ± 4%; 1.33 is
 *   over 6 sd. A ring that ignores weights gives the weight-1 group 1.9 times its share.
 */
const ring: PlacementKind = {
  className: 'HashRing',
  noun: 'ring',
  on: 'on the ring',
  virtualNodes: [1, 2, 5, 20, 150],
  weights: [1, 2, 3],
  names: NAMES,
  addFraction: [0.5, 1.6],
  balanceKeys: 100_000,
  balance: 1.45,
  weightGroups: [
    { weight: 1, count: 4 },
    { weight: 2, count: 3 },
    { weight: 3, count: 3 },
  ],
  weightFactor: 1.33,
  badWeights: [0, -1, 1.5, NaN, Infinity, '2', 2 ** 53],
};

type RingClass = new (options?: { virtualNodes?: number }) => PlacementLike;

const BAD_VIRTUAL_NODES = [0, -1, 1.5, NaN, Infinity, 2 ** 53, '150'];

/** With one point per node, each node owns one arc of hash32 values. */
const arcs: CheckedProperty = checked({
  id: 'arcs',
  statement: 'getNode(key) follows hash32(key) round the ring: with one point per node (w for weight w), sorting keys by hash32, each node owns at most w runs of them',
  hint: 'getNode must hash the key with the hash32 you export, binary search the points sorted numerically (sort((a, b) => a - b); sort() alone compares numbers as strings) for the first point >= that hash, and wrap round to the first point.',
  runs: 40,
  build: (impl: ImplModule) =>
    fc.property(
      fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(1, 2)), { selector: ([n]) => n, minLength: 2, maxLength: 8 }),
      fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })),
      (nodes, seed) => {
        const cls = exported<RingClass>(impl, 'HashRing');
        const hash32 = exported<(text: string) => number>(impl, 'hash32');
        const trace = new Trace();
        trace.add('new HashRing({ virtualNodes: 1 })');
        const r = trace.run(() => new cls({ virtualNodes: 1 }));
        trace.add(joinCalls(nodes.map(([n, w]) => (w === 1 ? `addNode(${show(n)})` : `addNode(${show(n)}, ${w})`))));
        for (const [n, w] of nodes) trace.run(() => (w === 1 ? r.addNode(n) : r.addNode(n, w)));
        const keys = makeKeys(seed, 3000);
        trace.add(`hash32(key) and getNode(key) for ${keys.length} keys ${keyRange(keys)}`);
        const hashes = eachCall(trace, keys, (k) => `hash32(${show(k)})`, (k) => hash32(k));
        const owners = eachCall(trace, keys, (k) => `getNode(${show(k)})`, (k) => r.getNode(k));
        const order = keys.map((_, i) => i).sort((a, b) => hashes[a]! - hashes[b]!);
        // The runs of equal owners in hash order; the last run continues the first (round the ring).
        const runs: number[] = [];
        for (const [j, i] of order.entries()) if (j === 0 || owners[i] !== owners[order[j - 1]!]) runs.push(j);
        if (runs.length > 1 && owners[order[0]!] === owners[order.at(-1)!]) runs.shift();
        const perNode = new Map<string | undefined, number[]>();
        for (const start of runs) {
          const owner = owners[order[start]!];
          perNode.set(owner, [...(perNode.get(owner) ?? []), start]);
        }
        for (const [node, weight] of nodes) {
          const starts = perNode.get(node) ?? [];
          if (starts.length <= weight) continue;
          const [first, second] = starts as [number, number];
          const between = runs[runs.indexOf(first) + 1]!;
          const line = (j: number): string => `${show(keys[order[j]!])} (hash32 0x${hashes[order[j]!]!.toString(16).padStart(8, '0')}) → ${show(owners[order[j]!])}`;
          trace.steps.push({ call: `  sorted by hash32: …, ${line(first)}, …, ${line(between)}, …, ${line(second)}, …` });
          trace.fail(
            `${show(node)} has ${weight} point${weight === 1 ? '' : 's'} (weight ${weight} × virtualNodes 1), so it owns ${weight} arc${weight === 1 ? '' : 's'} of hash32 values, but sorted by hash32 its keys form ${starts.length} separate runs`,
          );
        }
      },
    ),
});

const LOOKUP_KEYS = makeKeys(7, 4096);
const LOOKUP_NODES = 10;

/**
 * A ring of `size` points: 10 nodes of `size / 10` virtual nodes each. The size grows through the
 * virtual nodes, not the number of nodes, because adding a node may cost O(points) (a merge into
 * a sorted array): 10 adds keep the building cheap for every correct implementation.
 */
function lookupWorkload(cls: RingClass): Workload<PlacementLike> {
  return {
    build: (size, fill) => {
      const r = new cls({ virtualNodes: size / LOOKUP_NODES });
      fill(LOOKUP_NODES, (i) => r.addNode(`node-${i}`));
      return r;
    },
    ops: [{ name: 'getNode() of a key, on a ring of that many points', op: (r, i) => void r.getNode(LOOKUP_KEYS[i & 4095]!) }],
  };
}

/** getNode is a binary search: its cost grows like log n. */
const lookupCost: CostProperty = {
  kind: 'cost',
  id: 'lookup-cost',
  statement: 'getNode takes O(log n) time: on a ring of 20,000 points (10 nodes × 2,000 virtual nodes) it costs barely more than on one of 100',
  hint: 'Keep the points in one sorted array and binary search it for the first point >= the key\'s hash. Array.find, findIndex or a loop over the points looks at half of them on average: 10,000 comparisons per lookup on a ring of 20,000 points.',
  measure: (impl: ImplModule, reference: ImplModule, seed: number) =>
    compareGrowth(lookupWorkload(exported<RingClass>(impl, 'HashRing')), lookupWorkload(exported<RingClass>(reference, 'HashRing')), {
      small: 100,
      large: 20_000,
      seed,
    }),
};

/** The hash-ring suite. */
export const suite: Suite = {
  properties: [
    hashValuesProperty(
      HASH32,
      'End with h >>> 0, which turns the signed 32-bit result of Math.imul and ^ into an unsigned integer in [0, 2^32) (not Math.abs, not | 0), and read nothing but the text.',
    ),
    avalancheProperty(
      HASH32,
      'A shift-and-add hash (h = h * 31 + c) sends similar texts to similar values. Use MurmurHash3 x86_32 (Math.imul for each multiplication), or FNV-1a followed by a finaliser such as fmix32: h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16.',
    ),
    uniformityProperty(
      HASH32,
      'Empty top buckets mean the result never reaches 2^31: look for Math.abs or a signed result (| 0 where >>> 0 is meant). Uneven buckets mean the hash does not mix: use MurmurHash3, or FNV-1a with a finaliser.',
    ),
    emptyProperty(ring, 'Return undefined and [] when there are no points, and make removeNode take away every point of the node, so that removing every node leaves none behind.'),
    ownerPresentProperty(
      ring,
      'Look at the answer in the trace: undefined means the search ran past the last point (wrap round to index 0); a removed node means removeNode left some of its points on the ring.',
    ),
    arcs,
    deterministicProperty(ring, 'Derive every point from the node\'s name and the point\'s number only, e.g. hash32(`${node}#${i}`): no Math.random, no counter, no clock.'),
    orderIndependentProperty(
      ring,
      'Name a point from its node and number only, never from an insertion counter, and keep every point, even two at the same position, sorted by (position, node name). A Map from position to node keeps one of two colliding points, and which one depends on the order of the adds.',
    ),
    getNodesProperty(
      ring,
      'Walk clockwise from the key\'s point with (i + 1) % points.length, skip the nodes you already have, and stop when you have n of them or have looked at every point once.',
    ),
    getNodesOrderProperty(
      ring,
      '',
      'getNodes must start at the point getNode chooses and walk clockwise: increasing positions, from the last point round to index 0, listing each node when its first point is met.',
    ),
    addMovesProperty(
      ring,
      'A new node may only take keys for itself: every other point must stay where it was. Points must not depend on how many nodes there are or in which order they came (no % nodeCount, no index in a list of nodes).',
    ),
    removeMovesProperty(ring, 'removeNode must delete exactly the points of that node and leave every other point where it was; its keys then fall to the next point clockwise.'),
    balanceProperty(
      ring,
      ' (150 virtual nodes each, the default)',
      'Give each node virtualNodes points (default 150), each hashed from a different text such as `${node}#${i}`, with a well-mixed hash. One point per node, or a hash whose outputs cluster, gives some nodes several times their share.',
    ),
    weightsProperty(ring, 'A node of weight w gets w * virtualNodes points: when you add it, hash points i = 0 … weight * virtualNodes - 1.'),
    duplicatesProperty(ring, 'In addNode throw a RangeError when the node is already on the ring, whatever the weight; in removeNode when it is not. Check before you change anything.'),
    validationProperty(
      ring,
      BAD_VIRTUAL_NODES.map((v) => ({
        label: `new HashRing({ virtualNodes: ${show(v)} })`,
        argument: 'virtualNodes',
        make: (impl: ImplModule) => new (exported<RingClass>(impl, 'HashRing'))({ virtualNodes: v as number }),
      })),
      'Check every argument before you change anything: a node name is a non-empty string, a key a string, virtualNodes and weight positive safe integers (Number.isSafeInteger(x) && x > 0), n a safe integer >= 0. Name the argument in the message.',
    ),
    lookupCost,
  ],
};
