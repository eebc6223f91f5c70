/**
 * `npm run bench` — the reference solutions against popular libraries.
 *
 *   npm run bench               full run (about two minutes)
 *   npm run bench -- --quick    smaller workloads, a few seconds; for a smoke test only
 *
 * See bench/README.md for the method and measured results.
 *
 * @module
 */
import os from 'node:os';
import { benchHashing, OURS as OUR_RING } from './hashing.js';
import { benchLru, OURS } from './lru.js';
import { median } from './measure.js';
import { benchCompression, benchEncryption, benchLevels } from './operations.js';
import { benchSingleFlightHits, benchWrites } from './patterns.js';
import { formatOps, formatRatio } from './report.js';
import { benchTtl } from './ttl.js';

const quick = process.argv.includes('--quick');

const lruOptions = quick
  ? { keys: 1_000_000, requests: 200_000, capacities: [1_000, 10_000, 100_000], warmup: 1, rounds: 3, seed: 42 }
  : { keys: 1_000_000, requests: 2_000_000, capacities: [1_000, 10_000, 100_000], warmup: 1, rounds: 9, seed: 42 };
const ttlOptions = quick
  ? { keys: 20_000, gets: 200_000, warmup: 1, rounds: 3, seed: 7 }
  : { keys: 100_000, gets: 1_000_000, warmup: 2, rounds: 9, seed: 7 };
const hashingOptions = quick
  ? { lookups: 100_000, warmup: 1, rounds: 3, seed: 5 }
  : { lookups: 1_000_000, warmup: 1, rounds: 7, seed: 5 };
// synchronous=full waits for the disk at every commit, so it gets fewer writes (see the README).
const writeOptions = quick
  ? { settings: [{ synchronous: 'full' as const, writes: 200 }, { synchronous: 'normal' as const, writes: 4_000 }], keys: 1_000, warmup: 1, rounds: 3 }
  : { settings: [{ synchronous: 'full' as const, writes: 1_000 }, { synchronous: 'normal' as const, writes: 20_000 }], keys: 1_000, warmup: 1, rounds: 7 };
const throughputOptions = quick ? { bytesPerRun: 4_000_000, warmup: 1, rounds: 3 } : { bytesPerRun: 20_000_000, warmup: 1, rounds: 7 };
const levelOptions = quick ? { gets: 2_000, keys: 500 } : { gets: 20_000, keys: 2_000 };
const hitOptions = quick
  ? { keys: 1_000, hits: 100_000, warmup: 1, rounds: 3, seed: 11 }
  : { keys: 1_000, hits: 500_000, warmup: 2, rounds: 15, seed: 11 };
// The bars of the patterns benchmarks: write-behind at least 10x the writes/s of write-through, and
// a SingleFlightCache hit at most 10% slower than a plain Map get-or-load.
const WRITE_BAR = 10;
const HIT_BAR = 1.1;

const started = performance.now();
console.log(
  `cachecraft bench${quick ? ' (--quick: numbers are indicative only)' : ''}: ` +
    `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, ${os.platform()}`,
);

console.log(
  `\nLRU: get-else-set over a scrambled Zipf(0.9) trace, ${lruOptions.keys.toLocaleString('en-US')} distinct keys, ` +
    `${lruOptions.requests.toLocaleString('en-US')} requests; median of ${lruOptions.rounds} round-robin rounds\n`,
);
const lruRows = benchLru(lruOptions);

console.log(
  `\nTTL: set = fill an empty cache with ${ttlOptions.keys.toLocaleString('en-US')} keys; ` +
    `get = ${ttlOptions.gets.toLocaleString('en-US')} random lookups of live keys; median of ${ttlOptions.rounds} rounds\n`,
);
const ttlRows = benchTtl(ttlOptions);

console.log(
  `\nConsistent hashing: getNode on 10 nodes with 150 points each, ${hashingOptions.lookups.toLocaleString('en-US')} lookups ` +
    `of random keys; median of ${hashingOptions.rounds} round-robin rounds\n`,
);
const hashingRows = benchHashing(hashingOptions);

console.log(
  `\nWrite-behind vs write-through: each write awaited, to ${writeOptions.keys.toLocaleString('en-US')} keys in turn, ` +
    `on a new SQLite file (WAL); writes/s, median of ${writeOptions.rounds} rounds\n`,
);
const writeRows = await benchWrites(writeOptions);

console.log(
  `\nSingleFlightCache hit path vs a plain Map get-or-load: ${hitOptions.hits.toLocaleString('en-US')} gets of ` +
    `${hitOptions.keys.toLocaleString('en-US')} cached keys at random; gets/s, median of ${hitOptions.rounds} rounds\n`,
);
const hitRows = await benchSingleFlightHits(hitOptions);

console.log(
  `\nCompression: CompressedCache set and get on seeded catalogue payloads, ${(throughputOptions.bytesPerRun / 1e6).toFixed(0)} MB of JSON per run; ` +
    `MB/s of JSON, median of ${throughputOptions.rounds} rounds ('none': stored raw, header and checksum only)\n`,
);
await benchCompression(throughputOptions);

