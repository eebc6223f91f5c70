/**
 * The properties cache-aside and write-through share: a read fills the cache from the database,
 * a hit never touches the database, writes reach the database before the cache, and once every
 * call has settled the cache holds nothing or exactly what the database holds, however the
 * scheduler interleaved the calls and whatever faults it injected.
 */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { expectInputError, expectSettled, raiseNotImplemented, settle, start, unexpectedRejection, type Call } from './async-calls.js';
import { World, type FaultPlan } from './world.js';

/** Which exercise a suite grades, and how it differs from the other. */
export interface ReadWriteKind {
  /** The exported class, e.g. `CacheAside`. */
  className: string;
  /** The write method: `update` (cache-aside) or `set` (write-through). */
  write: 'update' | 'set';
  /** The ttlMs options to try; undefined leaves the option out. */
  ttlChoices: readonly (number | undefined)[];
  /** True when a write leaves the new value in the cache (write-through) instead of removing the key. */
  writeFills: boolean;
}

type Pattern = Record<'get' | 'delete' | 'update' | 'set', (key: string, value?: string) => PromiseLike<unknown>>;
type PatternClass = new (options: Record<string, unknown>) => Pattern;

/** One call of a round. Values of writes are numbered as they are made: "v1", "v2", … */
interface Op {
  kind: 'get' | 'write' | 'delete';
  key: string;
}

const opArb = (keys: readonly string[]): fc.Arbitrary<Op> =>
  fc.record({ kind: fc.constantFrom<Op['kind']>('get', 'get', 'write', 'delete'), key: fc.constantFrom(...keys) });

/** A run of one property: the world, the instance under test and what it reported. */
class Run {
  readonly trace = new Trace();
  readonly world: World;
  readonly reported: unknown[] = [];
  instance!: Pattern;
  #values = 0;

  constructor(
    readonly kind: ReadWriteKind,
    s: fc.Scheduler,
    readonly ttlMs: number | undefined,
    plan: FaultPlan,
  ) {
    this.world = new World(s, this.trace, plan);
  }

  get s(): fc.Scheduler {
    return this.world.s;
  }

  create(impl: ImplModule, rows: readonly string[]): void {
    const { world, kind } = this;
    for (const key of rows) void world.rows.set(key, `${key}0`);
    world.applied.clear();
    const ttl = this.ttlMs === undefined ? '' : `, ttlMs: ${show(this.ttlMs)}`;
    const preload = rows.length === 0 ? 'empty database' : `database ${rows.map((k) => `${k}=${show(`${k}0`)}`).join(', ')}`;
    this.trace.add(`new ${kind.className}({ cache, db${ttl}, onCacheError }) with an empty cache and ${preload}`);
    const cls = exported<PatternClass>(impl, kind.className);
    const options: Record<string, unknown> = { cache: world.cache, db: world.db, onCacheError: (error: unknown) => this.reported.push(error) };
    if (this.ttlMs !== undefined) options.ttlMs = this.ttlMs;
    this.instance = this.trace.run(() => new cls(options));
  }

  /** Starts one call; `acked` tells, for a write, whether the database had its value when it resolved. */
  begin(op: Op): { call: Call; op: Op; value?: string; acked?: boolean } {
    const { instance, world } = this;
    if (op.kind === 'get') return { op, call: start(this.trace, `get(${show(op.key)})`, () => instance.get(op.key)) };
    if (op.kind === 'delete') {
      const entry: { call: Call; op: Op; acked?: boolean } = { op, call: undefined! };
      const deletes = world.deletes.get(op.key) ?? 0;
      entry.call = start(this.trace, `delete(${show(op.key)})`, () => instance.delete(op.key), () => (entry.acked = (world.deletes.get(op.key) ?? 0) > deletes));
      return entry;
    }
    const value = `v${++this.#values}`;
    const entry: { call: Call; op: Op; value: string; acked?: boolean } = { op, value, call: undefined! };
    const write = this.kind.write;
    entry.call = start(this.trace, `${write}(${show(op.key)}, ${show(value)})`, () => instance[write](op.key, value), () => (entry.acked = world.applied.has(value)));
    return entry;
  }

