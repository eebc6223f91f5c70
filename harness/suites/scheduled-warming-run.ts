/**
 * One run of a scheduled-warming property: the warmer under test on the grader's clock and
 * scheduler, a cache and a loader that record every call (the loader answers at once, or holds
 * its answers until the run says), and the model: each schedule's expression, next fire time
 * and whether a run of it is in progress.
 *
 * A run of a schedule is seen through its loads: its keys are named after it (`s1:a`), so a
 * load of `s1:a` at 09:00 is the run of `s1` at 09:00.
 */
import { show } from '../grade/show.js';
import { exported, type ImplModule } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { describeError, start } from './async-calls.js';
import { at, duration, nextMatch, settleMicrotasks, WarmTime, type Expr } from './scheduled-warming-model.js';

/** The rules a property checks. */
export type Rule =
  | 'next-run' // nextRun(id) is the model's next fire time after every step
  | 'skips' // onSkipped is called for each fire time that comes while a run is in progress
  | 'keys' // each run loads every key once, stores values with ttlMs, reports failures once
  | 'timers'; // no timer is left once no schedule is

/** What the loader and the cache do for a key, in the `keys` rule. */
export type Outcome = 'value' | 'absent' | 'load-fails' | 'set-fails';

/** A schedule a run creates. */
export interface ScheduleSpec {
  expr: Expr;
  keys: number;
  ttlMs?: number;
  /** For `keys`: what happens to each key (by index). */
  outcomes?: readonly Outcome[];
}

interface Sched {
  readonly id: string;
  readonly expr: Expr;
  readonly keys: readonly string[];
  readonly ttlMs: number | undefined;
  readonly outcomes: ReadonlyMap<string, Outcome>;
  next: number | undefined;
  active: boolean;
  /** Step at which it was unscheduled. */
  unscheduledAt?: number;
  /** When the run in progress started. */
  running: number | undefined;
}

interface LoadRec {
  readonly id: string;
  readonly key: string;
  readonly at: number;
  value?: string;
  error?: Error;
  release?: () => void;
}

interface SetRec {
  readonly key: string;
  readonly value: unknown;
  readonly ttlMs: unknown;
  readonly at: number;
}

interface ErrRec {
  readonly at: number;
  readonly error: unknown;
  readonly id: unknown;
  readonly key: unknown;
}

interface Event {
  readonly kind: 'run' | 'skip';
  readonly id: string;
  /** The fire time (for a run: when its loads must start). */
  readonly at: number;
  /** For a skip: when the run in progress started. */
  readonly since?: number;
  /** The run of a late timer. */
  readonly late?: boolean;
}

type WarmerLike = {
  schedule(id: string, cron: string, keys: readonly string[], ttlMs?: number): unknown;
  unschedule(id: string): unknown;
  nextRun(id: string): unknown;
  close(): PromiseLike<unknown>;
};
type WarmerClass = new (options: Record<string, unknown>) => WarmerLike;

const LETTERS = 'abcdefgh';

/** A run: create it, schedule, apply steps, finish. */
export class WarmRun {
  readonly trace = new Trace();
  readonly time: WarmTime;
  readonly model = new Map<string, Sched>();
  readonly unhandled: unknown[] = [];
  instance!: WarmerLike;
  readonly #loads: LoadRec[] = [];
  readonly #sets: SetRec[] = [];
  readonly #errors: ErrRec[] = [];
  readonly #skips: { id: unknown; at: unknown }[] = [];
  #mark = { loads: 0, sets: 0, errors: 0, skips: 0 };
  #count = 0;
  #closed = false;

  constructor(
    start: number,
    readonly mode: 'immediate' | 'held',
    readonly rules: ReadonlySet<Rule>,
  ) {
    this.time = new WarmTime(start);
  }

