/**
 * `npm run bench` — the reference solutions against popular libraries.
 *
 *   npm run bench               full run (about a minute)
 *   npm run bench -- --quick    smaller workloads, a few seconds; for a smoke test only
 *
 * See bench/README.md for the method and measured results.
 *
 * @module
 */
import os from 'node:os';
import { benchLru, OURS } from './lru.js';
import { median } from './measure.js';
import { formatRatio } from './report.js';
import { benchTtl } from './ttl.js';

const quick = process.argv.includes('--quick');

const lruOptions = quick
  ? { keys: 1_000_000, requests: 200_000, capacities: [1_000, 10_000, 100_000], warmup: 1, rounds: 3, seed: 42 }
  : { keys: 1_000_000, requests: 2_000_000, capacities: [1_000, 10_000, 100_000], warmup: 1, rounds: 9, seed: 42 };
const ttlOptions = quick
  ? { keys: 20_000, gets: 200_000, warmup: 1, rounds: 3, seed: 7 }
  : { keys: 100_000, gets: 1_000_000, warmup: 2, rounds: 9, seed: 7 };

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

// The bar: ours at least as fast as the fastest comparable peer, everywhere.
console.log('\nSummary (ours / fastest comparable peer; informational rows marked * are excluded):');
for (const capacity of lruOptions.capacities) {
  const rows = lruRows.filter((r) => r.capacity === capacity);
  const ours = rows.find((r) => r.name === OURS)!;
  const best = rows.filter((r) => r !== ours && !r.informational).sort((a, b) => b.opsPerSec - a.opsPerSec)[0]!;
  const ratio = ours.opsPerSec / best.opsPerSec;
  // The same ratio round by round (each round ran the contenders back to back), which
  // cancels most slow drift in machine speed; its spread shows how noisy the machine was.
  const perRound = ours.samples.map((s, i) => s / best.samples[i]!);
  console.log(
    `  LRU capacity ${capacity.toLocaleString('en-US')}: ${formatRatio(ratio)} vs ${best.name} ${verdict(ratio)}; ` +
      `per round: median ${formatRatio(median(perRound))}, ` +
      `range ${formatRatio(Math.min(...perRound))}-${formatRatio(Math.max(...perRound))}`,
  );
}
for (const operation of ['set', 'get']) {
  const rows = ttlRows.filter((r) => r.operation === operation && r.ratio !== 1 && !r.informational);
  const ratio = Math.min(...rows.map((r) => r.ratio));
  console.log(`  TTL ${operation}: ${formatRatio(ratio)} vs ${rows.map((r) => r.name).join(', ')} ${verdict(ratio)}`);
}
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

function verdict(ratio: number): string {
  return ratio >= 1 ? '(ok)' : '(BELOW 1.0x)';
}
