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
  { id: '03-patterns', title: 'Patterns' },
  { id: '04-distributed', title: 'Distributed' },
  { id: '05-operations', title: 'Operations' },
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
  {
    id: 'cache-aside',
    chapter: '03-patterns',
    title: 'Cache-aside: read through the cache, invalidate on write',
    exports: ['CacheAside'],
    hints: [
      'get: try the cache; on a miss read the database and, if it has the key, cache it with ttlMs (milliseconds) before returning. update: database first, then cache.delete. delete: the same with db.delete.',
      'The cache is only an optimisation: wrap the cache calls of a read in try/catch, report with onCacheError(error, operation, key), and answer from the database. A failed cache.delete after a write is different: report it and reject, because the old value may still be served.',
      'The race: a slow read-miss reads the OLD value, an update writes the database and deletes the key, then the read caches the old value. Serialise the fills and writes of one key, e.g. a Map from key to the tail of a promise chain; hits never wait.',
      'Clean up the per-key chain when it is idle (or the map grows forever), and make sure a rejected task does not break the chain for the next one: chain on promise.then(run, run), not promise.then(run).',
    ],
  },
  {
    id: 'write-through',
    chapter: '03-patterns',
    title: 'Write-through: database first, then the cache',
    exports: ['WriteThrough'],
    hints: [
      'set: await db.set(key, value), then await cache.set(key, value, ttlMs), then resolve. The database is the system of record, so it goes first: writing the cache first serves values the database may never get.',
      'If db.set rejects, let set reject and do not touch the cache. If cache.set rejects after the database took the value, report it and cache.delete(key) so the old value is not served; if that fails too, reject.',
      'get is the same read path as cache-aside: cache, then database, then fill with ttlMs. Cache errors on a read are reported, never fatal.',
      'Two concurrent sets of one key can reach the cache in the opposite order from the database. Serialise the cache-changing work of each key (fills and writes) with a per-key promise chain.',
    ],
  },
  {
    id: 'write-behind',
    chapter: '03-patterns',
    title: 'Write-behind: acknowledge from the cache, write the database in batches',
    exports: ['WriteBehind'],
    hints: [
      'Keep the queue as a Map from key to its latest write: a new write of a queued key replaces the old one (latest wins) and keeps one entry per key. Record the write before the first await of set/delete, so calls keep their order.',
      'One batch at a time: take up to batchSize writes from the queue (skipping keys whose write is in flight), call db.writeBatch, and look at the result: the failed writes, or all of them if it rejected. Start a batch when the queue reaches batchSize, and arm a timer on the scheduler for flushIntervalMs otherwise.',
      'A failed write goes back only if no newer write of its key was queued meanwhile; its retry is due after retryDelayMs * 2 ** (failures - 1), on the scheduler. After 1 + maxRetries failures call onDeadLetter(write, error) and drop it: never drop a write without telling.',
      'flush() must wait for everything acknowledged before it, retries included: keep a list of waiters and resolve them whenever the queue, the in-flight batch and the retries no longer hold any write older than theirs. close() = flush, then clear every timer, then refuse writes.',
    ],
  },
  {
    id: 'refresh-ahead',
    chapter: '03-patterns',
    title: 'Refresh-ahead: refresh hot entries before they expire',
    exports: ['RefreshAheadCache'],
    hints: [
      'Store { value, loadedAt } per key, with loadedAt = clock.now() read when the load RESOLVES. Compare age = now - loadedAt with refreshThreshold * ttlMs and with ttlMs.',
      'In the refresh window, return Promise.resolve(value) at once and start load(key) without awaiting it. Keep a Map of keys with a load in flight so a second get does not start a second one.',
      'An expired or missing entry: if a load of that key is in flight, return its promise; else start one. Concurrent gets share it. A rejection is not stored; a failed refresh goes to onRefreshError and keeps the old entry.',
      'delete(key) must stop a load in flight from writing its value back: give each entry (or each load) a generation number and store the result only if the generation is unchanged.',
    ],
  },
  {
    id: 'stampede',
    chapter: '03-patterns',
    title: 'Stampede protection: single-flight, XFetch, stale-while-revalidate',
    exports: ['SingleFlightCache', 'XFetchCache', 'StaleWhileRevalidateCache'],
    hints: [
      'SingleFlightCache: a Map of live values and a Map of in-flight load promises. A miss returns the in-flight promise of the key if there is one, else starts load(key) and stores its promise; when it settles, delete it from the in-flight map (so a rejection is not cached) and, if it resolved, cache the value with its time.',
      'XFetchCache: time the load on the clock: delta = now after - now before; expiry = now after + ttlMs. On a get of a present key, draw r = random() once and recompute when now - delta * beta * Math.log(r) >= expiry. Math.log(r) is negative, so the left side is later than now.',
      'StaleWhileRevalidateCache is refresh-ahead in HTTP\'s words: fresh while age < maxAgeMs, stale-but-servable while age < maxAgeMs + staleWhileRevalidateMs. Serve a stale value at once and start one background load per key.',
      'All three: read the time only from the clock you were given, and make delete(key) stop an in-flight load from putting the key back (a generation number per key).',
    ],
  },
  {
    id: 'hash-ring',
    chapter: '04-distributed',
    title: 'Consistent hash ring with virtual nodes and weights',
    exports: ['HashRing', 'hash32'],
    hints: [
      'hash32 first: MurmurHash3 (x86, 32-bit) over the UTF-16 code units or the UTF-8 bytes, with its final mix (fmix32). Use Math.imul for 32-bit multiplication and >>> 0 to make the result unsigned.',
      'Keep one sorted array of points (hash values) and a parallel array of the nodes that own them. addNode pushes weight * virtualNodes points hashed from `${node}#${i}`, then sorts by (point, node name); removeNode filters them out.',
      'getNode: binary search for the first point >= hash32(key); if there is none, wrap around to index 0. Never scan the array: the grader times lookups as the ring grows.',
      'getNodes: walk clockwise from that index, skipping nodes you already have, until you have n distinct nodes or have seen every node. Validate every argument before changing anything.',
    ],
  },
  {
    id: 'jump-hash',
    chapter: '04-distributed',
    title: 'Jump consistent hash',
    exports: ['jumpHash', 'hash64', 'bucketOf'],
    hints: [
      'Numbers in JavaScript are doubles: 64-bit arithmetic needs bigint. Keep key a bigint and wrap it with BigInt.asUintN(64, key * 2862933555777941757n + 1n) after every step.',
      'j = Math.floor((b + 1) * (2 ** 31 / (Number(key >> 33n) + 1))): the shift and the + 1 in bigint, then convert to a number for the division, exactly as the paper does in double.',
      'hash64: FNV-1a 64 (offset basis 0xcbf29ce484222325n, prime 0x100000001b3n, each step BigInt.asUintN(64, ...)), then a finaliser such as MurmurHash3\'s fmix64, so that similar strings land far apart.',
      'Validate: key must be a bigint in [0, 2^64), buckets a safe integer between 1 and 2^31. bucketOf is one line once the other two work.',
    ],
  },
  {
    id: 'rendezvous',
    chapter: '04-distributed',
    title: 'Rendezvous (highest random weight) hashing',
    exports: ['RendezvousHash'],
    hints: [
      'Score each node for a key with a 32-bit hash of node + "\\u0000" + key (the separator keeps ("ab", "c") and ("a", "bc") apart); the key goes to the highest score.',
      'For weights, turn the hash into u in (0, 1) with (h + 0.5) / 2 ** 32 and score -weight / Math.log(u): a node of weight 2 then wins twice as often as a node of weight 1.',
      'getNodes: score every node, sort by score (highest first, ties by node name), take n. Lookup is O(number of nodes), which is fine for tens of nodes.',
      'Keep the nodes in a Map from name to weight; throw a RangeError for a duplicate add or a missing remove before changing anything.',
    ],
  },
  {
    id: 'sharded-cache',
    chapter: '04-distributed',
    title: 'A sharded cache client over several nodes',
    exports: ['ShardedCache'],
    hints: [
      'Build a ring (your HashRing, with virtualNodes) over the node names and keep a Map from name to store. nodeFor(key) is ring.getNode(key); get, set and delete call that store.',
      'Keep a Set of the keys written through this client (add on set, remove on delete): addNode and removeNode compare nodeFor(key) before and after the change for each of them.',
      'A failed get is a miss: catch, report with onNodeError(error, node, key), return undefined. Let set and delete reject: the caller must know the write did not happen.',
      'Validate before changing anything: an existing or empty name in addNode, a missing name or the last node in removeNode, a store without get/set/delete.',
    ],
  },
  {
    id: 'invalidation',
    chapter: '04-distributed',
    title: 'Distributed invalidation: versions, tags and a bus that can be lost',
    exports: ['InvalidatingCache'],
    hints: [
      'Start with one node: a Map from key to { value, version, tags }, a get that hits or calls load (every miss its own load), and an event() listener, subscribed in the constructor, that drops a key. invalidate(key, version) drops the key here first, synchronously, then returns bus.publish({ kind: "key", key, version }).',
      'Versions decide what an invalidation may drop: { kind: "key", key, version } drops the entry only when entry.version <= version (events from different nodes arrive in any order); without a version it always drops. A tag event drops every entry whose tags (from tagsOf when the load resolved) include the tag.',
      'The race: a load reads the old value, the invalidation arrives while it is in flight and finds nothing to drop, then the load caches the old value. Keep a record per load in flight: an invalidation of its key without a version spoils it, one with a version raises its bar, a tag is remembered; cache only an unspoiled load whose version is above its bar and none of whose tags was invalidated.',
      'disconnected(): clear the Map and cache nothing until reconnected(); an epoch number that grows at both events lets a load cache only if it ends in the epoch it started in. An event of the wrong shape: onError(error, event), then treat it as invalidating everything. close(): call the unsubscribe function, clear, and reject every later call.',
    ],
  },
  {
    id: 'replicated-cache',
    chapter: '04-distributed',
    title: 'Replication with failover and catch-up',
    exports: ['ReplicatedCache'],
    hints: [
      'Number every write with one counter for all keys. Send { value, version }, or a tombstone { deleted: true, version }, to every node in rotation at once: start all the set calls before awaiting any. Resolve when writeQuorum nodes have confirmed (a majority of ALL nodes by default); reject as soon as confirmations plus calls still pending fall below it.',
      'Remember the latest version you acknowledged for each key. In get, walk the nodes in rotation in order and use an answer only if its version is at least that (no entry counts only when nothing was acknowledged). A node that throws leaves the rotation and is reported with onNodeError(error, node). If no node has a usable answer, reject.',
      'For each node, remember which keys it has not confirmed at their latest acknowledged version, including a write the others acknowledged just before its copy failed. On each health-check tick (scheduler.setTimeout, set again when it fires), probe each node out of rotation with a get; if it answers, write it all of those first, and put it back in rotation only if every one succeeded.',
      'Never serve an old value: an error is better. close() must clearTimeout the pending timer and set no new one. Pass ttlMs on to every node, and check the arguments before taking a version number.',
    ],
  },
  {
    id: 'multi-level',
    chapter: '05-operations',
    title: 'A multi-level cache: memory, a shared cache, and the database behind them',
    exports: ['MultiLevelCache'],
    hints: [
      'Start with the read path alone: l1.get(key) (live while clock.now() < entry.expiresAt), else await l2.get(key), else await db.get(key). Both levels store { value, expiresAt } entries: L2 with expiresAt now + l2TtlMs and l2.set(key, entry, l2TtlMs), L1 with min(now + l1TtlMs, the L2 expiry). Every TTL is in milliseconds.',
      'A copy never outlives its source: an L2 hit goes into L1 with Math.min(now + l1TtlMs, l2Entry.expiresAt), not a fresh l1TtlMs. Writes go to the database first, then L2, then L1, each awaited (not Promise.all); delete removes the key from all three.',
      'Wrap every L1 and L2 call in try/catch (L1 throws synchronously, L2 rejects) and call onLevelError(error, level, operation, key). On a read, carry on as if that level missed; in set/delete, still write the other levels, then rethrow the first level error. Let database errors reject.',
      'Concurrency: keep a Map from key to the promise of the load in flight, so concurrent L1 misses share one trip (one l2.get, at most one db.get), and run each load and each write of a key through one per-key promise chain (chapter 3\'s lock), so a slow load cannot copy an old value into L1 or L2 after a write. L1 hits take no lock.',
    ],
  },
  {
    id: 'compression',
    chapter: '05-operations',
    title: 'A compressing cache: an unambiguous, checked format that stores raw when that is smaller',
    exports: ['CompressedCache'],
    hints: [
      'Start with the format: every entry is a small header, then the payload. Put a format tag in the first byte (say 0 raw, 1 deflate, 2 gzip, 3 brotli) and write it for raw entries too, so get never has to guess from the content.',
      'Serialise every value, strings included, with JSON.stringify, and measure it in BYTES: new TextEncoder().encode(json).length, not json.length. Compress only when bytes.length > thresholdBytes, and keep the compressed payload only when it is smaller than the raw one.',
      'Put zlib.crc32 of the serialised bytes in the header and check it after decompressing. Wrap all of the decoding (header, decompression, checksum, JSON.parse) in try/catch: on failure, await store.delete(key), call onCorrupt(key, error) and return undefined. Never catch around store.get itself: store errors must reject.',
      'Validate the value by walking it before anything is stored: reject undefined, NaN, Infinity, bigints, functions, symbols, cycles and any object whose prototype is not Object.prototype, at every depth. Keep a Map of key -> { rawBytes, storedBytes } for stats, updated on set (replacing the old sizes), on delete, and on a get that finds the entry missing or corrupt. The store may return a view into a larger buffer: respect byteOffset and byteLength.',
    ],
  },
  {
    id: 'secure-cache',
    chapter: '05-operations',
    title: 'An encrypted cache: AES-256-GCM, keys bound to their entries, key rotation',
    exports: ['SecureCache'],
    hints: [
      'Start with the plain round trip: build the store key as `${namespace.length}:${namespace}:${key}` (never sanitise keys, never just join with ":"), serialise with JSON.stringify, and measure Buffer.byteLength(json, "utf8") against maxValueBytes (bytes, not json.length). Check every argument before the first store call.',
      'Encrypt with createCipheriv("aes-256-gcm", newestKey, iv), with iv = crypto.randomBytes(12) generated for EVERY write, and cipher.setAAD(Buffer.from(storeKey)) so the entry only decrypts in its own slot. Store version 1 | key id | iv | cipher.getAuthTag() | ciphertext. Never use createCipher: it derives the IV from an MD5 of the password, the same every time.',
      'To read, check the length and version, look the key id up in a Map of every configured key (not there: "unknown-key"), then setAAD, setAuthTag and decipher.final() inside a try/catch: any failure is a miss. Delete the entry, count it, call onRejected(key, reason) and resolve undefined. Keep that try/catch around the decryption only: errors of the store itself must reach the caller.',
      'Put a flag byte first in the plaintext. When the JSON is larger than compressAboveBytes, deflate it BEFORE encrypting and keep it only if smaller (ciphertext never compresses). Pass ttlMs straight to store.set. Encrypt with the last of keys, decrypt with whichever key the entry names. Refuse values JSON would change: walk them and reject class instances (a Date would come back as a string), non-finite numbers, undefined, functions.',
    ],
  },
  {
    id: 'predictive-warming',
    chapter: '05-operations',
    title: 'Predictive warming: decayed heavy hitters in bounded memory, warmed within a limit',
    exports: ['PredictiveWarmer'],
    hints: [
      'Get the decay right before the memory bound: an access at time t counts 2^(-(now - t) / halfLifeMs) at time now. Instead of decaying every counter as time passes, give each access the weight 2 ** ((t - landmark) / halfLifeMs) for a fixed landmark time, and divide a counter by 2 ** ((now - landmark) / halfLifeMs) when you read it. Always read the time from clock.now().',
      'Bound the memory with Space-Saving: keep at most capacity counters. When a key without a counter arrives and all are taken, evict the key with the SMALLEST counter and give the newcomer that counter plus its access (never just 1: its earlier accesses may be in there). This never underestimates and overestimates by at most W / capacity. Keep the counters in a min-heap (each entry knowing its index) to find the smallest in O(log capacity).',
      'hot(n): copy the counters, sort them highest first, take n, and compute each score exactly as score(key) does. Weights of 2 ** ((t - landmark) / halfLifeMs) overflow after about 1024 half-lives: once the exponent passes, say, 64, move the landmark to now and multiply every counter by 2 ** -exponent. Their order does not change, so the heap stays valid.',
      'warm(n): take the keys of hot(n), start min(concurrency, keys) workers that each take the next index from a shared counter until none is left, and await Promise.all of the workers. Per key: await cache.get (anything but undefined: skipped), else await load (undefined: absent), else await cache.set(key, value, ttlMs). Wrap the three calls in one try/catch so a failure becomes { key, error } in failed, and build the four lists by each key\'s index in hot(n).',
    ],
  },
  {
    id: 'scheduled-warming',
    chapter: '05-operations',
    title: 'Scheduled warming: real cron expressions on an injected clock, never overlapping',
    exports: ['ScheduledWarmer'],
    hints: [
      'Never parse cron yourself: new Cron(cron, { timezone: \'UTC\' }) from croner, created without a callback, starts no timer; cron.nextRun(new Date(clock.now())) gives the first fire time strictly after now. Keep that time per schedule: nextRun(id) returns it.',
      'Set ONE timer per schedule with the scheduler you were given, for Math.min(next - clock.now(), 2 ** 31 - 1) ms: Node fires a longer timer at once. When it fires, read clock.now(): still early, wait again; due (or late), run once and compute the next fire time from now, not from the time you were waiting for, so missed occurrences are never replayed.',
      'Keep the run in progress of each schedule (its promise, cleared in finally). When a fire time comes and a run is still in progress, call onSkipped(id, fireTime) instead of starting another, and arm the timer for the next fire time all the same.',
      'A run is a pool of min(concurrency, keys.length) workers taking the next key until none is left; per key: try { const v = await load(key); if (v !== undefined) await cache.set(key, v, ttlMs); } catch (e) { onError(e, id, key); }. Copy keys in schedule(); unschedule clears the timer; close() unschedules everything, then awaits the runs in progress.',
    ],
  },
  {
    id: 'bulk-warming',
    chapter: '05-operations',
    title: 'Bulk warming: chunks under a concurrency and a rate limit, retries, progress',
    exports: ['bulkWarm'],
    hints: [
      'Start simple: dedupe with [...new Set(keys)] (it keeps the first occurrence), slice into chunks of chunkSize, and warm each chunk: await loadMany(chunk), then cache.set(key, value, ttlMs) for each key the map has. Count absent keys separately, and catch every error: bulkWarm never rejects.',
      'For concurrency, start min(concurrency, chunks.length) workers that share one index into the chunks; each takes the next chunk when it finishes one. Await them with Promise.all, and make sure a worker never rejects: a failed chunk becomes failed keys in the summary.',
      'For the rate, keep the start times of the last ratePerSecond requests: a new one may start when fewer than ratePerSecond are younger than 1000 ms; otherwise wait on scheduler.setTimeout until the oldest turns 1000 ms old. Ask before every loadMany, retries too. A token bucket that starts full lets twice the rate through in one second.',
      'Retry a rejected chunk after retryDelayMs * 2 ** (n - 1) (n = failures so far), at most maxRetries times; then each of its keys fails with the last error. Call onProgress once per chunk, after its sets have settled. Time everything with clock.now(), never Date.now(), and check every argument before starting.',
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
