/** The properties of scheduled-warming. */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { describeError, expectInputError, watchingRejections } from './async-calls.js';
import { at, exprArb, matchesDay, rareExprArb, settleMicrotasks, WarmTime, type Expr } from './scheduled-warming-model.js';
import { WarmRun, type Outcome, type Rule, type ScheduleSpec } from './scheduled-warming-run.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Sunday 2030-01-06 00:00 UTC: far from Date.now(), so the wall clock is caught. */
const WEEK_START = Date.UTC(2030, 0, 6);

/** How often `expr` fires in the week the runs start in. */
function firesInWeek(expr: Expr): number {
  let days = 0;
  for (let d = 0; d < 7; d++) if (matchesDay(expr, WEEK_START + d * DAY)) days++;
  return days * expr.minute.values.size * expr.hour.values.size;
}

/** Expressions that fire at least once, and not every few minutes, in that week. */
const frequentArb = exprArb.filter((e) => {
  const n = firesInWeek(e);
  return n >= 1 && n <= 120;
});

/** The start of a run: some minute of the week's first four days, sometimes with seconds. */
const startArb = fc
  .tuple(fc.integer({ min: 0, max: 4 * 24 * 60 }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: MINUTE - 1 })))
  .map(([m, ms]) => WEEK_START + m * MINUTE + ms);

const advanceArb = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 2 * MINUTE }), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 4 * HOUR }), weight: 3 },
  { arbitrary: fc.integer({ min: 4 * HOUR, max: 36 * HOUR }), weight: 2 },
);

type Op =
  | { kind: 'advance'; ms: number }
  | { kind: 'jump'; ms: number }
  | { kind: 'schedule'; spec: ScheduleSpec }
  | { kind: 'release'; id: string }
  | { kind: 'unschedule'; id: string };

function specArb(expr: fc.Arbitrary<Expr>, maxKeys: number): fc.Arbitrary<ScheduleSpec> {
  return fc.record({ expr, keys: fc.integer({ min: 1, max: maxKeys }) });
}

async function apply(run: WarmRun, op: Op): Promise<void> {
  switch (op.kind) {
    case 'advance':
      return run.advance(op.ms);
    case 'jump':
      return run.jump(op.ms);
    case 'schedule':
      return run.schedule(op.spec);
    case 'release':
      return run.release(op.id);
    case 'unschedule':
      return run.unschedule(op.id);
  }
}

interface Spec {
  id: string;
  statement: string;
  hint: string;
  runs?: number;
  mode: 'immediate' | 'held';
  rules: readonly Rule[];
  /** The schedules made at the start. */
  initial: fc.Arbitrary<ScheduleSpec[]>;
  ops: fc.Arbitrary<Op>;
  maxOps?: number;
  /** Ends with close() (else with a last day of time). */
  close?: boolean;
}

function property(spec: Spec): CheckedProperty {
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 30,
    build: (impl) =>
      fc.asyncProperty(startArb, spec.initial, fc.array(spec.ops, { minLength: 1, maxLength: spec.maxOps ?? 10 }), async (start, initial, ops) => {
        const run = new WarmRun(start, spec.mode, new Set(spec.rules));
        await watchingRejections(run.unhandled, async () => {
          run.create(impl);
          for (const s of initial) await run.schedule(s);
          for (const op of ops) {
            await apply(run, op);
            if (run.unhandled.length > 0) run.trace.fail(`an unhandled rejection: ${describeError(run.unhandled[0])}; a run must catch every failure`);
          }
          if (spec.close) await run.close();
          else await run.finish();
          if (run.unhandled.length > 0) run.trace.fail(`an unhandled rejection: ${describeError(run.unhandled[0])}; a run must catch every failure`);
        });
      }),
  });
}

const ids = fc.constantFrom('s1', 's2');

type WarmerClass = new (options: Record<string, unknown>) => Record<string, (...args: unknown[]) => unknown>;

