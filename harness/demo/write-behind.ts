/**
 * `npm run demo write-behind`: what write-behind buys, and what it risks, on a real SQLite file
 * in real time.
 *
 * 1. The same writes through the reference `WriteThrough` (one database write, one commit, per
 *    call) and the reference `WriteBehind` (acknowledged from the cache, written in batches, one
 *    commit per batch), each caller awaiting its acknowledgement. Write-behind's time includes
 *    its final `flush()`.
 * 2. A crash: acknowledge writes, then let the process "die" (no `flush()`, no `close()`: its
 *    timers never fire and its memory is gone), reopen the file and count what is missing. Then
 *    the same with `flush()` before the crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemScheduler, type Database, type Scheduler, type TimerHandle } from '../../exercises/workbook.js';
import { FaultyDatabase } from '../../lib/faults.js';
import { MemoryStore } from '../../lib/memory-store.js';
import { SqliteDatabase } from '../../lib/sqlite-database.js';
import { WriteBehind } from '../../solutions/write-behind.js';
import { WriteThrough } from '../../solutions/write-through.js';
import { c } from '../cli/term.js';
import { seededRandom } from '../grade/random.js';
import { columns, count, rate } from './format.js';

const WRITES = 5_000;
const RUNS = 3;
const KEYS = 500;
const CRASH_WRITES = 250;
const BATCH_SIZE = 100;
const FLUSH_INTERVAL_MS = 1_000;

/** Write-behind options shared by every run: the defaults, spelled out. */
const SETTINGS = { batchSize: BATCH_SIZE, flushIntervalMs: FLUSH_INTERVAL_MS, scheduler: systemScheduler };

/** A dead letter would be a bug here: the database never fails. */
function deadLetter(): never {
  throw new Error('write-behind demo: unexpected dead letter');
}

/** Real timers that all stop when the process "crashes": a dead process's timers never fire. */
class ProcessTimers implements Scheduler {
  readonly #live = new Set<TimerHandle>();
  #dead = false;

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    if (this.#dead) return undefined;
    const handle = systemScheduler.setTimeout(() => {
      this.#live.delete(handle);
      callback();
    }, delayMs);
    this.#live.add(handle);
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#live.delete(handle);
    systemScheduler.clearTimeout(handle);
  }

  /** Cancels every timer, and ignores any set later. */
  crash(): void {
    this.#dead = true;
    for (const handle of this.#live) systemScheduler.clearTimeout(handle);
    this.#live.clear();
  }
}

/** What one pattern did with the writes. */
interface Written {
  pattern: 'write-through' | 'write-behind';
  seconds: number;
  /** Database transactions: one per `set` for write-through, one per batch for write-behind. */
  commits: number;
  /** Rows written, over all transactions. */
  rows: number;
}

/** Writes `keys[i] = i` for every i through `pattern` into a fresh temporary database, and checks the result. */
async function writeAll(pattern: Written['pattern'], keys: readonly string[]): Promise<Written> {
  const sqlite = SqliteDatabase.temporary<number>();
  // A FaultyDatabase with no faults only counts the calls.
  const db = new FaultyDatabase<number>(sqlite);
  try {
    const cache = new MemoryStore<number>();
    let seconds: number;
    if (pattern === 'write-through') {
      const writer = new WriteThrough<number>({ cache, db });
      seconds = await timeWrites(keys, (key, value) => writer.set(key, value), () => Promise.resolve());
    } else {
      const writer = new WriteBehind<number>({ ...SETTINGS, cache, db, onDeadLetter: deadLetter });
      seconds = await timeWrites(keys, (key, value) => writer.set(key, value), () => writer.flush());
      await writer.close();
    }
    await checkFinal(db, keys);
    const commits = pattern === 'write-through' ? db.count('set') : db.count('writeBatch');
    const rows = pattern === 'write-through' ? commits : db.log.filter((call) => call.inBatch).length;
    return { pattern, seconds, commits, rows };
  } finally {
    sqlite.close();
  }
}

/** Times `writes` awaited writes through `set`, then `finish`; returns the seconds taken. */
async function timeWrites(keys: readonly string[], set: (key: string, value: number) => Promise<void>, finish: () => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < keys.length; i++) await set(keys[i]!, i);
  await finish();
  return (performance.now() - started) / 1000;
}

