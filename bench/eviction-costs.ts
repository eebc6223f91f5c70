/**
 * What one eviction costs, as the cache grows: quoted in chapters/02-eviction/README.md.
 *
 *   node --import tsx bench/eviction-costs.ts
 *
 * Self-contained on purpose (no project imports): it measures the textbook structures against
 * the ones the workbook teaches, in one process, at n = 1,000, 10,000 and 100,000 entries.
 *
 * LRU workload: the cache is full and every operation inserts a key it has never seen, so every
 * operation evicts exactly one entry. Reported: mean ns per insert (the eviction included).
 *   - scan LRU: a Map of key -> last-use counter, scanned for the minimum on each eviction (the
 *     textbook version).
 *   - Map-order LRU: delete + re-insert to mark use, evict `map.keys().next().value`.
 *   - list + map LRU: a Map from key to a node of a doubly linked list (the version chapter 02
 *     teaches). Only what the workload needs is here; it is not a solution to the exercise.
 *   - baseline: one Map.delete of a key known in advance + one Map.set, no recency at all. What
 *     any Map-based cache pays at this size (hashing, cache misses, garbage collection).
 *
 * TTL workload: n live entries with the same time to live on a virtual clock; each tick 10 of them
 * expire, `purge()` removes them and 10 new entries take their place. Reported: mean ns per tick
 * (one purge plus the 10 inserts).
 *   - full-scan purge: visit every entry and delete the expired ones.
 *   - heap purge: pop the expired entries off a binary min-heap ordered by expiry.
 *
 * Numbers vary with the machine and the Node version; the growth factors (how the cost changes
 * when n grows tenfold) are the point. Each figure is the best (lowest) of 3 measurements, the one
 * least disturbed by other work on the machine (1 measurement for the Map-order LRU at 100k, which
 * takes about 6 s alone). About 15 s on an idle 2-core machine.
 *
 * @module
 */

import { availableParallelism } from 'node:os';

const SIZES = [1_000, 10_000, 100_000] as const;
/** Entries expiring per tick in the TTL workload. */
const EXPIRING_PER_TICK = 10;

// ---------------------------------------------------------------------------------------------
// LRU variants. Each offers `set`, which is all the workload uses.

interface Cache {
  set(key: number, value: number): void;
}

/** Textbook: remember a use counter per key, scan all counters to find the victim. */
class ScanLRU implements Cache {
  readonly #values = new Map<number, number>();
  readonly #lastUse = new Map<number, number>();
  #clock = 0;
  constructor(readonly capacity: number) {}

  set(key: number, value: number): void {
    if (!this.#values.has(key) && this.#values.size >= this.capacity) this.#evict();
    this.#values.set(key, value);
    this.#lastUse.set(key, ++this.#clock);
  }

  #evict(): void {
    let victim: number | undefined;
    let oldest = Infinity;
    for (const [key, used] of this.#lastUse) {
      if (used < oldest) {
        oldest = used;
        victim = key;
      }
    }
    if (victim === undefined) return;
    this.#values.delete(victim);
    this.#lastUse.delete(victim);
  }
}

/** A Map's insertion order as the recency list: the first key is the least recently used. */
class MapOrderLRU implements Cache {
  readonly #map = new Map<number, number>();
  constructor(readonly capacity: number) {}

  set(key: number, value: number): void {
    if (this.#map.has(key)) this.#map.delete(key);
    else if (this.#map.size >= this.capacity) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
    this.#map.set(key, value);
  }
}

interface ListNode {
  key: number;
  value: number;
  prev: ListNode;
  next: ListNode;
}

/** A Map to list nodes; the list runs from most recent (head.next) to least recent (head.prev). */
class ListLRU implements Cache {
  readonly #nodes = new Map<number, ListNode>();
  readonly #head: ListNode;
  constructor(readonly capacity: number) {
    const sentinel = { key: NaN, value: NaN } as ListNode;
    sentinel.prev = sentinel;
    sentinel.next = sentinel;
    this.#head = sentinel;
  }

  set(key: number, value: number): void {
    const found = this.#nodes.get(key);
    if (found) {
      found.value = value;
      this.#unlink(found);
      this.#pushFront(found);
      return;
    }
    if (this.#nodes.size >= this.capacity) {
      const victim = this.#head.prev;
      this.#unlink(victim);
      this.#nodes.delete(victim.key);
    }
    const node = { key, value } as ListNode;
    this.#pushFront(node);
    this.#nodes.set(key, node);
  }

  #unlink(node: ListNode): void {
    node.prev.next = node.next;
    node.next.prev = node.prev;
  }

  #pushFront(node: ListNode): void {
    node.prev = this.#head;
    node.next = this.#head.next;
    this.#head.next.prev = node;
    this.#head.next = node;
  }
}

