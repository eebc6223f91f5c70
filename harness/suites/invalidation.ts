/**
 * The properties of invalidation.
 *
 * Two or three nodes (InvalidatingCache instances N1, N2, N3) share one MemoryBus, each on its own
 * connection to it. A model database gives each write of a key a new version and value (`"a@1"`,
 * `"a@2"`, …) with random tags. A run is a few rounds of operations, each round with its own
 * fast-check scheduler, which decides when each load answers, when the bus accepts each publish,
 * and when each event reaches each node: a `step` lets it release one of them. Whatever is still
 * pending at the end of a round is released then, and at the end of the run every open node reads
 * every key.
 *
 * The contract leaves nothing to chance, so the grader keeps an exact model of every node: what
 * it caches (and why, or why not), its loads in flight and what each of them heard, whether it is
 * connected or closed. After every step the learner's nodes are checked against it: which gets
 * are answered from the cache (no load) and with what, which gets call load (exactly once),
 * what each invalidate publishes and when it resolves, what onError hears. Every load reads the
 * database when it is called, so a load answered after a write carries the old value.
 *
 * The properties differ in the runs they generate, each aimed at one rule of the contract; all
 * check the whole model.
 */
import fc from 'fast-check';
import type { BusListener, EventBus } from '../../exercises/workbook.js';
import { MemoryBus, type BusDelivery, type MemoryBusConnection } from '../../lib/memory-bus.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { describeError, expectInputError, start, watchingRejections, type Call } from './async-calls.js';

// ─── What is graded ──────────────────────────────────────────────────────────────────────────

type Key = 'a' | 'b';
type Tag = 'red' | 'blue';
const KEYS: readonly Key[] = ['a', 'b'];

/** The public face of an InvalidatingCache. */
interface Cache {
  get(key: unknown): PromiseLike<unknown>;
  invalidate(key: unknown, version?: unknown): PromiseLike<unknown>;
  invalidateTag(tag: unknown): PromiseLike<unknown>;
  close(): unknown;
}
type CacheClass = new (options: Record<string, unknown>) => Cache;
const CLASS = 'InvalidatingCache';