/** Acknowledges {@link CRASH_WRITES} writes to distinct keys, crashes, and counts the rows that survived. */
async function crash(flushFirst: boolean): Promise<{ acknowledged: number; pending: number; survived: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cachecraft-demo-'));
  try {
    const path = join(dir, 'db.sqlite');
    const db = new SqliteDatabase<number>(path);
    const timers = new ProcessTimers();
    const writer = new WriteBehind<number>({ ...SETTINGS, cache: new MemoryStore(), db, onDeadLetter: deadLetter, scheduler: timers });
    for (let i = 0; i < CRASH_WRITES; i++) await writer.set(`order:${i}`, i);
    if (flushFirst) await writer.flush();
    const { pending } = writer;
    // The crash: timers stop, the connection goes with the process, the instance is dropped.
    timers.crash();
    db.close();
    const reopened = new SqliteDatabase<number>(path);
    const survived = reopened.count();
    reopened.close();
    return { acknowledged: CRASH_WRITES, pending, survived };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the throughput of both patterns, then what a crash loses with and without flush(). */
export async function run(out: (line: string) => void): Promise<void> {
  const random = seededRandom(7);
  const keys = Array.from({ length: WRITES }, () => `user:${Math.floor(random() * KEYS)}`);

  out(c.bold(`${count(WRITES)} writes to ${count(KEYS)} keys, one at a time, on a real SQLite file`));
  out(c.dim('SQLite in WAL mode with synchronous=normal (the library default); the cache is a MemoryStore.'));
  out(c.dim(`Each pattern runs ${RUNS} times, taking turns; the fastest run counts (the first ones also warm up the JIT).`));
  const runs: Written[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const pattern of ['write-through', 'write-behind'] as const) runs.push(await writeAll(pattern, keys));
  }
  const fastest = (pattern: Written['pattern']): Written =>
    runs.filter((r) => r.pattern === pattern).reduce((best, r) => (r.seconds < best.seconds ? r : best));
  const results = [fastest('write-through'), fastest('write-behind')];
  const [through, behind] = results as [Written, Written];
  for (const line of columns(
    [
      ['', 'time', 'writes/s', 'commits', 'rows written'],
      ...results.map((r) => [r.pattern, ms(r.seconds), rate(WRITES / r.seconds), count(r.commits), count(r.rows)]),
    ],
    1,
  )) {
    out(line);
  }
  out(
    `  write-behind acknowledged ${c.bold(`${(through.seconds / behind.seconds).toFixed(1)}x`)} faster, its final flush() included: ` +
      `one commit per batch of up to ${BATCH_SIZE},`,
  );
  out('  and a key written again while queued is written once (the latest value wins).');
  out(c.dim('  npm run bench measures this with more care, and with synchronous=full, where every commit waits for the disk.'));
  out('');

  out(c.bold(`What a crash loses (batchSize ${BATCH_SIZE}, flushIntervalMs ${count(FLUSH_INTERVAL_MS)})`));
  const lost = await crash(false);
  const flushed = await crash(true);
  const report = (r: { acknowledged: number; survived: number }): string => {
    const missing = r.acknowledged - r.survived;
    return `${count(r.survived)} of ${count(r.acknowledged)} rows there, ${missing === 0 ? c.green('0 lost') : c.red(`${count(missing)} LOST`)}`;
  };
  out(`  ${count(CRASH_WRITES)} writes acknowledged, then the process dies (no flush, no close); reopen the file:`);
  out(`    without flush():          ${report(lost)} ${c.dim(`(pending at the crash: ${count(lost.pending)})`)}`);
  out(`    after await flush():      ${report(flushed)}`);
  out(c.dim(`  Only committed batches survive. At risk: the queue, here under ${BATCH_SIZE} writes and none older than ${count(FLUSH_INTERVAL_MS)} ms.`));
}

/** Throws unless the database holds, for every key, the last value written to it. */
async function checkFinal(db: Database<number>, keys: readonly string[]): Promise<void> {
  const last = new Map<string, number>();
  keys.forEach((key, i) => last.set(key, i));
  for (const [key, value] of last) {
    if ((await db.get(key)) !== value) throw new Error(`write-behind demo: ${key} is not ${value} in the database`);
  }
}

/** 0.3124 -> "312 ms". */
function ms(seconds: number): string {
  return `${Math.round(seconds * 1000)} ms`;
}
