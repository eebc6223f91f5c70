/** The properties of write-behind. */
import fc from 'fast-check';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { expectInputError } from './async-calls.js';
import { KEYS, WriteBehindRun, type Op, type Rule, type Settings } from './write-behind-run.js';
import { World, type FaultPlan } from './world.js';

type OpKind = Op['kind'];

function opArb(kinds: readonly OpKind[], maxAdvance: number): fc.Arbitrary<Op> {
  const key = fc.constantFrom(...KEYS);
  const arbs: fc.Arbitrary<Op>[] = kinds.map((kind) => {
    if (kind === 'advance') return fc.integer({ min: 1, max: maxAdvance }).map((ms): Op => ({ kind, ms }));
    if (kind === 'flush' || kind === 'burst') return fc.constant<Op>({ kind });
    return key.map((k): Op => ({ kind, key: k }));
  });
  return fc.oneof(...arbs);
}

interface Spec {
  id: string;
  statement: string;
  hint: string;
  runs?: number;
  ops: readonly OpKind[];
  rules: readonly Rule[];
  settings?: Partial<Record<keyof Settings, fc.Arbitrary<number>>>;
  /** Database calls to fail: none, some by index, or every write of key "d" too; or cache calls, some by index. */
  faults?: 'none' | 'some' | 'poisoned' | 'cache';
  maxAdvance?: number;
}

const DEFAULTS: Record<keyof Settings, fc.Arbitrary<number>> = {
  batchSize: fc.integer({ min: 1, max: 4 }),
  flushIntervalMs: fc.constantFrom(100, 1000),
  maxRetries: fc.integer({ min: 0, max: 3 }),
  retryDelayMs: fc.constantFrom(10, 40),
  maxPending: fc.constant(1000),
};

function faultArb(faults: Spec['faults']): fc.Arbitrary<FaultPlan> {
  if (faults === undefined || faults === 'none') return fc.constant({});
  if (faults === 'cache') {
    return fc.uniqueArray(fc.nat({ max: 12 }), { minLength: 1, maxLength: 6 }).map((a): FaultPlan => ({ cache: new Set(a), cacheMethods: ['get', 'set', 'delete'] }));
  }
  // Only writes fail: a read of the database may fail the read, which is not what these properties are about.
  const some = fc.uniqueArray(fc.nat({ max: 30 }), { maxLength: 8 }).map((a) => new Set(a));
  const poisoned = faults === 'poisoned';
  return some.map(
    (indices): FaultPlan => ({
      dbWhen: (call) => (call.method === 'writeBatch' || call.inBatch) && (indices.has(call.index) || (poisoned && call.key === 'd')),
    }),
  );
}

function property(spec: Spec): CheckedProperty {
  const settings = fc.record({ ...DEFAULTS, ...spec.settings });
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 100,
    build: (impl) =>
      fc.asyncProperty(
        fc.scheduler(),
        settings,
        faultArb(spec.faults),
        // Each op has its own scheduler, so that shrinking away one op keeps the others' interleavings.
        fc.array(fc.record({ op: opArb(spec.ops, spec.maxAdvance ?? 1500), s: fc.scheduler() }), { minLength: 1, maxLength: 25 }),
        async (s, chosen, plan, ops) => {
          const run = new WriteBehindRun(chosen, new Set(spec.rules), s, plan);
          run.create(impl);
          for (const { op, s: opScheduler } of ops) await run.apply(op, opScheduler);
          await run.finish();
        },
      ),
  });
}

type WriteBehindClass = new (options: Record<string, unknown>) => unknown;

