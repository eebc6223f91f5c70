/**
 * The correct `scheduled-warming` implementation that the buggy variants in
 * `harness/buggy/scheduled-warming/` extend.
 *
 * Each schedule keeps its croner pattern, its next fire time, its one timer and its run in
 * progress. A timer waits at most 2^31 − 1 ms; when it fires, the clock decides: still early,
 * wait again; due or late, run (or skip, when the previous run is still going) and wait for the
 * first fire time after now.
 *
 * Each variant overrides one of the small `protected` hooks below to add its flaw.
 *
 * @module
 */
import { Cron } from 'croner';
import type { CacheStore, Clock, Scheduler, TimerHandle } from '../../../exercises/workbook.js';
import type { ScheduledWarmerOptions } from '../../../solutions/scheduled-warming.js';
// The contract's types are the reference's: only the implementation below differs.
export type { ScheduledWarmerOptions };

/** One schedule, as the hooks see it. */
export interface Entry {
  readonly id: string;
  readonly cron: Cron;
  keys: readonly string[];
  readonly ttlMs: number;
  next: number | undefined;
  timer: TimerHandle | undefined;
  running: Promise<void> | undefined;
}

export const MAX_DELAY = 2 ** 31 - 1;

function hasMethods(o: unknown, names: string[]): boolean {
  return typeof o === 'object' && o !== null && names.every((n) => typeof (o as Record<string, unknown>)[n] === 'function');
}

export class ScheduledWarmer<V> {
  protected readonly cache: CacheStore<V>;
  protected readonly load: (key: string) => Promise<V | undefined>;
  protected readonly clock: Clock;
  protected readonly scheduler: Scheduler;
  protected readonly concurrency: number;
  protected readonly onError: (error: unknown, scheduleId: string, key: string) => void;
  protected readonly onSkipped: (scheduleId: string, at: number) => void;
  protected readonly schedules = new Map<string, Entry>();
  protected readonly runs = new Set<Promise<void>>();
  protected closed = false;