console.log(`\nEncryption: SecureCache (AES-256-GCM) set and get on the same payloads; MB/s of JSON, median of ${throughputOptions.rounds} rounds\n`);
await benchEncryption(throughputOptions);

console.log(`\nMulti-level: latency of a get by the level that answers it, ${levelOptions.gets.toLocaleString('en-US')} gets each, timed one by one\n`);
await benchLevels(levelOptions);

// The bar: ours at least as fast as the fastest comparable peer, everywhere; the patterns have their own.
console.log('\nSummary (ours / fastest comparable peer unless stated; informational rows marked * are excluded):');
for (const capacity of lruOptions.capacities) {
  const rows = lruRows.filter((r) => r.capacity === capacity);
  const ours = rows.find((r) => r.name === OURS)!;
  const best = rows.filter((r) => r !== ours && !r.informational).sort((a, b) => b.opsPerSec - a.opsPerSec)[0]!;
  const ratio = ours.opsPerSec / best.opsPerSec;
  // The same ratio round by round (each round ran the contenders back to back), which
  // cancels most slow drift in machine speed; its spread shows how noisy the machine was.
  const perRound = ours.samples.map((s, i) => s / best.samples[i]!);
  console.log(
    `  LRU capacity ${capacity.toLocaleString('en-US')}: ${formatRatio(ratio)} vs ${best.name} ${verdict(ratio >= 1, 'BELOW 1.0x')}; ` +
      `per round: median ${formatRatio(median(perRound))}, ` +
      `range ${formatRatio(Math.min(...perRound))}-${formatRatio(Math.max(...perRound))}`,
  );
}
for (const operation of ['set', 'get']) {
  const rows = ttlRows.filter((r) => r.operation === operation && r.ratio !== 1 && !r.informational);
  const ratio = Math.min(...rows.map((r) => r.ratio));
  console.log(`  TTL ${operation}: ${formatRatio(ratio)} vs ${rows.map((r) => r.name).join(', ')} ${verdict(ratio >= 1, 'BELOW 1.0x')}`);
}
const ourRing = hashingRows.find((r) => r.name === OUR_RING)!;
const bestRing = hashingRows.filter((r) => r !== ourRing && !r.informational).sort((a, b) => b.opsPerSec - a.opsPerSec)[0]!;
const ringRatio = ourRing.opsPerSec / bestRing.opsPerSec;
const ringPerRound = ourRing.samples.map((s, i) => s / bestRing.samples[i]!);
console.log(
  `  Hash ring lookups: ${formatRatio(ringRatio)} vs ${bestRing.name} ${verdict(ringRatio >= 1, 'BELOW 1.0x')}; ` +
    `per round: median ${formatRatio(median(ringPerRound))}, ` +
    `range ${formatRatio(Math.min(...ringPerRound))}-${formatRatio(Math.max(...ringPerRound))}`,
);
console.log(
  `  *${hashingRows.filter((r) => r.informational).map((r) => `${r.name.slice(0, -2)} ${formatOps(r.opsPerSec)}`).join(', ')} ` +
    'lookups/s (informational)',
);
// The bar applies to durable commits (synchronous=full), as a system of record runs; with
// synchronous=normal a commit costs little more than a row, which caps the ratio near 10x (README).
for (const row of writeRows) {
  const durable = row.synchronous === 'full';
  console.log(
    `  ${durable ? '' : '*'}Write-behind, synchronous=${row.synchronous}: ${formatRatio(row.ratio)} the writes/s of write-through ` +
      `${durable ? verdict(row.ratio >= WRITE_BAR, `BELOW ${WRITE_BAR}x`) : '(informational)'}; per round: median ${formatRatio(median(row.perRound))}, ` +
      `range ${formatRatio(Math.min(...row.perRound))}-${formatRatio(Math.max(...row.perRound))}`,
  );
}
// The worst pairing and loop: a hit may cost at most 10% more time than the plain Map's in every one.
const worstHit = hitRows.reduce((worst, row) => (row.timeRatio > worst.timeRatio ? row : worst));
console.log(
  `  SingleFlightCache hit: ${formatRatio(worstHit.timeRatio)} the time of a plain Map get-or-load at worst ` +
    `(${worstHit.pairing}, ${worstHit.loop}) ${verdict(worstHit.timeRatio <= HIT_BAR, `ABOVE ${HIT_BAR.toFixed(2)}x`)}; ` +
    `per round: median ${formatRatio(median(worstHit.perRound))}, ` +
    `range ${formatRatio(Math.min(...worstHit.perRound))}-${formatRatio(Math.max(...worstHit.perRound))}`,
);
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

/** "(ok)" when a bar is met, else how it was missed, in parentheses. */
function verdict(ok: boolean, missed: string): string {
  return ok ? '(ok)' : `(${missed})`;
}