/** An event as the trace shows it: `{ kind: "key", key: "a", version: 2 }`. */
function showEvent(event: unknown): string {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return show(event);
  const fields = Object.entries(event as Record<string, unknown>).map(([k, v]) => `${k}: ${show(v)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}

// ─── Operations ──────────────────────────────────────────────────────────────────────────────

/** Which version a generated invalidate names: none, the one the last write made, or the one it replaced. */
type VersionChoice = 'none' | 'written' | 'replaced';

type Op =
  | { readonly kind: 'get'; readonly node: number; readonly key: Key }
  /** The database takes a new value of the key, with a new version and these tags (nobody is told). */
  | { readonly kind: 'write'; readonly key: Key; readonly tags: readonly Tag[] }
  | { readonly kind: 'invalidate'; readonly node: number; readonly key: Key; readonly version: VersionChoice }
  | { readonly kind: 'invalidate-tag'; readonly node: number; readonly tag: Tag }
  | { readonly kind: 'disconnect'; readonly node: number }
  | { readonly kind: 'reconnect'; readonly node: number }
  | { readonly kind: 'close'; readonly node: number }
  /** Another program publishes the malformed event number `which` on the bus. */
  | { readonly kind: 'malformed'; readonly which: number }
  /** The scheduler releases one pending task; a load released fails when `ok` is false. */
  | { readonly kind: 'step'; readonly ok: boolean };

/** A round: its steps and its own scheduler (so that shrinking one round keeps the others' interleavings). */
interface Round {
  readonly ops: readonly Op[];
  readonly s: fc.Scheduler;
}

/** Events that are not InvalidationEvents, made afresh for each publish. */
const MALFORMED: readonly (() => unknown)[] = [
  () => null,
  () => 'a',
  () => ({ kind: 'key' }),
  () => ({ kind: 'key', key: 7 }),
  () => ({ kind: 'key', key: 'a', version: '3' }),
  () => ({ kind: 'key', key: 'b', version: NaN }),
  () => ({ kind: 'key', key: 'a', version: null }),
  () => ({ kind: 'tag' }),
  () => ({ kind: 'purge', key: 'a' }),
];

// ─── The model ───────────────────────────────────────────────────────────────────────────────

/** One version of a key in the database. */
interface Row {
  readonly key: Key;
  readonly version: number;
  readonly value: string;
  readonly tags: readonly Tag[];
}

const describeRow = (row: Row): string => `${show(row.value)} (version ${row.version}${row.tags.length === 0 ? ', no tags' : `, tags ${row.tags.join(', ')}`})`;

/** What a node caches for a key, how it got there, and the invalidations that rightly spared it. */
interface Entry {
  readonly row: Row;
  readonly how: string;
  readonly spared: string[];
}

/** A call of the grader's load. */
interface LoadCall {
  readonly node: NodeModel;
  readonly key: Key;
  readonly row: Row;
  readonly label: string;
  /** The trace step that shows the call. */
  readonly step: number;
  readonly error: Error;
  state: 'pending' | 'resolved' | 'rejected';
  answeredAt?: number;
  /** Why its value may not be cached, whatever its version. */
  spoiled?: string;
  /** The highest version an invalidation of its key named while it ran, and whose. */
  bar?: { version: number; why: string };
  /** The tags invalidated while it ran, and by whom. */
  readonly heard: Map<Tag, string>;
}

/** A get the grader started, and what the model expects of it. */
interface GetCall {
  readonly call: Call;
  readonly node: NodeModel;
  readonly key: Key;
  readonly expect: 'hit' | 'load' | 'closed';
  readonly reason: string;
  readonly value?: string;
  load?: LoadCall;
  done: boolean;
}

/** A call of a node's bus.publish. */
interface PublishCall {
  readonly node: NodeModel;
  readonly event: unknown;
  readonly step: number;
  state: 'pending' | 'accepted' | 'refused';
  error?: unknown;
}

/** An invalidate or invalidateTag the grader started. */
interface InvalidateCall {
  readonly node: NodeModel;
  readonly label: string;
  readonly expected: Record<string, unknown>;
  readonly publishes: PublishCall[];
  call?: Call;
  done: boolean;
}

/** A report to onError. */
interface Reported {
  readonly error: unknown;
  readonly event: unknown;
  readonly step: number;
}

/** One node: the learner's instance, its connection, and the model of what it holds. */
class NodeModel {
  instance!: Cache;
  connected = true;
  closed = false;
  /** The step of the last disconnection. */
  lostAt = 0;
  readonly entries = new Map<Key, Entry>();
  readonly why = new Map<Key, string>();
  readonly flights = new Set<LoadCall>();
  readonly reported: Reported[] = [];
  /** How many reports the grader has accounted for. */
  reportsSeen = 0;
  /** Malformed events delivered that onError must hear of. */
  readonly owed: { event: unknown; step: number }[] = [];

  constructor(
    readonly name: string,
    readonly conn: MemoryBusConnection<unknown>,
  ) {}

  drop(key: Key, why: string): void {
    this.entries.delete(key);
    this.why.set(key, why);
  }

  dropAll(why: string, inFlight: string): void {
    for (const key of [...this.entries.keys()]) this.drop(key, why);
    for (const load of this.flights) load.spoiled ??= inFlight;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A run of one property: the nodes, the bus, the database, and the model they are checked against. */
class Run {
  readonly trace: Trace = new Trace();
  s!: fc.Scheduler;
  readonly bus: MemoryBus<unknown>;
  readonly nodes: NodeModel[] = [];
  readonly db = new Map<Key, Row>();
  readonly tagsByValue = new Map<string, readonly Tag[]>();
  readonly gets: GetCall[] = [];
  readonly invalidations: InvalidateCall[] = [];
  readonly unhandled: unknown[] = [];
  /** An exception of the learner's listener, thrown inside a scheduled delivery. */
  thrown: unknown;
  #loads = 0;
  #nextOk = true;
  /** The get in progress: the loads it makes. */
  #getting: { node: NodeModel; loads: LoadCall[] } | undefined;
  /** The invalidate in progress. */
  #invalidating: InvalidateCall | undefined;
  #strayLoad: LoadCall | undefined;
  #strayPublish: PublishCall | undefined;
  /** A problem noticed inside a call of the learner's, reported at the next check. */
  #problem: { step: number; message: string } | undefined;

  constructor(
    nodeCount: number,
    initialTags: readonly (readonly Tag[])[],
  ) {
    this.bus = new MemoryBus<unknown>({ schedule: (delivery) => this.#scheduleDelivery(delivery) });
    for (let i = 0; i < nodeCount; i++) {
      const name = `N${i + 1}`;
      this.nodes.push(new NodeModel(name, this.bus.connect(name)));
    }
    KEYS.forEach((key, i) => this.#setRow({ key, version: 1, value: `${key}@1`, tags: initialTags[i] ?? [] }));
  }

  node(index: number): NodeModel {
    return this.nodes[index % this.nodes.length]!;
  }

  #setRow(row: Row): void {
    this.db.set(row.key, row);
    this.tagsByValue.set(row.value, row.tags);
  }

  // ─── What the learner's nodes are given ─────────────────────────────────────────────────────

  /** The loader of one node: reads the database now; the scheduler decides when it answers. */
  #loader(node: NodeModel): (key: string) => Promise<{ value: string; version: number }> {
    return (key) => {
      const k = (KEYS as readonly unknown[]).includes(key) ? (key as Key) : undefined;
      const row = k === undefined ? undefined : this.db.get(k)!;
      const label = `${node.name}: load(${show(key)})`;
      if (k === undefined || row === undefined) {
        // Recorded, not thrown: the learner's code might catch an exception from its load call.
        this.trace.steps.push({ call: `  ${label}` });
        this.#problem ??= { step: this.trace.current, message: `expected load to be called with the key asked for ("a" or "b"), got ${show(key)}` };
        return new Promise(() => {});
      }
      this.trace.steps.push({ call: `  ${label} …  (reads ${describeRow(row)})` });
      const n = ++this.#loads;
      const load: LoadCall = { node, key: k, row, label, step: this.trace.current, error: new Error(`load #${n} of ${show(k)} failed`), state: 'pending', heard: new Map() };
      if (this.#getting !== undefined && this.#getting.node === node) this.#getting.loads.push(load);
      else this.#strayLoad ??= load;
      if (!node.connected) load.spoiled = `${node.name} was disconnected when it started (since step ${node.lostAt})`;
      node.flights.add(load);
      return this.s.schedule(Promise.resolve(), label).then(() => {
        if (this.#nextOk) {
          load.state = 'resolved';
          this.trace.steps.push({ call: `  ${label}`, result: `{ value: ${show(row.value)}, version: ${row.version} }` });
          load.answeredAt = this.trace.current;
          this.#landed(load);
          return { value: row.value, version: row.version };
        }
        load.state = 'rejected';
        this.trace.steps.push({ call: `  ${label}`, result: `✗ ${describeError(load.error)}` });
        load.answeredAt = this.trace.current;
        node.flights.delete(load);
        throw load.error;
      });
    };
  }

  /** The bus as one node sees it: its own connection; a publish waits until the scheduler lets the bus accept it. */
  #busOf(node: NodeModel): EventBus<unknown> {
    return {
      publish: (event) => {
        this.trace.steps.push({ call: `  ${node.name}: bus.publish(${showEvent(event)}) …` });
        const publish: PublishCall = { node, event, step: this.trace.current, state: 'pending' };
        if (this.#invalidating !== undefined && this.#invalidating.node === node) this.#invalidating.publishes.push(publish);
        else this.#strayPublish ??= publish;
        const label = `bus accepts ${node.name}'s ${showEvent(event)}`;
        return this.s.schedule(Promise.resolve(), label).then(() =>
          node.conn.publish(event).then(
            () => {
              publish.state = 'accepted';
              this.trace.steps.push({ call: `  bus accepted ${node.name}'s ${showEvent(event)}` });
            },
            (error: unknown) => {
              publish.state = 'refused';
              publish.error = error;
              this.trace.steps.push({ call: `  bus refused ${node.name}'s ${showEvent(event)}`, result: `✗ ${describeError(error)}` });
              throw error;
            },
          ),
        );
      },
      subscribe: (listener) => node.conn.subscribe(listener as BusListener<unknown>),
    };
  }

  /** Each delivery of an event to a node is a task of the scheduler. */
  #scheduleDelivery(delivery: BusDelivery<unknown>): void {
    const what = `${delivery.from === 'bus' ? 'the other program' : delivery.from}'s ${showEvent(delivery.event)} to ${delivery.to}`;
    void this.s.schedule(Promise.resolve(), `bus delivers ${what}`).then(() => {
      const node = this.nodes.find((n) => n.name === delivery.to);
      this.trace.steps.push({ call: `  bus delivers ${what}` });
      const step = this.trace.current;
      let delivered = false;
      try {
        delivered = this.trace.run(() => delivery.deliver(), `${delivery.to}'s listener`);
      } catch (error) {
        this.thrown ??= error;
        return;
      }
      if (!delivered) {
        this.trace.steps[step - 1] = { call: `  (lost) ${what}: ${node?.closed ? `${delivery.to} has closed` : `${delivery.to}'s connection was lost after it was published`}` };
        return;
      }
      if (node !== undefined && !node.closed) this.#received(node, delivery.event, `${delivery.from === 'bus' ? 'the other program' : delivery.from}'s event, delivered to ${node.name} at step ${step}`, step);
    });
  }

  // ─── The model's rules ───────────────────────────────────────────────────────────────────────

  /** A node receives an event from the bus. */
  #received(node: NodeModel, event: unknown, source: string, step: number): void {
    if (!isInvalidationEvent(event)) {
      node.owed.push({ event, step });
      node.dropAll(
        `an event that is not an InvalidationEvent (${source}) dropped everything`,
        `while it was in flight, ${node.name} received an event that is not an InvalidationEvent (${source}), which invalidates everything`,
      );
      return;
    }
    if (event.kind === 'key') this.#applyKey(node, event.key as Key, event.version, source);
    else this.#applyTag(node, event.tag as Tag, source);
  }

  /** A key invalidation received by a node (from the bus, or its own invalidate). */
  #applyKey(node: NodeModel, key: Key, version: number | undefined, source: string): void {
    const what = version === undefined ? `the invalidation of ${show(key)} without a version (${source})` : `the invalidation of ${show(key)} up to version ${version} (${source})`;
    const entry = node.entries.get(key);
    if (entry !== undefined) {
      if (version === undefined) node.drop(key, `${what} dropped ${show(entry.row.value)}`);
      else if (entry.row.version <= version) node.drop(key, `${what} dropped ${show(entry.row.value)} (version ${entry.row.version} <= ${version})`);
      else entry.spared.push(`${what} must not drop it: version ${entry.row.version} is newer, and a late, older invalidation never deletes a newer value`);
    }
    for (const load of node.flights) {
      if (load.key !== key) continue;
      if (version === undefined) load.spoiled ??= `while it was in flight, ${node.name} received ${what}`;
      else if (load.bar === undefined || version > load.bar.version) load.bar = { version, why: `while it was in flight, ${node.name} received ${what}` };
    }
  }

  /** A tag invalidation received by a node. */
  #applyTag(node: NodeModel, tag: Tag, source: string): void {
    const what = `the invalidation of tag ${show(tag)} (${source})`;
    for (const [key, entry] of [...node.entries]) {
      if (entry.row.tags.includes(tag)) node.drop(key, `${what} dropped ${show(entry.row.value)}, which is tagged ${tag}`);
    }
    for (const load of node.flights) if (!load.heard.has(tag)) load.heard.set(tag, `while it was in flight, ${node.name} received ${what}`);
  }

  /** A load answered with its value: the model caches it, or says why not. */
  #landed(load: LoadCall): void {
    const { node, key, row } = load;
    node.flights.delete(load);
    if (node.closed) return;
    const current = node.entries.get(key);
    const answered = `the load of step ${load.step} answered ${describeRow(row)} at step ${load.answeredAt}`;
    let refused: string | undefined;
    if (current !== undefined && current.row.version > row.version) refused = `${node.name} already caches the newer ${describeRow(current.row)}, and a load never replaces a newer value`;
    else if (load.spoiled !== undefined) refused = load.spoiled;
    else if (load.bar !== undefined && row.version <= load.bar.version) refused = `${load.bar.why}, and version ${row.version} <= ${load.bar.version}`;
    else {
      const tag = row.tags.find((t) => load.heard.has(t));
      if (tag !== undefined) refused = `${load.heard.get(tag)!}, and ${show(row.value)} is tagged ${tag}`;
    }
    if (refused === undefined) {
      const notes: string[] = [];
      if (load.bar !== undefined) notes.push(`${load.bar.why}, but version ${row.version} is newer than ${load.bar.version}`);
      node.entries.set(key, { row, how: `${answered}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`, spared: [] });
      node.why.delete(key);
    } else if (current === undefined) {
      node.why.set(key, `${answered}, which must not be cached: ${refused}`);
    }
  }

  // ─── Running ─────────────────────────────────────────────────────────────────────────────────

  create(impl: ImplModule): void {
    const names = this.nodes.map((n) => n.name).join(', ');
    const rows = KEYS.map((k) => `${k} = ${describeRow(this.db.get(k)!)}`).join('; ');
    this.trace.add(`${this.nodes.length} nodes ${names}: new ${CLASS}({ bus, load, tagsOf, onError }) each, on its own connection to one bus · database: ${rows}`);
    const cls = exported<CacheClass>(impl, CLASS);
    for (const node of this.nodes) {
      const options: Record<string, unknown> = {
        bus: this.#busOf(node),
        load: this.#loader(node),
        tagsOf: (_key: string, value: string) => [...(this.tagsByValue.get(value) ?? [])],
        onError: (error: unknown, event: unknown) => {
          this.trace.steps.push({ call: `  ${node.name}: onError(${error instanceof Error ? describeError(error) : show(error)}, ${showEvent(event)})` });
          node.reported.push({ error, event, step: this.trace.current });
        },
      };
      node.instance = this.trace.run(() => new cls(options), `new ${CLASS}`);
      const n = node.conn.subscriberCount;
      if (n !== 1) this.trace.fail(`expected the constructor of ${node.name} to subscribe to the bus once, got ${n} subscriptions`);
    }
  }

  async round(round: Round): Promise<void> {
    this.s = round.s;
    for (const op of round.ops) await this.op(op);
    await this.drain('(end of the round: every pending load, publish and delivery goes through)');
  }

  /** Releases every pending task, one at a time. */
  async drain(note: string): Promise<void> {
    if (this.s.count() > 0) this.trace.steps.push({ call: note });
    while (this.s.count() > 0) await this.op({ kind: 'step', ok: true });
  }

  /** At the end: every open node reads every key, and everything settles. */
  async readBack(): Promise<void> {
    this.trace.steps.push({ call: '(the end: every open node reads every key)' });
    for (const node of this.nodes) {
      if (node.closed) continue;
      for (const key of KEYS) {
        await this.get(node, key);
        await this.drain('(everything pending goes through)');
      }
    }
  }

  async op(op: Op): Promise<void> {
    switch (op.kind) {
      case 'get':
        return this.get(this.node(op.node), op.key);
      case 'write': {
        const old = this.db.get(op.key)!;
        const row: Row = { key: op.key, version: old.version + 1, value: `${op.key}@${old.version + 1}`, tags: op.tags };
        this.#setRow(row);
        this.trace.steps.push({ call: `db: ${op.key} = ${describeRow(row)}  (nobody is told yet)` });
        return;
      }
      case 'invalidate': {
        const row = this.db.get(op.key)!;
        const version = op.version === 'none' ? undefined : op.version === 'written' ? row.version : row.version - 1;
        return this.invalidate(this.node(op.node), { kind: 'key', key: op.key, ...(version === undefined ? {} : { version }) });
      }
      case 'invalidate-tag':
        return this.invalidate(this.node(op.node), { kind: 'tag', tag: op.tag });
      case 'disconnect':
      case 'reconnect':
        return this.connection(this.node(op.node), op.kind);
      case 'close':
        return this.close(this.node(op.node));
      case 'malformed': {
        const event = MALFORMED[op.which % MALFORMED.length]!();
        this.trace.steps.push({ call: `another program publishes ${showEvent(event)} on the bus (not an InvalidationEvent)` });
        await this.bus.publish(event);
        return this.check();
      }
      case 'step': {
        if (this.s.count() === 0) return;
        this.#nextOk = op.ok;
        await this.s.waitOne();
        this.#nextOk = true;
        return this.check();
      }
    }
  }

  async get(node: NodeModel, key: Key): Promise<void> {
    const label = `${node.name}.get(${show(key)})`;
    let get: Omit<GetCall, 'call'>;
    const entry = node.entries.get(key);
    if (node.closed) get = { node, key, expect: 'closed', reason: `${node.name} is closed`, done: false };
    else if (node.connected && entry !== undefined) {
      const spared = entry.spared.length > 0 ? `; ${entry.spared.join('; ')}` : '';
      get = { node, key, expect: 'hit', value: entry.row.value, reason: `${node.name} caches ${describeRow(entry.row)}: ${entry.how}${spared}`, done: false };
    } else {
      const reason = !node.connected
        ? `${node.name} is disconnected (since step ${node.lostAt}), so it serves nothing from its cache`
        : (node.why.get(key) ?? `nothing was loaded for ${show(key)} on ${node.name} yet`);
      get = { node, key, expect: 'load', reason, done: false };
    }
    const getting = { node, loads: [] as LoadCall[] };
    this.#getting = getting;
    const call = start(this.trace, label, () => node.instance.get(key));
    await tick();
    this.#getting = undefined;
    const g: GetCall = { ...get, call };
    this.gets.push(g);
    const mine = getting.loads;
    const other = mine.find((l) => l.key !== key);
    if (other !== undefined) this.#failCall(call, `expected no load of ${show(other.key)}: ${label} called ${other.label} at step ${other.step}`);
    if (g.expect === 'closed') {
      if (mine.length > 0) this.#failCall(call, `expected no load: ${node.name} is closed, and its calls reject; but it called load at step ${mine[0]!.step}`);
      if (call.state !== 'rejected' || !(call.error instanceof Error)) this.#failCall(call, `expected a rejection with an Error: ${node.name} was closed; but the get ${outcome(call)}`);
      g.done = true;
    } else if (g.expect === 'hit') {
      if (mine.length > 0) this.#failCall(call, `expected ${show(g.value)} from the cache, without a load: ${g.reason}; but the get called ${mine[0]!.label} (step ${mine[0]!.step})`);
      if (call.state !== 'resolved' || call.value !== g.value) this.#failCall(call, `expected ${show(g.value)} from the cache: ${g.reason}; but the get ${outcome(call)}`);
      g.done = true;
    } else {
      if (mine.length === 0) {
        const served = call.state === 'resolved' ? `; but the get resolved with ${show(call.value)} without calling load (from the cache)` : call.state === 'rejected' ? `; but the get ${outcome(call)} without calling load` : '; but the get made no load of its own (gets do not share loads: a get that waits for a load started before an invalidation may get the old value)';
        this.#failCall(call, `expected ${node.name} to call load(${show(key)}): ${g.reason}${served}`);
      }
      if (mine.length > 1) this.#failCall(call, `expected one load, got ${mine.length} (steps ${mine.map((l) => l.step).join(', ')}): a get that misses calls load(key) once`);
      g.load = mine[0]!;
    }
    await this.check();
  }

  async invalidate(node: NodeModel, expected: Record<string, unknown>): Promise<void> {
    const isKey = expected.kind === 'key';
    const args = isKey ? [expected.key, ...(expected.version === undefined ? [] : [expected.version])] : [expected.tag];
    const label = `${node.name}.${isKey ? 'invalidate' : 'invalidateTag'}(${args.map(show).join(', ')})`;
    const inv: InvalidateCall = { node, label, expected, publishes: [], done: false };
    this.invalidations.push(inv);
    const step = this.trace.current + 1;
    if (!node.closed) {
      // The node applies its own invalidation at once, before the call returns.
      const source = `its own ${label} at step ${step}`;
      if (isKey) this.#applyKey(node, expected.key as Key, expected.version as number | undefined, source);
      else this.#applyTag(node, expected.tag as Tag, source);
    }
    this.#invalidating = inv;
    const call = start(this.trace, label, () => (isKey ? (expected.version === undefined ? node.instance.invalidate(expected.key) : node.instance.invalidate(expected.key, expected.version)) : node.instance.invalidateTag(expected.tag)));
    inv.call = call;
    await tick();
    this.#invalidating = undefined;
    if (node.closed) {
      if (inv.publishes.length > 0) this.#failCall(call, `expected nothing published: ${node.name} is closed; but it published ${showEvent(inv.publishes[0]!.event)}`);
      if (call.state !== 'rejected') this.#failCall(call, `expected a rejection with an Error: ${node.name} was closed; but it ${outcome(call)}`);
      inv.done = true;
      return this.check();
    }
    if (inv.publishes.length !== 1) {
      this.#failCall(call, `expected it to call bus.publish(${showEvent(expected)}) once, ${inv.publishes.length === 0 ? `but it did not call it${call.state === 'pending' ? '' : ` (and ${outcome(call)})`}` : `got ${inv.publishes.length} calls`}`);
    }
    const published = inv.publishes[0]!.event;
    if (!sameEvent(published, expected)) this.#failCall(call, `expected it to publish ${showEvent(expected)}${isKey && expected.version === undefined ? ' (no version: none was given)' : ''}, got ${showEvent(published)}`);
    if (call.state !== 'pending') this.#failCall(call, `expected it to wait until bus.publish has resolved, but it ${outcome(call)} before the bus accepted the event`);
    await this.check();
  }

  async connection(node: NodeModel, change: 'disconnect' | 'reconnect'): Promise<void> {
    if (node.closed || node.conn.connected === (change === 'reconnect')) return;
    const step = this.trace.current + 1;
    if (change === 'disconnect') {
      this.trace.add(`${node.name}'s connection to the bus is lost: the bus calls its listener's disconnected()`);
      node.connected = false;
      node.lostAt = step;
      node.dropAll(`${node.name} was disconnected at step ${step} and dropped its whole cache`, `${node.name} was disconnected at step ${step} while it was in flight`);
      this.trace.run(() => node.conn.disconnect(), `${node.name}: disconnected()`);
    } else {
      this.trace.add(`${node.name}'s connection is back: the bus calls its listener's reconnected()`);
      node.connected = true;
      this.trace.run(() => node.conn.reconnect(), `${node.name}: reconnected()`);
    }
    await tick();
    await this.check();
  }

  async close(node: NodeModel): Promise<void> {
    const again = node.closed;
    this.trace.add(`${node.name}.close()${again ? ' (again)' : ''}`);
    node.closed = true;
    node.entries.clear();
    this.trace.run(() => node.instance.close(), `${node.name}.close()`);
    this.trace.steps[this.trace.current - 1]!.result = 'ok';
    await tick();
    if (!again && node.conn.subscriberCount > 0) {
      this.trace.fail(`expected close() to stop ${node.name}'s subscription (call the function bus.subscribe returned), but ${node.name} is still subscribed: it would keep receiving events it no longer needs`);
    }
    await this.check();
  }

  // ─── Checks after every step ─────────────────────────────────────────────────────────────────

  async check(): Promise<void> {
    await tick();
    if (this.thrown !== undefined) throw this.thrown;
    if (this.#problem !== undefined) {
      this.trace.steps.push({ call: `(step ${this.#problem.step})` });
      this.trace.fail(this.#problem.message);
    }
    if (this.unhandled.length > 0) {
      const error = this.unhandled[0];
      this.trace.steps.push({ call: '(after that step)' });
      this.trace.fail(`a promise rejected with ${error instanceof Error ? describeError(error) : show(error)} and nothing handled it (an unhandled rejection stops a Node process)`);
    }
    const strayLoad = this.#strayLoad;
    if (strayLoad !== undefined) {
      this.trace.steps.push({ call: `${strayLoad.label} (step ${strayLoad.step})` });
      this.trace.fail('expected no load here: only a get that misses calls load (this one was called while no get of that node was running)');
    }
    const strayPublish = this.#strayPublish;
    if (strayPublish !== undefined) {
      this.trace.steps.push({ call: `${strayPublish.node.name}: bus.publish(${showEvent(strayPublish.event)}) (step ${strayPublish.step})` });
      this.trace.fail('expected no publish here: a node publishes only from invalidate and invalidateTag, once per call');
    }
    this.#checkGets();
    this.#checkInvalidations();
    this.#checkReports();
  }

  /** Every get waiting for its load is pending while the load is, and settles as the load did. */
  #checkGets(): void {
    for (const g of this.gets) {
      if (g.done || g.load === undefined) continue;
      const { call, load } = g;
      if (load.state === 'pending') {
        if (call.state !== 'pending') this.#failCall(call, `expected the get to wait for ${load.label} (step ${load.step}), but it ${outcome(call)} before that load answered`);
        continue;
      }
      if (load.state === 'resolved' && (call.state !== 'resolved' || call.value !== load.row.value)) {
        this.#failCall(call, `expected ${show(load.row.value)}, the value ${load.label} (step ${load.step}) answered at step ${load.answeredAt}; but the get ${outcome(call)}`);
      }
      if (load.state === 'rejected' && (call.state !== 'rejected' || call.error !== load.error)) {
        this.#failCall(call, `expected the rejection of ${load.label} (step ${load.step}), ${describeError(load.error)}; but the get ${outcome(call)}`);
      }
      g.done = true;
    }
  }

  /** Every invalidate is pending until the bus accepted its event, then resolves; a refusal rejects it with the bus's error. */
  #checkInvalidations(): void {
    for (const inv of this.invalidations) {
      if (inv.done) continue;
      const call = inv.call!;
      const publish = inv.publishes[0]!;
      if (publish.state === 'pending') {
        if (call.state !== 'pending') this.#failCall(call, `expected it to wait until bus.publish (step ${publish.step}) resolved, but it ${outcome(call)} first`);
        continue;
      }
      if (publish.state === 'accepted' && call.state !== 'resolved') this.#failCall(call, `expected it to resolve once the bus accepted the event, but it ${outcome(call)}`);
      if (publish.state === 'refused' && (call.state !== 'rejected' || call.error !== publish.error)) {
        this.#failCall(call, `expected it to reject with the bus's error, ${describeError(publish.error)} (the bus refused the event); but it ${outcome(call)}`);
      }
      inv.done = true;
    }
  }

  /** onError hears of each malformed event delivered, once, with an Error and the event itself; of nothing else. */
  #checkReports(): void {
    for (const node of this.nodes) {
      for (; node.reportsSeen < node.reported.length; node.reportsSeen++) {
        const report = node.reported[node.reportsSeen]!;
        const at = node.owed.findIndex((o) => o.event === report.event);
        this.trace.steps.push({ call: `${node.name}: onError (step ${report.step})` });
        if (at < 0) this.trace.fail(`expected onError to hear only of delivered events that are not InvalidationEvents (the event itself as second argument), got ${showEvent(report.event)}`);
        if (!(report.error instanceof Error)) this.trace.fail(`expected an Error as onError's first argument, got ${show(report.error)}`);
        this.trace.steps.pop();
        node.owed.splice(at, 1);
      }
      const owed = node.owed[0];
      if (owed !== undefined) {
        this.trace.steps.push({ call: `(after the delivery of step ${owed.step})` });
        this.trace.fail(`expected ${node.name} to call onError(error, event) once for ${showEvent(owed.event)}, which is not an InvalidationEvent; it did not`);
      }
    }
  }

  /** Fails the step of a learner call: on its own line if it is the last, else on a line naming it. */
  #failCall(call: Call, message: string): never {
    if (this.trace.current !== call.step) this.trace.steps.push({ call: `${call.label} (step ${call.step})` });
    this.trace.fail(message);
  }
}

