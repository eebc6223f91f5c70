/**
 * The properties of the replicated cache client. Every node is a {@link MemoryStore} of
 * `Versioned` entries behind a {@link FaultyStore} that logs each call and fails every call while
 * the node is crashed; in the concurrent properties fast-check's scheduler answers each node call
 * in an order it chooses (a call takes effect when it is answered, so two writes sent to a node
 * may land in either order). Time is a {@link ManualTime}, given to the client as its clock and
 * scheduler, so health checks fire only when the grader moves it.
 *
 * The grader numbers writes as the client must (1, 2, 3, … in the order set and delete are
 * called), so it knows the version of every value it wrote, which writes were acknowledged, and
 * what each node holds.
 */
import fc from 'fast-check';
import type { CacheStore } from '../../exercises/workbook.js';
import { FaultyStore, InjectedFault } from '../../lib/faults.js';
import { ManualTime } from '../../lib/manual-time.js';
import { MemoryStore } from '../../lib/memory-store.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { GradeFailure, LearnerThrew, notImplementedMessage, Trace } from '../grade/trace.js';
import { describeError, expectInputError, expectSettled, raiseNotImplemented, settle, start, unexpectedRejection, type Call } from './async-calls.js';

type Versioned = { value: string; version: number } | { deleted: true; version: number };

interface Client {
  get(key: string): PromiseLike<unknown>;
  set(key: string, value: string, ttlMs?: number): PromiseLike<unknown>;
  delete(key: string): PromiseLike<unknown>;
  close(): void;
}
type ClientClass = new (options: Record<string, unknown>) => Client;

const NAMES = ['red', 'green', 'blue', 'cyan', 'plum'] as const;
const EPOCH = 1_000_000;
/** The TTL a set may pass; nothing expires in these runs, as time moves by health-check intervals only. */
const TTL = 600_000;

/** One node: a store of Versioned entries that logs every call and fails them all while crashed. */
class Node {
  crashed = false;
  /** Fails every call from this index of its log on. */
  crashFrom: number | undefined;
  /** Fails this many more set calls (then works again), besides crashes. */
  failSets = 0;
  /** Versions of the sets this node applied successfully. */
  readonly applied = new Set<number>();
  /** The ttlMs of each set the node was sent, by version. */
  readonly ttls = new Map<number, number | undefined>();
  readonly memory: MemoryStore<Versioned>;
  readonly faulty: FaultyStore<Versioned>;
  readonly store: CacheStore<Versioned>;
  /** Called as a set reaches the node (before it is answered). */
  onSet: ((key: string, entry: Versioned) => void) | undefined;

