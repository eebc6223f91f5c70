/**
 * One run of a write-behind property: the instance under test in a scheduled world (the cache
 * applies calls as they are made; the database when the scheduler answers), a model of every
 * write the learner's code was asked to make, and the rules checked as batches come and go.
 */
import type fc from 'fast-check';
import type { FailedWrite, Write } from '../../exercises/workbook.js';
import { show } from '../grade/show.js';
import { exported, type ImplModule } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { describeError, expectSettled, settle, start, unexpectedRejection, type Call } from './async-calls.js';
import { describeWrite, World, WORLD_EPOCH, type FaultPlan } from './world.js';

/** The settings a run gives the constructor. */
export interface Settings {
  batchSize: number;
  flushIntervalMs: number;
  maxRetries: number;
  retryDelayMs: number;
  maxPending: number;
}

/** The rules a property checks (others are not looked at, so each property fails for its own reason). */
export type Rule =
  | 'latest-wins' // every write in a batch is the latest write of its key, not yet written
  | 'batches' // batches of at most batchSize, one write per key, one at a time, only writeBatch
  | 'reads' // get returns the latest write
  | 'interval' // a write is in the database flushIntervalMs after it was made
  | 'full-batch' // fewer than batchSize writes wait once everything settled
  | 'backoff' // a retry waits its delay, only failed writes are retried
  | 'dead-letters' // dead letters only after 1 + maxRetries failures, with the last error
  | 'pending' // pending counts the keys not yet written
  | 'room' // pending never exceeds maxPending
  | 'cache-errors'; // every cache error is reported to onCacheError

/** One step of a generated run. */
export type Op =
  | { kind: 'set' | 'delete' | 'get' | 'evict'; key: string }
  | { kind: 'burst' }
  | { kind: 'advance'; ms: number }
  | { kind: 'flush' };

interface Made {
  /** Numbered from 1 in the order the calls were made. */
  id: number;
  write: Write<string>;
  /** When it was made, on the world's clock. */
  at: number;
  call: Call;
  failures: number;
  lastError?: unknown;
  lastFailedAt?: number;
}

type WriteBehindLike = {
  readonly pending: number;
  get(key: string): PromiseLike<unknown>;
  set(key: string, value: string): PromiseLike<unknown>;
  delete(key: string): PromiseLike<unknown>;
  flush(): PromiseLike<unknown>;
  close(): PromiseLike<unknown>;
};
type WriteBehindClass = new (options: Record<string, unknown>) => WriteBehindLike;

/** The initial rows of the database. */
const ROWS: Readonly<Record<string, string>> = { a: 'a0' };

/** The keys a run writes; a burst writes each of them at once. */
export const KEYS = ['a', 'b', 'c', 'd'] as const;

/** A run: create it, apply ops, then finish. */
export class WriteBehindRun {
  readonly trace = new Trace();
  readonly world: World;
  instance!: WriteBehindLike;
  /** The latest write made of each key. */
  readonly latest = new Map<string, Made>();
  /** The id of the last write of each key that reached the database. */
  readonly written = new Map<string, number>();
  readonly deadLetters = new Set<number>();
  readonly calls: Call[] = [];
  readonly reported: unknown[] = [];
  #ids = 0;
  #inFlight = 0;
  #violation: string | undefined;

