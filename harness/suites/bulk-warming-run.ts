/**
 * One run of a bulk-warming property: `bulkWarm` called once on a clock and scheduler that move
 * only when the run says so, with a `loadMany` and a cache whose every answer fast-check's
 * scheduler releases in an order it chooses. The model is the list of chunks the keys make
 * (distinct keys, in first-seen order, `chunkSize` at a time) and what the run answered each
 * call with; the rules below are checked as calls come and go, and on the summary at the end.
 */
import type fc from 'fast-check';
import type { Clock, Scheduler, TimerHandle } from '../../exercises/workbook.js';
import { show } from '../grade/show.js';
import { exported, type ImplModule } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { describeError, start, unexpectedRejection, type Call } from './async-calls.js';
import { WORLD_EPOCH } from './world.js';

/** The settings a run passes to bulkWarm (ttlMs is left out when undefined). */
export interface Settings {
  chunkSize: number;
  concurrency: number;
  ratePerSecond: number;
  maxRetries: number;
  retryDelayMs: number;
  ttlMs: number | undefined;
}

/** What the grader's loadMany and cache do: the keys to warm, and the faults. */
export interface Plan {
  keys: string[];
  /** Keys loadMany has no value for. */
  absent: ReadonlySet<string>;
  /** Keys whose cache.set rejects. */
  setFails: ReadonlySet<string>;
  /** For chunk i, how many of its first attempts reject (0: none). */
  loadFails: readonly number[];
  /** The cache answers at once (true), or when the scheduler says (false). */
  cacheAtOnce: boolean;
}

/** The rules a property checks (others are not looked at, so each property fails for its own reason). */
export type Rule =
  | 'chunks' // each chunk is requested once, plus once per retry; requests and retries in the summary
  | 'concurrency' // at most `concurrency` loadMany pending
  | 'rate' // at most ratePerSecond starts in any 1000 ms
  | 'busy' // with no faults and no rate limit, `concurrency` loads are pending while chunks wait
  | 'prompt' // with loads answered at once, starts are not delayed beyond what the rate needs
  | 'backoff' // a retry waits retryDelayMs * 2^(n-1) after failure n
  | 'summary' // warmed, absent, failed and failures match the model; a failed set is not retried
  | 'progress' // onProgress after each finished chunk, counts match, the last equals the summary
  | 'elapsed' // elapsedMs on the clock
  | 'ttl'; // ttlMs passed to cache.set

/** One step the run takes between calls: let the scheduler answer one call, or move the clock. */
export type Action = { kind: 'answer' } | { kind: 'advance'; ms: number };

/** A loadMany call the implementation made. */
interface Load {
  readonly keys: readonly string[];
  readonly chunk: Chunk | undefined;
  /** 1 for the first call of its chunk. */
  readonly attempt: number;
  /** When it started, relative to the start of the run. */
  readonly at: number;
  readonly step: number;
  state: 'pending' | 'resolved' | 'rejected';
  error?: unknown;
  settledAt?: number;
}

/** A chunk of the model: its keys and what happened to it. */
interface Chunk {
  readonly index: number;
  readonly keys: readonly string[];
  readonly loads: Load[];
  /** The values of the attempt that came back. */
  values?: ReadonlyMap<string, string>;
  /** Each key's cache.set calls, and their outcomes once answered. */
  readonly sets: Map<string, { step: number; outcome?: 'ok' | { error: unknown } }[]>;
}

type Counts = { warmed: number; absent: number; failed: number };
type Progress = { total: number; done: number; warmed: number; absent: number; failed: number };

