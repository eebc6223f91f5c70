/**
 * The demos, as data: `npm run demo <name>` runs one, and anything else (an interview runner, the
 * tests) can find one by name and run it with its own `out`.
 *
 * @module
 */
import { run as cacheAside } from './cache-aside.js';
import { run as cluster } from './cluster.js';
import { run as multiLevel } from './multi-level.js';
import { run as ring } from './ring.js';
import { run as secure } from './secure.js';
import { run as stampede } from './stampede.js';
import { run as warming } from './warming.js';
import { run as writeBehind } from './write-behind.js';

/** One demonstration of a pattern at work. */
export interface Demo {
  /** What to type after `npm run demo`. */
  readonly name: string;
  /** One line: what it shows. */
  readonly title: string;
  /**
   * Runs it, writing each line of its output (without a newline) to `out`. A demo with a progress
   * display also redraws it through `live` when given one (a terminal); without it, it prints
   * the display at a few milestones through `out`.
   */
  run(out: (line: string) => void, live?: (line: string) => void): Promise<void>;
}

/** Every demo, in the order of the chapters (03, 04, then 05). */
export const demos: readonly Demo[] = [
  { name: 'cache-aside', title: 'The stale-fill race, step by step: textbook cache-aside vs the reference', run: cacheAside },
  { name: 'write-behind', title: 'Write-behind vs write-through on SQLite, and what a crash before flush() loses', run: writeBehind },
  { name: 'stampede', title: '1,000 concurrent misses, with and without single-flight; XFetch and stale-while-revalidate', run: stampede },
  { name: 'ring', title: 'Consistent hashing: a ring, jump hash and rendezvous on 10 nodes: load, keys moved, lookup cost', run: ring },
  { name: 'cluster', title: 'Real Redis: a sharded client over three servers (add one, kill one), and a Redis Cluster adding a master', run: cluster },
  { name: 'multi-level', title: 'L1 memory, L2 Redis, L3 SQLite on a Zipf workload: hit rate and latency per level, cold and after a deploy', run: multiLevel },
  { name: 'secure', title: 'What the textbook key sanitiser collides on, a tampered entry, a copied one, repeated IVs, and key rotation', run: secure },
  { name: 'warming', title: 'Bulk warming under a rate and a concurrency limit (progress bar), predictive top keys, cron schedules', run: warming },
];

/** The demo called `name`, if there is one. */
export function findDemo(name: string): Demo | undefined {
  return demos.find((demo) => demo.name === name);
}