  create(impl: ImplModule, concurrency?: number): void {
    const opts = concurrency === undefined ? '' : `, concurrency: ${concurrency}`;
    const held = this.mode === 'held' ? '; loads are answered only when the trace says so' : '';
    this.trace.add(`new ScheduledWarmer({ cache, load, clock, scheduler, onError, onSkipped${opts} }) at ${at(this.time.now())}${held}`);
    const cls = exported<WarmerClass>(impl, 'ScheduledWarmer');
    this.instance = this.trace.run(
      () =>
        new cls({
          cache: this.#cache(),
          load: (key: string) => this.#load(key),
          clock: this.time,
          scheduler: this.time,
          onError: (error: unknown, id: unknown, key: unknown) => void this.#errors.push({ at: this.time.now(), error, id, key }),
          onSkipped: (id: unknown, when: unknown) => void this.#skips.push({ id, at: when }),
          ...(concurrency === undefined ? {} : { concurrency }),
        }),
    );
  }

  /** Calls schedule() for a new schedule `s<n>`; with `changeKeys`, the caller then changes its array. */
  async schedule(spec: ScheduleSpec, changeKeys = false): Promise<void> {
    const id = `s${this.model.size + 1}`;
    const keys = Array.from({ length: spec.keys }, (_, i) => `${id}:${LETTERS[i]!}`);
    const outcomes = new Map(keys.map((k, i) => [k, spec.outcomes?.[i] ?? 'value'] as const));
    const ttl = spec.ttlMs === undefined ? '' : `, ${spec.ttlMs}`;
    const arg = [...keys];
    this.trace.add(`schedule(${show(id)}, ${show(spec.expr.text)}, ${show(keys)}${ttl})`);
    this.trace.run(() => (spec.ttlMs === undefined ? this.instance.schedule(id, spec.expr.text, arg) : this.instance.schedule(id, spec.expr.text, arg, spec.ttlMs)));
    const now = this.time.now();
    this.model.set(id, { id, expr: spec.expr, keys, ttlMs: spec.ttlMs, outcomes, next: nextMatch(spec.expr, now), active: true, running: undefined });
    if (changeKeys) {
      arg[0] = `${id}:changed`;
      this.trace.add(`(the caller then changes its array: keys[0] = ${show(arg[0])})`);
    }
    await this.#check('advance', now, now);
  }

  /** Moves the clock forward by `ms`; every timer fires at its time. */
  async advance(ms: number): Promise<void> {
    const from = this.time.now();
    this.trace.add(`(clock +${duration(ms)} → ${at(from + ms)})`);
    await this.time.advanceTo(from + ms);
    await this.#check('advance', from, from + ms);
  }

  /** The event loop is blocked for `ms`: every timer due meanwhile fires late, at the end. */
  async jump(ms: number): Promise<void> {
    const from = this.time.now();
    this.trace.add(`(the process was busy: clock +${duration(ms)} → ${at(from + ms)} with no timer firing; every timer due fires now, late)`);
    await this.time.jumpTo(from + ms);
    await this.#check('jump', from, from + ms);
  }

  /** Answers every held load of schedule `id`. */
  async release(id: string): Promise<void> {
    const held = this.#loads.filter((l) => l.id === id && l.release !== undefined);
    this.trace.add(`(the loads of ${show(id)} are answered${held.length === 0 ? ': none is pending' : ''})`);
    for (const l of held) {
      l.release!();
      l.release = undefined;
    }
    await settleMicrotasks();
    const s = this.model.get(id);
    if (s !== undefined && held.length > 0) s.running = undefined;
    const now = this.time.now();
    await this.#check('advance', now, now);
  }

  /** Calls unschedule(id) and checks what it returns. */
  async unschedule(id: string): Promise<void> {
    const s = this.model.get(id);
    this.trace.add(`unschedule(${show(id)})`);
    const result = this.trace.run(() => this.instance.unschedule(id));
    this.trace.steps[this.trace.current - 1]!.result = show(result);
    const expected = s?.active === true;
    if (result !== expected) this.trace.fail(`expected ${show(expected)} (${expected ? 'it was scheduled' : 'no such schedule'}), got ${show(result)}`);
    if (s !== undefined && s.active) {
      s.active = false;
      s.next = undefined;
      s.unscheduledAt = this.trace.current;
    }
    const now = this.time.now();
    await this.#check('advance', now, now);
  }