/** A clock and a scheduler that move only when the run moves them. */
class Time implements Clock, Scheduler {
  #now = WORLD_EPOCH;
  #id = 0;
  readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    this.timers.set(++this.#id, { at: this.#now + delay, callback });
    return this.#id;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** The earliest timer, if any. */
  next(): { id: number; at: number; callback: () => void } | undefined {
    let best: { id: number; at: number; callback: () => void } | undefined;
    for (const [id, t] of this.timers) if (best === undefined || t.at < best.at) best = { id, ...t };
    return best;
  }

  set(now: number): void {
    this.#now = Math.max(this.#now, now);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The value the grader's loadMany returns for a key. */
export const valueOf = (key: string): string => `V${key}`;

/** An entry the grader's loadMany returns though nobody asked for it: it must be ignored. */
const STRAY = 'zz';

type BulkWarm = (keys: unknown, options: unknown) => PromiseLike<unknown>;

/** A run: start it, apply actions, then finish. */
export class BulkWarmRun {
  readonly trace = new Trace();
  readonly time = new Time();
  readonly chunks: Chunk[];
  readonly unique: string[];
  readonly loads: Load[] = [];
  readonly progress: { value: Progress; step: number }[] = [];
  call!: Call;
  #startedAt = 0;
  #violation: string | undefined;
  #violationAt = 0;
  /** When the call settled, on the clock (relative). */
  #resolvedAt = 0;

  constructor(
    readonly settings: Settings,
    readonly plan: Plan,
    readonly rules: ReadonlySet<Rule>,
    public s: fc.Scheduler,
  ) {
    this.unique = [...new Set(plan.keys)];
    this.chunks = [];
    for (let i = 0; i < this.unique.length; i += settings.chunkSize) {
      this.chunks.push({ index: this.chunks.length, keys: this.unique.slice(i, i + settings.chunkSize), loads: [], sets: new Map() });
    }
  }

  /** The time since the run started. */
  get now(): number {
    return this.time.now() - WORLD_EPOCH;
  }

  /** Calls bulkWarm. */
  begin(impl: ImplModule): void {
    const { ttlMs, ...rest } = this.settings;
    const given = { ...rest, ...(ttlMs === undefined ? {} : { ttlMs }) };
    const opts = Object.entries(given).map(([k, v]) => `${k}: ${show(v)}`).join(', ');
    const label = `bulkWarm(${show(this.plan.keys)}, { cache, loadMany, clock, scheduler, onProgress, ${opts} }) at t=0`;
    const faults: string[] = [];
    for (const chunk of this.chunks) {
      const n = this.plan.loadFails[chunk.index] ?? 0;
      if (n > 0) faults.push(`loadMany(${show(chunk.keys)}) rejects ${n > this.settings.maxRetries ? 'every time' : n === 1 ? 'the first time' : `the first ${n} times`}`);
    }
    const absent = this.unique.filter((k) => this.plan.absent.has(k));
    if (absent.length > 0) faults.push(`loadMany has no value for ${absent.map((k) => show(k)).join(', ')}`);
    const setFails = this.unique.filter((k) => this.plan.setFails.has(k) && !this.plan.absent.has(k));
    if (setFails.length > 0) faults.push(`cache.set rejects for ${setFails.map((k) => show(k)).join(', ')}`);
    if (faults.length > 0) this.trace.add(`(in this run: ${faults.join('; ')})`);
    const fn = exported<BulkWarm>(impl, 'bulkWarm');
    const options = {
      cache: {
        get: () => Promise.resolve(undefined),
        set: (key: string, value: string, ttlMs?: number) => this.#set(key, value, ttlMs),
        delete: () => Promise.resolve(),
      },
      loadMany: (keys: readonly string[]) => this.#loadMany(keys),
      clock: this.time,
      scheduler: this.time,
      onProgress: (p: Progress) => this.#progress(p),
      ...given,
    };
    this.#startedAt = this.now;
    this.call = start(this.trace, label, () => fn(this.plan.keys, options), () => (this.#resolvedAt = this.now));
  }

  /** Lets the call's first promise chains run at t=0. */
  async started(): Promise<void> {
    await this.quiesce();
  }

  /** Applies one action and checks what it can. */
  async apply(action: Action): Promise<void> {
    if (action.kind === 'answer') {
      if (this.s.count() === 0) return;
      await this.s.waitOne();
    } else {
      this.trace.add(`(clock +${action.ms} ms → t=${this.now + action.ms})`);
      await this.#advanceTo(this.time.now() + action.ms);
    }
    await this.quiesce();
  }

  /** Lets every promise chain and every timer due now run, then checks the rules that hold at rest. */
  async quiesce(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await tick();
      const next = this.time.next();
      if (next === undefined || next.at > this.time.now()) break;
      this.#fire(next);
    }
    this.#check();
    if (this.rules.has('busy') && this.call.state === 'pending') {
      const pending = this.loads.filter((l) => l.state === 'pending').length;
      const waiting = this.chunks.filter((c) => c.loads.length === 0);
      if (pending < this.settings.concurrency && waiting.length > 0) {
        this.trace.steps.push({ call: `(everything has settled at t=${this.now})` });
        this.trace.fail(
          `${pending} loadMany call(s) pending, concurrency is ${this.settings.concurrency}, and ${waiting.length} chunk(s) wait to start (next: ${show(waiting[0]!.keys)}): ` +
            'start another chunk as soon as a slot is free',
        );
      }
    }
  }

  /** Answers every call and fires timers until bulkWarm settles, then checks the end state. */
  async finish(): Promise<void> {
    await this.quiesce();
    for (let i = 0; i < 3000 && !(this.call.state !== 'pending' && this.s.count() === 0); i++) {
      if (this.s.count() > 0) {
        await this.s.waitOne();
      } else {
        const next = this.time.next();
        if (next === undefined) break;
        this.trace.add(`(clock → t=${next.at - WORLD_EPOCH}: the next timer fires)`);
        await this.#advanceTo(next.at);
      }
      await this.quiesce();
    }
    if (this.call.state === 'pending') {
      this.trace.steps.push({ call: `${this.call.label.replace(/\(.*/s, '(…)')} (step ${this.call.step})` });
      this.trace.fail('never settled, though every loadMany and cache call has been answered and no timer is left (a real setTimeout or sleep? a slot never freed?)');
    }
    if (this.call.state === 'rejected') unexpectedRejection(this.trace, this.call, 'load and cache errors must not reject bulkWarm: they make keys failed, listed in the summary');
    this.#checkEnd(this.call.value);
  }

  async #advanceTo(target: number): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const next = this.time.next();
      if (next === undefined || next.at > target) break;
      this.#fire(next);
      await tick();
    }
    this.time.set(target);
  }

  #fire(timer: { id: number; at: number; callback: () => void }): void {
    this.time.timers.delete(timer.id);
    this.time.set(timer.at);
    this.trace.run(() => timer.callback(), 'a timer callback');
  }

  /** Throws the first broken rule (recorded while the implementation was running). */
  #check(): void {
    if (this.#violation === undefined) return;
    // The trace ends at the call that broke the rule.
    this.trace.steps.length = this.#violationAt;
    this.trace.fail(this.#violation);
  }

  #violate(message: string): void {
    if (this.#violation !== undefined) return;
    this.#violation = message;
    this.#violationAt = this.trace.steps.length;
  }

  #loadMany(keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const copy = Array.isArray(keys) ? [...(keys as unknown[])] : [];
    const label = `loadMany(${Array.isArray(keys) ? show(copy) : show(keys)})`;
    const chunk = this.chunks.find((c) => c.keys.length === copy.length && c.keys.every((k, i) => k === copy[i]));
    const load: Load = { keys: copy as string[], chunk, attempt: (chunk?.loads.length ?? 0) + 1, at: this.now, step: this.trace.current + 1, state: 'pending' };
    const pendingBefore = this.loads.filter((l) => l.state === 'pending');
    this.loads.push(load);
    chunk?.loads.push(load);
    this.trace.steps.push({ call: `  ${label} … (t=${this.now})` });
    this.#checkStart(load, pendingBefore);
    return this.s.schedule(Promise.resolve(), label).then(() => {
      load.settledAt = this.now;
      const fails = chunk !== undefined && load.attempt <= (this.plan.loadFails[chunk.index] ?? 0);
      if (fails) {
        const error = new Error(`loadMany failed (attempt ${load.attempt} of ${show(copy)})`);
        load.state = 'rejected';
        load.error = error;
        this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(error)}` });
        throw error;
      }
      const values = new Map<string, string>();
      for (const key of copy) if (typeof key === 'string' && !this.plan.absent.has(key)) values.set(key, valueOf(key));
      values.set(STRAY, 'stray');
      load.state = 'resolved';
      if (chunk !== undefined) chunk.values = values;
      this.trace.steps.push({ call: `  ${label}`, result: `Map { ${[...values].map(([k, v]) => `${show(k)} => ${show(v)}`).join(', ')} }` });
      return values;
    });
  }

  /** Checks a loadMany call as it starts. */
  #checkStart(load: Load, pendingBefore: readonly Load[]): void {
    const { concurrency, ratePerSecond, maxRetries, retryDelayMs } = this.settings;
    const { chunk } = load;
    if (chunk === undefined) {
      const expected = this.chunks.map((c) => show(c.keys)).join(', ');
      return this.#violate(`loadMany was called with ${show(load.keys)}, which is not one of the chunks: distinct keys in first-seen order, ${this.settings.chunkSize} at a time, make ${expected || 'no chunk'}`);
    }
    const previous = chunk.loads[chunk.loads.length - 2];
    if (this.rules.has('chunks') && previous !== undefined) {
      if (previous.state === 'resolved') return this.#violate(`${show(chunk.keys)} was requested again, though its loadMany came back at step ${this.#settledStep(previous)}: each chunk is requested once, plus once per retry after a failure`);
      if (previous.state === 'pending') return this.#violate(`${show(chunk.keys)} was requested again while its loadMany (t=${previous.at}) was still pending: retry a chunk only after it failed`);
      if (load.attempt > 1 + maxRetries) return this.#violate(`attempt ${load.attempt} of ${show(chunk.keys)}: after 1 + maxRetries = ${1 + maxRetries} failed attempts its keys fail, it is not tried again`);
    }
    if (this.rules.has('backoff') && previous !== undefined && previous.state === 'rejected') {
      const n = load.attempt - 1;
      const due = previous.settledAt! + retryDelayMs * 2 ** (n - 1);
      if (load.at < due) {
        return this.#violate(
          `attempt ${load.attempt} of ${show(chunk.keys)} started at t=${load.at}, but attempt ${n} failed at t=${previous.settledAt}: wait retryDelayMs × 2^${n - 1} = ${retryDelayMs * 2 ** (n - 1)} ms, until t=${due}`,
        );
      }
    }
    if (this.rules.has('concurrency') && pendingBefore.length >= concurrency) {
      return this.#violate(`loadMany started while ${pendingBefore.length} were pending (${pendingBefore.map((l) => show(l.keys)).join(', ')}): concurrency is ${concurrency}`);
    }
    if (this.rules.has('rate') && ratePerSecond !== Infinity) {
      // Starts in (now - 1000, now]: every window [T, T + 1000) that holds this start.
      const recent = this.loads.filter((l) => l.at > load.at - 1000 + 1e-6);
      if (recent.length > ratePerSecond) {
        return this.#violate(
          `${recent.length} loadMany calls started within 1000 ms (at ${recent.map((l) => `t=${l.at}`).join(', ')}): ratePerSecond is ${ratePerSecond}, in ANY window of 1000 ms`,
        );
      }
    }
  }

  #settledStep(load: Load): number {
    const i = this.trace.steps.findIndex((s, j) => j >= load.step && s.call === `  loadMany(${show(load.keys)})`);
    return i + 1;
  }

