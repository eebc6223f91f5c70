/**
 * The properties of the multi-level cache. Sequential properties compare each call with what the
 * three levels held just before it (read through the grader's own L1, L2 and database, never
 * through the implementation); concurrent ones let fast-check's scheduler interleave the L2 and
 * database answers and check that no level, and no read, ever goes back to an older value.
 */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { expectInputError, expectSettled, raiseNotImplemented, settle, start, unexpectedRejection, type Call } from './async-calls.js';
import { EPOCH, L1_CAPACITY, LevelFault, LevelWorld, showEntry, type Entry, type FaultPlan } from './multi-level-world.js';

type Cache = Record<'get' | 'set' | 'delete', (key: string, value?: string) => PromiseLike<unknown>>;
type CacheClass = new (options: Record<string, unknown>) => Cache;

const KEYS = ['a', 'b', 'c', 'd'] as const;
const ROWS: Readonly<Record<string, string>> = { a: 'a0', b: 'b0', c: 'c0' };

interface Ttls {
  l1TtlMs: number;
  l2TtlMs: number;
}
const ttlArb: fc.Arbitrary<Ttls> = fc.constantFrom({ l1TtlMs: 1000, l2TtlMs: 2500 }, { l1TtlMs: 4000, l2TtlMs: 2500 }, { l1TtlMs: 1000, l2TtlMs: 60_000 });

/** A step of a sequential run. */
type Op =
  | { kind: 'get' | 'set' | 'delete'; key: string }
  | { kind: 'advance'; ms: number }
  | { kind: 'to-expiry' }
  | { kind: 'db-write'; key: string }
  | { kind: 'l2-put'; key: string; ms: number }
  | { kind: 'l2-drop'; key: string };
type OpKind = Op['kind'];

/** What a sequential property checks. */
type Rule = 'results' | 'calls' | 'fills' | 'ttl' | 'writes' | 'faults' | 'agree';

const opArb = (kinds: readonly OpKind[]): fc.Arbitrary<Op> => {
  const key = fc.constantFrom(...KEYS);
  return fc.oneof(
    ...kinds.map((kind): fc.Arbitrary<Op> => {
      if (kind === 'advance') return fc.constantFrom(1, 300, 999, 1000, 2500, 4000).map((ms): Op => ({ kind, ms }));
      if (kind === 'to-expiry') return fc.constant<Op>({ kind });
      if (kind === 'l2-put') return fc.record({ key, ms: fc.constantFrom(200, 1500, 30_000) }).map((r): Op => ({ kind, ...r }));
      return key.map((k): Op => ({ kind, key: k }) as Op);
    }),
  );
};

/** One run: the world, the instance under test, and what it reported. */
class Run {
  readonly trace = new Trace();
  readonly world: LevelWorld;
  readonly reported: { error: unknown; level: unknown; operation: unknown; key: unknown }[] = [];
  instance!: Cache;
  #values = 0;

  constructor(
    s: fc.Scheduler,
    readonly ttls: Ttls,
    plan: FaultPlan = {},
  ) {
    this.world = new LevelWorld(s, this.trace, plan);
  }

  create(impl: ImplModule): void {
    const { world, ttls } = this;
    world.seed(ROWS);
    const rows = Object.entries(ROWS).map(([k, v]) => `${k}=${show(v)}`).join(', ');
    this.trace.add(
      `new MultiLevelCache({ l1 (an LRU of ${L1_CAPACITY} entries), l2, db, l1TtlMs: ${ttls.l1TtlMs}, l2TtlMs: ${ttls.l2TtlMs}, clock, onLevelError }) with clock.now() = ${EPOCH}, empty levels and database ${rows}`,
    );
    const cls = exported<CacheClass>(impl, 'MultiLevelCache');
    const onLevelError = (error: unknown, level: unknown, operation: unknown, key: unknown): void => void this.reported.push({ error, level, operation, key });
    this.instance = this.trace.run(() => new cls({ l1: world.l1, l2: world.l2, db: world.db, ...ttls, clock: world.time, onLevelError }));
  }

  nextValue(): string {
    return `v${++this.#values}`;
  }

  /** Starts a round of concurrent calls: its own scheduler, after the clock moves `advance` ms. */
  startRound(s: fc.Scheduler, advance: number): void {
    this.world.s = s;
    if (advance > 0) {
      this.world.time.advance(advance);
      this.trace.add(`(the clock moves ${advance} ms: now ${this.world.now})`);
    }
  }