  /** Runs the calls of one round concurrently, lets everything settle, and checks each outcome. */
  async round(ops: readonly Op[], s: fc.Scheduler, readsMayFail: boolean, writeOrder: boolean): Promise<void> {
    const { world } = this;
    world.s = s;
    if (ops.length > 1) this.trace.add(`(${ops.length} calls at once; the scheduler answers the database and cache calls in the order below)`);
    const before = { db: world.injectedDb.length, cache: world.injectedCache.length, sets: world.cacheSets.length };
    const started = ops.map((op) => this.begin(op));
    const lone = started[0]!;
    let tooEarly: string | undefined;
    if (writeOrder && started.length === 1 && lone.op.kind !== 'get') {
      // Recorded, not thrown: the implementation might catch an exception from its cache call.
      world.beforeCache = (method, key) => {
        const written = lone.value === undefined ? world.row(key) === undefined : world.applied.has(lone.value);
        if (key === lone.op.key && !written) tooEarly ??= `cache.${method}(${show(key)}) was called before the database had the ${lone.value === undefined ? 'delete' : 'new value'}`;
      };
    }
    await settle(this.s);
    world.beforeCache = undefined;
    expectSettled(this.trace, started.map((e) => e.call));
    raiseNotImplemented(this.trace, started.map((e) => e.call));
    if (tooEarly !== undefined) this.trace.fail(`${tooEarly}: write the database first, then change the cache`);
    const dbFaulted = world.injectedDb.length > before.db;
    const anyFault = dbFaulted || world.injectedCache.length > before.cache;
    for (const { op, call, value, acked } of started) {
      if (call.state === 'rejected') {
        if (op.kind === 'get' && !(dbFaulted && readsMayFail)) {
          unexpectedRejection(this.trace, call, dbFaulted ? 'a read may fail only because the database did' : 'the database did not fail, and a cache error must never fail a read');
        }
        if (op.kind !== 'get' && !anyFault) unexpectedRejection(this.trace, call, 'nothing failed: a write must succeed when the database and the cache do');
      } else if (op.kind !== 'get' && acked === false) {
        this.trace.steps.push({ call: `${call.label} (step ${call.step})` });
        this.trace.fail(
          op.kind === 'delete'
            ? 'resolved before the database had deleted the key: acknowledge a delete only after db.delete has resolved'
            : `resolved before the database had ${show(value)}: acknowledge a write only after db.set has resolved`,
        );
      }
    }
    if (writeOrder && this.kind.writeFills && lone.op.kind === 'write' && lone.call.state === 'resolved' && world.store.peek(lone.op.key) !== lone.value) {
      this.trace.fail(`${lone.call.label} resolved, but the cache holds ${show(world.store.peek(lone.op.key))}: write-through puts the new value in the cache too`);
    }
    this.checkTtl(before.sets);
    this.checkCacheAgrees();
  }

  /** Every value the implementation cached was cached with the ttlMs option. */
  checkTtl(from: number): void {
    for (const set of this.world.cacheSets.slice(from)) {
      if (!Object.is(set.ttlMs, this.ttlMs)) {
        this.trace.steps.push({ call: `(step ${set.step}) cache.set(${show(set.key)}, ${show(set.value)}${set.ttlMs === undefined ? '' : `, ${show(set.ttlMs)}`})` });
        this.trace.fail(`expected ttlMs ${show(this.ttlMs)} (the ttlMs option, in milliseconds), got ${show(set.ttlMs)}`);
      }
    }
  }

  /** Once everything has settled, the cache holds nothing or what the database holds. */
  checkCacheAgrees(): void {
    const { world } = this;
    for (const key of world.store.keys()) {
      const cached = world.store.peek(key);
      const row = world.row(key);
      if (cached === row) continue;
      const origin = [...world.cacheSets].reverse().find((s) => s.key === key && s.value === cached);
      this.trace.steps.push({ call: '(every call has settled)' });
      this.trace.fail(
        `the cache holds ${show(cached)} for ${show(key)}${origin ? ` (cached at step ${origin.step})` : ''} but the database holds ${show(row)}: ` +
          'readers will get a value the database does not have until the entry expires',
      );
    }
  }

  /** With faults off: get returns what the database holds, and a second get is a hit that does not touch the database. */
  async readBack(keys: readonly string[]): Promise<void> {
    const { world } = this;
    world.faultsOn = false;
    for (const key of keys) {
      const row = world.row(key);
      const first = start(this.trace, `get(${show(key)})`, () => this.instance.get(key));
      await settle(this.s);
      expectSettled(this.trace, [first]);
      if (first.state === 'rejected') unexpectedRejection(this.trace, first, 'nothing failed');
      if (first.value !== row) this.trace.fail(`expected ${show(row)} (what the database holds), got ${show(first.value)}`);
      if (row === undefined) continue;
      const reads = world.faultyDb.count('get');
      const second = start(this.trace, `get(${show(key)})`, () => this.instance.get(key));
      await settle(this.s);
      expectSettled(this.trace, [second]);
      if (second.state === 'rejected') unexpectedRejection(this.trace, second, 'nothing failed');
      if (second.value !== row) this.trace.fail(`expected ${show(row)}, got ${show(second.value)}`);
      if (world.faultyDb.count('get') !== reads) this.trace.fail('expected a cache hit, but it read the database: a read must cache what it loaded, and a hit must not touch the database');
    }
    world.faultsOn = true;
  }
}