  constructor(
    readonly name: string,
    time: ManualTime,
    readonly run: Run,
  ) {
    this.memory = new MemoryStore<Versioned>({ clock: time });
    this.faulty = new FaultyStore<Versioned>(this.memory, {
      fail: (call) => {
        if (this.crashed || (this.crashFrom !== undefined && call.index >= this.crashFrom)) return true;
        if (call.method === 'set' && this.failSets > 0) {
          this.failSets--;
          return true;
        }
        return false;
      },
    });
    const answer = <T>(label: string, call: () => Promise<T>, describe: (value: T) => string): Promise<T> => {
      const s = run.s;
      const trace = run.trace;
      const effect = (): Promise<T> =>
        call().then(
          (value) => {
            trace.steps.push({ call: `  ${label}`, result: describe(value) });
            return value;
          },
          (error: unknown) => {
            trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(error)}` });
            throw error;
          },
        );
      if (s === undefined) return effect();
      trace.steps.push({ call: `  ${label} …` });
      return s.schedule(Promise.resolve(), label).then(effect);
    };
    this.store = {
      get: (key) => answer(`${name}.get(${show(key)})`, () => this.faulty.get(key), showEntry),
      set: (key, entry, ttlMs) => {
        this.onSet?.(key, entry);
        if (typeof entry?.version === 'number') this.ttls.set(entry.version, ttlMs);
        const label = `${name}.set(${show(key)}, ${showEntry(entry)}${ttlMs === undefined ? '' : `, ${show(ttlMs)}`})`;
        return answer(label, () => this.faulty.set(key, entry, ttlMs), () => {
          if (typeof entry?.version === 'number') this.applied.add(entry.version);
          return 'ok';
        });
      },
      delete: (key) => answer(`${name}.delete(${show(key)})`, () => this.faulty.delete(key), () => 'ok'),
    };
  }

  /** The version this node holds for `key` (0 for none). */
  version(key: string): number {
    const entry = this.memory.peek(key);
    return typeof entry?.version === 'number' ? entry.version : 0;
  }

  /** Whether any call to this node has failed (then it left rotation at least once). */
  get everFailed(): boolean {
    return this.faulty.log.some((c) => c.failed);
  }

  get calls(): number {
    return this.faulty.log.length;
  }
}

function showEntry(entry: Versioned | undefined): string {
  if (entry === undefined || entry === null || typeof entry !== 'object') return show(entry);
  return 'deleted' in entry ? `{ deleted, v${entry.version} }` : `{ ${show(entry.value)}, v${entry.version} }`;
}

/** A write the grader made through the client. */
interface WriteRecord {
  key: string;
  value: string | undefined;
  version: number;
  ttlMs: number | undefined;
  call: Call;
}

/** One run of a property: the nodes, the client and what the grader knows of its writes. */
class Run {
  readonly trace: Trace = new Trace();
  readonly time = new ManualTime(EPOCH);
  readonly nodes: Node[] = [];
  readonly reported: { error: unknown; node: unknown }[] = [];
  readonly writes: WriteRecord[] = [];
  /** The highest acknowledged version of each key. */
  readonly acked = new Map<string, number>();
  readonly byValue = new Map<string, WriteRecord>();
  readonly calls: Call[] = [];
  client!: Client;
  /** The first failure found inside a callback (a promise's settling, a node's call), raised at the next finish(). */
  failure: GradeFailure | undefined;
  quorum = 0;
  interval = 1000;

  constructor(
    readonly impl: ImplModule,
    public s?: fc.Scheduler,
  ) {}

  create(count: number, options: { writeQuorum?: number | undefined; interval?: number | undefined } = {}): Client {
    const names = NAMES.slice(0, count);
    for (const name of names) this.nodes.push(new Node(name, this.time, this));
    this.quorum = options.writeQuorum ?? Math.floor(count / 2) + 1;
    this.interval = options.interval ?? 1000;
    const extra = `${options.writeQuorum === undefined ? '' : `, writeQuorum: ${options.writeQuorum}`}${options.interval === undefined ? '' : `, healthCheckIntervalMs: ${options.interval}`}`;
    this.trace.add(`new ReplicatedCache({ nodes: { ${names.join(', ')} }${extra}, clock, scheduler, onNodeError }) (each node an empty store)`);
    const opts: Record<string, unknown> = {
      nodes: Object.fromEntries(this.nodes.map((n) => [n.name, n.store])),
      clock: this.time,
      scheduler: this.time,
      onNodeError: (error: unknown, node: unknown) => this.reported.push({ error, node }),
    };
    if (options.writeQuorum !== undefined) opts.writeQuorum = options.writeQuorum;
    if (options.interval !== undefined) opts.healthCheckIntervalMs = options.interval;
    const cls = exported<ClientClass>(this.impl, 'ReplicatedCache');
    this.client = this.trace.run(() => new cls(opts));
    return this.client;
  }

  node(name: string): Node {
    return this.nodes.find((n) => n.name === name)!;
  }

  get version(): number {
    return this.writes.length;
  }

  /** Starts a set (value `v<version>`) or a delete; the grader notes it as acknowledged when it resolves. */
  write(key: string, kind: 'set' | 'delete', ttlMs?: number, onSettle?: (call: Call, record: WriteRecord) => void): WriteRecord {
    const version = this.version + 1;
    const value = kind === 'set' ? `v${version}` : undefined;
    const label = kind === 'set' ? `set(${show(key)}, ${show(value)}${ttlMs === undefined ? '' : `, ${ttlMs}`})` : `delete(${show(key)})`;
    const record = { key, value, version, ttlMs } as WriteRecord;
    this.writes.push(record);
    if (value !== undefined) this.byValue.set(value, record);
    record.call = start(this.trace, `${label} [v${version}]`, () => (kind === 'set' ? this.client.set(key, value!, ttlMs) : this.client.delete(key)), (call) => {
      if (call.state === 'resolved' && (this.acked.get(key) ?? 0) < version) this.acked.set(key, version);
      onSettle?.(call, record);
    });
    this.calls.push(record.call);
    return record;
  }

  /**
   * Starts a get. When it settles, a value must be of `key` and no older than the latest write of
   * `key` acknowledged before the get was called; undefined only when that write is a delete (or
   * there is none), or a later delete of the key was made.
   */
  get(key: string, onSettle?: (call: Call) => void): Call {
    const floor = this.acked.get(key) ?? 0;
    const call = start(this.trace, `get(${show(key)})`, () => this.client.get(key), (call) => {
      if (call.state === 'resolved') this.check(() => this.checkFresh(key, floor, call.value));
      onSettle?.(call);
    });
    this.calls.push(call);
    return call;
  }

  checkFresh(key: string, floor: number, value: unknown): void {
    const latest = floor === 0 ? undefined : this.writes[floor - 1]!;
    const what = latest === undefined ? 'no write of it was acknowledged yet' : `the latest acknowledged write of ${show(key)} was ${latest.value === undefined ? 'a delete' : `set ${show(latest.value)}`} (v${floor})`;
    if (value === undefined) {
      if (latest === undefined || latest.value === undefined) return;
      if (this.writes.some((w) => w.key === key && w.value === undefined && w.version > floor)) return;
      this.trace.fail(`get(${show(key)}) resolved with undefined, but ${what}: a node without the key (or with an older tombstone) is not a usable answer`);
    }
    const record = typeof value === 'string' ? this.byValue.get(value) : undefined;
    if (record === undefined || record.key !== key) this.trace.fail(`get(${show(key)}) resolved with ${show(value)}, which was never set for ${show(key)}`);
    if (record.version < floor) {
      this.trace.fail(`get(${show(key)}) resolved with ${show(value)} (v${record.version}), older than the latest acknowledged write: ${what}. Use a node's answer only if its version is >= the latest version acknowledged for the key`);
    }
  }

  /** Runs a check from inside a callback: a failure is kept, to be raised by the next finish(). */
  check(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof GradeFailure)) throw error;
      this.failure ??= error;
    }
  }

  /** Lets every node call be answered and every client promise chain run. */
  async settle(): Promise<void> {
    if (this.s !== undefined) await settle(this.s);
    else for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Settles and checks every call started so far has settled. */
  async finish(): Promise<void> {
    await this.settle();
    if (this.failure !== undefined) throw this.failure;
    expectSettled(this.trace, this.calls);
    raiseNotImplemented(this.trace, this.calls);
  }

  /** Runs one write to the end. */
  async writeNow(key: string, kind: 'set' | 'delete' = 'set'): Promise<WriteRecord> {
    const record = this.write(key, kind);
    await this.finish();
    return record;
  }

  async getNow(key: string): Promise<Call> {
    const call = this.get(key);
    await this.finish();
    return call;
  }

  crash(node: Node, crashed = true): void {
    node.crashed = crashed;
    this.trace.add(`(node ${node.name} ${crashed ? 'crashes: every call to it fails from now on' : 'recovers: its calls work again (it still holds what it held)'})`);
  }

  advance(ms: number): void {
    this.trace.add(`(time moves ${ms} ms)`);
    this.trace.run(() => this.time.advance(ms), 'a timer callback');
  }

  close(): void {
    this.trace.add('close()');
    this.trace.run(() => this.client.close());
  }
}