  begin(kind: 'get' | 'set' | 'delete', key: string, onSettle?: (call: Call) => void): { call: Call; value?: string } {
    const { instance } = this;
    if (kind === 'get') return { call: start(this.trace, `get(${show(key)})`, () => instance.get(key), onSettle) };
    if (kind === 'delete') return { call: start(this.trace, `delete(${show(key)})`, () => instance.delete(key), onSettle) };
    const value = this.nextValue();
    return { value, call: start(this.trace, `set(${show(key)}, ${show(value)})`, () => instance.set(key, value), onSettle) };
  }

  /** Runs one call alone and lets everything settle. */
  async one(kind: 'get' | 'set' | 'delete', key: string): Promise<{ call: Call; value?: string }> {
    const started = this.begin(kind, key);
    await settle(this.world.s);
    expectSettled(this.trace, [started.call]);
    raiseNotImplemented(this.trace, [started.call]);
    return started;
  }

  /** Every level holds nothing live for `key`, or what the database holds. */
  checkAgreement(keys: readonly string[], exempt: ReadonlySet<string> = new Set()): void {
    const { world } = this;
    for (const key of keys) {
      this.checkShape(key);
      if (exempt.has(key)) continue;
      const row = world.rows.get(key);
      for (const [name, entry] of [['L1', world.l1Live(key)], ['L2', world.l2Live(key)]] as const) {
        if (entry === undefined || entry.value === row) continue;
        const origin = [...world.writes].reverse().find((w) => w.key === key && w.method === 'set' && w.level === name.toLowerCase() && (w.entry as Entry | undefined)?.value === entry.value);
        this.trace.steps.push({ call: '(every call has settled)' });
        this.trace.fail(
          `${name} holds ${show(entry.value)} for ${show(key)}${origin ? ` (written at step ${origin.step})` : ''} but the database holds ${show(row)}: ` +
            'readers will get a value the database no longer has until the entry expires',
        );
      }
    }
  }

  checkShape(key: string): void {
    const bad = this.world.malformed(key);
    if (bad !== undefined) this.trace.fail(bad);
  }

  /** Every fault injected since `from` was reported with its level, operation and key; nothing else was reported. */
  checkReports(from: { injected: number; reported: number }): void {
    const { world } = this;
    const reports = this.reported.slice(from.reported);
    for (const fault of world.injected.slice(from.injected)) {
      if (fault.level === 'db') continue;
      const report = reports.find((r) => r.error === fault);
      if (report === undefined) return this.trace.fail(`the error of ${fault.level}.${fault.operation}(${show(fault.key)}) was not reported to onLevelError`);
      const got = `onLevelError(error, ${show(report.level)}, ${show(report.operation)}, ${show(report.key)})`;
      if (report.level !== fault.level || report.operation !== fault.operation || report.key !== fault.key) {
        this.trace.fail(`expected onLevelError(error, ${show(fault.level)}, ${show(fault.operation)}, ${show(fault.key)}) for the error of ${fault.level}.${fault.operation}(${show(fault.key)}), got ${got}`);
      }
    }
    for (const r of reports) {
      if (!(r.error instanceof LevelFault) || r.error.level === 'db') {
        this.trace.fail(`onLevelError(${r.error instanceof Error ? `${r.error.name}: ${r.error.message}` : show(r.error)}, ${show(r.level)}, …) reported an error that no L1 or L2 call raised`);
      }
    }
  }
}

interface SeqSpec {
  id: string;
  statement: string;
  hint: string;
  runs?: number;
  ops: readonly OpKind[];
  rules: readonly Rule[];
  faults?: fc.Arbitrary<FaultPlan>;
}

/** A property over one call at a time, each checked against what the levels held just before it. */
function sequential(spec: SeqSpec): CheckedProperty {
  const rules = new Set(spec.rules);
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 100,
    build: (impl) =>
      fc.asyncProperty(fc.scheduler(), ttlArb, spec.faults ?? fc.constant<FaultPlan>({}), fc.array(opArb(spec.ops), { minLength: 1, maxLength: 24 }), async (s, ttls, plan, ops) => {
        const run = new Run(s, ttls, plan);
        run.create(impl);
        const tainted = new Set<string>();
        for (const op of ops) await step(run, op, rules, tainted);
      }),
  });
}

