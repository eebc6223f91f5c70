/**
 * Reference solution for the `scheduled-warming` exercise: warm a cache's keys on cron
 * schedules, on an injected clock, never running one schedule twice at once.
 *
 * Each schedule keeps its parsed expression (croner computes the next fire time; we never parse
 * cron ourselves), the time of its next run, the one timer waiting for it, and the run in
 * progress, if any.
 *
 * Waiting: a timer may wait at most 2^31 − 1 ms (Node fires a longer one at once), so a far fire
 * time is reached in steps: when a timer fires, the clock decides. Still early: wait again. Due
 * (or late): start the run, and arm the timer for the first fire time strictly after NOW, so a
 * late timer never causes a burst of the occurrences it missed.
 *
 * Overlap: a fire time that comes while the schedule's previous run is still going is skipped
 * and reported to `onSkipped`; the timer is armed for the next one as usual.
 *
 * @module
 */
import { Cron } from 'croner';
import type { CacheStore, Clock, Scheduler, TimerHandle } from '../exercises/workbook.js';
import { checkFunction, checkKey, checkMethods, checkNumber, checkOptions, describe } from './arguments.js';

/** Options for {@link ScheduledWarmer}. */
export interface ScheduledWarmerOptions<V> {
  /** The cache to warm. */
  cache: CacheStore<V>;
  /** Loads the value of a key from the source of truth; `undefined` means "nothing to store". */
  load: (key: string) => Promise<V | undefined>;
  /** The clock fire times are read against. */
  clock: Clock;
  /** Where timers come from. */
  scheduler: Scheduler;
  /** The most keys a run warms at once. Default 4. */
  concurrency?: number;
  /** Told about each key whose load or cache write failed in a run. Default: nothing. */
  onError?: (error: unknown, scheduleId: string, key: string) => void;
  /** Told about each fire time skipped because the schedule's previous run was still going. Default: nothing. */
  onSkipped?: (scheduleId: string, at: number) => void;
}

/** The longest delay a timer can wait: Node fires a longer one at once. */
const MAX_DELAY = 2 ** 31 - 1;

/** The class's name, for error messages. */
const NAME = 'ScheduledWarmer';

/** One schedule. */
interface Entry {
  readonly id: string;
  readonly cron: Cron;
  readonly keys: readonly string[];
  readonly ttlMs: number;
  /** The next fire time, or undefined when the expression never fires again. */
  next: number | undefined;
  timer: TimerHandle | undefined;
  /** The run in progress. */
  running: Promise<void> | undefined;
}

/** Warms a cache's keys on cron schedules. */
export class ScheduledWarmer<V> {
  readonly #cache: CacheStore<V>;
  readonly #load: (key: string) => Promise<V | undefined>;
  readonly #clock: Clock;
  readonly #scheduler: Scheduler;
  readonly #concurrency: number;
  readonly #onError: (error: unknown, scheduleId: string, key: string) => void;
  readonly #onSkipped: (scheduleId: string, at: number) => void;
  readonly #schedules = new Map<string, Entry>();
  /** Every run in progress, of any schedule (unscheduled ones too), for close(). */
  readonly #runs = new Set<Promise<void>>();
  #closed = false;

  /** @param options - the cache, the loader, the clock and scheduler, and the settings. */
  constructor(options: ScheduledWarmerOptions<V>) {
    checkOptions(options, NAME);
    const { cache, load, clock, scheduler, concurrency = 4, onError = () => {}, onSkipped = () => {} } = options;
    checkMethods(cache, 'options.cache', NAME, 'a CacheStore', ['get', 'set', 'delete']);
    checkFunction(load, 'options.load', NAME);
    checkMethods(clock, 'options.clock', NAME, 'a Clock', ['now']);
    checkMethods(scheduler, 'options.scheduler', NAME, 'a Scheduler', ['setTimeout', 'clearTimeout']);
    checkNumber(concurrency, 'options.concurrency', NAME, 'a safe integer >= 1', (n) => Number.isSafeInteger(n) && n >= 1);
    checkFunction(onError, 'options.onError', NAME);
    checkFunction(onSkipped, 'options.onSkipped', NAME);
    this.#cache = cache;
    this.#load = load;
    this.#clock = clock;
    this.#scheduler = scheduler;
    this.#concurrency = concurrency;
    this.#onError = onError;
    this.#onSkipped = onSkipped;
  }

