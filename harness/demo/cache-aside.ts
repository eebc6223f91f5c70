/**
 * `npm run demo cache-aside`: the stale-fill race of the chapter, replayed step by step.
 *
 * A reader R misses "a" and reads the database, slowly: the database answers only when the
 * demo releases it. Meanwhile a writer W updates "a" from 1 to 2. The demo drives the textbook
 * cache-aside (written here, deliberately without protection) and the reference `CacheAside`
 * through the same script; the timeline is the log of the cache and database calls as they
 * happen, so it shows what each implementation really did.
 */
import type { CacheStore, Database, FailedWrite, Write } from '../../exercises/workbook.js';
import { ManualTime } from '../../lib/manual-time.js';
import { MemoryDatabase } from '../../lib/memory-database.js';
import { MemoryStore } from '../../lib/memory-store.js';
import { CacheAside } from '../../solutions/cache-aside.js';
import { c } from '../cli/term.js';
import { settle } from './format.js';

const TTL_MS = 60_000;

/** What a cache-aside must offer for the race: read, and update. */
interface Contender {
  get(key: string): Promise<number | undefined>;
  update(key: string, value: number): Promise<void>;
}

/**
 * The textbook cache-aside, as most tutorials write it: no per-key lock and no generation check,
 * so a slow read can fill the cache after an update invalidated it.
 */
class TextbookCacheAside implements Contender {
  constructor(
    private readonly cache: CacheStore<number>,
    private readonly db: Database<number>,
  ) {}

  async get(key: string): Promise<number | undefined> {
    const cached = await this.cache.get(key);
    if (cached !== undefined) return cached;
    const value = await this.db.get(key);
    if (value !== undefined) await this.cache.set(key, value, TTL_MS);
    return value;
  }

  async update(key: string, value: number): Promise<void> {
    await this.db.set(key, value);
    await this.cache.delete(key);
  }
}

/** Numbered steps for the cache and database calls, unnumbered notes for what the application does. */
class Timeline {
  #steps = 0;
  /** Off while the demo looks at the outcome, so only the race is numbered. */
  recording = true;

  constructor(private readonly out: (line: string) => void) {}

  get steps(): number {
    return this.#steps;
  }

  /** A cache or database call; the reader makes gets and fills, the writer the rest. */
  step(actor: 'R' | 'W', call: string, comment = ''): void {
    if (!this.recording) return;
    const number = `${++this.#steps}.`.padStart(3);
    this.out(`  ${number} ${actor === 'R' ? c.cyan('R') : c.yellow('W')}  ${call.padEnd(20)}${c.dim(comment)}`.trimEnd());
  }

  /** What the application did or saw. */
  note(actor: 'R' | 'W', text: string): void {
    if (this.recording) this.out(`      ${c.dim(`${actor}  ${text}`)}`);
  }
}

/** The cache, logging each call to the timeline. */
class LoggedStore implements CacheStore<number> {
  constructor(
    readonly inner: MemoryStore<number>,
    private readonly timeline: Timeline,
  ) {}

  async get(key: string): Promise<number | undefined> {
    const value = await this.inner.get(key);
    this.timeline.step('R', `cache.get("${key}")`, value === undefined ? 'miss' : `hit: ${value}`);
    return value;
  }

  async set(key: string, value: number, ttlMs?: number): Promise<void> {
    this.timeline.step('R', `cache.set("${key}", ${value})`, 'fill');
    return this.inner.set(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.timeline.step('W', `cache.delete("${key}")`, 'invalidate');
    return this.inner.delete(key);
  }
}

/**
 * The database, logging each call. While `slowReads` is on, a get reads the row at once but
 * answers only when {@link release} is called: a read that is slow to come back.
 */
class SlowReadDatabase implements Database<number> {
  slowReads = false;
  readonly #held: (() => void)[] = [];

  constructor(
    readonly inner: MemoryDatabase<number>,
    private readonly timeline: Timeline,
  ) {}

  async get(key: string): Promise<number | undefined> {
    const value = await this.inner.get(key);
    if (!this.slowReads) {
      this.timeline.step('R', `db.get("${key}")`, `→ ${String(value)}`);
      return value;
    }
    this.timeline.step('R', `db.get("${key}")`, `reads ${String(value)}; the answer is slow to come back`);
    await new Promise<void>((resolve) => this.#held.push(resolve));
    this.timeline.step('R', `db.get("${key}")`, `answers ${String(value)}`);
    return value;
  }

  async set(key: string, value: number): Promise<void> {
    this.timeline.step('W', `db.set("${key}", ${value})`);
    return this.inner.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.timeline.step('W', `db.delete("${key}")`);
    return this.inner.delete(key);
  }

  writeBatch(writes: readonly Write<number>[]): Promise<readonly FailedWrite<number>[]> {
    return this.inner.writeBatch(writes);
  }

  /** Lets every held read answer. */
  release(): void {
    for (const answer of this.#held.splice(0)) answer();
  }
}

/** Plays the race against one implementation and prints its timeline and outcome. */
async function race(
  out: (line: string) => void,
  heading: string,
  make: (cache: CacheStore<number>, db: Database<number>) => Contender,
): Promise<void> {
  out(c.bold(heading));
  const timeline = new Timeline(out);
  const store = new LoggedStore(new MemoryStore<number>({ clock: new ManualTime() }), timeline);
  const db = new SlowReadDatabase(new MemoryDatabase<number>(), timeline);
  await db.inner.set('a', 1);
  const app = make(store, db);
  db.slowReads = true;

  timeline.note('R', 'get("a")');
  const read = app.get('a').then((value) => timeline.note('R', `get resolved: ${String(value)}`));
  await settle();
  timeline.note('W', 'update("a", 2)');
  const stepsBefore = timeline.steps;
  let updated = false;
  const update = app.update('a', 2).then(() => {
    updated = true;
    timeline.note('W', 'update resolved');
  });
  await settle();
  if (!updated && timeline.steps === stepsBefore) timeline.note('W', '… waits: R holds the lock for "a"');
  db.release();
  await Promise.all([read, update]);

  timeline.recording = false;
  db.slowReads = false;
  const cached = store.inner.peek('a');
  const stored = await db.inner.get('a');
  const next = await app.get('a');
  const state = `cache a = ${cached ?? '(none)'}, db a = ${String(stored)}`;
  if (cached !== undefined && cached !== stored) {
    out(`  end: ${state}: ${c.red('STALE')}. The next get returns ${String(next)}, and so does every get until the TTL (${TTL_MS / 1000} s) ends.`);
  } else {
    out(`  end: ${state}: ${c.green('consistent')}. The next get returns ${String(next)}.`);
  }
}

/** Prints both timelines: the textbook version ends stale, the reference consistent. */
export async function run(out: (line: string) => void): Promise<void> {
  out('Reader R misses "a" and reads the database slowly; meanwhile writer W updates "a" from 1 to 2.');
  out(c.dim('Numbered lines are cache and database calls, in the order they happened.'));
  out('');
  await race(out, 'Textbook cache-aside (written for this demo: no lock, no check)', (cache, db) => new TextbookCacheAside(cache, db));
  out('');
  await race(out, 'Reference CacheAside (solutions/cache-aside.ts: a per-key lock)', (cache, db) => new CacheAside({ cache, db, ttlMs: TTL_MS }));
  out('');
  out(c.dim('The textbook fill at the end puts back a value the database no longer has. The lock makes'));
  out(c.dim('the update wait for the read-and-fill, whose value its invalidation then removes.'));
}