/** Bad options and arguments are refused with a TypeError or RangeError. */
function validation(hint: string): CheckedProperty {
  type Case = { label: string; options: (store: () => CacheStore<Versioned>) => unknown } | { label: string; call: (client: Client) => unknown };
  const good = (s: () => CacheStore<Versioned>): Record<string, unknown> => ({ nodes: { red: s(), green: s(), blue: s() }, scheduler: new ManualTime(EPOCH) });
  const cases: Case[] = [
    { label: 'no options', options: () => undefined },
    { label: 'nodes: undefined', options: () => ({ nodes: undefined }) },
    { label: 'nodes: null', options: () => ({ nodes: null }) },
    { label: 'nodes: "red,green"', options: () => ({ nodes: 'red,green' }) },
    { label: 'nodes: {} (no store)', options: () => ({ nodes: {} }) },
    { label: 'nodes: { red: {} } (no methods)', options: () => ({ nodes: { red: {} } }) },
    { label: 'nodes: { red: store, green: { get, set } } (no delete)', options: (s) => ({ nodes: { red: s(), green: { get: s().get, set: s().set } } }) },
    ...[0, -1, 4, 1.5, NaN, Infinity, '2'].map((q) => ({ label: `nodes: { red, green, blue }, writeQuorum: ${show(q)}`, options: (s: () => CacheStore<Versioned>) => ({ ...good(s), writeQuorum: q }) })),
    ...[0, -5, Infinity, NaN, '1000'].map((ms) => ({ label: `nodes: { red, green, blue }, healthCheckIntervalMs: ${show(ms)}`, options: (s: () => CacheStore<Versioned>) => ({ ...good(s), healthCheckIntervalMs: ms }) })),
    { label: 'nodes: { red, green, blue }, onNodeError: "log"', options: (s) => ({ ...good(s), onNodeError: 'log' }) },
    { label: 'get(42)', call: (c) => c.get(42 as unknown as string) },
    { label: 'set(42, "v")', call: (c) => c.set(42 as unknown as string, 'v') },
    { label: 'set("a", undefined)', call: (c) => c.set('a', undefined as unknown as string) },
    { label: 'delete(null)', call: (c) => c.delete(null as unknown as string) },
  ];
  return checked({
    id: 'validation',
    statement: 'bad options and arguments are refused with a TypeError or RangeError naming the argument, and write nothing',
    hint,
    runs: 60,
    build: (impl) =>
      fc.asyncProperty(fc.constantFrom(...cases), async (c) => {
        const run: Run = new Run(impl);
        const cls = exported<ClientClass>(impl, 'ReplicatedCache');
        const fresh = (): CacheStore<Versioned> => new MemoryStore<Versioned>();
        if ('options' in c) {
          let made: Client | undefined;
          try {
            await expectInputError(run.trace, `new ReplicatedCache(${c.label})`, () => (made = new cls(c.options(fresh) as Record<string, unknown>)));
          } finally {
            try {
              made?.close();
            } catch {
              // Only tidying up.
            }
          }
          return;
        }
        run.create(3);
        try {
          await expectInputError(run.trace, c.label, () => c.call(run.client));
          await run.settle();
          for (const node of run.nodes) if (node.faulty.log.some((call) => call.method !== 'get')) run.trace.fail(`the refused call wrote to node ${node.name}`);
        } finally {
          run.client.close();
        }
      }),
  });
}

