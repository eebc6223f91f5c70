/**
 * `npm run demo warming`: the three ways to warm a cache, on the reference solutions.
 *
 * 1. Bulk: recommendations for 10,000 active users, 100 per request, from a simulated service
 *    (40 to 120 ms a request, 8% of requests fail), at most 4 requests at once and 25 a second,
 *    on the real clock: a progress bar, then requests and concurrency second by second.
 * 2. Predictive: 50,000 accesses to 2,000 keys on a Zipf trace, tracked in 100 slots with a
 *    10-minute half-life; the estimated top 10 against the true one, then a warm of the top 20.
 * 3. Scheduled: two cron schedules over two days on a manual clock, with the times they ran.
 *
 * @module
 */
import { systemClock, systemScheduler, type CacheStore } from '../../exercises/workbook.js';
import { ManualTime } from '../../lib/manual-time.js';
import { MemoryStore } from '../../lib/memory-store.js';
import { bulkWarm, type BulkProgress } from '../../solutions/bulk-warming.js';
import { PredictiveWarmer } from '../../solutions/predictive-warming.js';
import { ScheduledWarmer } from '../../solutions/scheduled-warming.js';
import { zipfTrace } from '../../bench/zipf.js';
import { seededRandom } from '../grade/random.js';
import { c } from '../cli/term.js';
import { columns, count } from './format.js';

const USERS = 10_000;
const CHUNK = 100;
const CONCURRENCY = 4;
const RATE = 25;

/** Runs the demo: lines to `out`; a progress bar redrawn in place to `live`, when there is a terminal. */
export async function run(out: (line: string) => void, live?: (line: string) => void): Promise<void> {
  out(c.bold('demo warming: bulk, predictive and scheduled warming'));
  out('');
  await bulk(out, live);
  out('');
  await predictive(out);
  out('');
  await scheduled(out);
}

/** A progress bar: `[#####.....]  50.0%  5,000 / 10,000`. */
function bar(progress: BulkProgress): string {
  const width = 30;
  const filled = Math.round((width * progress.done) / progress.total);
  return `  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${((100 * progress.done) / progress.total).toFixed(1).padStart(5)}%  ${count(progress.done)} / ${count(progress.total)}  (warmed ${count(progress.warmed)}, failed ${count(progress.failed)})`;
}

async function bulk(out: (line: string) => void, live?: (line: string) => void): Promise<void> {
  out(c.bold(`1. Bulk: recommendations for ${count(USERS)} active users, ${CHUNK} per request, at most ${CONCURRENCY} at once and ${RATE} a second`));
  const random = seededRandom(2026);
  const started = systemClock.now();
  const requests: { start: number; end: number }[] = [];
  const loadMany = (users: readonly string[]): Promise<ReadonlyMap<string, string[]>> => {
    const request = { start: systemClock.now() - started, end: Number.NaN };
    requests.push(request);
    const latency = 40 + Math.floor(random() * 80);
    const fails = random() < 0.08;
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        request.end = systemClock.now() - started;
        if (fails) reject(new Error('recommendation service: 503'));
        else resolve(new Map(users.map((user) => [user, [`item:${user.length}`, `item:${user.charCodeAt(user.length - 1)}`]])));
      }, latency);
    });
  };
  const cache: CacheStore<string[]> = new MemoryStore<string[]>();
  const users = Array.from({ length: USERS }, (_, i) => `user:${i}`);
  let milestone = 0;
  const summary = await bulkWarm(users, {
    cache,
    loadMany,
    clock: systemClock,
    scheduler: systemScheduler,
    chunkSize: CHUNK,
    concurrency: CONCURRENCY,
    ratePerSecond: RATE,
    retryDelayMs: 100,
    onProgress: (progress) => {
      live?.(bar(progress));
      // Without a terminal to redraw in, the bar is printed at every quarter.
      while (milestone < 4 && progress.done >= ((milestone + 1) * progress.total) / 4) {
        milestone++;
        if (live === undefined) out(bar(progress));
      }
    },
  });
  if (live !== undefined) out(bar({ ...summary, done: summary.total }));
  out(
    `  done in ${(summary.elapsedMs / 1000).toFixed(2)} s: ${count(summary.warmed)} warmed, ${count(summary.absent)} absent, ` +
      `${count(summary.failed)} failed; ${count(summary.requests)} requests, ${count(summary.retries)} of them retries`,
  );
  out('  second by second (a request counts in the second it started):');
  const seconds = Math.ceil(Math.max(...requests.map((r) => r.start + 1)) / 1000);
  const rows: string[][] = [['second', 'started', 'most at once']];
  for (let s = 0; s < seconds; s++) {
    const from = s * 1000;
    const to = from + 1000;
    const startedThen = requests.filter((r) => r.start >= from && r.start < to).length;
    // The most requests in flight at any start or end within the second.
    const instants = requests.flatMap((r) => [r.start, r.end]).filter((t) => t >= from && t < to);
    const atOnce = Math.max(0, ...instants.map((t) => requests.filter((r) => r.start <= t && t < r.end).length));
    rows.push([`${s}`, count(startedThen), count(atOnce)]);
  }
  for (const line of columns(rows)) out(line);
  let worstWindow = 0;
  for (const r of requests) worstWindow = Math.max(worstWindow, requests.filter((q) => q.start >= r.start && q.start < r.start + 1000).length);
  out(`  most requests started in any 1,000 ms: ${worstWindow} (limit ${RATE})`);
}