const indices = (max: number, most: number) => fc.uniqueArray(fc.nat({ max }), { maxLength: most }).map((a) => new Set(a));

/** A property over rounds of concurrent calls, checked after each round and read back at the end. */
function roundsProperty(
  kind: ReadWriteKind,
  spec: {
    id: string;
    statement: string;
    hint: string;
    runs?: number;
    keys: readonly string[];
    perRound: number;
    plan: fc.Arbitrary<FaultPlan>;
    readsMayFail?: boolean;
    /** Checks that a lone write changes the cache only once the database has it. */
    writeOrder?: boolean;
  },
): CheckedProperty {
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 120,
    build: (impl) =>
      fc.asyncProperty(
        fc.scheduler(),
        fc.constantFrom(...kind.ttlChoices),
        fc.subarray([...spec.keys]),
        // Each round has its own scheduler, so that shrinking away one round keeps the others' interleavings.
        fc.array(fc.record({ ops: fc.array(opArb(spec.keys), { minLength: 1, maxLength: spec.perRound }), s: fc.scheduler() }), { minLength: 1, maxLength: 6 }),
        spec.plan,
        async (s, ttlMs, rows, rounds, plan) => {
          const run = new Run(kind, s, ttlMs, plan);
          run.create(impl, rows);
          for (const round of rounds) {
            await run.round(round.ops, round.s, spec.readsMayFail ?? false, spec.writeOrder ?? false);
          }
          await run.readBack(spec.keys);
          if (spec.id === 'cache-faults') checkReported(run);
        },
      ),
  });
}

/** Every fault injected into the cache was reported to onCacheError. */
function checkReported(run: Run): void {
  for (const error of run.world.injectedCache) {
    if (!run.reported.includes(error)) {
      run.trace.add('(end)');
      run.trace.fail(`a cache error was not reported to onCacheError: ${(error as Error).message}`);
    }
  }
}

/** Bad options and arguments are refused with a TypeError or RangeError. */
function validation(kind: ReadWriteKind, hint: string): CheckedProperty {
  type Case = { label: string; make: (world: World) => Record<string, unknown> } | { label: string; call: string; args: unknown[] };
  const good = (world: World): Record<string, unknown> => ({ cache: world.cache, db: world.db, ttlMs: 1000 });
  const cases: Case[] = [
    { label: 'no options', make: () => undefined as unknown as Record<string, unknown> },
    { label: 'cache: undefined', make: (w) => ({ ...good(w), cache: undefined }) },
    { label: 'cache: {} (no methods)', make: (w) => ({ ...good(w), cache: {} }) },
    { label: 'db: undefined', make: (w) => ({ ...good(w), db: undefined }) },
    { label: 'db: { get } only', make: (w) => ({ ...good(w), db: { get: w.db.get } }) },
    { label: 'ttlMs: 0', make: (w) => ({ ...good(w), ttlMs: 0 }) },
    { label: 'ttlMs: -5', make: (w) => ({ ...good(w), ttlMs: -5 }) },
    { label: 'ttlMs: NaN', make: (w) => ({ ...good(w), ttlMs: NaN }) },
    { label: 'ttlMs: "60s"', make: (w) => ({ ...good(w), ttlMs: '60s' }) },
    { label: 'onCacheError: "log"', make: (w) => ({ ...good(w), onCacheError: 'log' }) },
    { label: 'get(42)', call: 'get', args: [42] },
    { label: `${kind.write}(42, "v")`, call: kind.write, args: [42, 'v'] },
    { label: `${kind.write}("a", undefined)`, call: kind.write, args: ['a', undefined] },
    { label: 'delete(null)', call: 'delete', args: [null] },
  ];
  return checked({
    id: 'validation',
    statement: `bad options and arguments are refused with a TypeError or RangeError, and change nothing`,
    hint,
    runs: 40,
    build: (impl) =>
      fc.asyncProperty(fc.scheduler(), fc.constantFrom(...cases), async (s, c) => {
        const trace = new Trace();
        const world = new World(s, trace);
        const cls = exported<PatternClass>(impl, kind.className);
        if ('make' in c) {
          await expectInputError(trace, `new ${kind.className}(${c.label})`, () => new cls(c.make(world)));
          return;
        }
        await world.rows.set('a', 'a0');
        trace.add(`new ${kind.className}({ cache, db, ttlMs: 1000 }) with database a="a0"`);
        const instance = trace.run(() => new cls(good(world)));
        const method = instance[c.call as keyof Pattern].bind(instance) as (...args: unknown[]) => PromiseLike<unknown>;
        await expectInputError(trace, c.label, () => method(...c.args), s);
        if (world.row('a') !== 'a0' || world.store.keys().length > 0) trace.fail('the refused call changed the database or the cache');
      }),
  });
}