/** How many nodes hold (have applied) version `version`. */
const holders = (run: Run, version: number): string[] => run.nodes.filter((n) => n.applied.has(version)).map((n) => n.name);

/** Writes resolve only once writeQuorum nodes have them, and reject only when they cannot. */
function quorumAck(hint: string): CheckedProperty {
  const arb = fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      quorum: fc.option(fc.integer({ min: 1, max: n }), { nil: undefined }),
      // For each node: from which of its calls on it fails (undefined: never).
      crashAt: fc.array(fc.option(fc.nat(4), { nil: undefined, freq: 2 }), { minLength: n, maxLength: n }),
      batches: fc.array(fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), kind: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'), ttl: fc.boolean() }), { minLength: 1, maxLength: 4 }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  );
  return checked({
    id: 'quorum-ack',
    statement: 'set and delete resolve only once writeQuorum nodes (default: a majority of all nodes) have the write (with the ttlMs given), and reject only when that can no longer happen',
    hint,
    runs: 100,
    build: (impl) =>
      fc.asyncProperty(fc.scheduler(), arb, async (s, { n, quorum, crashAt, batches }) => {
        const run: Run = new Run(impl, s);
        run.create(n, { writeQuorum: quorum });
        try {
          // A node that crashes from its k-th call: counted on the faulty store's own log.
          for (const [i, node] of run.nodes.entries()) {
            const at = crashAt[i];
            if (at === undefined) continue;
            node.crashFrom = at;
            run.trace.add(`(node ${node.name} fails every call from its call #${at + 1} on)`);
          }
          for (const batch of batches) {
            for (const op of batch) {
              run.write(op.key, op.kind, op.ttl && op.kind === 'set' ? TTL : undefined, (call, record) => run.check(() => {
                if (call.state !== 'resolved') return;
                const have = holders(run, record.version);
                if (have.length < run.quorum) {
                  run.trace.fail(
                    `${call.label} resolved when ${have.length === 0 ? 'no node' : `only ${have.join(', ')}`} had it; writeQuorum is ${run.quorum}${quorum === undefined ? ` (a majority of all ${n} nodes)` : ''}: resolve only when that many nodes have confirmed the write`,
                  );
                }
              }));
            }
            // Before any node answers: each write must have been sent to every node in rotation at once.
            for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
            const healthy = run.nodes.filter((node) => !node.everFailed);
            if (healthy.length >= run.quorum) {
              for (const w of run.writes.slice(-batch.length)) {
                const missing = healthy.find((node) => !node.ttls.has(w.version));
                if (missing !== undefined) {
                  run.trace.fail(`${w.call.label} was not sent to node ${missing.name} (in rotation) before any node answered: send each write to every node in rotation at once, not one after another`);
                }
              }
            }
            await run.finish();
            for (const w of run.writes) {
              const expected = w.ttlMs;
              for (const node of run.nodes) {
                if (node.ttls.has(w.version) && node.ttls.get(w.version) !== expected) {
                  run.trace.fail(`${w.call.label} sent node ${node.name} ttlMs ${show(node.ttls.get(w.version))}, expected ${show(expected)}: pass ttlMs on to every node unchanged`);
                }
              }
              if (w.call.state !== 'rejected') continue;
              if (notImplementedMessage(w.call.error) !== undefined) throw new LearnerThrew(run.trace, w.call.label, w.call.error);
              const have = holders(run, w.version);
              if (have.length >= run.quorum) {
                unexpectedRejection(run.trace, w.call, `nodes ${have.join(', ')} have the write, which meets writeQuorum ${run.quorum}: reject only when too few nodes can still confirm it`);
              }
            }
          }
        } finally {
          run.client.close();
        }
      }),
  });
}