/** An event as the contract defines it. */
type InvalidationEvent = { kind: 'key'; key: string; version?: number } | { kind: 'tag'; tag: string };

/** Whether `event` is an InvalidationEvent (a `version` of undefined counts as none). */
function isInvalidationEvent(event: unknown): event is InvalidationEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  if (e.kind === 'key') return typeof e.key === 'string' && (e.version === undefined || (typeof e.version === 'number' && Number.isFinite(e.version)));
  return e.kind === 'tag' && typeof e.tag === 'string';
}

/** How a settled (or not) call ended, for messages. */
function outcome(call: Call): string {
  if (call.state === 'resolved') return `resolved with ${show(call.value)}`;
  if (call.state === 'rejected') return `rejected with ${describeError(call.error)}`;
  return 'is still pending';
}

/** Whether a published event is the expected one (a `version: undefined` counts as no version). */
function sameEvent(actual: unknown, expected: Record<string, unknown>): boolean {
  if (typeof actual !== 'object' || actual === null) return false;
  const a = actual as Record<string, unknown>;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const wanted = Object.keys(expected).filter((k) => expected[k] !== undefined);
  return keys.length === wanted.length && wanted.every((k) => Object.is(a[k], expected[k]));
}

// ─── Shapes of runs ──────────────────────────────────────────────────────────────────────────