  constructor(
    readonly settings: Settings,
    readonly rules: ReadonlySet<Rule>,
    s: fc.Scheduler,
    plan: FaultPlan,
  ) {
    this.world = new World(s, this.trace, plan, 'at-call');
    this.world.batches = { sent: (writes) => this.#sent(writes), answered: (writes, failed) => this.#answered(writes, failed) };
  }

  /** The time since the run started, as the trace shows it. */
  get now(): number {
    return this.world.time.now() - WORLD_EPOCH;
  }

  create(impl: ImplModule): void {
    for (const [key, value] of Object.entries(ROWS)) void this.world.rows.set(key, value);
    const opts = Object.entries(this.settings).map(([k, v]) => `${k}: ${show(v)}`).join(', ');
    this.trace.add(`new WriteBehind({ cache, db, scheduler, onDeadLetter, ${opts} }) with database a="a0", at t=0`);
    const cls = exported<WriteBehindClass>(impl, 'WriteBehind');
    this.instance = this.trace.run(
      () =>
        new cls({
          cache: this.world.cache,
          db: this.world.db,
          scheduler: this.world.time,
          onDeadLetter: (write: Write<string>, error: unknown) => this.#deadLetter(write, error),
          onCacheError: (error: unknown) => this.reported.push(error),
          ...this.settings,
        }),
    );
  }

  /** Applies one op (with the scheduler that answers its calls) and checks what it can. */
  async apply(op: Op, s: fc.Scheduler): Promise<void> {
    this.world.s = s;
    switch (op.kind) {
      case 'set':
      case 'delete':
        this.#write(op.kind, op.key);
        await this.#settle();
        break;
      case 'burst':
        this.trace.add(`(${KEYS.length} writes at once)`);
        for (const key of KEYS) this.#write('set', key);
        await this.#settle();
        break;
      case 'get':
        await this.#get(op.key);
        break;
      case 'evict':
        this.trace.add(`(the cache loses ${show(op.key)}: evicted or expired)`);
        await this.world.store.delete(op.key);
        break;
      case 'advance':
        this.trace.add(`(clock +${op.ms} ms → t=${this.now + op.ms})`);
        this.world.time.advance(op.ms);
        await this.#settle();
        break;
      case 'flush':
        await this.#flush('flush');
        break;
    }
  }

  /** Lets every made call settle (firing timers as needed), then closes, and checks the end state. */
  async finish(): Promise<void> {
    for (let i = 0; i < 200 && this.calls.some((c) => c.state === 'pending'); i++) await this.#nextTimer();
    expectSettled(this.trace, this.calls);
    await this.#flush('close');
    if (this.world.time.pending > 0) this.trace.fail(`close() resolved, but ${this.world.time.pending} timer(s) are still set: clear every timer you set`);
    const after = start(this.trace, 'set("z", "after close")', () => this.instance.set('z', 'after close'));
    await settle(this.world.s);
    if (after.state !== 'rejected') this.trace.fail('expected a rejection: after close() nothing may be queued');
  }

  #write(kind: 'set' | 'delete', key: string): void {
    const id = ++this.#ids;
    const write: Write<string> = kind === 'set' ? { kind, key, value: `v${id}` } : { kind, key };
    const label = kind === 'set' ? `set(${show(key)}, ${show(`v${id}`)})` : `delete(${show(key)})`;
    // Recorded before the call: the implementation may send a batch before the call returns.
    const made: Made = { id, write, at: this.now, call: undefined!, failures: 0 };
    this.latest.set(key, made);
    made.call = start(this.trace, label, () => (kind === 'set' ? this.instance.set(key, `v${id}`) : this.instance.delete(key)));
    this.calls.push(made.call);
  }

