/**
 * Exercise `scheduled-warming` — warm a cache's keys on cron schedules, on an injected clock,
 * never running one schedule twice at once.
 *
 * Read first: chapters/05-operations/README.md (section "Scheduled warming").
 * Grade it:   npm run exercise scheduled-warming
 *
 * The contract (the grader checks exactly this, nothing else):
 * - `schedule(id, cron, keys, ttlMs?)`: `cron` is a standard 5-field expression (minute hour
 *   day-of-month month day-of-week, in UTC; lists, ranges, steps and names; when day-of-month
 *   and day-of-week are both restricted, a day matching EITHER fires, as in Vixie cron). Use a
 *   cron library for it (croner: `new Cron(cron, { timezone: 'UTC' })`, created WITHOUT a
 *   callback so it sets no timer; `.nextRun(new Date(ms))` is the next fire time strictly after
 *   `ms`, or null); never write a parser. The keys are copied.
 * - A schedule runs at every time its expression matches, from the time `schedule()` was called
 *   on (the first run is at the first match strictly after it). A run starts when the clock
 *   reaches the fire time: time comes only from `clock`, timers only from `scheduler` (no
 *   `Date.now()`, no `setInterval`).
 * - A run warms every key of its schedule: `load(key)`, then `cache.set(key, value, ttlMs)`
 *   (`ttlMs` default Infinity, which may be passed as Infinity or left out); a load that gives
 *   `undefined` stores nothing. At most `concurrency` keys are in progress (a load or a
 *   cache.set pending) at once within a run, and a run starts `min(concurrency, keys.length)`
 *   at once. A key whose load or cache.set fails is reported once to
 *   `onError(error, scheduleId, key)` and never stops the other keys.
 * - No overlapping runs of one schedule: a fire time that comes while the schedule's previous
 *   run is still in progress is skipped and reported to `onSkipped(id, fireTime)`; the next fire
 *   time is waited for as usual. Different schedules are independent.
 * - Timers: never set a delay longer than 2^31 − 1 ms (Node fires such a timer at once): wait in
 *   steps and check the clock when a timer fires. A timer may fire late: a late timer runs the
 *   occurrence it was for, once, then waits for the first match strictly after the current time
 *   (never a burst of the occurrences it missed).
 * - `nextRun(id)`: the time of the schedule's next run (ms, on the clock), or `undefined` for an
 *   unknown id. `unschedule(id)` cancels its timer and returns whether it existed; a run in
 *   progress finishes, nothing later runs. `close()` unschedules everything and resolves when the
 *   runs in progress have finished; afterwards no timer is left and `schedule()` throws.
 * - Bad input throws a TypeError or RangeError naming the argument, at the call, and changes
 *   nothing: options without a `cache` (get/set/delete), a `load` function, a `clock` (now) and a
 *   `scheduler` (setTimeout/clearTimeout); `concurrency` not a safe integer >= 1; an `id` or
 *   `cron` that is not a string; an invalid `cron` (`'61 * * * *'`, `'* * *'`); `keys` not an
 *   array of strings; `ttlMs` not a positive number; an `id` already scheduled.
 *
 * @module
 */
import type { CacheStore, Clock, Scheduler } from './workbook.js';

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

/** Warms a cache's keys on cron schedules. */
export class ScheduledWarmer<V> {
  /** @param options - the cache, the loader, the clock and scheduler, and the settings. */
  constructor(options: ScheduledWarmerOptions<V>) {
    void options;
    throw new Error('Not implemented: ScheduledWarmer constructor');
  }

  /**
   * Warms `keys` at every time the 5-field UTC cron expression `cron` matches, from now on,
   * storing each value for `ttlMs` (default: no expiry).
   */
  schedule(id: string, cron: string, keys: readonly string[], ttlMs?: number): void {
    void [cron, keys, ttlMs];
    throw new Error(`Not implemented: ScheduledWarmer.schedule(${String(id)})`);
  }

  /** Cancels schedule `id`: a run in progress finishes, none starts later. Returns whether it existed. */
  unschedule(id: string): boolean {
    throw new Error(`Not implemented: ScheduledWarmer.unschedule(${String(id)})`);
  }

  /** When schedule `id` runs next, on the clock (ms); undefined for an unknown id. */
  nextRun(id: string): number | undefined {
    throw new Error(`Not implemented: ScheduledWarmer.nextRun(${String(id)})`);
  }

  /** Unschedules everything; resolves when the runs in progress have finished. Later schedule() calls throw. */
  close(): Promise<void> {
    throw new Error('Not implemented: ScheduledWarmer.close');
  }
}