const validation = checked({
  id: 'validation',
  statement: 'bad options and arguments are refused with a TypeError or RangeError at the call, and change nothing',
  hint: 'Check every argument before changing anything: cache with get/set/delete, load a function, clock with now(), scheduler with setTimeout/clearTimeout, concurrency a safe integer >= 1; in schedule(), id and cron strings, cron valid (let your cron library parse it and turn its error into a RangeError), keys an array of strings, ttlMs a positive number, and id not already scheduled.',
  runs: 40,
  build: (impl) => {
    const ctor: [string, Record<string, unknown>][] = [
      ['cache: {}', { cache: {} }],
      ['load: "x"', { load: 'x' }],
      ['clock: {}', { clock: {} }],
      ['scheduler: {}', { scheduler: {} }],
      ['concurrency: 0', { concurrency: 0 }],
      ['concurrency: 1.5', { concurrency: 1.5 }],
      ['concurrency: "2"', { concurrency: '2' }],
    ];
    const calls: [string, unknown[]][] = [
      ['schedule(7, "0 * * * *", ["k"])', [7, '0 * * * *', ['k']]],
      ['schedule("s2", 5, ["k"])', ['s2', 5, ['k']]],
      ['schedule("s2", "61 * * * *", ["k"])', ['s2', '61 * * * *', ['k']]],
      ['schedule("s2", "* * *", ["k"])', ['s2', '* * *', ['k']]],
      ['schedule("s2", "every hour", ["k"])', ['s2', 'every hour', ['k']]],
      ['schedule("s2", "0 * * * *", "k")', ['s2', '0 * * * *', 'k']],
      ['schedule("s2", "0 * * * *", [1])', ['s2', '0 * * * *', [1]]],
      ['schedule("s2", "0 * * * *", ["k"], 0)', ['s2', '0 * * * *', ['k'], 0]],
      ['schedule("s2", "0 * * * *", ["k"], -5)', ['s2', '0 * * * *', ['k'], -5]],
      ['schedule("s2", "0 * * * *", ["k"], NaN)', ['s2', '0 * * * *', ['k'], NaN]],
      ['schedule("s1", "30 * * * *", ["j"]) (s1 is already scheduled)', ['s1', '30 * * * *', ['j']]],
    ];
    const cases = [...ctor.map(([label, o]) => ({ label, ctor: o, args: undefined })), ...calls.map(([label, args]) => ({ label, ctor: undefined, args }))];
    return fc.asyncProperty(fc.constantFrom(...cases), async (c) => {
      const trace = new Trace();
      const time = new WarmTime(WEEK_START);
      const cache = { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() };
      const options = { cache, load: () => Promise.resolve(undefined), clock: time, scheduler: time };
      const cls = exported<WarmerClass>(impl, 'ScheduledWarmer');
      if (c.ctor !== undefined) {
        await expectInputError(trace, `new ScheduledWarmer({ cache, load, clock, scheduler, ${c.label} })`, () => new cls({ ...options, ...c.ctor }));
        return;
      }
      trace.add(`new ScheduledWarmer({ cache, load, clock, scheduler }) at ${at(time.now())}`);
      const warmer = trace.run(() => new cls(options));
      trace.add('schedule("s1", "0 * * * *", ["k"])');
      trace.run(() => warmer.schedule!('s1', '0 * * * *', ['k']));
      await expectInputError(trace, c.label, () => warmer.schedule!(...c.args));
      for (const [id, expected] of [
        ['s1', WEEK_START + HOUR],
        ['s2', undefined],
      ] as const) {
        trace.add(`nextRun(${show(id)})`);
        const got = trace.run(() => warmer.nextRun!(id));
        trace.steps[trace.current - 1]!.result = typeof got === 'number' ? at(got) : show(got);
        if (got !== expected) trace.fail(`expected ${at(expected)}: the refused call must change nothing`);
      }
      trace.add('(the scheduler is asked how many timers are set)');
      if (time.pending !== 1) trace.fail(`expected 1 timer (for "s1"), got ${time.pending}: the refused call must set no timer`);
    });
  },
});