const nodeArb = fc.nat({ max: 2 });
const keyArb = fc.constantFrom<Key>('a', 'b');
const tagArb = fc.constantFrom<Tag>('red', 'blue');
const tagsArb = fc.subarray<Tag>(['red', 'blue']);
const ok = fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

const group = {
  get: fc.tuple(nodeArb, keyArb).map(([node, key]): Op[] => [{ kind: 'get', node, key }]),
  /** Two gets of one key on one node, at once. */
  twoGets: fc.tuple(nodeArb, keyArb).map(([node, key]): Op[] => [{ kind: 'get', node, key }, { kind: 'get', node, key }]),
  step: ok.map((o): Op[] => [{ kind: 'step', ok: o }]),
  steps: fc.array(ok, { minLength: 1, maxLength: 4 }).map((os): Op[] => os.map((o) => ({ kind: 'step', ok: o }))),
  write: fc.tuple(keyArb, tagsArb).map(([key, tags]): Op[] => [{ kind: 'write', key, tags }]),
  writeInvalidate: (versions: fc.Arbitrary<VersionChoice>) =>
    fc.tuple(keyArb, tagsArb, nodeArb, versions).map(([key, tags, node, version]): Op[] => [{ kind: 'write', key, tags }, { kind: 'invalidate', node, key, version }]),
  invalidate: (versions: fc.Arbitrary<VersionChoice>) => fc.tuple(keyArb, nodeArb, versions).map(([key, node, version]): Op[] => [{ kind: 'invalidate', node, key, version }]),
  /** A write, then an invalidation of one of the tags the old or the new value carries. */
  writeInvalidateTag: fc.tuple(keyArb, tagsArb, nodeArb, tagArb).map(([key, tags, node, tag]): Op[] => [{ kind: 'write', key, tags }, { kind: 'invalidate-tag', node, tag }]),
  invalidateTag: fc.tuple(nodeArb, tagArb).map(([node, tag]): Op[] => [{ kind: 'invalidate-tag', node, tag }]),
  disconnect: nodeArb.map((node): Op[] => [{ kind: 'disconnect', node }]),
  reconnect: nodeArb.map((node): Op[] => [{ kind: 'reconnect', node }]),
  close: nodeArb.map((node): Op[] => [{ kind: 'close', node }]),
  malformed: fc.nat({ max: MALFORMED.length - 1 }).map((which): Op[] => [{ kind: 'malformed', which }]),
  /** A get whose load is answered before anything else happens: the key is then cached. */
  fill: fc.tuple(nodeArb, keyArb).map(([node, key]): Op[] => [{ kind: 'get', node, key }, { kind: 'step', ok: true }]),
  /** Two gets of one key on one node, with a write between them: two loads of different versions in flight. */
  overlap: fc.tuple(nodeArb, keyArb, tagsArb).map(([node, key, tags]): Op[] => [{ kind: 'get', node, key }, { kind: 'write', key, tags }, { kind: 'get', node, key }]),
  /** A write, its invalidation, and a read of the key on the node that invalidated it (read your writes), or on another. */
  writeInvalidateRead: (versions: fc.Arbitrary<VersionChoice>) =>
    fc
      .tuple(keyArb, tagsArb, nodeArb, versions, fc.option(nodeArb, { nil: undefined, freq: 2 }), fc.array(ok, { maxLength: 2 }))
      .map(([key, tags, node, version, reader, between]): Op[] => [
        { kind: 'write', key, tags },
        { kind: 'invalidate', node, key, version },
        ...between.map((o): Op => ({ kind: 'step', ok: o })),
        { kind: 'get', node: reader ?? node, key },
      ]),
  /** A node loses its connection and gets it back, with a few steps (deliveries, answers) meanwhile. */
  blip: fc.tuple(nodeArb, fc.array(ok, { maxLength: 3 }), fc.option(keyArb, { nil: undefined })).map(([node, between, key]): Op[] => [
    { kind: 'disconnect', node },
    ...(key === undefined ? [] : [{ kind: 'get', node, key } as Op]),
    ...between.map((o): Op => ({ kind: 'step', ok: o })),
    { kind: 'reconnect', node },
  ]),
  /** A write, then a get whose load (of the new value) is still in flight when the write's invalidation happens. */
  lateRace: (versions: fc.Arbitrary<VersionChoice>) =>
    fc.tuple(keyArb, tagsArb, nodeArb, nodeArb, versions).map(([key, tags, node, publisher, version]): Op[] => [
      { kind: 'write', key, tags },
      { kind: 'get', node, key },
      { kind: 'invalidate', node: publisher, key, version },
    ]),
  /** A key cached, rewritten with new tags, invalidated and cached again, then one of the tags invalidated. */
  retag: fc.tuple(nodeArb, keyArb, tagsArb, nodeArb, tagArb).map(([node, key, tags, publisher, tag]): Op[] => [
    { kind: 'get', node, key },
    { kind: 'step', ok: true },
    { kind: 'write', key, tags },
    { kind: 'invalidate', node: publisher, key, version: 'none' },
    { kind: 'step', ok: true },
    { kind: 'step', ok: true },
    { kind: 'step', ok: true },
    { kind: 'get', node, key },
    { kind: 'step', ok: true },
    { kind: 'invalidate-tag', node: publisher, tag },
  ]),
  /** A get whose load is still in flight when a write and its invalidation happen. */
  race: (versions: fc.Arbitrary<VersionChoice>) =>
    fc
      .tuple(nodeArb, keyArb, tagsArb, nodeArb, versions, fc.option(tagArb, { nil: undefined }), fc.array(ok, { maxLength: 3 }))
      .map(([node, key, tags, publisher, version, tag, before]): Op[] => [
        { kind: 'get', node, key },
        ...before.map((o): Op => ({ kind: 'step', ok: o })),
        { kind: 'write', key, tags },
        tag === undefined ? { kind: 'invalidate', node: publisher, key, version } : { kind: 'invalidate-tag', node: publisher, tag },
      ]),
};

