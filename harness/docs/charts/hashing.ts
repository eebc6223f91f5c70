/**
 * Chapter 4's chart: how evenly the three reference placement schemes (a hash ring with 150
 * virtual nodes, jump consistent hash, rendezvous hashing) spread 100,000 seeded keys over 10
 * nodes, as grouped bars with the ideal 10% line.
 *
 * @module
 */
import { seededRandom } from '../../grade/random.js';
import { HashRing } from '../../../solutions/hash-ring.js';
import { bucketOf } from '../../../solutions/jump-hash.js';
import { RendezvousHash } from '../../../solutions/rendezvous.js';
import { barChart } from './plot.js';
import type { ChartSpec } from './spec.js';

const NODES = Array.from({ length: 10 }, (_, i) => `node-${i}`);
const KEYS = 100_000;
/** Keys are `user:<n>`, n drawn uniformly below this. */
const IDS = 1_000_000_000;
const SEED = 5;
const VIRTUAL_NODES = 150;

/** A placement scheme: which node owns a key. */
interface Scheme {
  readonly name: string;
  readonly nodeOf: (key: string) => string;
}

/** The three schemes, built over {@link NODES}. */
function schemes(): Scheme[] {
  const ring = new HashRing({ virtualNodes: VIRTUAL_NODES });
  const rendezvous = new RendezvousHash();
  for (const node of NODES) {
    ring.addNode(node);
    rendezvous.addNode(node);
  }
  return [
    { name: `ring (${VIRTUAL_NODES} vnodes)`, nodeOf: (key) => ring.getNode(key)! },
    { name: 'jump hash', nodeOf: (key) => NODES[bucketOf(key, NODES.length)]! },
    { name: 'rendezvous', nodeOf: (key) => rendezvous.getNode(key)! },
  ];
}

/** The seeded keys. */
function keys(): string[] {
  const random = seededRandom(SEED);
  return Array.from({ length: KEYS }, () => `user:${Math.floor(random() * IDS)}`);
}

/** Each node's share of `keys` under `scheme`, in {@link NODES} order. */
function shares(scheme: Scheme, keys: readonly string[]): number[] {
  const counts = new Map(NODES.map((node) => [node, 0]));
  for (const key of keys) {
    const node = scheme.nodeOf(key);
    counts.set(node, counts.get(node)! + 1);
  }
  return NODES.map((node) => counts.get(node)! / keys.length);
}

/** A share as a percentage, to 0.1%: "10.3%", "2%". */
const percent = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

const TITLE = 'Load per node: hash ring, jump hash and rendezvous hashing on 10 nodes';

/** The chart `hashing-load`. */
export const hashingLoad: ChartSpec = {
  id: 'hashing-load',
  title: TITLE,
  caption:
    `Each node's share of ${KEYS.toLocaleString('en-US')} keys \`user:<n>\`, n drawn uniformly below ${IDS.toLocaleString('en-US')} ` +
    `(mulberry32, seed ${SEED}), placed at build time on 10 equal nodes \`node-0\` … \`node-9\` by the reference solutions: ` +
    `\`solutions/hash-ring.ts\` with ${VIRTUAL_NODES} virtual nodes, \`solutions/jump-hash.ts\` (\`bucketOf\`, node i is bucket i) ` +
    `and \`solutions/rendezvous.ts\`. Busiest node / mean: ring 1.086, jump hash 1.014, rendezvous 1.009 ` +
    `(the chapter's table, on the keys \`user:0\` … \`user:99999\`, has 1.077, 1.017 and 1.015: other keys, another spread). ` +
    `The dashed line is the ideal, 10%.`,
  render: async () => {
    const drawn = keys();
    const series = schemes().map((scheme) => ({ name: scheme.name, values: shares(scheme, drawn) }));
    const top = Math.max(...series.flatMap((s) => s.values));
    return barChart({
      id: 'hashing-load',
      title: TITLE,
      description: `The share of ${KEYS.toLocaleString('en-US')} seeded keys each of 10 nodes gets from each placement scheme; the ideal is 10%.`,
      categories: NODES,
      categoryLabel: 'node',
      y: { label: 'share of the keys', scale: 'linear', domain: [0, Math.max(0.12, Math.ceil(top * 50) / 50)], format: percent },
      series,
      reference: { value: 1 / NODES.length, label: 'ideal: 10%' },
    });
  },
};
