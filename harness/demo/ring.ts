/**
 * `npm run demo ring`: consistent hashing, measured. 100,000 keys ("user:0" … "user:99999") on 10
 * equal nodes through the three reference solutions: a hash ring with 150 virtual nodes, jump
 * consistent hash (node i is bucket i) and rendezvous hashing.
 *
 * 1. How evenly each spreads the keys.
 * 2. What moves when an 11th node joins, and when one leaves.
 * 3. What a lookup costs (real time: the only figures that change from run to run).
 * 4. How the ring's balance depends on its number of virtual nodes, next to the figures of the
 *    research notes.
 */
import { HashRing } from '../../solutions/hash-ring.js';
import { bucketOf } from '../../solutions/jump-hash.js';
import { RendezvousHash } from '../../solutions/rendezvous.js';
import { c } from '../cli/term.js';
import { columns, count } from './format.js';

const NODES = 10;
const KEYS = 100_000;
const VIRTUAL_NODES = 150;
/** The ring with this many virtual nodes per node, on 10 nodes and 200,000 keys (research notes). */
const RESEARCH = [
  { virtualNodes: 1, maxOverMean: 3.38, deviation: 0.99 },
  { virtualNodes: 10, maxOverMean: 1.67, deviation: 0.31 },
  { virtualNodes: 100, maxOverMean: 1.21, deviation: 0.1 },
  { virtualNodes: 1000, maxOverMean: 1.04, deviation: 0.031 },
];
/** Clusters of other node names, for the ring's average balance. */
const CLUSTERS = 20;
const TIMING_WARMUP = 2;
const TIMING_ROUNDS = 9;

/** One placement scheme, built for one list of nodes. */
interface Placement {
  /** The node that owns `key`. */
  nodeOf(key: string): string;
  /** Looks every key up once (its own loop, so that the timing measures this scheme alone); returns how many went to the first node. */
  lookUpAll(keys: readonly string[]): number;
}

/** A consistent hashing scheme, by name. */
interface Scheme {
  readonly name: string;
  /** Builds the scheme for `nodes`, in this order (it matters to jump hash only). */
  build(nodes: readonly string[]): Placement;
}

/** A hash ring with `virtualNodes` points per node. */
function ring(virtualNodes: number): Scheme {
  return {
    name: `ring (${virtualNodes} vnodes)`,
    build(nodes) {
      const ring = new HashRing({ virtualNodes });
      for (const node of nodes) ring.addNode(node);
      return {
        nodeOf: (key) => ring.getNode(key)!,
        lookUpAll(keys) {
          let first = 0;
          for (let i = 0; i < keys.length; i++) if (ring.getNode(keys[i]!) === nodes[0]) first++;
          return first;
        },
      };
    },
  };
}

const jump: Scheme = {
  name: 'jump',
  build(nodes) {
    return {
      nodeOf: (key) => nodes[bucketOf(key, nodes.length)]!,
      lookUpAll(keys) {
        let first = 0;
        for (let i = 0; i < keys.length; i++) if (nodes[bucketOf(keys[i]!, nodes.length)] === nodes[0]) first++;
        return first;
      },
    };
  },
};

const rendezvous: Scheme = {
  name: 'rendezvous',
  build(nodes) {
    const hash = new RendezvousHash();
    for (const node of nodes) hash.addNode(node);
    return {
      nodeOf: (key) => hash.getNode(key)!,
      lookUpAll(keys) {
        let first = 0;
        for (let i = 0; i < keys.length; i++) if (hash.getNode(keys[i]!) === nodes[0]) first++;
        return first;
      },
    };
  },
};

/** How many keys each node owns, and their spread. */
interface Load {
  min: number;
  max: number;
  /** The fullest node's load over the mean: what the cluster must be sized for. */
  maxOverMean: number;
  /** The standard deviation of the loads, over the mean. */
  deviation: number;
}

