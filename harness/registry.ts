/**
 * The registry: every chapter and exercise of the workbook, as data. Adding an exercise means
 * one entry here, a stub in exercises/ (and its pristine copy in harness/stubs/), a reference
 * in solutions/, a suite in harness/suites/, and a section of prose in its chapter.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A chapter: a folder of prose under chapters/. */
export interface Chapter {
  /** Folder name under chapters/, e.g. `02-eviction`. */
  id: string;
  title: string;
}

/** An exercise: one stub the learner edits, one reference solution, one property suite. */
export interface Exercise {
  /** The id used on the command line: `npm run exercise <id>`. */
  id: string;
  /** The chapter folder it belongs to. */
  chapter: string;
  title: string;
  /** The names the stub exports and the suite relies on. */
  exports: string[];
  /** Progressive hints for `npm run hint <id>`, gentlest first. */
  hints: string[];
}

/** The chapters, in reading order. */
export const chapters: Chapter[] = [
  { id: '01-fundamentals', title: 'Fundamentals' },
  { id: '02-eviction', title: 'Eviction' },
];

/** The exercises, in the order a learner should do them. */
export const exercises: Exercise[] = [
  {
    id: 'metrics',
    chapter: '01-fundamentals',
    title: 'A cache monitor: hit rate, latency percentiles, throughput',
    exports: ['CacheMonitor'],
    hints: [
      'Start with the counters: requests, hits, misses, evictions. hitRate and missRate are fractions (0.25), not percentages (25), and both are 0 before the first request.',
      'Keep a running sum for the mean. For percentiles you cannot keep every latency (memory must stay bounded): use a histogram of logarithmic buckets, each about 2% wider than the one before, and report a value from the middle of the bucket that holds rank ceil(q * n).',
      'For requestsPerSecond, keep a ring of 60 counters, one per windowMs / 60 of time, keyed by Math.floor(now / bucketWidth). Zero a bucket before reusing it. Divide by min(windowMs, now - start) in seconds, never by Date.now().',
      'reset() must restart the window and the start time too, not only the totals. Validate arguments before you change anything.',
    ],
  },
  {
    id: 'lru',
    chapter: '02-eviction',
    title: 'LRU cache with O(1) operations',
    exports: ['LRUCache'],
    hints: [
      'Two structures: a Map from key to node for O(1) lookup, and a doubly linked list of nodes in recency order (most recent at the head). A hit unlinks its node and relinks it at the head; the victim is the tail. (A Map re-inserted on every access is correct, but slow in V8: see the chapter\'s pitfalls.)',
      'Check your validation first: capacity must pass Number.isSafeInteger(capacity) && capacity > 0, else throw a RangeError before touching any state.',
      'Only a NEW key can cause an eviction, and only when size === capacity. Overwriting an existing key never evicts. peek and has must not move the key.',
      'keys() must list the most recently used first: with a Map in LRU-first order, collect the keys and reverse them, or keep your own doubly linked list from the most recent end.',
    ],
  },
  {
    id: 'lfu',
    chapter: '02-eviction',
    title: 'LFU cache with O(1) operations',
    exports: ['LFUCache'],
    hints: [
      'Keep a Map from key to node { key, value, count }, and for each count a doubly linked list of the nodes that have that count, ordered by last access. (A Map per count, evicting its keys().next(), is correct but not O(1) in V8: see the LRU pitfalls in the chapter.)',
      'On an access, move the key from the list of count c to the END of the list of count c + 1. The least recently accessed key with count c is then the FIRST key of list c.',
      'Track the smallest count that has keys. A new key always has count 1, so after an insert the minimum is 1. When the list of the minimum empties because a key moved up, the minimum becomes minimum + 1.',
      'delete must forget the count completely: a deleted key that comes back starts at 1. After a delete the minimum may be stale: find it again lazily, or keep the counts in a linked list of buckets.',
    ],
  },
  {
    id: 'ttl',
    chapter: '02-eviction',
    title: 'TTL cache with a heap for expiry',
    exports: ['TTLCache'],
    hints: [
      'Store { value, expiresAt } per key, with expiresAt = clock.now() + ttl. An entry is live while clock.now() < expiresAt: at exactly expiresAt it is gone.',
      'Validate ttl with typeof ttl === "number" && ttl > 0 (this accepts Infinity and rejects NaN, 0 and negatives) before changing anything.',
      'purgeExpired must not look at every entry. Keep a binary min-heap of (expiresAt, key) and pop while the top has expired; skip heap items that no longer match the stored entry (overwritten or deleted).',
      'size counts live entries only: purge before you count. delete returns true only when it removed a LIVE entry. The cleanup timer must be unref()\'d, and close() may be called twice.',
    ],
  },
];

/** Where an exercise's files are, as absolute paths (CACHECRAFT_EXERCISES moves the learner's folder, for tests). */
export function filesOf(exercise: Exercise): { stub: string; pristine: string; solution: string; suite: string; chapter: string } {
  return {
    stub: join(process.env.CACHECRAFT_EXERCISES ?? join(root, 'exercises'), `${exercise.id}.ts`),
    pristine: join(root, 'harness', 'stubs', `${exercise.id}.ts`),
    solution: join(root, 'solutions', `${exercise.id}.ts`),
    suite: join(root, 'harness', 'suites', `${exercise.id}.ts`),
    chapter: join(root, 'chapters', exercise.chapter, 'README.md'),
  };
}

/** The exercise with this id, if there is one. */
export function findExercise(id: string): Exercise | undefined {
  return exercises.find((e) => e.id === id);
}