/**
 * Not an LRU: the floor under any Map-based design. Each insert deletes the key inserted n
 * inserts earlier (known without looking) and sets the new one: one Map.delete + one Map.set.
 */
class MapFloor implements Cache {
  readonly #map = new Map<number, number>();
  constructor(readonly capacity: number) {}

  set(key: number, value: number): void {
    if (this.#map.size >= this.capacity) this.#map.delete(key - this.capacity);
    this.#map.set(key, value);
  }
}

// ---------------------------------------------------------------------------------------------
// TTL variants: `set(key, expiresAt)` and `purge(now)`, which removes entries with now >= expiresAt.

interface Expiring {
  set(key: number, expiresAt: number): void;
  purge(now: number): number;
  readonly size: number;
}

/** Textbook: visit every entry on each purge. */
class ScanTTL implements Expiring {
  readonly #expiry = new Map<number, number>();
  get size(): number {
    return this.#expiry.size;
  }
  set(key: number, expiresAt: number): void {
    this.#expiry.set(key, expiresAt);
  }
  purge(now: number): number {
    let removed = 0;
    for (const [key, expiresAt] of this.#expiry) {
      if (now >= expiresAt) {
        this.#expiry.delete(key);
        removed++;
      }
    }
    return removed;
  }
}

interface HeapItem {
  key: number;
  expiresAt: number;
}

/** A Map for lookups plus a binary min-heap of expiry times; a purge pops only what expired. */
class HeapTTL implements Expiring {
  readonly #entries = new Map<number, HeapItem>();
  readonly #heap: HeapItem[] = [];
  get size(): number {
    return this.#entries.size;
  }
  set(key: number, expiresAt: number): void {
    const item = { key, expiresAt };
    this.#entries.set(key, item);
    this.#push(item);
  }
  purge(now: number): number {
    let removed = 0;
    while (this.#heap.length > 0 && now >= this.#heap[0]!.expiresAt) {
      const item = this.#pop();
      // Only remove the entry this heap item stands for (an overwrite leaves a stale item).
      if (this.#entries.get(item.key) === item) {
        this.#entries.delete(item.key);
        removed++;
      }
    }
    return removed;
  }

  #push(item: HeapItem): void {
    const heap = this.#heap;
    let i = heap.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.expiresAt <= item.expiresAt) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  #pop(): HeapItem {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && heap[right]!.expiresAt < heap[left]!.expiresAt ? right : left;
      if (heap[child]!.expiresAt >= last.expiresAt) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement.

/** Mean ns per insert of a new key into a full cache of `n` entries, over `ops` inserts. */
function lruInsertNs(make: (capacity: number) => Cache, n: number, ops: number): number {
  const cache = make(n);
  for (let key = 0; key < n; key++) cache.set(key, key);
  let key = n;
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++, key++) cache.set(key, i);
  return Number(process.hrtime.bigint() - start) / ops;
}