const anyVersion = fc.constantFrom<VersionChoice>('none', 'written', 'replaced');

type Weighted = { weight: number; arbitrary: fc.Arbitrary<Op[]> };

/** Rounds of weighted groups of operations. */
function rounds(groups: Weighted[], maxGroups = 8, maxRounds = 3): fc.Arbitrary<Round[]> {
  const ops = fc.array(fc.oneof(...groups), { minLength: 1, maxLength: maxGroups }).map((gs) => gs.flat());
  return fc.array(fc.record({ ops, s: fc.scheduler() }), { minLength: 1, maxLength: maxRounds });
}

/** The shapes of run the properties use. */
const shapes = {
  loads: rounds([
    { weight: 4, arbitrary: group.get },
    { weight: 2, arbitrary: group.fill },
    { weight: 2, arbitrary: group.twoGets },
    { weight: 2, arbitrary: group.overlap },
    { weight: 5, arbitrary: group.step },
    { weight: 1, arbitrary: group.write },
  ]),
  delivered: rounds([
    { weight: 3, arbitrary: group.get },
    { weight: 3, arbitrary: group.fill },
    { weight: 2, arbitrary: group.writeInvalidate(fc.constantFrom<VersionChoice>('none', 'written')) },
    { weight: 3, arbitrary: group.writeInvalidateRead(fc.constantFrom<VersionChoice>('none', 'written')) },
    { weight: 4, arbitrary: group.steps },
  ]),
  versions: rounds(
    [
      { weight: 4, arbitrary: group.get },
      { weight: 3, arbitrary: group.writeInvalidate(fc.oneof({ weight: 3, arbitrary: fc.constantFrom<VersionChoice>('written', 'replaced') }, { weight: 1, arbitrary: fc.constant<VersionChoice>('none') })) },
      { weight: 1, arbitrary: group.invalidate(anyVersion) },
      { weight: 6, arbitrary: group.steps },
    ],
    10,
  ),
  tags: rounds([
    { weight: 3, arbitrary: group.get },
    { weight: 2, arbitrary: group.retag },
    { weight: 3, arbitrary: group.writeInvalidateTag },
    { weight: 1, arbitrary: group.invalidateTag },
    { weight: 1, arbitrary: group.writeInvalidate(anyVersion) },
    { weight: 5, arbitrary: group.steps },
  ]),
  inFlight: rounds([
    { weight: 4, arbitrary: group.race(anyVersion) },
    { weight: 3, arbitrary: group.lateRace(anyVersion) },
    { weight: 2, arbitrary: group.get },
    { weight: 4, arbitrary: group.steps },
  ]),
  disconnect: rounds([
    { weight: 3, arbitrary: group.get },
    { weight: 3, arbitrary: group.fill },
    { weight: 2, arbitrary: group.writeInvalidate(anyVersion) },
    { weight: 1, arbitrary: group.race(anyVersion) },
    { weight: 3, arbitrary: group.blip },
    { weight: 1, arbitrary: group.disconnect },
    { weight: 1, arbitrary: group.reconnect },
    { weight: 4, arbitrary: group.steps },
  ]),
  close: rounds([
    { weight: 4, arbitrary: group.get },
    { weight: 2, arbitrary: group.writeInvalidate(anyVersion) },
    { weight: 1, arbitrary: group.invalidateTag },
    { weight: 2, arbitrary: group.close },
    { weight: 4, arbitrary: group.steps },
  ]),
  malformed: rounds([
    { weight: 4, arbitrary: group.get },
    { weight: 2, arbitrary: group.malformed },
    { weight: 1, arbitrary: group.race(anyVersion) },
    { weight: 4, arbitrary: group.steps },
  ]),
  model: rounds(
    [
      { weight: 5, arbitrary: group.get },
      { weight: 1, arbitrary: group.twoGets },
      { weight: 3, arbitrary: group.writeInvalidate(anyVersion) },
      { weight: 1, arbitrary: group.writeInvalidateTag },
      { weight: 1, arbitrary: group.race(anyVersion) },
      { weight: 1, arbitrary: group.write },
      { weight: 1, arbitrary: group.disconnect },
      { weight: 1, arbitrary: group.reconnect },
      { weight: 1, arbitrary: group.malformed },
      { weight: 1, arbitrary: group.close },
      { weight: 5, arbitrary: group.steps },
    ],
    12,
    4,
  ),
};

