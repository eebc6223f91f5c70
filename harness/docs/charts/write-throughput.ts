/**
 * Chapter 3's chart: write-behind against write-through, in writes per second of simulated time.
 * The reference `WriteThrough` and `WriteBehind` write to a {@link SimulatedDatabase} on a
 * {@link ManualTime}, so the figures are the same on every build; `npm run bench` measures real
 * ones on SQLite.
 *
 * @module
 */
import { ManualTime } from '../../../lib/manual-time.js';
import { MemoryDatabase } from '../../../lib/memory-database.js';
import { MemoryStore } from '../../../lib/memory-store.js';
import { WriteBehind } from '../../../solutions/write-behind.js';
import { WriteThrough } from '../../../solutions/write-through.js';
import type { Write } from '../../../exercises/workbook.js';
import { settle } from '../../demo/format.js';
import { lineChart } from './plot.js';
import { SimulatedDatabase, type SimulatedCosts } from './simulated-database.js';
import type { ChartSpec } from './spec.js';

/** Writes per run, each to its own key, so write-behind coalesces nothing: its gain is batching alone. */
const WRITES = 5_000;
const BATCH_SIZES: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000];
const COSTS: SimulatedCosts = { roundTripMs: 2, perRowMs: 0.02 };

const KEYS = Array.from({ length: WRITES }, (_, i) => `user:${i}`);

/**
 * Runs `work` to completion on `time`: lets every promise settle, then moves the time to the next
 * timer, until `work` is done. Returns the simulated time it took.
 */
async function simulate(time: ManualTime, work: () => Promise<void>): Promise<number> {
  const start = time.now();
  let done = false;
  const outcome = work().then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  void outcome.then(() => (done = true));
  for (;;) {
    await settle();
    if (done) break;
    const next = time.nextAt();
    if (next === undefined) throw new Error('chart write-throughput: the writes wait for nothing, yet are not done; check the writer and the simulated database');
    time.advance(next - time.now());
  }
  const result = await outcome;
  if (result.failed) throw result.error;
  return time.now() - start;
}

/** A fresh simulated database on `time`, and a check that it ends with every write. */
function database(time: ManualTime): { db: SimulatedDatabase<number>; check: (writer: string) => void } {
  const rows = new MemoryDatabase<number>();
  return {
    db: new SimulatedDatabase(rows, time, COSTS),
    check: (writer) => {
      const stored = rows.snapshot();
      if (stored.size !== WRITES || KEYS.some((key, i) => stored.get(key) !== i)) {
        throw new Error(`chart write-throughput: ${writer} left ${stored.size} of ${WRITES} rows, or wrong values; it lost writes`);
      }
    },
  };
}

/** Writes per simulated second of the reference write-through: each write awaited, the database then the cache. */
async function writeThroughRate(): Promise<number> {
  const time = new ManualTime();
  const { db, check } = database(time);
  const writer = new WriteThrough<number>({ cache: new MemoryStore({ clock: time }), db });
  const elapsed = await simulate(time, async () => {
    for (let i = 0; i < WRITES; i++) await writer.set(KEYS[i]!, i);
  });
  check('write-through');
  return WRITES / (elapsed / 1000);
}

/** Writes per simulated second of the reference write-behind at `batchSize`: each write awaited, then `close()`, which flushes. */
async function writeBehindRate(batchSize: number): Promise<number> {
  const time = new ManualTime();
  const { db, check } = database(time);
  const deadLetters: Write<number>[] = [];
  const writer = new WriteBehind<number>({
    cache: new MemoryStore({ clock: time }),
    db,
    scheduler: time,
    batchSize,
    onDeadLetter: (write) => deadLetters.push(write),
  });
  const elapsed = await simulate(time, async () => {
    for (let i = 0; i < WRITES; i++) await writer.set(KEYS[i]!, i);
    await writer.close();
  });
  if (deadLetters.length > 0) throw new Error(`chart write-throughput: write-behind dead-lettered ${deadLetters.length} writes; the simulated database never fails, so look at the writer`);
  check(`write-behind (batch size ${batchSize})`);
  return WRITES / (elapsed / 1000);
}

const number = (n: number): string => Math.round(n).toLocaleString('en-US');

const TITLE = 'Write-behind against write-through: writes per simulated second, by batch size';

/** The chart `write-throughput`. */
export const writeThroughput: ChartSpec = {
  id: 'write-throughput',
  title: TITLE,
  caption:
    `**Simulated, not measured.** ${WRITES.toLocaleString('en-US')} writes, each to its own key and each awaited before the next, ` +
    `through the reference \`WriteThrough\` and \`WriteBehind\` (\`solutions/\`), run at build time on a simulated clock ` +
    `(\`lib/manual-time.ts\`). Every database call costs ${COSTS.roundTripMs} ms for the round trip plus ${COSTS.perRowMs} ms per row: ` +
    `a \`set\` ${COSTS.roundTripMs + COSTS.perRowMs} ms, a batch of 100 writes ${COSTS.roundTripMs + 100 * COSTS.perRowMs} ms. ` +
    `The cache, an in-process \`MemoryStore\`, costs nothing. Write-behind's time ends when \`close()\` has flushed the last batch; ` +
    `write-through has no batches, so one run is drawn at every batch size. No key is written twice, so write-behind gains ` +
    `by batching alone, not coalescing. For figures measured on a real SQLite file, run \`npm run bench\` (see \`bench/README.md\`).`,
  render: async () => {
    const through = await writeThroughRate();
    const behind = [];
    for (const batchSize of BATCH_SIZES) behind.push({ x: batchSize, y: await writeBehindRate(batchSize) });
    return lineChart({
      id: 'write-throughput',
      title: TITLE,
      description:
        `Writes per second of simulated time for ${WRITES.toLocaleString('en-US')} awaited writes, against a database that takes ` +
        `${COSTS.roundTripMs} ms per call plus ${COSTS.perRowMs} ms per row, at write-behind batch sizes from 1 to 1,000.`,
      x: { label: 'write-behind batch size (writes)', scale: 'log', domain: [0.8, 1_250], format: number, ticks: BATCH_SIZES },
      y: { label: 'writes per simulated second', scale: 'log', domain: [100, 100_000], format: number },
      series: [
        { name: 'write-behind', points: behind },
        { name: 'write-through', points: BATCH_SIZES.map((x) => ({ x, y: through })) },
      ],
    });
  },
};