/** Mean ns per tick (purge of EXPIRING_PER_TICK entries + as many inserts) with `n` live entries. */
function ttlTickNs(make: () => Expiring, n: number, ticks: number): number {
  const store = make();
  const ttl = n / EXPIRING_PER_TICK; // in ticks, so n entries are live at any time
  let key = 0;
  // Pre-fill as if entries had been arriving for one full ttl: the oldest expire at tick 1.
  for (let t = 1 - ttl; t <= 0; t++) {
    for (let j = 0; j < EXPIRING_PER_TICK; j++) store.set(key++, t + ttl);
  }
  let removed = 0;
  const start = process.hrtime.bigint();
  for (let now = 1; now <= ticks; now++) {
    removed += store.purge(now);
    for (let j = 0; j < EXPIRING_PER_TICK; j++) store.set(key++, now + ttl);
  }
  const ns = Number(process.hrtime.bigint() - start) / ticks;
  if (removed !== ticks * EXPIRING_PER_TICK || store.size !== n) {
    throw new Error(`TTL workload out of step: removed ${removed}, size ${store.size}`);
  }
  return ns;
}

interface Row {
  name: string;
  unit: string;
  /** One measurement: mean ns per operation at size n. */
  measure: (n: number) => number;
  /** How many measurements to take the best of (a shared machine is noisy). */
  repeats: (n: number) => number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

const rows: Row[] = [
  {
    name: 'scan LRU (textbook)',
    unit: 'insert + evict',
    // Each eviction visits n entries: keep the total near 2e7 visits per measurement.
    measure: (n) => lruInsertNs((c) => new ScanLRU(c), n, clamp(2e7 / n, 100, 20_000)),
    repeats: () => 3,
  },
  {
    name: 'Map-order LRU, evict `keys().next()`',
    unit: 'insert + evict',
    // Its cost depends on how many deleted slots V8 has yet to compact, which cycles with the
    // table's rehashes: average over at least 2n inserts from a freshly filled cache. At 100k
    // that is about 6 s, so it is measured once there.
    measure: (n) => lruInsertNs((c) => new MapOrderLRU(c), n, Math.max(2 * n, 50_000)),
    repeats: (n) => (n >= 100_000 ? 1 : 3),
  },
  {
    name: 'list + map LRU',
    unit: 'insert + evict',
    measure: (n) => lruInsertNs((c) => new ListLRU(c), n, Math.max(2 * n, 200_000)),
    repeats: () => 3,
  },
  {
    name: 'baseline: Map.delete + Map.set only',
    unit: 'insert + delete',
    measure: (n) => lruInsertNs((c) => new MapFloor(c), n, Math.max(2 * n, 200_000)),
    repeats: () => 3,
  },
  {
    name: 'TTL, full-scan purge (textbook)',
    unit: `purge ${EXPIRING_PER_TICK} expired + ${EXPIRING_PER_TICK} sets`,
    measure: (n) => ttlTickNs(() => new ScanTTL(), n, clamp(2e7 / n, 100, 20_000)),
    repeats: () => 3,
  },
  {
    name: 'TTL, heap purge',
    unit: `purge ${EXPIRING_PER_TICK} expired + ${EXPIRING_PER_TICK} sets`,
    measure: (n) => ttlTickNs(() => new HeapTTL(), n, 20_000),
    repeats: () => 3,
  },
];

function formatNs(ns: number): string {
  const digits = ns >= 100 ? 0 : ns >= 10 ? 1 : 2;
  return ns.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

const began = Date.now();
// Warm up every variant (JIT) at the smallest size before measuring anything.
for (const row of rows) row.measure(SIZES[0]);

const lines = [
  `| Structure | Each op | ${SIZES.map((n) => `n = ${n.toLocaleString('en-US')}`).join(' | ')} | ×, 1k → 10k | ×, 10k → 100k |`,
  `|---|---|${SIZES.map(() => '--:').join('|')}|--:|--:|`,
];
for (const row of rows) {
  const ns = SIZES.map((n) => Math.min(...Array.from({ length: row.repeats(n) }, () => row.measure(n))));
  const growth = ns.slice(1).map((v, i) => `${(v / ns[i]!).toFixed(1)}`);
  lines.push(`| ${row.name} | ${row.unit} | ${ns.map(formatNs).join(' | ')} | ${growth.join(' | ')} |`);
}

console.log(
  'Mean ns per operation, best of 3 runs (1 run for Map-order at 100k); ' +
    '× = growth when n grows tenfold.\n',
)
console.log(lines.join('\n'));
console.log(
  `\nNode ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs, ` +
    `${((Date.now() - began) / 1000).toFixed(1)} s.`,
);