const concurrency = checked({
  id: 'concurrency',
  statement: 'a run has at most concurrency loads and cache.sets pending at once, and starts min(concurrency, keys) at once',
  hint: 'Run a small pool: start min(concurrency, keys.length) workers, each taking the next key (load, then cache.set) until none is left, and await them all. Promise.all over every key at once ignores the limit.',
  runs: 60,
  build: (impl) =>
    fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 7 }), async (s, limit, n) => {
      const trace = new Trace();
      const time = new WarmTime(WEEK_START);
      let pending = 0;
      const stored = new Map<string, number>();
      const held = <T>(label: string, value: T, after: () => void): Promise<T> => {
        pending++;
        trace.steps.push({ call: `  ${label} … (${pending} pending)` });
        return s.schedule(Promise.resolve(value), label).then((v) => {
          pending--;
          after();
          trace.steps.push({ call: `  ${label}`, result: show(v) });
          return v;
        });
      };
      const cache = {
        get: () => Promise.resolve(undefined),
        delete: () => Promise.resolve(),
        set: (key: string) => held(`cache.set(${show(key)}, …)`, undefined, () => stored.set(key, (stored.get(key) ?? 0) + 1)),
      };
      const load = (key: string) => held(`load(${show(key)})`, `${key}#1`, () => undefined);
      const keys = Array.from({ length: n }, (_, i) => `s1:${'abcdefg'[i]!}`);
      trace.add(`new ScheduledWarmer({ cache, load, clock, scheduler, concurrency: ${limit} }) at ${at(time.now())}`);
      const cls = exported<WarmerClass>(impl, 'ScheduledWarmer');
      const warmer = trace.run(() => new cls({ cache, load, clock: time, scheduler: time, concurrency: limit }));
      trace.add(`schedule("s1", "0 * * * *", ${show(keys)})`);
      trace.run(() => warmer.schedule!('s1', '0 * * * *', keys));
      trace.add(`(clock +1h → ${at(WEEK_START + HOUR)}: the run starts; nothing is answered yet)`);
      await time.advanceTo(WEEK_START + HOUR);
      await settleMicrotasks();
      const want = Math.min(limit, n);
      if (pending > limit) trace.fail(`${pending} loads/cache.sets pending at once: at most concurrency (${limit})`);
      if (pending < want) trace.fail(`${pending} load(s) pending at the start of the run: start min(concurrency, keys) = ${want} at once`);
      for (let i = 0; i < 100 && s.count() > 0; i++) {
        await s.waitOne();
        await settleMicrotasks();
        if (pending > limit) trace.fail(`${pending} loads/cache.sets pending at once: at most concurrency (${limit})`);
      }
      trace.add('(every call has been answered)');
      const missing = keys.find((k) => stored.get(k) !== 1);
      if (missing !== undefined) trace.fail(`expected one cache.set(${show(missing)}, …), got ${stored.get(missing) ?? 0}: a run warms every key once`);
    }),
});

const outcomeArb: fc.Arbitrary<Outcome> = fc.constantFrom('value', 'value', 'absent', 'load-fails', 'set-fails');

