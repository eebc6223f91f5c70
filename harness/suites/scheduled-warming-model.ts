/**
 * The grader's own model of cron, for the subset of the syntax it generates ('*', numbers,
 * lists, ranges and steps, in the five UTC fields), and its own clock and scheduler.
 *
 * The model never parses: an expression is generated as the sets of values each field allows,
 * and its text is written from the same parts. A time matches when its minute, hour and month
 * are allowed and its day is: day-of-month AND day-of-week when one of them is '*', else
 * day-of-month OR day-of-week (Vixie cron's rule).
 *
 * @module
 */
import fc from 'fast-check';
import type { Clock, Scheduler, TimerHandle } from '../../exercises/workbook.js';

/** The longest delay Node's setTimeout honours; a longer one fires at once. */
export const MAX_DELAY = 2 ** 31 - 1;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** One field of a generated expression: its text and the values it allows. */
export interface Field {
  readonly text: string;
  readonly values: ReadonlySet<number>;
  /** The field is exactly '*'. */
  readonly star: boolean;
}

/** A generated cron expression. */
export interface Expr {
  readonly text: string;
  readonly minute: Field;
  readonly hour: Field;
  readonly dom: Field;
  readonly month: Field;
  readonly dow: Field;
}

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

function field(text: string, values: Iterable<number>, star = false): Field {
  return { text, values: new Set(values), star };
}

/** '*' in a field of values min..max. */
function star(min: number, max: number): Field {
  return field('*', range(min, max), true);
}

/** One item of a list: a number, a range `a-b` or a stepped range `a-b/s`. */
function itemArb(min: number, max: number): fc.Arbitrary<{ text: string; values: number[] }> {
  const value = fc.integer({ min, max });
  return fc.oneof(
    value.map((v) => ({ text: String(v), values: [v] })),
    fc.tuple(value, value).map(([a, b]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return { text: lo === hi ? String(lo) : `${lo}-${hi}`, values: range(lo, hi) };
    }),
    fc.tuple(value, value, fc.integer({ min: 2, max: 5 })).map(([a, b, s]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return { text: lo === hi ? String(lo) : `${lo}-${hi}/${s}`, values: range(lo, hi, s) };
    }),
  );
}

function listArb(min: number, max: number, maxItems: number): fc.Arbitrary<Field> {
  return fc.array(itemArb(min, max), { minLength: 1, maxLength: maxItems }).map((items) =>
    field(
      items.map((i) => i.text).join(','),
      items.flatMap((i) => i.values),
    ),
  );
}

/** `*` / `* /s` (no space) / a list, for a field of values min..max. */
function fieldArb(min: number, max: number, steps: readonly number[], maxItems: number, starWeight: number): fc.Arbitrary<Field> {
  return fc.oneof(
    { arbitrary: fc.constant(star(min, max)), weight: starWeight },
    { arbitrary: fc.constantFrom(...steps).map((s) => field(`*/${s}`, range(min, max, s))), weight: 2 },
    { arbitrary: listArb(min, max, maxItems), weight: 3 },
  );
}

/**
 * Expressions that fire often enough to be seen within a few days: minutes and hours of any
 * shape, days of the month and of the week as '*' or lists (never `*\/s`, whose reading differs
 * between cron implementations when the other day field is restricted), months as '*'.
 */
export const exprArb: fc.Arbitrary<Expr> = fc
  .record({
    minute: fieldArb(0, 59, [5, 15, 20, 30], 3, 1),
    hour: fieldArb(0, 23, [2, 3, 6, 8], 3, 2),
    dom: fc.oneof({ arbitrary: fc.constant(star(1, 31)), weight: 3 }, { arbitrary: listArb(1, 31, 3), weight: 1 }),
    dow: fc.oneof({ arbitrary: fc.constant(star(0, 6)), weight: 2 }, { arbitrary: listArb(0, 6, 2), weight: 2 }),
  })
  .map((f) => make(f.minute, f.hour, f.dom, star(1, 12), f.dow));

/** An expression from its fields. */
export function make(minute: Field, hour: Field, dom: Field, month: Field, dow: Field): Expr {
  return { text: [minute, hour, dom, month, dow].map((f) => f.text).join(' '), minute, hour, dom, month, dow };
}

/** A field of single numbers, written as a list. */
export function values(...vs: number[]): Field {
  return field(vs.join(','), vs);
}

/** Rare expressions, whose next run is often more than 2^31 − 1 ms (24.8 days) away. */
export const rareExprArb: fc.Arbitrary<Expr> = fc.oneof(
  fc.constant(make(values(0), values(0), values(1), values(1), star(0, 6))), // 0 0 1 1 *: yearly
  fc.constant(make(values(30), values(6), values(29), values(2), star(0, 6))), // 30 6 29 2 *: leap days only
  fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 })).map(([m, h, d, mo]) =>
    make(values(m), values(h), values(d), values(mo), star(0, 6)),
  ),
  fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 6 })).map(([d, mo]) => make(values(0), values(12), values(d), values(mo, mo + 6), star(0, 6))),
);