/** The load of each of `nodes` when `placement` places `keys`. */
function load(placement: Placement, nodes: readonly string[], keys: readonly string[]): Load {
  const counts = new Map(nodes.map((node) => [node, 0]));
  for (const key of keys) {
    const node = placement.nodeOf(key);
    counts.set(node, counts.get(node)! + 1);
  }
  const loads = [...counts.values()];
  const mean = keys.length / nodes.length;
  const variance = loads.reduce((sum, n) => sum + (n - mean) ** 2, 0) / loads.length;
  const max = Math.max(...loads);
  return { min: Math.min(...loads), max, maxOverMean: max / mean, deviation: Math.sqrt(variance) / mean };
}

/** What changed between two placements of the same keys. */
interface Moves {
  moved: number;
  /** Moved keys that now belong to `target`. */
  toTarget: number;
  /** Moved keys that belonged to `source`. */
  fromSource: number;
}

/** Compares where `keys` are under `before` and `after`. */
function moves(before: Placement, after: Placement, keys: readonly string[], source: string, target: string): Moves {
  const result: Moves = { moved: 0, toTarget: 0, fromSource: 0 };
  for (const key of keys) {
    const was = before.nodeOf(key);
    const now = after.nodeOf(key);
    if (was === now) continue;
    result.moved++;
    if (now === target) result.toTarget++;
    if (was === source) result.fromSource++;
  }
  return result;
}

/** Median nanoseconds per lookup of each placement over `keys`: rounds run the placements back to back, rotating who starts. */
function lookupCost(placements: readonly Placement[], keys: readonly string[]): number[] {
  const samples = placements.map(() => [] as number[]);
  for (let round = 0; round < TIMING_WARMUP + TIMING_ROUNDS; round++) {
    for (let k = 0; k < placements.length; k++) {
      const i = (round + k) % placements.length;
      const start = process.hrtime.bigint();
      placements[i]!.lookUpAll(keys);
      const ns = Number(process.hrtime.bigint() - start);
      if (round >= TIMING_WARMUP) samples[i]!.push(ns / keys.length);
    }
  }
  return samples.map((s) => s.sort((a, b) => a - b)[s.length >> 1]!);
}