async function predictive(out: (line: string) => void): Promise<void> {
  const keys = 2_000;
  const capacity = 100;
  out(c.bold(`2. Predictive: 50,000 accesses to ${count(keys)} keys (Zipf 0.9), tracked in ${capacity} slots, half-life 10 minutes`));
  const time = new ManualTime(Date.UTC(2026, 10, 30, 8, 0));
  const cache = new MemoryStore<string>({ clock: time });
  const warmer = new PredictiveWarmer<string>({ cache, load: (key) => Promise.resolve(`value of ${key}`), capacity, halfLifeMs: 600_000, clock: time });
  const trace = zipfTrace({ keys, requests: 50_000, exponent: 0.9, seed: 8 });
  const truth = new Map<string, number>();
  for (let i = 0; i < trace.length; i++) {
    // 50,000 accesses over an hour: the decay weighs the last minutes most.
    if (i % 14 === 0) time.advance(1_000);
    const key = `page:${trace[i]!}`;
    warmer.record(key);
    truth.set(key, (truth.get(key) ?? 0) + 1);
  }
  const estimated = warmer.hot(10).map((entry) => entry.key);
  const trueTop = [...truth.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([key]) => key);
  out(`  tracked: ${warmer.tracked} keys of ${count(truth.size)} seen; the estimated top 10 holds ${estimated.filter((k) => trueTop.includes(k)).length} of the 10 most accessed`);
  for (const line of columns([['rank', 'estimated top 10', 'score', 'accesses'], ...estimated.map((key, i) => [`${i + 1}`, key, warmer.score(key).toFixed(1), count(truth.get(key) ?? 0)])], 2)) out(line);
  const report = await warmer.warm(20);
  out(`  warm(20) on an empty cache: ${report.warmed.length} warmed, ${report.skipped.length} already cached, ${report.failed.length} failed`);
  const again = await warmer.warm(20);
  out(`  warm(20) again: ${again.warmed.length} warmed, ${again.skipped.length} already cached`);
}

async function scheduled(out: (line: string) => void): Promise<void> {
  out(c.bold('3. Scheduled: two cron schedules over two days (Monday 30 November 2026 from 08:55 UTC), on a manual clock'));
  const time = new ManualTime(Date.UTC(2026, 10, 30, 8, 55));
  const schedules = [
    { id: 'homepage', cron: '*/15 9-17 * * 1-5', keys: ['home:hero', 'home:deals'] },
    { id: 'daily-deals', cron: '0 6 * * *', keys: ['deals:today'] },
  ];
  // A run loads its schedule's keys in order: the load of the first key marks the run.
  const runs = new Map(schedules.map(({ keys }) => [keys[0]!, [] as number[]]));
  const load = (key: string): Promise<string> => {
    runs.get(key)?.push(time.now());
    return Promise.resolve(`warm ${key}`);
  };
  const warmer = new ScheduledWarmer<string>({ cache: new MemoryStore<string>({ clock: time }), load, clock: time, scheduler: time });
  for (const { id, cron, keys } of schedules) warmer.schedule(id, cron, keys, 3_600_000);
  for (let minute = 0; minute < 2 * 24 * 60; minute++) {
    time.advance(60_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const hhmm = (at: number): string => new Date(at).toISOString().slice(5, 16).replace('T', ' ');
  for (const { id, cron, keys } of schedules) {
    const times = runs.get(keys[0]!)!;
    const shown = times.length <= 4 ? times.map(hhmm) : [...times.slice(0, 3).map(hhmm), '...', hhmm(times[times.length - 1]!)];
    out(`  ${id.padEnd(11)} "${cron}": ${count(times.length)} runs: ${shown.join(', ')}`);
  }
  out('  The textbook "parser" returns one hour for every pattern: 48 runs of each, at the wrong times.');
  await warmer.close();
  out(`  after close(): ${time.pending} timers left`);
}