/** A property: runs of one shape, each step checked against the model, then every key read back. */
function modelProperty(spec: { id: string; statement: string; hint: string; shape: fc.Arbitrary<Round[]>; runs?: number }): CheckedProperty {
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 100,
    build: (impl) =>
      fc.asyncProperty(fc.constantFrom(2, 3), fc.tuple(tagsArb, tagsArb), spec.shape, async (nodeCount, tags, rs) => {
        const run = new Run(nodeCount, tags);
        await watchingRejections(run.unhandled, async () => {
          run.create(impl);
          for (const r of rs) await run.round(r);
          await run.readBack();
          await run.check();
        });
      }),
  });
}

// ─── Bad input ───────────────────────────────────────────────────────────────────────────────

type InputCase =
  | { readonly refuse: string; readonly change: Readonly<Record<string, unknown>> | null | undefined }
  | { readonly call: 'get' | 'invalidate' | 'invalidateTag'; readonly args: readonly unknown[] }
  | { readonly accept: string; readonly call?: 'invalidate'; readonly args?: readonly unknown[]; readonly publishes?: Record<string, unknown> };

const cases: readonly InputCase[] = [
  { refuse: 'no options', change: undefined },
  { refuse: 'options must be an object', change: null },
  { refuse: 'bus must be an EventBus', change: { bus: undefined } },
  { refuse: 'bus must have publish and subscribe', change: { bus: {} } },
  { refuse: 'bus must have publish and subscribe', change: { bus: { publish: () => Promise.resolve() } } },
  { refuse: 'load must be a function', change: { load: undefined } },
  { refuse: 'load must be a function', change: { load: 'db.get' } },
  { refuse: 'tagsOf, when given, must be a function', change: { tagsOf: 'tags' } },
  { refuse: 'onError, when given, must be a function', change: { onError: 42 } },
  { call: 'get', args: [42] },
  { call: 'get', args: [undefined] },
  { call: 'invalidate', args: [42] },
  { call: 'invalidate', args: [undefined, 2] },
  { call: 'invalidate', args: ['a', '2'] },
  { call: 'invalidate', args: ['a', NaN] },
  { call: 'invalidate', args: ['a', Infinity] },
  { call: 'invalidate', args: ['a', -Infinity] },
  { call: 'invalidate', args: ['a', null] },
  { call: 'invalidateTag', args: [7] },
  { call: 'invalidateTag', args: [undefined] },
  { accept: 'tagsOf and onError are optional' },
  { accept: 'any finite version', call: 'invalidate', args: ['a', 0], publishes: { kind: 'key', key: 'a', version: 0 } },
  { accept: 'any finite version', call: 'invalidate', args: ['a', -2.5], publishes: { kind: 'key', key: 'a', version: -2.5 } },
  { accept: 'a version of undefined is no version', call: 'invalidate', args: ['a', undefined], publishes: { kind: 'key', key: 'a' } },
];