/** A failed cache invalidation must not be acknowledged. */
function failedInvalidation(kind: ReadWriteKind, hint: string): CheckedProperty {
  const methods: FaultPlan['cacheMethods'] = kind.writeFills ? ['set', 'delete'] : ['delete'];
  return checked({
    id: 'failed-invalidation',
    statement: `when the cache cannot be ${kind.writeFills ? 'updated or invalidated' : 'invalidated'} after a write, ${kind.write} rejects and the error is reported`,
    hint,
    runs: 20,
    build: (impl) =>
      fc.asyncProperty(fc.scheduler(), fc.constantFrom(kind.write, 'delete'), async (s, op) => {
        const all = new Set(Array.from({ length: 50 }, (_, i) => i));
        const run = new Run(kind, s, kind.ttlChoices[0], { cache: all, cacheMethods: methods });
        run.world.faultsOn = false;
        run.create(impl, ['a']);
        const fill = start(run.trace, 'get("a")', () => run.instance.get('a'));
        await settle(s);
        expectSettled(run.trace, [fill]);
        run.world.faultsOn = true;
        run.trace.add(`(from here every cache ${methods.join(' and ')} fails)`);
        const call = op === 'delete' ? start(run.trace, 'delete("a")', () => run.instance.delete('a')) : start(run.trace, `${op}("a", "v1")`, () => run.instance[kind.write]('a', 'v1'));
        await settle(s);
        expectSettled(run.trace, [call]);
        raiseNotImplemented(run.trace, [call]);
        if (call.state !== 'rejected') run.trace.fail('expected a rejection: the cache may still hold the old value, and the caller must be told');
        if (!run.world.injectedCache.some((e) => run.reported.includes(e))) run.trace.fail('expected the cache error to be reported to onCacheError');
      }),
  });
}

/** The properties of a read-write pattern, with the hints of the exercise. */
export function readWriteProperties(kind: ReadWriteKind, hints: Record<'validation' | 'read-through' | 'write-order' | 'race' | 'db-faults' | 'cache-faults' | 'failed-invalidation', string>): CheckedProperty[] {
  const none = fc.constant<FaultPlan>({});
  const keys = ['a', 'b'] as const;
  const writeThen = kind.writeFills ? 'write the cache' : 'invalidate the cache';
  return [
    validation(kind, hints.validation),
    roundsProperty(kind, {
      id: 'read-through',
      statement: 'a miss reads the database and caches what it found with ttlMs; a hit never touches the database',
      hint: hints['read-through'],
      keys,
      perRound: 1,
      plan: none,
    }),
    roundsProperty(kind, {
      id: 'write-order',
      statement: `${kind.write} and delete write the database first, then ${writeThen}, and resolve only once both are done`,
      hint: hints['write-order'],
      keys,
      perRound: 1,
      plan: none,
      writeOrder: true,
    }),
    roundsProperty(kind, {
      id: 'race',
      statement: 'however concurrent reads and writes of a key interleave, once they settle the cache holds nothing or what the database holds',
      hint: hints.race,
      runs: 400,
      keys: ['a'],
      perRound: 4,
      plan: none,
    }),
    roundsProperty(kind, {
      id: 'db-faults',
      statement: 'when the database fails a call, that call rejects and the cache never holds a value the database does not',
      hint: hints['db-faults'],
      runs: 200,
      keys,
      perRound: 3,
      plan: indices(20, 3).map((db) => ({ db })),
      readsMayFail: true,
    }),
    roundsProperty(kind, {
      id: 'cache-faults',
      statement: 'a failing cache get or set never fails a read and is reported to onCacheError',
      hint: hints['cache-faults'],
      runs: 150,
      keys,
      perRound: 3,
      plan: indices(20, 4).map((cache) => ({ cache })),
    }),
    failedInvalidation(kind, hints['failed-invalidation']),
  ];
}