/** The scheduled-warming suite. */
export const suite: Suite = {
  properties: [
    validation,
    property({
      id: 'fires-at-cron-times',
      statement: 'each schedule runs exactly when its cron expression matches (UTC, from schedule() on), on the given clock, and at no other time',
      hint: 'Never parse cron yourself: ask a cron library for the next fire time strictly after clock.now() (croner: new Cron(expr, { timezone: "UTC" }).nextRun(new Date(now))), set ONE timer for it with the given scheduler, and when it fires compute the next one from the clock again.',
      mode: 'immediate',
      rules: [],
      initial: fc.array(specArb(frequentArb, 2), { minLength: 1, maxLength: 2 }),
      ops: fc.oneof({ arbitrary: advanceArb.map((ms): Op => ({ kind: 'advance', ms })), weight: 6 }, { arbitrary: specArb(frequentArb, 1).map((spec): Op => ({ kind: 'schedule', spec })), weight: 1 }),
    }),
    property({
      id: 'next-run',
      statement: 'nextRun(id) is the time of the schedule\'s next run on the clock, after every step',
      hint: 'Keep each schedule\'s next fire time in a field: set it in schedule(), and again each time its timer fires (the first match strictly after now). nextRun returns that field, never a delay.',
      mode: 'immediate',
      rules: ['next-run'],
      initial: fc.array(specArb(frequentArb, 1), { minLength: 1, maxLength: 2 }),
      ops: advanceArb.map((ms): Op => ({ kind: 'advance', ms })),
      maxOps: 8,
    }),
    property({
      id: 'long-delay',
      statement: 'a fire time months away is reached without ever setting a timer longer than 2^31 − 1 ms, and the run happens exactly then',
      hint: 'Node fires a timer longer than 2^31 − 1 ms (24.8 days) at once. Set setTimeout(check, Math.min(next - now, 2 ** 31 - 1)); when it fires, if clock.now() < next, wait again; otherwise run.',
      mode: 'immediate',
      rules: ['next-run'],
      initial: fc.array(specArb(rareExprArb, 1), { minLength: 1, maxLength: 2 }),
      ops: fc.integer({ min: HOUR, max: 200 * DAY }).map((ms): Op => ({ kind: 'advance', ms })),
      runs: 30,
      maxOps: 8,
    }),
    property({
      id: 'late-timer',
      statement: 'a timer that fires late runs the occurrence it was for once, and the next run is the next match after the current time, never a burst of missed ones',
      hint: 'When the timer fires, read clock.now(): if it is at or past the fire time, start ONE run, then compute the next fire time from now (not from the fire time you were waiting for), so the occurrences missed while the process was busy are not replayed.',
      mode: 'immediate',
      rules: ['next-run'],
      initial: fc.array(specArb(frequentArb, 1), { minLength: 1, maxLength: 2 }),
      ops: fc.oneof(
        advanceArb.map((ms): Op => ({ kind: 'advance', ms })),
        // Lands a few seconds past a minute, never on a fire time.
        fc.tuple(fc.integer({ min: 1, max: 3 * 24 * 60 }), fc.integer({ min: 1, max: 59 })).map(([m, sec]): Op => ({ kind: 'jump', ms: m * MINUTE + sec * 1000 })),
      ),
    }),
    property({
      id: 'no-overlap',
      statement: 'a fire time that comes while the schedule\'s previous run is in progress is skipped and reported to onSkipped(id, fireTime); the next one runs as usual',
      hint: 'Remember the run in progress of each schedule (its promise, cleared in finally). When the timer fires and a run is in progress, call onSkipped(id, fireTime) instead of starting another, and arm the timer for the next fire time all the same.',
      mode: 'held',
      rules: ['skips'],
      initial: fc.array(specArb(frequentArb, 2), { minLength: 1, maxLength: 2 }),
      ops: fc.oneof(advanceArb.map((ms): Op => ({ kind: 'advance', ms })), ids.map((id): Op => ({ kind: 'release', id }))),
      maxOps: 12,
    }),
    checked({
      id: 'warms-every-key',
      statement: 'a run loads every key once and stores each value with cache.set(key, value, ttlMs); undefined stores nothing, and a failing key is reported to onError once and never stops the others',
      hint: 'For each key: try { const v = await load(key); if (v !== undefined) await cache.set(key, v, ttlMs); } catch (e) { onError(e, id, key); } — the try/catch goes around each key, not around the whole run. Copy the keys array in schedule().',
      runs: 40,
      build: (impl) =>
        fc.asyncProperty(
          startArb,
          fc.array(
            fc.record({
              expr: frequentArb,
              keys: fc.constant(0),
              outcomes: fc.array(outcomeArb, { minLength: 1, maxLength: 4 }),
              ttlMs: fc.option(fc.integer({ min: 1, max: 10 * DAY }), { nil: undefined }),
            }),
            { minLength: 1, maxLength: 2 },
          ),
          fc.boolean(),
          fc.array(advanceArb, { minLength: 1, maxLength: 6 }),
          async (start, specs, changeKeys, steps) => {
            const run = new WarmRun(start, 'immediate', new Set<Rule>(['keys']));
            await watchingRejections(run.unhandled, async () => {
              run.create(impl);
              for (const s of specs) await run.schedule({ ...s, keys: s.outcomes.length, ...(s.ttlMs === undefined ? {} : { ttlMs: s.ttlMs }) }, changeKeys);
              for (const ms of steps) {
                await run.advance(ms);
                if (run.unhandled.length > 0) run.trace.fail(`an unhandled rejection: ${describeError(run.unhandled[0])}; a run must catch every failure`);
              }
            });
          },
        ),
    }),
    concurrency,
    property({
      id: 'unschedule-and-close',
      statement: 'unschedule(id) stops a schedule (a run in progress finishes) and clears its timer; close() waits for the runs in progress, leaves no timer, and later schedule() calls throw',
      hint: 'unschedule: clearTimeout the schedule\'s timer and forget it (return whether it existed). close: unschedule every schedule, then await the promises of the runs still in progress; remember you are closed so schedule() throws.',
      mode: 'held',
      rules: ['timers', 'next-run'],
      initial: fc.array(specArb(frequentArb, 2), { minLength: 1, maxLength: 2 }),
      ops: fc.oneof(
        { arbitrary: advanceArb.map((ms): Op => ({ kind: 'advance', ms })), weight: 3 },
        { arbitrary: ids.map((id): Op => ({ kind: 'release', id })), weight: 1 },
        { arbitrary: fc.constantFrom('s1', 's2', 's3').map((id): Op => ({ kind: 'unschedule', id })), weight: 2 },
      ),
      close: true,
    }),
  ],
};