/** Applies one op of a sequential run and checks it. */
async function step(run: Run, op: Op, rules: ReadonlySet<Rule>, tainted: Set<string>): Promise<void> {
  const { world, trace, ttls } = run;
  const now = world.now;
  switch (op.kind) {
    case 'advance':
      world.time.advance(op.ms);
      trace.add(`(the clock moves ${op.ms} ms: now ${world.now})`);
      return;
    case 'to-expiry': {
      const times = KEYS.flatMap((k) => [world.l1Live(k)?.expiresAt, world.l2Live(k)?.expiresAt]).filter((t): t is number => t !== undefined && Number.isFinite(t));
      if (times.length === 0) return;
      const at = Math.min(...times);
      world.time.advance(at - now);
      trace.add(`(the clock moves to ${at}, exactly when the first entry expires)`);
      return;
    }
    case 'db-write': {
      const value = `x${run.nextValue().slice(1)}`;
      world.rows.set(op.key, value);
      world.historyOf(op.key).push(value);
      trace.add(`(another service writes the database directly: ${op.key}=${show(value)})`);
      return;
    }
    case 'l2-put': {
      const value = `y${run.nextValue().slice(1)}`;
      const entry = { value, expiresAt: now + op.ms };
      void world.store.set(op.key, entry, op.ms);
      trace.add(`(another server puts ${show(op.key)} in L2: ${showEntry(entry)})`);
      return;
    }
    case 'l2-drop':
      void world.store.delete(op.key);
      trace.add(`(L2 evicts ${show(op.key)})`);
      return;
  }
  const { key } = op;
  const before = { e1: world.l1Live(key), e2: world.l2Live(key), row: world.rows.get(key), writes: world.writes.length, injected: world.injected.length, reported: run.reported.length };
  const counts = { l2: world.counts.l2.get, db: world.counts.db.get };
  let tooEarly: string | undefined;
  let pendingValue: string | undefined;
  if (op.kind !== 'get' && rules.has('writes')) {
    world.beforeLevelWrite = (level, method, k) => {
      if (k !== key) return;
      const done = op.kind === 'set' ? world.rows.get(key) === pendingValue : !world.rows.has(key);
      if (!done) tooEarly ??= `${level}.${method}(${show(key)}) was called at step ${trace.current + 1}, before the database had the ${op.kind === 'set' ? 'new value' : 'delete'}`;
    };
  }
  const started = run.begin(op.kind, key);
  pendingValue = started.value;
  await settle(world.s);
  world.beforeLevelWrite = undefined;
  const { call } = started;
  expectSettled(trace, [call]);
  raiseNotImplemented(trace, [call]);
  const faults = world.injected.slice(before.injected);
  const levelFaults = faults.filter((f) => f.level !== 'db');
  const writeFaults = levelFaults.filter((f) => f.operation !== 'get');
  const dbFaults = faults.filter((f) => f.level === 'db');
  const note = (text: string): void => void trace.steps.push({ call: `${call.label} (step ${call.step})`, result: text });

  // Rejections: only for a database fault, or a level fault in a write.
  if (call.state === 'rejected') {
    if (dbFaults.length === 0 && !(op.kind !== 'get' && levelFaults.length > 0)) {
      unexpectedRejection(trace, call, op.kind === 'get' ? 'the database did not fail, and an L1 or L2 error must never fail a read' : 'nothing failed in this call');
    }
    if (dbFaults.length === 0 && !levelFaults.includes(call.error as LevelFault)) {
      note(`rejected with ${show(call.error)}`);
      trace.fail(`expected the rejection to be the error of the level that failed (${levelFaults.map((f) => f.message).join('; ')})`);
    }
  } else if (dbFaults.length > 0) {
    note('resolved');
    trace.fail(`expected a rejection, since db.${dbFaults[0]!.operation}(${show(dbFaults[0]!.key)}) failed: a database error must reject the call`);
  } else if (op.kind !== 'get' && writeFaults.length > 0 && rules.has('faults')) {
    note('resolved');
    trace.fail(`expected a rejection with the error of ${writeFaults[0]!.level}.${writeFaults[0]!.operation}: that level may still hold the old value, and the caller must be told`);
  }
  if (op.kind !== 'get' && dbFaults.length === 0 && writeFaults.length > 0 && rules.has('faults')) {
    // The levels that did not fail were still written.
    const value = op.kind === 'set' ? started.value : undefined;
    for (const level of ['l1', 'l2'] as const) {
      if (writeFaults.some((f) => f.level === level)) continue;
      const live = level === 'l1' ? world.l1Live(key) : world.l2Live(key);
      if (live?.value !== value) {
        trace.add('(the write has settled)');
        trace.fail(`${level.toUpperCase()} did not fail but ${live === undefined ? 'has no live entry' : `holds ${showEntry(live)}`} for ${show(key)}: expected ${value === undefined ? 'nothing' : show(value)}; when one level fails, still write the others`);
      }
    }
  }
  if (tooEarly !== undefined) trace.fail(`${tooEarly}: write the database first, then L2, then L1`);
  if (rules.has('faults') || dbFaults.length > 0) run.checkReports(before);

  const dbOk = dbFaults.length === 0;
  if (op.kind === 'get' && call.state === 'resolved') {
    const path = before.e1 !== undefined ? 'l1' : before.e2 !== undefined ? 'l2' : 'db';
    const expected = path === 'l1' ? before.e1!.value : path === 'l2' ? before.e2!.value : before.row;
    const why =
      path === 'l1'
        ? `L1 holds ${showEntry(before.e1)}, live until ${before.e1!.expiresAt}`
        : path === 'l2'
          ? `L1 has no live entry; L2 holds ${showEntry(before.e2)}, live until ${before.e2!.expiresAt}`
          : `neither level has a live entry at ${now}; the database holds ${show(before.row)}`;
    if (rules.has('results')) {
      const allowed = tainted.has(key) ? [before.e1?.value, before.e2?.value, before.row] : [expected];
      if (!allowed.includes(call.value)) {
        // With faults, a level that failed is skipped: any level's live value or the database's is then acceptable.
        const acceptable = levelFaults.length > 0 ? [expected, before.e2?.value, before.row].includes(call.value) : false;
        if (!acceptable) trace.fail(`expected ${show(expected)} (${why}), got ${show(call.value)}`);
      }
    }
    if (rules.has('calls') && levelFaults.length === 0) {
      if (path === 'l1' && (world.counts.l2.get !== counts.l2 || world.counts.db.get !== counts.db)) {
        trace.fail(`expected an L1 hit (${why}), but it called ${world.counts.l2.get !== counts.l2 ? 'l2.get' : 'db.get'}: a live L1 entry is the answer`);
      }
      if (path === 'l2' && world.counts.db.get !== counts.db) trace.fail(`expected an L2 hit (${why}), but it called db.get`);
    }
    if (rules.has('fills') && levelFaults.length === 0) {
      const e1 = world.l1Live(key);
      const e2 = world.l2Live(key);
      if (path === 'l2' && e1?.value !== expected) {
        const held = world.lru.peek(key);
        trace.fail(`L1 has no live copy of ${show(expected)} for ${show(key)}${held === undefined ? '' : ` (it holds ${showEntry(held)})`}: an L2 hit must be copied into L1`);
      }
      if (path === 'db' && expected !== undefined && (e2?.value !== expected || e1?.value !== expected)) {
        trace.fail(`after reading ${show(expected)} from the database, L2 holds ${showEntry(world.store.peek(key))} and L1 ${showEntry(world.lru.peek(key))}: expected the value put in both`);
      }
      if (path === 'db' && expected === undefined && (e1 !== undefined || e2 !== undefined)) trace.fail(`the database has no ${show(key)}, but a level now holds ${showEntry(e1 ?? e2)}: a missing key caches nothing`);
    }
  }

  if (op.kind !== 'get' && call.state === 'resolved' && rules.has('writes')) {
    const value = op.kind === 'set' ? started.value : undefined;
    const e1 = world.l1Live(key);
    const e2 = world.l2Live(key);
    if (world.rows.get(key) !== value) trace.fail(`the database holds ${show(world.rows.get(key))}: resolve only once db.${op.kind} has resolved`);
    if (e2?.value !== value) trace.fail(`L2 ${e2 === undefined ? 'has no live entry' : `holds ${showEntry(e2)}`} for ${show(key)}: expected ${value === undefined ? 'nothing' : show(value)} (every level must agree once ${op.kind} resolves)`);
    if (e1?.value !== value) trace.fail(`L1 ${e1 === undefined ? 'has no live entry' : `holds ${showEntry(e1)}`} for ${show(key)}: expected ${value === undefined ? 'nothing' : show(value)} (every level must agree once ${op.kind} resolves)`);
  }

  if (rules.has('ttl')) checkTtl(run, op.kind, before, now, ttls);

  // Taint: a level write that failed may leave the old value until it expires.
  if (op.kind !== 'get' && dbOk) {
    if (levelFaults.length > 0) tainted.add(key);
    else if (call.state === 'resolved') tainted.delete(key);
  }
  if (rules.has('agree')) run.checkAgreement(KEYS, tainted);
  run.checkShape(key);
}

