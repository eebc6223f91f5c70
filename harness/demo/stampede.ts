/**
 * `npm run demo stampede`: a thundering herd, and the three defences of the chapter.
 *
 * Everything runs on a {@link ManualTime}: a database read takes 50 ms of simulated time, so
 * the demo is instant and prints the same numbers every time (XFetch draws from a seeded
 * random source).
 *
 * 1. A cold key: 1,000 requests at the same moment, through the textbook get-or-load and through
 *    the reference `SingleFlightCache`. Count the database reads.
 * 2. A hot key, read once per millisecond, whose value lives 1,000 ms: the textbook TTL cache,
 *    `SingleFlightCache`, `XFetchCache` and `StaleWhileRevalidateCache`. Count the reads, the
 *    requests that had to wait for one, and the requests served a value past its lifetime.
 */
import type { Clock } from '../../exercises/workbook.js';
import { FaultyDatabase } from '../../lib/faults.js';
import { ManualTime } from '../../lib/manual-time.js';
import { MemoryDatabase } from '../../lib/memory-database.js';
import { SingleFlightCache, StaleWhileRevalidateCache, XFetchCache } from '../../solutions/stampede.js';
import { c } from '../cli/term.js';
import { seededRandom } from '../grade/random.js';
import { columns, count, settle } from './format.js';

const LOAD_MS = 50;
const TTL_MS = 1_000;
const TRAFFIC_MS = 3_000;
const CONCURRENT = 1_000;
const SEED = 42;

/** A value as loaded: the page, and when its load resolved. */
interface Loaded {
  readonly page: string;
  readonly loadedAt: number;
}

/** A loading cache, as the demo drives it. */
interface LoadingCache {
  get(key: string): Promise<Loaded>;
}

/**
 * The textbook loading cache: get, else load and set, with a TTL. Nothing stops two requests
 * from loading the same key at once. Written for this demo; do not copy it.
 */
class TextbookCache implements LoadingCache {
  readonly #values = new Map<string, { value: Loaded; expiresAt: number }>();

  constructor(
    private readonly load: (key: string) => Promise<Loaded>,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  async get(key: string): Promise<Loaded> {
    const entry = this.#values.get(key);
    if (entry !== undefined && this.clock.now() < entry.expiresAt) return entry.value;
    const value = await this.load(key);
    this.#values.set(key, { value, expiresAt: this.clock.now() + this.ttlMs });
    return value;
  }
}

/** A database that takes {@link LOAD_MS} of simulated time per read, and what was read when. */
class SlowSource {
  readonly #db: FaultyDatabase<string>;
  /** When each load started. */
  readonly starts: number[] = [];

  constructor(private readonly time: ManualTime) {
    const rows = new MemoryDatabase<string>();
    void rows.set('home', '<h1>Home</h1>');
    this.#db = new FaultyDatabase(rows, { latencyMs: LOAD_MS, scheduler: time });
  }

  /** Reads `key` from the database; the value carries the time its read finished. */
  readonly load = async (key: string): Promise<Loaded> => {
    this.starts.push(this.time.now());
    const page = await this.#db.get(key);
    if (page === undefined) throw new Error(`no row "${key}"`);
    return { page, loadedAt: this.time.now() };
  };