/** Whether `expr` fires at the minute starting at `t` (a multiple of a minute). */
export function matches(expr: Expr, t: number): boolean {
  const d = new Date(t);
  return expr.minute.values.has(d.getUTCMinutes()) && expr.hour.values.has(d.getUTCHours()) && matchesDay(expr, t);
}

/** Whether `expr` fires on the UTC day of `t`. */
export function matchesDay(expr: Expr, t: number): boolean {
  const d = new Date(t);
  if (!expr.month.values.has(d.getUTCMonth() + 1)) return false;
  const dom = expr.dom.values.has(d.getUTCDate());
  const dow = expr.dow.values.has(d.getUTCDay());
  return expr.dom.star || expr.dow.star ? dom && dow : dom || dow;
}

/** The first time strictly after `after` at which `expr` fires (within ten years), else undefined. */
export function nextMatch(expr: Expr, after: number): number | undefined {
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const limit = after + 3653 * DAY;
  while (t < limit) {
    if (!matchesDay(expr, t)) {
      t = Math.floor(t / DAY) * DAY + DAY; // the next day, 00:00
      continue;
    }
    if (!expr.hour.values.has(new Date(t).getUTCHours())) {
      t = Math.floor(t / HOUR) * HOUR + HOUR; // the next hour, :00
      continue;
    }
    if (matches(expr, t)) return t;
    t += MINUTE;
  }
  return undefined;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A time as the trace shows it: `Mon 2030-01-07 09:00 UTC`, with seconds and ms when not zero. */
export function at(t: number | undefined): string {
  if (t === undefined) return 'undefined';
  if (!Number.isFinite(t)) return String(t);
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const iso = d.toISOString(); // 2030-01-07T09:00:05.250Z
  let text = `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  if (d.getUTCSeconds() !== 0 || d.getUTCMilliseconds() !== 0) text += `:${iso.slice(17, 19)}`;
  if (d.getUTCMilliseconds() !== 0) text += `.${iso.slice(20, 23)}`;
  return `${DAYS[d.getUTCDay()]!} ${text}`;
}

/** A duration as the trace shows it: `2h 5m`, `3d 4h`, `250ms`. */
export function duration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', DAY],
    ['h', 3_600_000],
    ['m', MINUTE],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.length === 0 ? '0ms' : parts.join(' ');
}

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * The grader's clock and scheduler. Time moves only when told; timers fire at their time, one at
 * a time, and everything the callback starts settles before the next one fires. Like Node, a
 * delay over 2^31 − 1 ms fires at once, and this scheduler records it as a violation.
 */
export class WarmTime implements Clock, Scheduler {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();
  /** The first rule the implementation broke with a timer, if any. */
  violation: string | undefined;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    if (typeof callback !== 'function') throw new TypeError('setTimeout: callback must be a function');
    if (delayMs > MAX_DELAY) {
      this.violation ??=
        `scheduler.setTimeout(…, ${delayMs}) was called at ${at(this.#now)}: a delay over 2^31 − 1 ms (about 24.8 days) fires AT ONCE in Node. ` +
        'Wait in steps of at most 2^31 − 1 ms and check the clock when the timer fires';
    }
    // Node's rule: a delay below 1 ms, over the maximum or not a number is 1 ms.
    const delay = delayMs >= 1 && delayMs <= MAX_DELAY ? delayMs : 1;
    const timer = { id: this.#nextId++, at: this.#now + delay, callback };
    this.#timers.set(timer.id, timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** How many timers wait to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** When the next timer fires, or undefined. */
  nextAt(): number | undefined {
    return this.#next()?.at;
  }

  /** Moves the clock to `target`, firing each timer due by then at its own time (at most `limit`). */
  async advanceTo(target: number, limit = 10_000): Promise<void> {
    for (let t = this.#next(), n = 0; t !== undefined && t.at <= target && n < limit; t = this.#next(), n++) {
      this.#timers.delete(t.id);
      this.#now = Math.max(this.#now, t.at);
      t.callback();
      await settleMicrotasks();
    }
    this.#now = Math.max(this.#now, target);
  }

  /**
   * The event loop was blocked: the clock jumps to `target` with no timer firing, then every
   * timer due by then fires, late, at `target` (each once; those they set fire later).
   */
  async jumpTo(target: number): Promise<void> {
    this.#now = Math.max(this.#now, target);
    const due = [...this.#timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id);
    for (const t of due) {
      if (!this.#timers.delete(t.id)) continue; // cancelled by an earlier callback
      t.callback();
      await settleMicrotasks();
    }
  }

  #next(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers.values()) if (best === undefined || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }
}

/** Lets every promise chain that needs no timer run to its end. */
export async function settleMicrotasks(): Promise<void> {
  // A macrotask runs only once every pending microtask (promise reaction) has run.
  await new Promise<void>((resolve) => setImmediate(resolve));
}