/** Every level write of this op carries the expiry (and L2 ttlMs) the contract fixes. */
function checkTtl(run: Run, kind: 'get' | 'set' | 'delete', before: { e1?: Entry; e2?: Entry; writes: number }, now: number, ttls: Ttls): void {
  const { trace, world } = run;
  const l2At = now + ttls.l2TtlMs;
  for (const w of world.writes.slice(before.writes)) {
    if (w.method !== 'set' || w.failed) continue;
    const entry = w.entry as Entry;
    const at = `(step ${w.step}) ${w.level}.set(${show(w.key)}, ${showEntry(entry)}${w.level === 'l2' ? `, ${show(w.ttlMs)}` : ''})`;
    const fail = (text: string): never => {
      trace.steps.push({ call: at });
      return trace.fail(text);
    };
    if (typeof entry?.expiresAt !== 'number') fail('expected a LevelEntry { value, expiresAt }');
    if (w.level === 'l2') {
      if (!Object.is(w.ttlMs, ttls.l2TtlMs)) fail(`expected ttlMs ${ttls.l2TtlMs} (the l2TtlMs option, in milliseconds), got ${show(w.ttlMs)}`);
      if (entry.expiresAt !== l2At) fail(`expected expiresAt ${l2At} (now ${now} + l2TtlMs ${ttls.l2TtlMs}), got ${show(entry.expiresAt)}`);
      continue;
    }
    if (kind === 'get' && before.e1 !== undefined) {
      if (entry.expiresAt > before.e1.expiresAt) fail(`an L1 hit must not extend the entry's life: it was live until ${before.e1.expiresAt}`);
      continue;
    }
    const fromL2 = kind === 'get' && before.e2 !== undefined;
    const source = fromL2 ? before.e2!.expiresAt : l2At;
    const expected = Math.min(now + ttls.l1TtlMs, source);
    if (entry.expiresAt !== expected) {
      const why = fromL2 ? `the L2 entry it was copied from expires at ${source}` : `its L2 copy expires at ${source}`;
      fail(`expected expiresAt ${expected} = min(now ${now} + l1TtlMs ${ttls.l1TtlMs}, ${source}) (${why}; an L1 copy never outlives it), got ${show(entry.expiresAt)}`);
    }
  }
}