  async #get(key: string): Promise<void> {
    const call = start(this.trace, `get(${show(key)})`, () => this.instance.get(key));
    await settle(this.world.s);
    this.#checkViolation();
    expectSettled(this.trace, [call]);
    if (call.state === 'rejected') unexpectedRejection(this.trace, call, 'a read must not fail');
    const made = this.latest.get(key);
    // After a dead letter the contract leaves reads to the cache and the database: not checked.
    if (this.rules.has('reads') && !(made !== undefined && this.deadLetters.has(made.id))) {
      const expected = made === undefined ? ROWS[key] : made.write.kind === 'set' ? made.write.value : undefined;
      const because = made === undefined ? 'never written: what the database holds' : `the latest write, step ${made.call.step}`;
      this.trace.steps.push({ call: `${call.label} (step ${call.step})` });
      this.trace.expect('', call.value, expected, because);
      this.trace.steps.pop();
    }
    await this.#settle();
  }

  /** Flushes (or closes), firing timers until it settles, and checks that everything made before it is in the database. */
  async #flush(method: 'flush' | 'close'): Promise<void> {
    const before = new Map([...this.latest].filter(([, m]) => m.call.state === 'resolved'));
    const call = start(this.trace, `${method}()`, () => this.instance[method]());
    await settle(this.world.s);
    this.#checkViolation();
    // Before any timer fires: every write that has not failed must be in the database already.
    for (const [key, made] of before) {
      if (made.failures > 0 || this.deadLetters.has(made.id) || (this.written.get(key) ?? 0) >= made.id) continue;
      this.trace.steps.push({ call: `(${method}() has been called; no timer has fired)` });
      this.trace.fail(`${describeWrite(made.write)} (step ${made.call.step}) is not in the database: ${method}() must start writing at once, not wait for the flush timer`);
    }
    for (let i = 0; i < 200 && call.state === 'pending'; i++) await this.#nextTimer(call);
    expectSettled(this.trace, [call]);
    if (call.state === 'rejected') unexpectedRejection(this.trace, call, `${method}() must not fail: a write that cannot be made goes to onDeadLetter`);
    this.#checkViolation();
    for (const [key, made] of before) {
      if (this.deadLetters.has(made.id) || (this.written.get(key) ?? 0) >= made.id) continue;
      const row = this.world.row(key);
      this.trace.fail(
        `${method}() resolved, but ${describeWrite(made.write)} (step ${made.call.step}) is neither in the database (it holds ${show(row)}) nor dead-lettered: ` +
          'an acknowledged write was lost',
      );
    }
    this.#checkPending();
  }

  /** Settles, then checks the rules that hold whenever nothing is in flight. */
  async #settle(): Promise<void> {
    await settle(this.world.s);
    this.#checkViolation();
    this.#checkPending();
    const { batchSize, flushIntervalMs } = this.settings;
    const unwritten = [...this.latest.values()].filter((m) => m.call.state === 'resolved' && (this.written.get(m.write.key) ?? 0) < m.id && !this.deadLetters.has(m.id));
    if (this.rules.has('full-batch') && unwritten.length >= batchSize) {
      this.trace.fail(`${unwritten.length} acknowledged writes wait and no batch was started: start one as soon as batchSize (${batchSize}) writes are queued`);
    }
    if (this.rules.has('interval')) {
      const late = unwritten.find((m) => m.at <= this.now - flushIntervalMs);
      if (late) this.trace.fail(`${describeWrite(late.write)} (made at step ${late.call.step}, t=${late.at}) is still not in the database at t=${this.now}: flushIntervalMs is ${flushIntervalMs}`);
    }
  }

  /** Fires the next timer (or fails when none is left and `call` still waits). */
  async #nextTimer(call?: Call): Promise<void> {
    await settle(this.world.s);
    this.#checkViolation();
    if (call !== undefined && call.state !== 'pending') return;
    const at = this.world.time.nextAt();
    if (at === undefined) {
      await settle(this.world.s);
      if (call === undefined || call.state !== 'pending') return;
      this.trace.steps.push({ call: `${call.label} (step ${call.step})` });
      return this.trace.fail('never settled: no timer is left to fire and every database call has been answered');
    }
    const ms = Math.max(0, at - this.world.time.now());
    this.trace.add(`(clock +${ms} ms → t=${this.now + ms}: the next timer fires)`);
    this.world.time.advance(ms);
  }

  #checkPending(): void {
    if (!this.rules.has('pending') && !this.rules.has('room')) return;
    this.trace.add('pending');
    const pending = this.trace.run(() => this.instance.pending, 'pending');
    this.trace.steps[this.trace.steps.length - 1]!.result = show(pending);
    if (this.rules.has('room') && pending > this.settings.maxPending) this.trace.fail(`pending is ${pending}, more than maxPending (${this.settings.maxPending}): a write of a new key must wait for room`);
    if (this.rules.has('pending')) {
      const expected = [...this.latest.values()].filter((m) => (this.written.get(m.write.key) ?? 0) < m.id && !this.deadLetters.has(m.id)).length;
      this.trace.expect('', pending, expected, 'keys whose latest write is neither in the database nor dead-lettered');
    }
  }

  #checkViolation(): void {
    for (const call of this.calls) if (call.state === 'rejected') unexpectedRejection(this.trace, call, 'a write is acknowledged from the cache and the queue: it must not fail');
    if (this.#violation !== undefined) this.trace.fail(this.#violation);
    if (this.rules.has('batches') && this.world.faultyDb.count('set') + this.world.faultyDb.count('delete') > 0) {
      this.trace.fail('db.set or db.delete was called: write the database with db.writeBatch only');
    }
    if (this.rules.has('cache-errors')) {
      const unreported = this.world.injectedCache.find((e) => !this.reported.includes(e));
      if (unreported !== undefined) this.trace.fail(`a cache error was not reported to onCacheError: ${describeError(unreported)}`);
    }
  }

  /** Records the first broken rule; thrown later, so the implementation cannot catch it. */
  #violate(message: string): void {
    this.#violation ??= message;
    this.trace.steps.push({ call: `  ✗ ${message}` });
  }

  #sent(writes: readonly Write<string>[]): void {
    const { batchSize } = this.settings;
    this.#inFlight++;
    if (!this.rules.has('batches') && !this.rules.has('latest-wins') && !this.rules.has('backoff')) return;
    if (this.rules.has('batches')) {
      if (!Array.isArray(writes) || writes.length === 0) return this.#violate(`writeBatch was called with ${Array.isArray(writes) ? 'an empty batch' : show(writes)}`);
      if (writes.length > batchSize) return this.#violate(`a batch of ${writes.length} writes: at most batchSize (${batchSize})`);
      const keys = writes.map((w) => w.key);
      const twice = keys.find((k, i) => keys.indexOf(k) !== i);
      if (twice !== undefined) return this.#violate(`${show(twice)} is written twice in one batch: coalesce, one write per key`);
      if (this.#inFlight > 1) return this.#violate('a batch was sent while another was still in flight: one batch at a time');
    }
    for (const w of writes) {
      const made = this.latest.get(w.key);
      const same = made !== undefined && made.write.kind === w.kind && (w.kind === 'delete' || (made.write.kind === 'set' && made.write.value === w.value));
      if (this.rules.has('latest-wins')) {
        if (!same) return this.#violate(`${describeWrite(w)} was sent, but the latest write of ${show(w.key)} is ${made ? `${describeWrite(made.write)} (step ${made.call.step})` : 'none'}: the latest write wins`);
        if ((this.written.get(w.key) ?? 0) >= made.id) return this.#violate(`${describeWrite(w)} was sent again, though it is already in the database: retry only the writes that failed`);
      }
      if (this.rules.has('backoff') && same && made.failures > 0) {
        const due = made.lastFailedAt! + this.settings.retryDelayMs * 2 ** (made.failures - 1);
        if (this.now < due) return this.#violate(`${describeWrite(w)} was retried at t=${this.now} after failure ${made.failures} at t=${made.lastFailedAt}: not before t=${due} (retryDelayMs × 2^${made.failures - 1})`);
      }
      if (this.rules.has('backoff') && same && (this.written.get(w.key) ?? 0) >= made.id) return this.#violate(`${describeWrite(w)} was sent again, though it is already in the database: retry only the writes that failed`);
    }
  }

  #answered(writes: readonly Write<string>[], failed: readonly FailedWrite<string>[]): void {
    this.#inFlight--;
    for (const w of writes) {
      const made = this.latest.get(w.key);
      const same = made !== undefined && made.write.kind === w.kind && (w.kind === 'delete' || (made.write.kind === 'set' && made.write.value === w.value));
      const failure = failed.find((f) => f.write === w);
      if (!same) continue;
      if (failure === undefined) this.written.set(w.key, made.id);
      else {
        made.failures++;
        made.lastError = failure.error;
        made.lastFailedAt = this.now;
      }
    }
  }

  #deadLetter(write: Write<string>, error: unknown): void {
    this.trace.steps.push({ call: `  onDeadLetter(${describeWrite(write)}, ${describeError(error)})` });
    const made = this.latest.get(write?.key);
    const same = made !== undefined && made.write.kind === write.kind && (write.kind === 'delete' || (made.write.kind === 'set' && made.write.value === write.value));
    if (!same) {
      // A superseded write: its newer write stands in for it. Dead-lettering it loses nothing.
      return;
    }
    this.deadLetters.add(made.id);
    if (!this.rules.has('dead-letters')) return;
    const { maxRetries } = this.settings;
    if (made.failures !== 1 + maxRetries) this.#violate(`${describeWrite(write)} was dead-lettered after ${made.failures} failed attempt(s): only after 1 + maxRetries = ${1 + maxRetries}`);
    else if (error !== made.lastError) this.#violate(`onDeadLetter got ${describeError(error)}, not the error of the last failed attempt`);
  }
}