/** Under concurrent calls and crashes, gets never return anything older than the latest acknowledged write. */
function readsNeverStale(hint: string): CheckedProperty {
  type Event = { kind: 'crash' | 'recover'; node: number } | { kind: 'tick' };
  type Op = { kind: 'get' | 'set' | 'delete'; key: string };
  const opArb = fc.record({ kind: fc.constantFrom<Op['kind']>('get', 'get', 'set', 'set', 'delete'), key: fc.constantFrom('a', 'b') });
  const eventArb = fc.oneof(
    fc.record({ kind: fc.constantFrom<'crash' | 'recover'>('crash', 'recover'), node: fc.nat(4) }),
    fc.constant<Event>({ kind: 'tick' }),
  ) as fc.Arbitrary<Event>;
  const arb = fc.integer({ min: 2, max: 4 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      quorum: fc.integer({ min: 1, max: n }),
      rounds: fc.array(fc.record({ events: fc.array(eventArb, { maxLength: 2 }), ops: fc.array(opArb, { minLength: 1, maxLength: 6 }) }), { minLength: 1, maxLength: 4 }),
    }),
  );
  return checked({
    id: 'reads-never-stale',
    statement:
      'with calls answered in any order and nodes crashing and recovering, no get resolves with a value older than the latest acknowledged write, and when a node that never failed holds that write the get resolves with it (or newer)',
    hint,
    runs: 120,
    build: (impl) =>
      fc.asyncProperty(fc.scheduler(), arb, async (s, { n, quorum, rounds }) => {
        const run: Run = new Run(impl, s);
        run.create(n, { writeQuorum: quorum });
        try {
          for (const round of rounds) {
            for (const event of round.events) {
              if (event.kind === 'tick') run.advance(run.interval);
              else run.crash(run.nodes[event.node % n]!, event.kind === 'crash');
            }
            for (const op of round.ops) {
              if (op.kind === 'get') run.get(op.key);
              else run.write(op.key, op.kind);
            }
            await run.finish();
            // Quiet now: a key whose latest write is on a node that never failed must be readable.
            for (const key of ['a', 'b']) {
              const floor = run.acked.get(key) ?? 0;
              if (floor === 0) continue;
              const holder = run.nodes.find((node) => !node.everFailed && !node.crashed && node.version(key) >= floor);
              const call = await run.getNow(key);
              if (holder !== undefined && call.state === 'rejected') {
                unexpectedRejection(run.trace, call, `node ${holder.name} never failed (so it is in rotation) and holds v${holder.version(key)} of ${show(key)}, which is at least the latest acknowledged v${floor}: ask the next node in rotation until one has a usable answer`);
              }
            }
          }
        } finally {
          run.client.close();
        }
      }),
  });
}