  constructor(options: ScheduledWarmerOptions<V>) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    const { cache, load, clock, scheduler, concurrency = 4, onError = () => {}, onSkipped = () => {} } = options;
    if (!hasMethods(cache, ['get', 'set', 'delete'])) throw new TypeError('options.cache must be a CacheStore');
    if (typeof load !== 'function') throw new TypeError('options.load must be a function');
    if (!hasMethods(clock, ['now'])) throw new TypeError('options.clock must have now()');
    if (!hasMethods(scheduler, ['setTimeout', 'clearTimeout'])) throw new TypeError('options.scheduler must be a Scheduler');
    if (typeof concurrency !== 'number') throw new TypeError('options.concurrency must be a number');
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError('options.concurrency must be a safe integer >= 1');
    if (typeof onError !== 'function') throw new TypeError('options.onError must be a function');
    if (typeof onSkipped !== 'function') throw new TypeError('options.onSkipped must be a function');
    this.cache = cache;
    this.load = load;
    this.clock = clock;
    this.scheduler = scheduler;
    this.concurrency = concurrency;
    this.onError = onError;
    this.onSkipped = onSkipped;
  }

  schedule(id: string, cron: string, keys: readonly string[], ttlMs = Infinity): void {
    if (this.closed) throw new Error('closed');
    if (typeof id !== 'string') throw new TypeError('id must be a string');
    if (typeof cron !== 'string') throw new TypeError('cron must be a string');
    let parsed: Cron;
    try {
      parsed = new Cron(cron, { timezone: 'UTC', mode: '5-part' });
    } catch (error) {
      throw new RangeError(`cron is invalid: ${String(error)}`);
    }
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw new TypeError('keys must be an array of strings');
    if (typeof ttlMs !== 'number') throw new TypeError('ttlMs must be a number');
    if (!(ttlMs > 0)) throw new RangeError('ttlMs must be positive');
    if (this.schedules.has(id)) throw new RangeError(`id ${id} is already scheduled`);
    const entry: Entry = { id, cron: parsed, keys: this.copyKeys(keys), ttlMs, next: undefined, timer: undefined, running: undefined };
    this.schedules.set(id, entry);
    this.begin(entry);
  }

  unschedule(id: string): boolean {
    const entry = this.schedules.get(id);
    if (entry === undefined) return false;
    this.schedules.delete(id);
    this.cancel(entry);
    entry.next = undefined;
    return true;
  }

  nextRun(id: string): number | undefined {
    return this.schedules.get(id)?.next;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.schedules.keys()]) this.unschedule(id);
    await this.waitForRuns();
  }

  // ── hooks ──

  /** The current time. */
  protected now(): number {
    return this.clock.now();
  }

  /** The keys a schedule keeps. */
  protected copyKeys(keys: readonly string[]): readonly string[] {
    return [...keys];
  }

  /** The first fire time strictly after `after`. */
  protected nextAfter(entry: Entry, after: number): number | undefined {
    return entry.cron.nextRun(new Date(after))?.getTime();
  }

  /** What schedule() does once the entry is stored: wait for the first fire time. */
  protected begin(entry: Entry): void {
    this.arm(entry, this.now());
  }

  /** Sets the next fire time after `after` and waits for it. */
  protected arm(entry: Entry, after: number): void {
    entry.next = this.nextAfter(entry, after);
    if (entry.next !== undefined) this.wait(entry);
  }

  /** The delay of the timer towards `entry.next`. */
  protected delayFor(entry: Entry): number {
    return Math.max(0, Math.min(entry.next! - this.now(), MAX_DELAY));
  }

  protected wait(entry: Entry): void {
    entry.timer = this.scheduler.setTimeout(() => this.fired(entry), this.delayFor(entry));
  }

  /** Cancels the entry's timer. */
  protected cancel(entry: Entry): void {
    if (entry.timer !== undefined) this.scheduler.clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  protected fired(entry: Entry): void {
    entry.timer = undefined;
    if (this.schedules.get(entry.id) !== entry || entry.next === undefined) return;
    const now = this.now();
    if (now < entry.next) return this.wait(entry);
    const at = entry.next;
    this.rearm(entry, at, now);
    if (this.isBusy(entry)) return this.skipped(entry, at);
    this.startRun(entry);
  }

  /** After a fire time `at` was reached at `now`: wait for the next one after now. */
  protected rearm(entry: Entry, at: number, now: number): void {
    void at;
    this.arm(entry, now);
  }

  protected isBusy(entry: Entry): boolean {
    return entry.running !== undefined;
  }

  protected skipped(entry: Entry, at: number): void {
    this.onSkipped(entry.id, at);
  }

  protected startRun(entry: Entry): void {
    const run = this.run(entry).finally(() => {
      if (entry.running === run) entry.running = undefined;
      this.runs.delete(run);
    });
    entry.running = run;
    this.runs.add(run);
  }

  /** How many keys a run warms at once. */
  protected workers(entry: Entry): number {
    return Math.min(this.concurrency, entry.keys.length);
  }

  protected async run(entry: Entry): Promise<void> {
    const keys = entry.keys;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) await this.warmKey(entry, keys[next++]!);
    };
    await Promise.all(Array.from({ length: this.workers(entry) }, worker));
  }

  /** Warms one key; a failure is reported, never thrown. */
  protected async warmKey(entry: Entry, key: string): Promise<void> {
    try {
      await this.store(entry, key);
    } catch (error) {
      this.onError(error, entry.id, key);
    }
  }

  /** Loads one key and stores its value. */
  protected async store(entry: Entry, key: string): Promise<void> {
    const value = await this.load(key);
    if (value !== undefined) await this.cache.set(key, value, entry.ttlMs);
  }

  protected async waitForRuns(): Promise<void> {
    await Promise.all(this.runs);
  }
}