/** 0.0634 -> "6.34%". */
function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** Prints the four measurements. */
export async function run(out: (line: string) => void): Promise<void> {
  const nodes = Array.from({ length: NODES }, (_, i) => `node-${i}`);
  const keys = Array.from({ length: KEYS }, (_, i) => `user:${i}`);
  const mean = KEYS / NODES;
  const schemes = [ring(VIRTUAL_NODES), jump, rendezvous];
  const built = schemes.map((scheme) => scheme.build(nodes));
  const print = (rows: string[][]): void => columns(rows).forEach((line) => out(line));

  out(`${NODES} nodes (node-0 … node-${NODES - 1}), ${count(KEYS)} keys ("user:0" … "user:${KEYS - 1}"): a fair share is ${count(mean)} keys.`);
  out('');
  out(c.bold('Load per node'));
  print([
    ['', 'min', 'max', 'max/mean', 'std dev/mean'],
    ...schemes.map((scheme, i) => {
      const l = load(built[i]!, nodes, keys);
      return [scheme.name, count(l.min), count(l.max), l.maxOverMean.toFixed(3), percent(l.deviation)];
    }),
  ]);
  const random = Math.sqrt((NODES - 1) / KEYS);
  out(c.dim(`  Each key sent to a node at random would give a std dev of about ${percent(random)} of the mean: jump and`));
  out(c.dim(`  rendezvous are that even. The ring is only as even as the arcs its ${count(NODES * VIRTUAL_NODES)} points cut (last table).`));
  out('');

  const added = `node-${NODES}`;
  out(c.bold(`Adding ${added} (${NODES} -> ${NODES + 1} nodes): the ideal is to move 1/${NODES + 1} = ${percent(1 / (NODES + 1))} of the keys, all to ${added}`));
  print([
    ['', 'moved', 'of all keys', `to ${added}`, 'elsewhere'],
    ...schemes.map((scheme, i) => {
      const m = moves(built[i]!, scheme.build([...nodes, added]), keys, '', added);
      return [scheme.name, count(m.moved), percent(m.moved / KEYS), count(m.toTarget), count(m.moved - m.toTarget)];
    }),
  ]);
  out(c.dim('  Research notes: a ring on 200,000 keys moved 8.2%. Each scheme moves the keys the new node wins, and only those.'));
  out('');

  const removed = 'node-3';
  const last = nodes[NODES - 1]!;
  const without = (node: string): string[] => nodes.filter((n) => n !== node);
  const removals: [string, Placement, Placement, string][] = [
    [schemes[0]!.name, built[0]!, schemes[0]!.build(without(removed)), removed],
    [rendezvous.name, built[2]!, rendezvous.build(without(removed)), removed],
    [`jump, last bucket (${last})`, built[1]!, jump.build(without(last)), last],
    [`jump, ${removed} taken out of the list`, built[1]!, jump.build(without(removed)), removed],
  ];
  out(c.bold(`Removing a node: only its keys should move`));
  print([
    ['', 'removed', 'its keys', 'moved', 'of all keys', 'were its', 'were not'],
    ...removals.map(([name, before, after, node]) => {
      const m = moves(before, after, keys, node, '');
      const own = keys.filter((key) => before.nodeOf(key) === node).length;
      return [name, node, count(own), count(m.moved), percent(m.moved / KEYS), count(m.fromSource), count(m.moved - m.fromSource)];
    }),
  ]);
  out(c.dim(`  Jump hash numbers its buckets 0 … n-1, so it can only remove the last one. Taking ${removed} out of the list`));
  out(c.dim(`  renumbers every node after it, and their keys move too. To retire a middle node, give its number to a replacement.`));
  out('');

  out(c.bold(`Lookup cost: ${count(KEYS)} lookups, median of ${TIMING_ROUNDS} rounds`));
  const costs = lookupCost(built, keys);
  const how = [
    `one hash, then a binary search among ${count(NODES * VIRTUAL_NODES)} points`,
    'two 32-bit hashes, then ln(n) + 1 jumps on average',
    `one hash, then a score per node (${NODES}): grows with the cluster`,
  ];
  columns(schemes.map((scheme, i) => [scheme.name, `${costs[i]!.toFixed(0)} ns`])).forEach((line, i) => out(`${line}  ${c.dim(how[i]!)}`));
  out(c.dim('  Real time on this machine: these numbers change from run to run. `npm run bench` compares with npm libraries.'));
  out('');

  out(c.bold(`The ring's balance against its virtual nodes (${NODES} nodes, ${count(KEYS)} keys)`));
  // One cluster is one draw of random arcs; the average over other node names shows the trend.
  const clusters = Array.from({ length: CLUSTERS }, (_, t) => Array.from({ length: NODES }, (_, i) => `c${t + 1}-node-${i}`));
  const average = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  print([
    ['vnodes', 'max/mean', 'std dev/mean', `${CLUSTERS} clusters: max/mean`, 'std dev/mean', '1/sqrt(vnodes)', 'research: max/mean', 'std dev/mean'],
    ...[1, 10, 100, VIRTUAL_NODES, 1000].map((virtualNodes) => {
      const l = load(ring(virtualNodes).build(nodes), nodes, keys);
      const others = clusters.map((cluster) => load(ring(virtualNodes).build(cluster), cluster, keys));
      const research = RESEARCH.find((r) => r.virtualNodes === virtualNodes);
      return [
        count(virtualNodes),
        l.maxOverMean.toFixed(3),
        percent(l.deviation),
        average(others.map((o) => o.maxOverMean)).toFixed(3),
        percent(average(others.map((o) => o.deviation))),
        percent(1 / Math.sqrt(virtualNodes)),
        research?.maxOverMean.toFixed(2) ?? '',
        research === undefined ? '' : percent(research.deviation),
      ];
    }),
  ]);
  out(c.dim(`  The first two columns are node-0 … node-${NODES - 1}, one draw of random arcs: a single figure can be lucky or unlucky. The`));
  out(c.dim(`  average over ${CLUSTERS} clusters of other names shows the trend: the spread falls as 1/sqrt(vnodes), as in the research notes`));
  out(c.dim('  (their keys and hash differ). More points cost memory, and time when a node joins or leaves, not per lookup.'));
}