const validation = checked({
  id: 'validation',
  statement: 'bad options and arguments are refused with a TypeError or RangeError',
  hint: 'Check each option before storing anything: cache and db objects with get/set/delete (and db.writeBatch), onDeadLetter a function, batchSize a safe integer >= 1, maxRetries a safe integer >= 0, maxPending a safe integer >= batchSize, flushIntervalMs and retryDelayMs positive and finite. In set/delete, check the key (a string) and the value (not undefined) first.',
  runs: 40,
  build: (impl) => {
    const bad: [string, Record<string, unknown>][] = [
      ['onDeadLetter: undefined', { onDeadLetter: undefined }],
      ['cache: {}', { cache: {} }],
      ['db without writeBatch', { db: { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() } }],
      ['batchSize: 0', { batchSize: 0 }],
      ['batchSize: 2.5', { batchSize: 2.5 }],
      ['maxRetries: -1', { maxRetries: -1 }],
      ['flushIntervalMs: 0', { flushIntervalMs: 0 }],
      ['flushIntervalMs: Infinity', { flushIntervalMs: Infinity }],
      ['retryDelayMs: NaN', { retryDelayMs: NaN }],
      ['maxPending: 5 with batchSize: 10', { maxPending: 5, batchSize: 10 }],
      ['set(7, "v")', {}],
      ['set("a", undefined)', {}],
      ['delete(null)', {}],
    ];
    return fc.asyncProperty(fc.scheduler(), fc.constantFrom(...bad), async (s, [label, override]) => {
      const trace = new Trace();
      const world = new World(s, trace, {}, 'at-call');
      const cls = exported<WriteBehindClass>(impl, 'WriteBehind');
      const options = { cache: world.cache, db: world.db, scheduler: world.time, onDeadLetter: () => undefined, batchSize: 2, maxPending: 10 };
      if (Object.keys(override).length > 0) {
        await expectInputError(trace, `new WriteBehind({ …, ${label} })`, () => new cls({ ...options, ...override }));
        return;
      }
      trace.add('new WriteBehind({ cache, db, scheduler, onDeadLetter, batchSize: 2, maxPending: 10 })');
      const instance = trace.run(() => new cls(options)) as Record<string, (...args: unknown[]) => unknown>;
      const args: unknown[] = label.startsWith('set(7') ? [7, 'v'] : label.startsWith('set(') ? ['a', undefined] : [null];
      const method = label.startsWith('set') ? 'set' : 'delete';
      await expectInputError(trace, label, () => instance[method]!.apply(instance, args), s);
      trace.add('pending');
      trace.expect('', trace.run(() => instance.pending as unknown), 0, 'the refused call queued nothing');
      void show;
    });
  },
});