function validation(): CheckedProperty {
  return checked({
    id: 'validation',
    statement: 'bad options, keys, tags and versions are refused with a TypeError or RangeError, and a refused call publishes and drops nothing',
    hint:
      'In the constructor, before subscribing: options must be an object, bus an object with publish and subscribe functions, load a function, tagsOf and onError undefined or functions. In get, invalidate and invalidateTag, check typeof key (or tag) === "string", and a version that is not undefined with typeof version === "number" && Number.isFinite(version), before changing anything.',
    runs: cases.length * 8,
    build: (impl) =>
      fc.asyncProperty(fc.constantFrom(...cases), async (c) => {
        const trace = new Trace();
        const bus = new MemoryBus<unknown>();
        const published: unknown[] = [];
        bus.subscribe({ event: (e) => void published.push(e), disconnected: () => {}, reconnected: () => {} });
        let loads = 0;
        const load = (key: string): Promise<{ value: string; version: number }> => {
          loads++;
          trace.steps.push({ call: `  load(${show(key)})`, result: `{ value: ${show(`${key}@1`)}, version: 1 }` });
          return Promise.resolve({ value: `${key}@1`, version: 1 });
        };
        const good: Record<string, unknown> = { bus, load, tagsOf: () => [], onError: () => {} };
        const cls = exported<CacheClass>(impl, CLASS);
        if ('refuse' in c) {
          const options = c.change === undefined || c.change === null ? c.change : { ...good, ...c.change };
          const shown = options === undefined || options === null ? show(options) : `{ ${Object.entries(options).map(([k, v]) => (v === good[k] ? k : `${k}: ${typeof v === 'function' ? 'a function' : showEvent(v)}`)).join(', ')} }`;
          await expectInputError(trace, `new ${CLASS}(${shown})  (${c.refuse})`, () => new cls(options as Record<string, unknown>));
          return;
        }
        const options = 'accept' in c && c.call === undefined ? { bus, load } : good;
        trace.add(`new ${CLASS}({ ${Object.keys(options).join(', ')} })${'accept' in c && c.call === undefined ? `  (${c.accept}: must be accepted)` : ''}`);
        const instance = trace.run(() => new cls(options));
        const fill = start(trace, 'get("a")', () => instance.get('a'));
        await tick();
        if (fill.state !== 'resolved' || fill.value !== 'a@1') trace.fail(`expected "a@1", what load("a") answered; but the get ${outcome(fill)}`);
        if ('accept' in c) {
          if (c.call === undefined) return;
          const label = `invalidate(${c.args!.map(show).join(', ')})  (${c.accept}: must be accepted)`;
          const call = start(trace, label, () => instance.invalidate(...(c.args as [unknown, unknown])));
          await tick();
          if (call.state !== 'resolved') trace.fail(`expected it to resolve, but it ${outcome(call)}`);
          if (published.length !== 1 || !sameEvent(published[0], c.publishes!)) trace.fail(`expected ${showEvent(c.publishes)} published, got ${published.length === 0 ? 'nothing' : published.map(showEvent).join(', ')}`);
          return;
        }
        const method = instance[c.call].bind(instance) as (...args: unknown[]) => unknown;
        await expectInputError(trace, `${c.call}(${c.args.map(show).join(', ')})`, () => method(...c.args));
        await tick();
        if (published.length > 0) trace.fail(`expected nothing published by a refused call, got ${showEvent(published[0])}`);
        const before = loads;
        const again = start(trace, 'get("a")', () => instance.get('a'));
        await tick();
        if (loads !== before || again.state !== 'resolved' || again.value !== 'a@1') trace.fail('expected "a@1" from the cache, without a load: a refused call must not drop anything');
      }),
  });
}