  /**
   * Warms `keys` at every time the 5-field UTC cron expression `cron` matches, from now on,
   * storing each value for `ttlMs` (default: no expiry).
   */
  schedule(id: string, cron: string, keys: readonly string[], ttlMs = Infinity): void {
    const where = `${NAME}.schedule`;
    if (this.#closed) throw new Error(`${where}: the warmer is closed`);
    if (typeof id !== 'string') throw new TypeError(`${where}: id must be a string, got ${describe(id)}`);
    if (typeof cron !== 'string') throw new TypeError(`${where}: cron must be a string, got ${describe(cron)}`);
    let parsed: Cron;
    try {
      // Without a callback, croner sets no timer of its own: we only ask it for fire times.
      parsed = new Cron(cron, { timezone: 'UTC', mode: '5-part' });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new RangeError(`${where}: cron must be a 5-field cron expression, got ${describe(cron)} (${why})`);
    }
    if (!Array.isArray(keys)) throw new TypeError(`${where}: keys must be an array of strings, got ${describe(keys)}`);
    for (const key of keys as unknown[]) checkKey(key, where);
    checkNumber(ttlMs, 'ttlMs', where, 'a positive number of milliseconds (or Infinity)', (n) => n > 0);
    if (this.#schedules.has(id)) throw new RangeError(`${where}: id ${describe(id)} is already scheduled`);

    const entry: Entry = { id, cron: parsed, keys: [...keys], ttlMs, next: undefined, timer: undefined, running: undefined };
    this.#schedules.set(id, entry);
    this.#armAfter(entry, this.#clock.now());
  }

  /** Cancels schedule `id`: a run in progress finishes, none starts later. Returns whether it existed. */
  unschedule(id: string): boolean {
    const entry = this.#schedules.get(id);
    if (entry === undefined) return false;
    this.#schedules.delete(id);
    this.#disarm(entry);
    entry.next = undefined;
    return true;
  }

  /** When schedule `id` runs next, on the clock (ms); undefined for an unknown id. */
  nextRun(id: string): number | undefined {
    return this.#schedules.get(id)?.next;
  }

  /** Unschedules everything; resolves when the runs in progress have finished. Later schedule() calls throw. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const id of [...this.#schedules.keys()]) this.unschedule(id);
    await Promise.all(this.#runs);
  }

  /** Sets the entry's next fire time to the first match strictly after `after`, and waits for it. */
  #armAfter(entry: Entry, after: number): void {
    entry.next = entry.cron.nextRun(new Date(after))?.getTime();
    if (entry.next !== undefined) this.#wait(entry);
  }

  /** Sets one timer towards `entry.next`, at most MAX_DELAY long. */
  #wait(entry: Entry): void {
    const delay = Math.max(0, Math.min(entry.next! - this.#clock.now(), MAX_DELAY));
    entry.timer = this.#scheduler.setTimeout(() => this.#fired(entry), delay);
  }

  #disarm(entry: Entry): void {
    if (entry.timer !== undefined) this.#scheduler.clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  /** A timer fired: wait again if it is early, else run (or skip) the occurrence and arm the next. */
  #fired(entry: Entry): void {
    entry.timer = undefined;
    if (this.#schedules.get(entry.id) !== entry || entry.next === undefined) return;
    const now = this.#clock.now();
    if (now < entry.next) return this.#wait(entry);
    const at = entry.next;
    // The next fire time after NOW: a late timer runs its occurrence once, never a burst.
    this.#armAfter(entry, now);
    if (entry.running !== undefined) {
      this.#onSkipped(entry.id, at);
      return;
    }
    const run = this.#run(entry).finally(() => {
      entry.running = undefined;
      this.#runs.delete(run);
    });
    entry.running = run;
    this.#runs.add(run);
  }

  /** Warms every key of `entry`, at most `concurrency` at once; a failing key is reported, never fatal. */
  async #run(entry: Entry): Promise<void> {
    const { keys, ttlMs, id } = entry;
    let nextIndex = 0;
    const worker = async (): Promise<void> => {
      while (nextIndex < keys.length) {
        const key = keys[nextIndex++]!;
        try {
          const value = await this.#load(key);
          if (value !== undefined) await this.#cache.set(key, value, ttlMs);
        } catch (error) {
          this.#report(error, id, key);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, keys.length) }, worker));
  }

  #report(error: unknown, id: string, key: string): void {
    try {
      this.#onError(error, id, key);
    } catch {
      // A throwing callback must not stop the run.
    }
  }
}
