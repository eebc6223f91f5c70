/**
 * The demos, as data: `npm run demo <name>` runs one, and anything else (an interview runner, the
 * tests) can find one by name and run it with its own `out`.
 *
 * @module
 */
import { run as cacheAside } from './cache-aside.js';
import { run as cluster } from './cluster.js';
import { run as ring } from './ring.js';
import { run as stampede } from './stampede.js';
import { run as writeBehind } from './write-behind.js';

/** One demonstration of a pattern at work. */
export interface Demo {
  /** What to type after `npm run demo`. */
  readonly name: string;
  /** One line: what it shows. */
  readonly title: string;
  /** Runs it, writing each line of its output (without a newline) to `out`. */
  run(out: (line: string) => void): Promise<void>;
}

/** Every demo, in the order of the chapters (03, then 04). */
export const demos: readonly Demo[] = [
  { name: 'cache-aside', title: 'The stale-fill race, step by step: textbook cache-aside vs the reference', run: cacheAside },
  { name: 'write-behind', title: 'Write-behind vs write-through on SQLite, and what a crash before flush() loses', run: writeBehind },
  { name: 'stampede', title: '1,000 concurrent misses, with and without single-flight; XFetch and stale-while-revalidate', run: stampede },
  { name: 'ring', title: 'Consistent hashing: a ring, jump hash and rendezvous on 10 nodes: load, keys moved, lookup cost', run: ring },
  { name: 'cluster', title: 'Real Redis: a sharded client over three servers (add one, kill one), and a Redis Cluster adding a master', run: cluster },
];

/** The demo called `name`, if there is one. */
export function findDemo(name: string): Demo | undefined {
  return demos.find((demo) => demo.name === name);
}