/** A failing primary's reads are answered by a replica, and the primary leaves rotation at once. */
function failover(hint: string): CheckedProperty {
  const arb = fc.record({
    n: fc.integer({ min: 2, max: 4 }),
    keys: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 }),
    deleted: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    after: fc.array(fc.record({ kind: fc.constantFrom('get', 'set'), key: fc.constantFrom('a', 'b', 'c', 'd') }), { maxLength: 6 }),
  });
  return checked({
    id: 'failover',
    statement: 'when the primary fails a read, the error is reported with onNodeError(error, node), the next node in read order answers, and the failed node gets no more calls',
    hint,
    runs: 80,
    build: (impl) =>
      fc.asyncProperty(arb, async ({ n, keys, deleted, after }) => {
        const run: Run = new Run(impl);
        run.create(n, { writeQuorum: n - 1 });
        try {
          for (const [i, key] of keys.entries()) {
            const record = await run.writeNow(key);
            if (record.call.state !== 'resolved') unexpectedRejection(run.trace, record.call, 'every node is healthy');
            if (deleted[i]) {
              const del = await run.writeNow(key, 'delete');
              if (del.call.state !== 'resolved') unexpectedRejection(run.trace, del.call, 'every node is healthy');
            }
          }
          const primary = run.nodes[0]!;
          run.crash(primary);
          const key = keys[0]!;
          const call = await run.getNow(key);
          if (call.state === 'rejected') unexpectedRejection(run.trace, call, `node ${primary.name} failed, but ${run.nodes[1]!.name} (next in read order) has the latest write: on an error, take the node out of rotation and ask the next one`);
          const report = run.reported.find((r) => r.error instanceof InjectedFault);
          if (report === undefined) run.trace.fail(`the error of node ${primary.name} was not reported: call onNodeError(error, ${show(primary.name)})`);
          if (report.node !== primary.name) run.trace.fail(`onNodeError was called with node ${show(report.node)}, expected ${show(primary.name)}`);
          const mark = primary.calls;
          for (const op of after) {
            if (op.kind === 'get') await run.getNow(op.key);
            else await run.writeNow(op.key);
            const call = run.calls.at(-1)!;
            if (op.kind === 'get' && call.state === 'rejected') unexpectedRejection(run.trace, call, `the other nodes are healthy and have every acknowledged write`);
            if (primary.calls > mark) run.trace.fail(`node ${primary.name} was called again (${primary.faulty.log.at(-1)!.method}), but it failed a read and no health check has run: it is out of rotation`);
          }
        } finally {
          run.client.close();
        }
      }),
  });
}