  /** close(): it must wait for the runs in progress, leave no timer, and refuse schedule() after. */
  async close(): Promise<void> {
    const call = start(this.trace, 'close()', () => this.instance.close());
    await settleMicrotasks();
    for (const s of this.model.values()) s.active = false;
    const busy = [...this.model.values()].find((s) => s.running !== undefined);
    if (busy !== undefined && call.state !== 'pending') {
      this.trace.steps.push({ call: `  (the run of ${show(busy.id)} from ${at(busy.running)} is still in progress: its loads are not answered)` });
      this.trace.fail(`close() ${call.state} before that run finished: close() must wait for the runs in progress`);
    }
    if (busy !== undefined) {
      this.trace.add('(every pending load is answered)');
      for (const l of this.#loads) {
        l.release?.();
        l.release = undefined;
      }
      await settleMicrotasks();
      for (const s of this.model.values()) s.running = undefined;
    }
    if (call.state === 'pending') {
      this.trace.steps.push({ call: `close() (step ${call.step})` });
      this.trace.fail('never settled, though every run has finished');
    }
    if (call.state === 'rejected') this.trace.fail(`close() rejected with ${describeError(call.error)}`);
    if (this.time.pending > 0) this.trace.fail(`close() resolved, but ${this.time.pending} timer(s) are still set: clear every timer`);
    this.#closed = true;
    this.trace.add('schedule("late", "* * * * *", ["late:a"])');
    let threw = false;
    try {
      this.instance.schedule('late', '* * * * *', ['late:a']);
    } catch {
      threw = true;
    }
    if (!threw) this.trace.fail('expected an error: after close() nothing can be scheduled');
    this.trace.steps[this.trace.current - 1]!.result = 'threw ✓';
    await this.advance(2 * 86_400_000);
  }

  /** A last day of time, so that what the previous steps set up shows. */
  async finish(): Promise<void> {
    if (!this.#closed) await this.advance(86_400_000);
  }

  #cache(): Record<string, unknown> {
    return {
      get: () => Promise.resolve(undefined),
      delete: () => Promise.resolve(),
      set: (key: string, value: unknown, ttlMs?: unknown) => {
        this.#sets.push({ key, value, ttlMs, at: this.time.now() });
        const s = this.model.get(String(key).split(':')[0]!);
        if (s?.outcomes.get(key) === 'set-fails') {
          const error = new Error(`cache.set(${show(key)}) failed (injected)`);
          return Promise.reject(error);
        }
        return Promise.resolve();
      },
    };
  }