  #set(key: string, value: string, ttlMs: number | undefined): Promise<void> {
    const label = `cache.set(${show(key)}, ${show(value)}${ttlMs === undefined ? '' : `, ${show(ttlMs)}`})`;
    this.trace.steps.push({ call: `  ${label} …` });
    const chunk = this.chunks.find((c) => c.keys.includes(key));
    const record: { step: number; outcome?: 'ok' | { error: unknown } } = { step: this.trace.current };
    if (chunk === undefined || chunk.values === undefined || !chunk.values.has(key)) {
      if (this.rules.has('summary')) {
        this.#violate(
          key === STRAY
            ? `cache.set(${show(key)}) was called, but ${show(key)} was not asked for: ignore map entries for keys not in the chunk`
            : `cache.set(${show(key)}) was called, but loadMany returned no value for it: it is absent`,
        );
      }
    } else {
      const list = chunk.sets.get(key) ?? [];
      if (this.rules.has('summary') && list.length > 0) this.#violate(`cache.set(${show(key)}) was called again (first at step ${list[0]!.step}): each key is set once, and a failed set is not retried`);
      if (this.rules.has('summary') && value !== chunk.values.get(key)) this.#violate(`cache.set(${show(key)}, ${show(value)}): loadMany returned ${show(chunk.values.get(key))}`);
      list.push(record);
      chunk.sets.set(key, list);
    }
    if (this.rules.has('ttl')) {
      const expected = this.settings.ttlMs;
      const ok = expected === undefined ? ttlMs === undefined || ttlMs === Infinity : ttlMs === expected;
      if (!ok) this.#violate(`${label}: pass ttlMs (${expected === undefined ? 'default Infinity' : show(expected)}) to every cache.set`);
    }
    const answer = (): void => {
      if (this.plan.setFails.has(key)) {
        const error = new Error(`cache.set(${show(key)}) failed`);
        record.outcome = { error };
        this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(error)}` });
        throw error;
      }
      record.outcome = 'ok';
      this.trace.steps.push({ call: `  ${label}`, result: 'ok' });
    };
    if (this.plan.cacheAtOnce) {
      try {
        answer();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.s.schedule(Promise.resolve(), label).then(answer);
  }

  /** The counts of a chunk that is finished, or undefined while it is not. */
  #finished(chunk: Chunk): (Counts & { failures: { key: string; error: unknown }[] }) | undefined {
    const last = chunk.loads.at(-1);
    if (last === undefined) return undefined;
    const failures: { key: string; error: unknown }[] = [];
    if (last.state === 'rejected' && chunk.loads.length >= 1 + this.settings.maxRetries) {
      for (const key of chunk.keys) failures.push({ key, error: last.error });
      return { warmed: 0, absent: 0, failed: chunk.keys.length, failures };
    }
    if (last.state !== 'resolved' || chunk.values === undefined) return undefined;
    const counts = { warmed: 0, absent: 0, failed: 0, failures };
    for (const key of chunk.keys) {
      if (!chunk.values.has(key)) {
        counts.absent++;
        continue;
      }
      const outcome = chunk.sets.get(key)?.[0]?.outcome;
      if (outcome === undefined) return undefined;
      if (outcome === 'ok') counts.warmed++;
      else {
        counts.failed++;
        failures.push({ key, error: outcome.error });
      }
    }
    return counts;
  }

  #progress(p: Progress): void {
    const value = p !== null && typeof p === 'object' ? { total: p.total, done: p.done, warmed: p.warmed, absent: p.absent, failed: p.failed } : (p as unknown as Progress);
    this.trace.steps.push({ call: `  onProgress(${show(value)})` });
    this.progress.push({ value, step: this.trace.current });
    if (!this.rules.has('progress')) return;
    const previous = this.progress.at(-2)?.value ?? { total: this.unique.length, done: 0, warmed: 0, absent: 0, failed: 0 };
    if (value === null || typeof value !== 'object') return this.#violate(`onProgress was called with ${show(value)}: pass { total, done, warmed, absent, failed }`);
    if (value.total !== this.unique.length) return this.#violate(`progress.total is ${show(value.total)}: there are ${this.unique.length} distinct keys`);
    if (value.done !== value.warmed + value.absent + value.failed) return this.#violate(`progress.done is ${show(value.done)}, but warmed + absent + failed is ${value.warmed + value.absent + value.failed}`);
    if ((['warmed', 'absent', 'failed'] as const).some((f) => value[f] < previous[f])) return this.#violate(`progress went back: ${show(previous)} before, ${show(value)} now`);
    // What has happened so far, as the grader answered it: nothing may be counted before it happened.
    const finished = this.chunks.map((c) => this.#finished(c)).filter((c) => c !== undefined);
    const known = { warmed: 0, absent: 0, failed: 0 };
    for (const chunk of this.chunks) {
      const last = chunk.loads.at(-1);
      if (last?.state === 'rejected' && chunk.loads.length >= 1 + this.settings.maxRetries) known.failed += chunk.keys.length;
      if (last?.state !== 'resolved' || chunk.values === undefined) continue;
      for (const key of chunk.keys) {
        const outcome = chunk.sets.get(key)?.[0]?.outcome;
        if (!chunk.values.has(key)) known.absent++;
        else if (outcome === 'ok') known.warmed++;
        else if (outcome !== undefined) known.failed++;
      }
    }
    const calls = this.progress.length;
    if (finished.length < calls) {
      return this.#violate(
        `onProgress call ${calls}, but only ${finished.length} chunk(s) have finished: call it after a chunk is finished (its loadMany came back and every cache.set of it has settled, or its last attempt failed)`,
      );
    }
    const early = (['warmed', 'absent', 'failed'] as const).find((f) => value[f] > known[f]);
    if (early !== undefined) {
      return this.#violate(`progress.${early} is ${value[early]}, but only ${known[early]} key(s) are ${early} so far: count a key once its outcome is known (a cache.set counts when it has settled)`);
    }
    const least = finished.map((c) => c!.warmed + c!.absent + c!.failed).sort((x, y) => x - y).slice(0, calls).reduce((x, y) => x + y, 0);
    if (value.done < least) return this.#violate(`progress.done is ${value.done} at onProgress call ${calls}: ${calls} finished chunk(s) hold at least ${least} keys, all counted by now`);
  }

  /** Checks the summary bulkWarm resolved with. */
  #checkEnd(summary: unknown): void {
    this.#check();
    const fail = (message: string): never => {
      this.trace.steps.push({ call: `(bulkWarm resolved at step ${this.call.settledAt})` });
      return this.trace.fail(message);
    };
    if (summary === null || typeof summary !== 'object') return fail(`expected a summary object, got ${show(summary)}`);
    const sum = summary as Record<string, unknown>;
    const { maxRetries } = this.settings;
    if (this.rules.has('chunks')) {
      for (const chunk of this.chunks) {
        const last = chunk.loads.at(-1);
        if (last === undefined) return fail(`${show(chunk.keys)} was never requested: every key is warmed`);
        if (last.state === 'rejected' && chunk.loads.length < 1 + maxRetries) {
          return fail(`${show(chunk.keys)} failed ${chunk.loads.length} time(s) and was not tried again: retry up to maxRetries (${maxRetries}) times`);
        }
      }
      const requests = this.loads.length;
      if (sum.requests !== requests) return fail(`summary.requests is ${show(sum.requests)}, but loadMany was called ${requests} time(s)`);
      const retries = requests - this.chunks.length;
      if (sum.retries !== retries) return fail(`summary.retries is ${show(sum.retries)}, but ${retries} of the ${requests} loadMany calls were retries`);
    }
    if (this.rules.has('summary') || this.rules.has('progress')) {
      const expected = { warmed: 0, absent: 0, failed: 0, failures: [] as { key: string; error: unknown }[] };
      for (const chunk of this.chunks) {
        const counts = this.#finished(chunk);
        if (counts === undefined) {
          const missing = chunk.keys.find((k) => chunk.values?.has(k) && !chunk.sets.has(k));
          return fail(missing !== undefined ? `cache.set(${show(missing)}, ${show(valueOf(missing))}) was never called: loadMany returned a value for it` : `${show(chunk.keys)} never finished`);
        }
        expected.warmed += counts.warmed;
        expected.absent += counts.absent;
        expected.failed += counts.failed;
        expected.failures.push(...counts.failures);
      }
      if (this.rules.has('summary')) {
        const why = { warmed: 'keys whose cache.set succeeded', absent: 'keys loadMany had no value for', failed: 'keys whose chunk failed every attempt or whose cache.set failed' } as const;
        if (sum.total !== this.unique.length) return fail(`summary.total is ${show(sum.total)}: there are ${this.unique.length} distinct keys`);
        for (const field of ['warmed', 'absent', 'failed'] as const) {
          if (sum[field] !== expected[field]) return fail(`summary.${field}: expected ${expected[field]} (${why[field]}), got ${show(sum[field])}`);
        }
        const failures = sum.failures;
        if (!Array.isArray(failures)) return fail(`summary.failures: expected an array of { key, error }, got ${show(failures)}`);
        const got = failures.map((f: unknown) => (f !== null && typeof f === 'object' ? (f as { key?: unknown }).key : f));
        const want = expected.failures.map((f) => f.key);
        if (!sameKeys(got, want)) return fail(`summary.failures lists ${show(got)}: expected the failed keys ${show(want)}, in any order`);
        for (const f of expected.failures) {
          const entry = failures.find((x: unknown) => (x as { key?: unknown } | null)?.key === f.key) as { error?: unknown };
          if (entry.error !== f.error) return fail(`summary.failures: ${show(f.key)} failed with ${describeError(f.error)}, got ${entry.error === undefined ? 'no error' : describeError(entry.error)} (for a chunk: the error of its last attempt)`);
        }
      }
      if (this.rules.has('progress')) {
        if (this.progress.length !== this.chunks.length) return fail(`onProgress was called ${this.progress.length} time(s); expected once per chunk (${this.chunks.length})`);
        const last = this.progress.at(-1)?.value;
        if (last !== undefined) {
          const total = this.unique.length;
          const want = { total, done: total, warmed: expected.warmed, absent: expected.absent, failed: expected.failed };
          if (!(['total', 'done', 'warmed', 'absent', 'failed'] as const).every((f) => last[f] === want[f])) return fail(`the last onProgress got ${show(last)}; expected ${show(want)}`);
        }
      }
    }
    if (this.rules.has('elapsed')) {
      const elapsed = this.#resolvedAt - this.#startedAt;
      if (sum.elapsedMs !== elapsed) return fail(`summary.elapsedMs: expected ${elapsed} (called at t=${this.#startedAt}, resolved at t=${this.#resolvedAt}, on the clock you were given), got ${show(sum.elapsedMs)}`);
    }
    if (this.rules.has('prompt')) {
      const r = this.settings.ratePerSecond;
      const starts = this.loads.map((l) => l.at).sort((a, b) => a - b);
      for (let k = 0; k < starts.length; k++) {
        const by = (Math.floor(k / r) + 1) * 1000;
        if (starts[k]! - this.#startedAt > by) {
          return fail(
            `loadMany call ${k + 1} started at t=${starts[k]}; with every request answered at once and ratePerSecond ${r}, it could have started by t=${by} ` +
              `(${r} may start in each 1000 ms): do not wait longer than the rate needs`,
          );
        }
      }
    }
  }

}

function sameKeys(a: readonly unknown[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...a].map(String).sort();
  const other = [...b].sort();
  return sorted.every((x, i) => x === other[i]);
}