// ─── The suite ───────────────────────────────────────────────────────────────────────────────

/** The invalidation suite. */
export const suite: Suite = {
  properties: [
    validation(),
    modelProperty({
      id: 'loads-and-caches',
      statement: 'a get serves a cached key without loading; a miss calls load once, for itself, and caches the value with its version (never over a newer one); a failed load caches nothing',
      hint:
        'Keep a Map from key to { value, version, tags }. A hit returns Promise.resolve(entry.value). A miss calls this.load(key) itself, even if another get of the key is loading (no sharing here), and when it resolves stores the entry unless the Map already holds a higher version. A rejection passes through to the caller and stores nothing.',
      shape: shapes.loads,
    }),
    modelProperty({
      id: 'delivered-invalidation',
      statement: 'once a node calls invalidate(key), it never serves the old value, and once its event is delivered to another node, neither does that one; invalidate publishes { kind: "key", key, version } and resolves once the bus has accepted it',
      hint:
        'invalidate(key, version) drops the key from this node\'s own Map first, synchronously, then returns the promise of bus.publish({ kind: "key", key, version }) (leave version out when it was not given). Do not wait for your own event to come back: until it does, this node would serve the old value. Subscribe in the constructor with a listener whose event() drops the key.',
      shape: shapes.delivered,
    }),
    modelProperty({
      id: 'version-order',
      statement: 'a key invalidation with a version drops an entry only if the entry\'s version is <= it (a late, older invalidation never deletes a newer value); one without a version always drops',
      hint:
        'Events from different nodes can arrive in any order. On { kind: "key", key, version }: drop the entry when version === undefined || entry.version <= version, and keep it otherwise. The comparison is <=, not <: an invalidation up to version 3 also drops a value of version 3.',
      shape: shapes.versions,
      runs: 150,
    }),
    modelProperty({
      id: 'tags',
      statement: 'a tag invalidation drops every entry whose value carries the tag (tagsOf, asked when its load resolved), and no other',
      hint:
        'Store the tags with each entry, from tagsOf(key, value) when the load resolves. On { kind: "tag", tag } drop every entry whose tags include it. If you keep an index from tag to keys, update it whenever an entry is stored, replaced or dropped: a value cached again after a write may carry other tags.',
      shape: shapes.tags,
    }),
    modelProperty({
      id: 'in-flight-load',
      statement: 'a load in flight when a matching invalidation arrives does not cache its value (its get still gets it), unless its version is newer than the invalidation\'s',
      hint:
        'Keep a record of each load in flight (key, and what it heard). An invalidation of its key without a version spoils it; one with a version raises its bar to that version; a tag invalidation is remembered. When the load resolves, cache only if it is not spoiled, its version > its bar, and none of its tags was invalidated. Resolve the get with the value either way.',
      shape: shapes.inFlight,
      runs: 150,
    }),
    modelProperty({
      id: 'disconnect',
      statement: 'on disconnected() a node drops its whole cache and, until reconnected(), serves nothing from it and caches nothing; after it, only loads started after reconnecting fill the cache; an invalidate whose event the bus refuses rejects with the bus\'s error',
      hint:
        'disconnected(): clear the Map and remember you are disconnected; get then always loads, and nothing is stored. A load that started before reconnected() may have read a value whose invalidation was missed: give the node an epoch number that grows at every disconnected() and reconnected(), and cache a load only if the epoch is the one it started in and the node is connected. A disconnected bus refuses to publish: let invalidate reject with that error, do not catch it.',
      shape: shapes.disconnect,
    }),
    modelProperty({
      id: 'close',
      statement: 'close() stops the subscription and empties the cache; afterwards get, invalidate and invalidateTag reject, loads in flight still answer their gets, and a second close() does nothing',
      hint:
        'Keep the function bus.subscribe returned and call it in close(), once; clear the Map and set a closed flag. After that, get, invalidate and invalidateTag return Promise.reject(new Error(...)), without loading or publishing.',
      shape: shapes.close,
    }),
    modelProperty({
      id: 'malformed-event',
      statement: 'an event that is not an InvalidationEvent is reported to onError(error, event) once and invalidates everything: every entry, and every load then in flight',
      hint:
        'Anyone can publish on a bus. In event(), check the shape first: an object, kind "key" with a string key and a version that is undefined or a finite number, or kind "tag" with a string tag. Otherwise call onError(new TypeError(...), event), clear the Map and spoil every load in flight, and return without throwing.',
      shape: shapes.malformed,
    }),
    modelProperty({
      id: 'model',
      statement: 'any mix of gets, writes, invalidations, disconnections, malformed events and closes agrees with the model at every step',
      hint:
        'This property mixes everything. Follow the trace with a table per node: what it caches (value, version, tags), its loads in flight and what each has heard, whether it is connected. The step marked wrong is the first place your node and the model disagree.',
      shape: shapes.model,
      runs: 150,
    }),
  ],
};