/** One call of a concurrent round; a late one starts when the scheduler says, among the others' answers. */
interface RoundOp {
  kind: 'get' | 'set' | 'delete';
  key: string;
  late: boolean;
}

/** Where in a key's database history a write landed: reads that start after it resolved may not go below. */
function floorOf(world: LevelWorld, key: string, kind: 'set' | 'delete', value: string | undefined, startLength: number): number {
  const h = world.historyOf(key);
  if (kind === 'set') return h.lastIndexOf(value);
  for (let i = startLength; i < h.length; i++) if (h[i] === undefined) return i;
  return h.length - 1;
}

/** Concurrent rounds of gets and writes under the scheduler; after each, the levels agree with the database. */
const race = checked({
  id: 'race',
  statement: 'however concurrent gets, sets and deletes interleave, no get returns a value older than a write that resolved before it started, and once they settle every level holds nothing or what the database holds',
  hint: 'A get that missed may read the OLD value from L2 or the database, then a set writes all three levels, then the get copies the old value into L1 (or L2): stale until the TTL. Run each L1 miss (L2 read, database read, fills) and each write of a key one at a time, through a per-key promise chain, like the lock of chapter 3.',
  runs: 250,
  build: (impl) =>
    fc.asyncProperty(
      fc.scheduler(),
      ttlArb,
      fc.array(
        fc.record({
          ops: fc.array(fc.record({ kind: fc.constantFrom<RoundOp['kind']>('get', 'get', 'set', 'delete'), key: fc.constantFrom('a', 'a', 'b'), late: fc.boolean() }), { minLength: 1, maxLength: 4 }),
          advance: fc.constantFrom(0, 0, 999, 1000, 2500),
          s: fc.scheduler(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      async (s0, ttls, rounds) => {
        const run = new Run(s0, ttls);
        const { world, trace } = run;
        run.create(impl);
        for (const round of rounds) {
          run.startRound(round.s, round.advance);
          if (round.ops.length > 1) trace.add(`(${round.ops.length} calls; the scheduler answers L2 and the database, and starts the late calls, in the order below)`);
          const calls: Call[] = [];
          /** Per key, the floor set by writes that have resolved so far. */
          const floors = new Map<string, number>();
          const roundFloor = new Map(['a', 'b'].map((k) => [k, world.historyOf(k).length - 1]));
          const gets: { call: Call; key: string; floor: number }[] = [];
          const begin = (op: RoundOp): void => {
            const startLength = world.historyOf(op.key).length;
            const atStart = Math.max(roundFloor.get(op.key)!, floors.get(op.key) ?? 0);
            const started: { call: Call; value?: string } = run.begin(op.kind, op.key, (call) => {
              if (op.kind !== 'get' && call.state === 'resolved') floors.set(op.key, Math.max(floors.get(op.key) ?? 0, floorOf(world, op.key, op.kind, started.value, startLength)));
            });
            calls.push(started.call);
            if (op.kind === 'get') gets.push({ call: started.call, key: op.key, floor: atStart });
          };
          for (const op of round.ops) {
            if (!op.late) begin(op);
            else void world.s.schedule(Promise.resolve(), `start ${op.kind}`).then(() => begin(op));
          }
          await settle(world.s);
          expectSettled(trace, calls);
          raiseNotImplemented(trace, calls);
          for (const call of calls) if (call.state === 'rejected') unexpectedRejection(trace, call, 'nothing failed');
          for (const g of gets) {
            const h = world.historyOf(g.key);
            const allowed = h.slice(g.floor);
            if (!allowed.includes(g.call.value as string | undefined)) {
              trace.steps.push({ call: `${g.call.label} (step ${g.call.step})`, result: show(g.call.value) });
              trace.fail(`expected ${[...new Set(allowed)].map(show).join(' or ')}: what the database held from the last write that resolved before this get started; ${show(g.call.value)} is older`);
            }
          }
          run.checkAgreement(['a', 'b']);
        }
      },
    ),
});

/** Concurrent misses of a key share one load. */
const singleLoad = checked({
  id: 'single-load',
  statement: 'concurrent gets of a key that miss L1 make one l2.get and at most one db.get between them, and all get its value',
  hint: 'Keep a Map from key to the promise of the load in flight. A get that misses L1 returns the promise already in the map if there is one; otherwise it starts the load (L2, then the database), stores its promise, and removes it when the load is done.',
  runs: 80,
  build: (impl) =>
    fc.asyncProperty(
      fc.scheduler(),
      ttlArb,
      fc.array(
        fc.record({
          gets: fc.array(fc.constantFrom('a', 'b', 'd'), { minLength: 2, maxLength: 6 }),
          advance: fc.constantFrom(0, 1000, 4000, 60_000),
          s: fc.scheduler(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      async (s0, ttls, rounds) => {
        const run = new Run(s0, ttls);
        const { world, trace } = run;
        run.create(impl);
        for (const round of rounds) {
          run.startRound(round.s, round.advance);
          trace.add(`(${round.gets.length} gets at once)`);
          const keys = [...new Set(round.gets)];
          const before = new Map(keys.map((k) => [k, { l1: world.l1Live(k), l2: world.l2Live(k), row: world.rows.get(k), l2Reads: world.reads.l2.get(k) ?? 0, dbReads: world.reads.db.get(k) ?? 0 }]));
          const calls = round.gets.map((key) => ({ key, call: run.begin('get', key).call }));
          await settle(world.s);
          expectSettled(trace, calls.map((c) => c.call));
          raiseNotImplemented(trace, calls.map((c) => c.call));
          for (const { call } of calls) if (call.state === 'rejected') unexpectedRejection(trace, call, 'nothing failed');
          for (const key of keys) {
            const b = before.get(key)!;
            const expected = b.l1?.value ?? b.l2?.value ?? b.row;
            for (const { call } of calls.filter((c) => c.key === key)) {
              if (call.value !== expected) {
                trace.steps.push({ call: `${call.label} (step ${call.step})`, result: show(call.value) });
                trace.fail(`expected ${show(expected)}, like every other get of ${show(key)} in this round`);
              }
            }
            if (b.l1 !== undefined) continue;
            const l2Reads = (world.reads.l2.get(key) ?? 0) - b.l2Reads;
            const dbReads = (world.reads.db.get(key) ?? 0) - b.dbReads;
            const n = calls.filter((c) => c.key === key).length;
            if (l2Reads > 1 || dbReads > 1) {
              trace.add('(every get has settled)');
              trace.fail(`${n} concurrent gets of ${show(key)} made ${l2Reads} l2.get and ${dbReads} db.get calls: expected one l2.get and at most one db.get, shared by all of them`);
            }
          }
        }
      },
    ),
});

/** Bad options and arguments are refused. */
const validation = checked({
  id: 'validation',
  statement: 'bad options and arguments are refused with a TypeError or RangeError, and change nothing',
  hint: 'Check every option in the constructor before storing anything: l1 with get/set/delete functions, l2 and db with get/set/delete methods, l1TtlMs and l2TtlMs numbers > 0 and finite, clock undefined or with now(), onLevelError undefined or a function. In get/set/delete, check the key (a string) and the value (not undefined) before the first await.',
  runs: 40,
  build: (impl) => {
    type Case = { label: string; change: Record<string, unknown> } | { label: string; method: 'get' | 'set' | 'delete'; args: unknown[] };
    const noop = (): Promise<undefined> => Promise.resolve(undefined);
    const cases: Case[] = [
      { label: 'undefined', change: { $none: true } },
      { label: '{ …, l1: undefined }', change: { l1: undefined } },
      { label: '{ …, l1: { get } }', change: { l1: { get: () => undefined } } },
      { label: '{ …, l2: {} }', change: { l2: {} } },
      { label: '{ …, db: { get } }', change: { db: { get: noop } } },
      { label: '{ …, l1TtlMs: 0 }', change: { l1TtlMs: 0 } },
      { label: '{ …, l1TtlMs: Infinity }', change: { l1TtlMs: Infinity } },
      { label: '{ …, l2TtlMs: -1 }', change: { l2TtlMs: -1 } },
      { label: '{ …, l2TtlMs: NaN }', change: { l2TtlMs: NaN } },
      { label: '{ …, l2TtlMs: "60s" }', change: { l2TtlMs: '60s' } },
      { label: '{ …, clock: {} }', change: { clock: {} } },
      { label: '{ …, onLevelError: "log" }', change: { onLevelError: 'log' } },
      { label: 'get(42)', method: 'get', args: [42] },
      { label: 'set(42, "v")', method: 'set', args: [42, 'v'] },
      { label: 'set("a", undefined)', method: 'set', args: ['a', undefined] },
      { label: 'delete(null)', method: 'delete', args: [null] },
    ];
    return fc.asyncProperty(fc.scheduler(), fc.constantFrom(...cases), async (s, c) => {
      const trace = new Trace();
      const world = new LevelWorld(s, trace);
      world.seed({ a: 'a0' });
      const cls = exported<CacheClass>(impl, 'MultiLevelCache');
      const good: Record<string, unknown> = { l1: world.l1, l2: world.l2, db: world.db, l1TtlMs: 1000, l2TtlMs: 5000, clock: world.time };
      if ('change' in c) {
        const options = c.change.$none ? undefined : { ...good, ...c.change };
        await expectInputError(trace, `new MultiLevelCache(${c.label})`, () => new cls(options as Record<string, unknown>));
        return;
      }
      trace.add('new MultiLevelCache({ l1, l2, db, l1TtlMs: 1000, l2TtlMs: 5000, clock }) with database a="a0"');
      const instance = trace.run(() => new cls(good));
      const method = instance[c.method].bind(instance) as (...args: unknown[]) => PromiseLike<unknown>;
      await expectInputError(trace, c.label, () => method(...c.args), s);
      if (world.rows.get('a') !== 'a0' || world.lru.keys().length > 0 || world.store.keys().length > 0) trace.fail('the refused call changed the database or a level');
    });
  },
});

const faultSet = (max: number, most: number): fc.Arbitrary<ReadonlySet<number>> => fc.uniqueArray(fc.nat({ max }), { minLength: 1, maxLength: most }).map((a) => new Set(a));

/** The multi-level suite. */
export const suite: Suite = {
  properties: [
    validation,
    sequential({
      id: 'read-path',
      statement: 'get returns a live L1 entry without calling L2 or the database; else a live L2 entry, copied into L1; else the database value, put in both; a missing key caches nothing',
      hint: 'Read L1 first (live while clock.now() < expiresAt) and return its value at once. On a miss await l2.get(key): a live entry is returned and copied into L1. On a miss there too, await db.get(key): put a value found in L2, then in L1, then return it. For a key the database lacks, return undefined and write no level.',
      ops: ['get', 'get', 'get', 'advance', 'db-write', 'l2-put', 'l2-drop'],
      rules: ['results', 'calls', 'fills'],
    }),
    sequential({
      id: 'expiry',
      statement: 'an entry is live while now < expiresAt: at expiresAt it is a miss, and get goes on to the next level',
      hint: 'Compare with a strict <: clock.now() < entry.expiresAt means live, so at exactly expiresAt the entry is dead. Check expiresAt of the L2 entry too, not only of L1, and read the time from the clock option (never Date.now()).',
      ops: ['get', 'get', 'get', 'to-expiry', 'to-expiry', 'advance', 'db-write', 'l2-put'],
      rules: ['results', 'calls'],
    }),
    sequential({
      id: 'fill-ttl',
      statement: 'L2 entries expire at now + l2TtlMs (ttlMs l2TtlMs), and an L1 entry at min(now + l1TtlMs, the expiry of the L2 entry it copies): a copy never outlives its source',
      hint: 'When you copy an L2 hit into L1, do not give it a fresh full l1TtlMs: use Math.min(now + l1TtlMs, l2Entry.expiresAt). When you write L2 (a database hit or a set), use expiresAt now + l2TtlMs and pass l2TtlMs as ttlMs: milliseconds, unchanged.',
      ops: ['get', 'get', 'get', 'set', 'advance', 'to-expiry', 'l2-put'],
      rules: ['ttl', 'results'],
    }),
    sequential({
      id: 'write-agreement',
      statement: 'set writes the database, then L2, then L1, and resolves with all three holding the value; delete removes it from all three',
      hint: 'set: await db.set(key, value); then await l2.set(key, { value, expiresAt }, l2TtlMs); then l1.set(key, …); only then resolve. delete: await db.delete(key), then await l2.delete(key), then l1.delete(key). Not Promise.all: a level must never get a write the database has not taken.',
      ops: ['get', 'get', 'set', 'set', 'delete', 'advance'],
      rules: ['writes', 'results', 'agree'],
    }),
    singleLoad,
    race,
    sequential({
      id: 'level-faults',
      statement: 'an L1 or L2 error never fails a get and is reported to onLevelError with its level, operation and key; in a set or delete it is reported, the other levels are still written, and the call rejects',
      hint: 'Wrap every L1 and L2 call in try/catch and call onLevelError(error, "l1" | "l2", "get" | "set" | "delete", key). In get, carry on as if that level missed. In set/delete, still write the other levels, then rethrow the first level error.',
      runs: 200,
      ops: ['get', 'get', 'get', 'set', 'set', 'delete'],
      rules: ['results', 'faults', 'agree'],
      faults: fc.record({ l1: faultSet(24, 5), l2: faultSet(24, 5) }),
    }),
    sequential({
      id: 'db-faults',
      statement: 'a database error rejects the call (get included), and no level is given a value the database does not hold',
      hint: 'Let a database error reject: do not catch it, and do not write a level after a db.set or db.delete that failed. A get whose db.get failed rejects too: it has no value to return.',
      ops: ['get', 'get', 'set', 'delete', 'advance'],
      rules: ['results', 'agree'],
      faults: fc.record({ db: faultSet(12, 3) }),
    }),
  ],
};