  #load(key: string): Promise<string | undefined> {
    const id = String(key).split(':')[0]!;
    const rec: LoadRec = { id, key, at: this.time.now() };
    this.#loads.push(rec);
    const n = ++this.#count;
    const outcome = this.model.get(id)?.outcomes.get(key) ?? 'value';
    if (outcome === 'load-fails') {
      rec.error = new Error(`load(${show(key)}) failed (injected)`);
      return Promise.reject(rec.error);
    }
    const value = outcome === 'absent' ? undefined : `${key}#${n}`;
    if (value !== undefined) rec.value = value;
    if (this.mode === 'immediate') return Promise.resolve(value);
    return new Promise((resolve) => (rec.release = () => resolve(value)));
  }

  /** The model's events in (from, to]: runs and skips; a jump runs each due schedule once, late. */
  #expect(kind: 'advance' | 'jump', from: number, to: number): Event[] {
    const events: Event[] = [];
    for (const s of this.model.values()) {
      if (!s.active) continue;
      if (kind === 'jump') {
        if (s.next !== undefined && s.next <= to) {
          events.push({ kind: 'run', id: s.id, at: to, late: true });
          s.next = nextMatch(s.expr, to);
        }
        continue;
      }
      for (let i = 0; s.next !== undefined && s.next <= to && i < 100_000; i++) {
        if (s.running !== undefined) events.push({ kind: 'skip', id: s.id, at: s.next, since: s.running });
        else {
          events.push({ kind: 'run', id: s.id, at: s.next });
          if (this.mode === 'held') s.running = s.next;
        }
        s.next = nextMatch(s.expr, s.next);
      }
    }
    void from;
    return events.sort((a, b) => a.at - b.at);
  }

  /** After a step: compares what happened with the model, in time order. */
  async #check(kind: 'advance' | 'jump', from: number, to: number): Promise<void> {
    await settleMicrotasks();
    if (this.time.violation !== undefined) this.trace.fail(this.time.violation);
    const expected = this.#expect(kind, from, to);
    const loads = this.#loads.slice(this.#mark.loads);
    const sets = this.#sets.slice(this.#mark.sets);
    const errors = this.#errors.slice(this.#mark.errors);
    const skips = this.#skips.slice(this.#mark.skips);
    this.#mark = { loads: this.#loads.length, sets: this.#sets.length, errors: this.#errors.length, skips: this.#skips.length };

    // What happened, as sub-lines of the step.
    const runs = new Map<string, LoadRec[]>();
    for (const l of loads) {
      const k = `${l.id}|${l.at}`;
      if (!runs.has(k)) runs.set(k, []);
      runs.get(k)!.push(l);
    }
    const problems: { at: number; line: string; message: string }[] = [];
    const expectedRuns = new Map<string, Event>(expected.filter((e) => e.kind === 'run').map((e) => [`${e.id}|${e.at}`, e] as const));
    for (const [k, e] of expectedRuns) {
      if (runs.has(k)) continue;
      const s = this.model.get(e.id)!;
      const other = [...runs.values()].filter((g) => g[0]!.id === e.id).map((g) => at(g[0]!.at));
      const why = e.late ? `: its timer fired late, at ${at(e.at)}; run the occurrence it was for, once, then` : '';
      problems.push({
        at: e.at,
        line: `  (${at(e.at)})`,
        message:
          `expected ${show(e.id)} ("${s.expr.text}") to run at ${at(e.at)}${why}, but nothing was loaded then` +
          (other.length > 0 ? `; it ran at ${other.slice(0, 3).join(', ')}` : '') +
          (e.late ? '' : ` (the expression matches ${at(e.at)}, and ${show(e.id)} was not running)`),
      });
    }
    for (const [k, group] of runs) {
      const first = group[0]!;
      const s = this.model.get(first.id);
      const line = `  (${show(first.id)} at ${at(first.at)})`;
      if (s === undefined) {
        problems.push({ at: first.at, line, message: `load(${show(first.key)}) was called, but no schedule has that key` });
        continue;
      }
      const e = expectedRuns.get(k);
      if (e === undefined) {
        const skip = expected.find((x) => x.kind === 'skip' && x.id === s.id && x.at === first.at);
        const due = expected.filter((x) => x.id === s.id).map((x) => at(x.at));
        let message: string;
        if (skip !== undefined) {
          message = `${show(s.id)} started a run at ${at(first.at)} while its run from ${at(skip.since)} was still in progress (its loads are not answered yet): skip that occurrence and report it with onSkipped`;
        } else if (!s.active && s.unscheduledAt !== undefined) {
          message = `${show(s.id)} ran at ${at(first.at)}, but it was unscheduled at step ${s.unscheduledAt}: nothing runs after unschedule()`;
        } else if (kind === 'jump') {
          message = `${show(s.id)} ran more than once when its late timer fired at ${at(first.at)}: run the occurrence it was for once, then wait for the next fire time after now (${at(s.next)}), skipping the missed ones`;
        } else {
          message =
            `${show(s.id)} ran at ${at(first.at)}, but "${s.expr.text}" does not fire then: ` +
            (due.length > 0 ? `its fire times in this step are ${due.slice(0, 3).join(', ')}` : `its next fire time is ${at(s.next)}`);
        }
        problems.push({ at: first.at, line, message });
        continue;
      }
      const counts = new Map<string, number>();
      for (const l of group) counts.set(l.key, (counts.get(l.key) ?? 0) + 1);
      const twice = [...counts].find(([, n]) => n > 1);
      if (twice !== undefined) {
        const because = e.late ? `: its timer fired late; run the occurrence it was for ONCE, not every one it missed` : ': one run per fire time, each key once';
        problems.push({ at: first.at, line, message: `${show(s.id)} loaded ${show(twice[0])} ${twice[1]} times at ${at(first.at)}${because}` });
        continue;
      }
      if (this.rules.has('keys')) {
        const message = this.#checkRun(s, group, sets, errors);
        if (message !== undefined) problems.push({ at: first.at, line, message });
      }
    }
    if (this.rules.has('skips')) {
      const wanted = expected.filter((e) => e.kind === 'skip');
      const got = [...skips];
      for (const w of wanted) {
        const i = got.findIndex((g) => g.id === w.id && g.at === w.at);
        if (i >= 0) {
          got.splice(i, 1);
          continue;
        }
        problems.push({
          at: w.at,
          line: `  (${at(w.at)})`,
          message: `expected onSkipped(${show(w.id)}, ${w.at}): ${show(w.id)} fired at ${at(w.at)} while its run from ${at(w.since)} was still in progress; got ${got.length === 0 ? 'no call' : `onSkipped(${show(got[0]!.id)}, ${show(got[0]!.at)})`}`,
        });
      }
      for (const g of got) {
        problems.push({
          at: typeof g.at === 'number' ? g.at : to,
          line: `  onSkipped(${show(g.id)}, ${show(g.at)})`,
          message: `onSkipped was called, but no fire time of ${show(g.id)} was skipped then: call it with the schedule's id and the fire time skipped, only when its previous run is still in progress`,
        });
      }
    }
    // What happened, as sub-lines of the step (up to the first problem, if any).
    const first = problems.length === 0 ? undefined : problems.reduce((a, b) => (b.at < a.at ? b : a));
    const cutoff = first?.at ?? Infinity;
    const sub: { call: string }[] = [];
    for (const group of [...runs.values()].filter((g) => g[0]!.at <= cutoff)) {
      const loaded = group.map((l) => `load(${show(l.key)})${this.rules.has('keys') ? ` → ${l.error ? `✗ ${l.error.message}` : show(l.value)}` : ''}`);
      sub.push({ call: `  at ${at(group[0]!.at)}: ${loaded.join(', ')}` });
    }
    if (this.rules.has('keys')) {
      for (const s of sets.filter((x) => x.at <= cutoff)) sub.push({ call: `  cache.set(${show(s.key)}, ${show(s.value)}${s.ttlMs === undefined ? '' : `, ${show(s.ttlMs)}`})` });
      for (const e of errors.filter((x) => x.at <= cutoff)) sub.push({ call: `  onError(${describeError(e.error)}, ${show(e.id)}, ${show(e.key)})` });
    }
    for (const s of skips.filter((x) => typeof x.at !== 'number' || x.at <= cutoff)) sub.push({ call: `  onSkipped(${show(s.id)}, ${typeof s.at === 'number' ? at(s.at) : show(s.at)})` });

    // The last lines before the problem matter most; a long quiet stretch is summed up.
    if (sub.length > 10) this.trace.steps.push(...sub.slice(0, 3), { call: `  … ${sub.length - 8} more calls …` }, ...sub.slice(-5));
    else this.trace.steps.push(...sub);
    if (first !== undefined) {
      this.trace.steps.push({ call: first.line });
      this.trace.fail(first.message);
    }
    if (this.rules.has('next-run')) this.#checkNextRun();
    if (this.rules.has('timers') && ![...this.model.values()].some((s) => s.active) && this.time.pending > 0) {
      this.trace.fail(`no schedule is left, but ${this.time.pending} timer(s) are still set: unschedule() must clearTimeout the schedule's timer`);
    }
  }

  /** The `keys` rule for one run: every key loaded once, values stored with ttlMs, failures reported once. */
  #checkRun(s: Sched, group: readonly LoadRec[], sets: readonly SetRec[], errors: readonly ErrRec[]): string | undefined {
    const when = at(group[0]!.at);
    const stranger = group.find((l) => !s.keys.includes(l.key));
    if (stranger !== undefined) return `${show(s.id)} loaded ${show(stranger.key)}, which is not one of its keys ${show(s.keys)}: copy the keys in schedule(); the caller may change its array afterwards`;
    const failed = s.keys.filter((k) => s.outcomes.get(k) === 'load-fails' || s.outcomes.get(k) === 'set-fails');
    for (const key of s.keys) {
      const load = group.find((l) => l.key === key);
      if (load === undefined) {
        const after = failed.length > 0 ? ` (after ${show(failed[0])} failed: a failing key must never stop the others)` : '';
        return `the run of ${show(s.id)} at ${when} did not load ${show(key)}${after}: a run warms every key of its schedule`;
      }
      const outcome = s.outcomes.get(key)!;
      const stored = sets.filter((x) => x.key === key && x.at === load.at);
      if (outcome === 'value' || outcome === 'set-fails') {
        if (stored.length !== 1) return `load(${show(key)}) gave ${show(load.value)}: expected one cache.set(${show(key)}, ${show(load.value)}, …), got ${stored.length}`;
        const set = stored[0]!;
        if (set.value !== load.value) return `cache.set(${show(key)}, ${show(set.value)}): expected the value load gave, ${show(load.value)}`;
        const ttlOk = s.ttlMs === undefined ? set.ttlMs === undefined || set.ttlMs === Infinity : set.ttlMs === s.ttlMs;
        if (!ttlOk) return `cache.set(${show(key)}, …, ${show(set.ttlMs)}): expected ttlMs ${s.ttlMs === undefined ? 'Infinity (or none): schedule() was given no ttlMs' : `${s.ttlMs}, as given to schedule()`}`;
      } else if (stored.length > 0) {
        return `cache.set(${show(key)}, ${show(stored[0]!.value)}) was called, but load(${show(key)}) ${outcome === 'absent' ? 'gave undefined: store nothing' : 'failed: store nothing'}`;
      }
      const reported = errors.filter((e) => e.key === key && e.at === load.at);
      if (outcome === 'load-fails' || outcome === 'set-fails') {
        const error = outcome === 'load-fails' ? load.error : undefined;
        const what = outcome === 'load-fails' ? `load(${show(key)})` : `cache.set(${show(key)}, …)`;
        if (reported.length !== 1) return `${what} failed: expected one onError(error, ${show(s.id)}, ${show(key)}), got ${reported.length}`;
        const r = reported[0]!;
        if (r.id !== s.id) return `onError(…, ${show(r.id)}, ${show(key)}): expected the schedule's id, ${show(s.id)}`;
        if (error !== undefined && r.error !== error) return `onError got ${describeError(r.error)}, not the error load(${show(key)}) rejected with`;
        if (error === undefined && !(r.error instanceof Error && r.error.message.includes('cache.set'))) return `onError got ${describeError(r.error)}, not the error cache.set rejected with`;
      } else if (reported.length > 0) {
        return `onError(${describeError(reported[0]!.error)}, ${show(reported[0]!.id)}, ${show(key)}) was called, but nothing failed for ${show(key)}`;
      }
    }
    return undefined;
  }

  #checkNextRun(): void {
    for (const s of this.model.values()) {
      this.trace.add(`nextRun(${show(s.id)})`);
      const got = this.trace.run(() => this.instance.nextRun(s.id));
      this.trace.steps[this.trace.current - 1]!.result = typeof got === 'number' ? at(got) : show(got);
      const expected = s.active ? s.next : undefined;
      if (got !== expected) {
        const why = s.active ? `the first time "${s.expr.text}" fires after ${at(this.time.now())}` : 'it was unscheduled';
        this.trace.fail(`expected ${at(expected)} (${why}), got ${typeof got === 'number' ? at(got) : show(got)}`);
      }
    }
  }
}