  /** How many reads reached the database. */
  get reads(): number {
    return this.#db.count('get');
  }
}

/** Sends {@link CONCURRENT} requests for a cold key at once; returns the database reads and when the last answer came. */
async function coldKey(make: (source: SlowSource, time: ManualTime) => LoadingCache): Promise<{ reads: number; doneAt: number }> {
  const time = new ManualTime();
  const source = new SlowSource(time);
  const cache = make(source, time);
  let doneAt = 0;
  const requests = Array.from({ length: CONCURRENT }, () => cache.get('home').then(() => (doneAt = Math.max(doneAt, time.now()))));
  time.advance(LOAD_MS);
  await Promise.all(requests);
  return { reads: source.reads, doneAt };
}

/** What a run of hot-key traffic did. */
interface Traffic {
  reads: number;
  /** Requests that waited for a load. */
  waited: number;
  /** Requests served at once with a value already {@link TTL_MS} old or older. */
  stale: number;
  /** For each reload that started before the value it replaced expired: how long before. */
  early: number[];
}

/** One request per millisecond for {@link TRAFFIC_MS}, after a warm-up load that is not counted. */
async function hotKey(make: (source: SlowSource, time: ManualTime) => LoadingCache): Promise<Traffic> {
  const time = new ManualTime();
  const source = new SlowSource(time);
  const cache = make(source, time);
  const warm = cache.get('home');
  time.advance(LOAD_MS);
  await warm;
  const result: Traffic = { reads: 0, waited: 0, stale: 0, early: [] };
  const firstCounted = source.starts.length;
  const requests: Promise<void>[] = [];
  for (let t = 0; t < TRAFFIC_MS; t++) {
    const askedAt = time.now();
    requests.push(
      cache.get('home').then((value) => {
        // A value loaded after the request was made is one the request waited for; any other
        // was served at once, and is stale if it was already TTL_MS old then.
        if (value.loadedAt > askedAt) result.waited++;
        else if (askedAt - value.loadedAt >= TTL_MS) result.stale++;
      }),
    );
    time.advance(1);
    await settle();
  }
  time.advance(LOAD_MS);
  await Promise.all(requests);
  // A read started early if it started before the value it replaces expired: the value of the
  // last read that had finished by then, TTL_MS after it finished.
  const { starts } = source;
  for (let i = firstCounted; i < starts.length; i++) {
    const finished = starts.slice(0, i).map((start) => start + LOAD_MS).filter((end) => end <= starts[i]!);
    const expiry = Math.max(...finished) + TTL_MS;
    if (starts[i]! < expiry) result.early.push(expiry - starts[i]!);
  }
  result.reads = source.reads - firstCounted;
  return result;
}

/** Prints the cold-key herd, then the hot key at expiry under each defence. */
export async function run(out: (line: string) => void): Promise<void> {
  out(c.dim(`Simulated time (ManualTime): a database read takes ${LOAD_MS} ms, and the demo takes none.`));
  out('');
  out(c.bold(`A cold key: ${count(CONCURRENT)} requests for "home" at the same moment`));
  const naive = await coldKey((source, time) => new TextbookCache(source.load, Infinity, time));
  const single = await coldKey((source, time) => new SingleFlightCache({ load: source.load, ttlMs: TTL_MS, clock: time }));
  const reads = (n: number): string => `${count(n)} database ${n === 1 ? 'read' : 'reads'}`;
  for (const line of columns([
    ['textbook get-or-load', c.red(reads(naive.reads)), c.dim(`all answered at t = ${naive.doneAt} ms`)],
    ['SingleFlightCache (reference)', c.green(reads(single.reads)), c.dim(`all answered at t = ${single.doneAt} ms`)],
  ])) {
    out(line);
  }
  out(c.dim('  Every request misses before the first read returns; single-flight makes them share it.'));
  out('');

  out(c.bold(`A hot key read once per ms for ${TRAFFIC_MS / 1000} s; a value lives ${count(TTL_MS)} ms (seed ${SEED})`));
  const rows: [string, Traffic][] = [
    ['textbook TTL cache', await hotKey((source, time) => new TextbookCache(source.load, TTL_MS, time))],
    ['SingleFlightCache', await hotKey((source, time) => new SingleFlightCache({ load: source.load, ttlMs: TTL_MS, clock: time }))],
    [
      'XFetchCache (beta 1)',
      await hotKey((source, time) => new XFetchCache({ load: source.load, ttlMs: TTL_MS, clock: time, random: seededRandom(SEED) })),
    ],
    [
      `StaleWhileRevalidateCache (+${TTL_MS / 2} ms stale)`,
      await hotKey(
        (source, time) => new StaleWhileRevalidateCache({ load: source.load, maxAgeMs: TTL_MS, staleWhileRevalidateMs: TTL_MS / 2, clock: time }),
      ),
    ],
  ];
  for (const line of columns([
    ['', 'db reads', 'waited', 'served stale'],
    ...rows.map(([name, r]) => [name, count(r.reads), count(r.waited), count(r.stale)]),
  ])) {
    out(line);
  }
  const [, , xfetch, swr] = rows.map(([, r]) => r) as [Traffic, Traffic, Traffic, Traffic];
  const leads = xfetch.early.map((ms) => count(ms)).join(', ');
  out(c.dim(`  textbook: at each expiry, every request in the next ${LOAD_MS} ms misses and reads the database.`));
  out(c.dim(`  single-flight: one read per expiry, but every request in those ${LOAD_MS} ms waits for it.`));
  out(c.dim(`  XFetch: ${xfetch.early.length} of ${xfetch.reads} reads began before expiry (${leads || '-'} ms early), each drawn at random;`));
  out(c.dim(`    the ${count(xfetch.waited)} requests that drew a reload waited, the rest were served at once.`));
  out(c.dim(`  stale-while-revalidate: nobody waits; ${count(swr.stale)} requests got the old value while it reloaded.`));
}