/** The write-behind suite. */
export const suite: Suite = {
  properties: [
    validation,
    property({
      id: 'latest-wins',
      statement: 'writes are coalesced per key and the LATEST write wins: every batch carries the latest write of each key, and after flush() the database holds it',
      hint: 'Keep the queue as a Map from key to its latest write: set replaces the queued write of its key (queue.set(key, write)). The textbook queue that ignores a key already queued keeps the FIRST value and loses every later one.',
      ops: ['set', 'set', 'delete', 'get', 'advance', 'flush'],
      rules: ['latest-wins'],
    }),
    property({
      id: 'reads',
      statement: 'get returns the latest write of a key at once, whether it is queued, in flight or written, even when the cache has lost it',
      hint: 'Answer get from your own record of writes not yet in the database first (undefined for a pending delete), then from the cache, then from the database. The cache can evict or expire an entry whose write is still queued.',
      ops: ['set', 'delete', 'get', 'get', 'evict', 'advance'],
      rules: ['reads'],
    }),
    property({
      id: 'batches',
      statement: 'the database is written with writeBatch only, one batch at a time, at most batchSize writes and one write per key in each',
      hint: 'Take at most batchSize writes from the queue for a batch, skip keys whose write is in flight, and do not start a batch while one is in flight: when it is answered, start the next if the queue is due.',
      ops: ['set', 'set', 'delete', 'burst', 'advance', 'flush'],
      rules: ['batches'],
      faults: 'some',
    }),
    property({
      id: 'flush-interval',
      statement: 'a write reaches the database no later than flushIntervalMs after it was made',
      hint: 'When a write is queued and no flush timer is set, set one: scheduler.setTimeout(() => this.startBatch(), flushIntervalMs). Use the scheduler you were given, never setTimeout or setInterval directly.',
      ops: ['set', 'delete', 'advance', 'advance'],
      rules: ['interval'],
      settings: { batchSize: fc.integer({ min: 2, max: 4 }), maxPending: fc.constant(1000) },
      maxAdvance: 700,
    }),
    property({
      id: 'full-batch',
      statement: 'a batch starts as soon as batchSize writes are queued, without waiting for the timer',
      hint: 'After queueing a write, check the queue size: if it reached batchSize and no batch is in flight, start one now.',
      ops: ['set', 'delete'],
      rules: ['full-batch'],
      settings: { flushIntervalMs: fc.constant(1e9) },
    }),
    property({
      id: 'retry-backoff',
      statement: 'a failed write is retried no sooner than retryDelayMs × 2^(failures − 1) after it failed, and only failed writes are retried',
      hint: 'On a failure, count it on the write and set a timer on the scheduler for retryDelayMs * 2 ** (failures - 1); only then put the write back in the queue. From a batch that resolved with failed writes, retry only those: the others are in the database.',
      ops: ['set', 'set', 'delete', 'advance', 'flush'],
      rules: ['backoff'],
      faults: 'poisoned',
    }),
    property({
      id: 'dead-letter',
      statement: 'a write that failed 1 + maxRetries times goes to onDeadLetter with the last error, never before, and never silently away',
      hint: 'Count the failures of each write; when failures === 1 + maxRetries, call onDeadLetter(write, lastError) and forget the write. If a newer write of the key arrived meanwhile, it replaces the failed one instead.',
      ops: ['set', 'set', 'delete', 'advance', 'flush'],
      rules: ['dead-letters'],
      faults: 'poisoned',
    }),
    property({
      id: 'cache-faults',
      statement: 'a failing cache call never fails a write or a read, is reported to onCacheError, and never makes a read return an older value',
      hint: 'Wrap each cache call in try/catch and report the error with onCacheError(error, operation, key). After a failed cache write of a key the cache may hold an older value: remember that and read that key from the database until a cache write of it succeeds.',
      runs: 300,
      ops: ['set', 'set', 'delete', 'get', 'get', 'advance', 'flush'],
      rules: ['reads', 'cache-errors'],
      faults: 'cache',
    }),
    property({
      id: 'pending',
      statement: 'pending counts the keys whose latest write is neither in the database nor dead-lettered',
      hint: 'Keep one record per key of its latest write not yet in the database: pending is its size. Remove the record when that write (not an older one) is written or dead-lettered.',
      ops: ['set', 'delete', 'advance', 'flush'],
      rules: ['pending'],
      faults: 'poisoned',
    }),
    property({
      id: 'backpressure',
      statement: 'at most maxPending keys wait for the database: a write of another key waits for room, first come first served, and is never lost',
      hint: 'When pending === maxPending and the key has no pending write, park the call in a FIFO list and resolve it when a key leaves (written or dead-lettered), recording the write only then.',
      ops: ['set', 'set', 'delete', 'burst', 'advance'],
      rules: ['room'],
      settings: { batchSize: fc.integer({ min: 1, max: 2 }), maxPending: fc.integer({ min: 2, max: 3 }) },
      faults: 'some',
    }),
    property({
      id: 'nothing-lost',
      statement: 'under any fault schedule, after flush() the database holds the last acknowledged write of every key that was not dead-lettered, and reads see every write at once',
      hint: 'This property mixes everything: reads, coalescing, batches, retries and dead letters under random database failures. Read the first broken rule in the trace and fix that one.',
      runs: 150,
      ops: ['set', 'set', 'delete', 'get', 'evict', 'advance', 'flush'],
      rules: ['latest-wins', 'batches', 'reads', 'backoff', 'dead-letters', 'pending'],
      faults: 'poisoned',
    }),
    property({
      id: 'close',
      statement: 'close() writes everything acknowledged, clears every timer it set, and makes later writes reject',
      hint: 'close(): await this.flush(), then clearTimeout every timer you set (flush timer and retry timers) and remember that you are closed, so set and delete reject from then on.',
      ops: ['set', 'delete', 'advance'],
      rules: [],
      faults: 'some',
    }),
  ],
};