/** A recovered node returns to rotation only once it has every acknowledged write. */
function catchUp(hint: string): CheckedProperty {
  const arb = fc.integer({ min: 2, max: 4 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      quorum: fc.integer({ min: 1, max: n - 1 }),
      down: fc.nat(n - 1),
      before: fc.array(fc.record({ kind: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'), key: fc.constantFrom('a', 'b', 'c') }), { maxLength: 4 }),
      during: fc.array(fc.record({ kind: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'), key: fc.constantFrom('a', 'b', 'c', 'd') }), { minLength: 1, maxLength: 5 }),
      failCatchUp: fc.boolean(),
    }),
  );
  return checked({
    id: 'catch-up',
    statement: 'a recovered node is written every write acknowledged while it was out, and returns to rotation only once it has them all; then reads served from it are current',
    hint,
    runs: 80,
    build: (impl) =>
      fc.asyncProperty(arb, async ({ n, quorum, down, before, during, failCatchUp }) => {
        const run: Run = new Run(impl);
        run.create(n, { writeQuorum: quorum });
        try {
          for (const op of before) await run.writeNow(op.key, op.kind);
          const node = run.nodes[down]!;
          run.crash(node);
          for (const op of during) {
            const record = await run.writeNow(op.key, op.kind);
            if (record.call.state !== 'resolved') unexpectedRejection(run.trace, record.call, `only node ${node.name} is down, and writeQuorum ${quorum} nodes are healthy`);
          }
          // From now on, a write the grader makes that reaches the node means it is in rotation: it must be caught up.
          let inRotation = false;
          const oldVersions = run.version;
          node.onSet = (key, entry) => run.check(() => {
            if (typeof entry?.version !== 'number' || entry.version <= oldVersions) return;
            inRotation = true;
            for (const [k, version] of run.acked) {
              if (node.version(k) < version) {
                run.trace.fail(`node ${node.name} was sent a new write (${key}, v${entry.version}), so it is back in rotation, but it holds v${node.version(k)} of ${show(k)} where v${version} was acknowledged while it was out: catch it up before it returns`);
              }
            }
          });
          run.crash(node, false);
          if (failCatchUp) {
            node.failSets = 1;
            run.trace.add(`(the first set node ${node.name} is sent from now on fails)`);
          }
          for (let i = 0; i < (failCatchUp ? 2 : 1); i++) {
            run.advance(run.interval);
            await run.finish();
          }
          const record = await run.writeNow('z');
          if (record.call.state !== 'resolved') unexpectedRejection(run.trace, record.call, 'every node is healthy');
          if (!inRotation) {
            run.trace.fail(`node ${node.name} recovered and ${failCatchUp ? 'two health checks ran (the second found every write working)' : 'a health check ran'}, but the write did not reach it: probe it, write it what it missed, then put it back in rotation`);
          }
          for (const other of run.nodes) if (other !== node) other.crashed = true;
          run.trace.add(`(every node but ${node.name} crashes)`);
          for (const key of ['a', 'b', 'c', 'd', 'z']) {
            const call = await run.getNow(key);
            if (call.state === 'rejected') unexpectedRejection(run.trace, call, `node ${node.name} is in rotation and was caught up, so it has the latest acknowledged write of ${show(key)}`);
          }
        } finally {
          run.client.close();
        }
      }),
  });
}

/** Health checks run every healthCheckIntervalMs on the injected scheduler, probe only nodes out of rotation, and close() stops them. */
function healthTimer(hint: string): CheckedProperty {
  const arb = fc.record({
    n: fc.integer({ min: 2, max: 3 }),
    interval: fc.constantFrom(undefined, 7, 250, 1500),
    ticks: fc.integer({ min: 1, max: 4 }),
  });
  return checked({
    id: 'health-timer',
    statement: 'every healthCheckIntervalMs (on the given scheduler) each node out of rotation is probed once, nodes in rotation are not, and close() leaves no timer',
    hint,
    runs: 40,
    build: (impl) =>
      fc.asyncProperty(arb, async ({ n, interval, ticks }) => {
        const run: Run = new Run(impl);
        run.create(n, { interval, writeQuorum: 1 });
        let closed = false;
        try {
          await run.writeNow('a');
          const ms = run.interval;
          const counts = (): number[] => run.nodes.map((node) => node.calls);
          let mark = counts();
          run.advance(ms);
          await run.finish();
          if (counts().some((c, i) => c !== mark[i])) run.trace.fail('a health check called a node, but every node is in rotation: probe only the nodes out of rotation');
          const primary = run.nodes[0]!;
          run.crash(primary);
          await run.getNow('a');
          for (let i = 0; i < ticks; i++) {
            mark = counts();
            if (ms > 1) {
              run.advance(ms - 1);
              await run.finish();
              if (primary.calls !== mark[0]) run.trace.fail(`node ${primary.name} was probed before healthCheckIntervalMs (${ms}) had passed`);
            }
            run.advance(ms > 1 ? 1 : ms);
            await run.finish();
            const probes = primary.calls - mark[0]!;
            if (probes !== 1) run.trace.fail(`node ${primary.name} (out of rotation) was called ${probes} times in one healthCheckIntervalMs (${ms} ms), expected one probe`);
            if (counts().some((c, i) => i > 0 && c !== mark[i])) run.trace.fail('a health check called a node that is in rotation');
          }
          run.close();
          closed = true;
          if (run.time.pending > 0) run.trace.fail(`close() left ${run.time.pending} timer(s) set on the scheduler: clear the health-check timer`);
          mark = counts();
          run.advance(ms * 3);
          await run.finish();
          if (counts().some((c, i) => c !== mark[i])) run.trace.fail('a node was probed after close()');
        } finally {
          if (!closed) run.client.close();
        }
      }),
  });
}

/** The replicated-cache suite. */
export const suite: Suite = {
  properties: [
    validation(
      'Check the options first thing in the constructor: nodes a non-empty object of stores with get, set and delete; writeQuorum (when given) a safe integer from 1 to the number of nodes; healthCheckIntervalMs a positive finite number; onNodeError a function. In each method check the key (a string) and the value (not undefined) before numbering the write.',
    ),
    quorumAck(
      'Send the write to every node in rotation at once and count confirmations and failures: resolve when confirmations reach writeQuorum (a majority of ALL nodes by default, not of those in rotation), reject as soon as confirmations plus calls still pending fall below it.',
    ),
    readsNeverStale(
      'Remember the version of the latest acknowledged write of each key; in get, skip any node whose answer has a lower version (or no entry, when a write was acknowledged) and ask the next one; reject if none is left.',
    ),
    failover(
      'In get, wrap each node\'s call in try/catch: on an error remove the node from the rotation Set, call onNodeError(error, node) and go on with the next node; writes and reads then skip it until a health check brings it back.',
    ),
    catchUp(
      'When a probe succeeds, write the node the latest acknowledged Versioned of every key it may lack (acknowledged since it left, or whose write to it failed), wait for all of them, and only if every one succeeded add it back to rotation.',
    ),
    healthTimer(
      'Set one timer with scheduler.setTimeout(check, healthCheckIntervalMs) and set the next one when it fires; probe only nodes out of rotation; in close() call scheduler.clearTimeout on the pending handle and set no new timer.',
    ),
  ],
};
