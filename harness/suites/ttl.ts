/** The properties a TTL cache must have. */
import fc from 'fast-check';
import { compareGrowth, type Workload } from '../grade/cost.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { EPOCHS, FakeClock } from './fake-clock.js';
import { ttlCommands, ttlSetup, type TTLClass, type TTLLike, type TTLOp } from './ttl-model.js';

const SEQUENCE = { maxCommands: 80, size: 'medium' } as const;

function modelProperty(spec: { id: string; statement: string; hint: string; ops: TTLOp[]; runs?: number }): CheckedProperty {
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 150,
    build: (impl) =>
      fc.property(
        fc.constantFrom(...EPOCHS),
        fc.oneof(fc.constantFrom(1, 5, 10, 20), fc.integer({ min: 1, max: 60 })),
        fc.commands(ttlCommands(spec.ops), SEQUENCE),
        (start, ttl, commands) => fc.modelRun(ttlSetup(exported<TTLClass>(impl, 'TTLCache'), start, ttl), commands),
      ),
  });
}

const BAD_TTLS = [0, -1, -0.5, NaN, -Infinity];

const validation = checked({
  id: 'ttl-validation',
  statement: 'a ttl that is not a positive number (Infinity allowed) throws a RangeError, in the constructor and in set, and a rejected set leaves the old entry as it was',
  hint: 'Validate before you change anything: if (!(typeof ttl === "number" && ttl > 0)) throw new RangeError(...). That test accepts Infinity and rejects NaN, 0 and negative numbers. In set, only validate the ttl argument when it is given.',
  runs: 40,
  build: (impl: ImplModule) =>
    fc.property(fc.constantFrom(...BAD_TTLS), fc.boolean(), (bad, inConstructor) => {
      const cls = exported<TTLClass>(impl, 'TTLCache');
      const trace = new Trace();
      const clock = new FakeClock(EPOCHS[0]);
      if (inConstructor) {
        trace.add(`new TTLCache({ ttlMs: ${show(bad)}, clock })`);
        trace.expectRangeError(() => new cls({ ttlMs: bad, clock }));
        trace.add('new TTLCache({ ttlMs: Infinity, clock })');
        const forever = trace.run(() => new cls({ ttlMs: Infinity, clock }));
        trace.add('set("a", 1)');
        trace.run(() => forever.set('a', 1));
        clock.advance(1e12);
        trace.add('clock.advance(1e12), get("a")');
        trace.expect('', trace.run(() => forever.get('a')), 1, 'ttl Infinity never expires');
        return;
      }
      trace.add('new TTLCache({ ttlMs: 10, clock })');
      const cache = trace.run(() => new cls({ ttlMs: 10, clock }));
      trace.add('set("a", 1)');
      trace.run(() => cache.set('a', 1));
      trace.add(`set("a", 2, ${show(bad)})`);
      trace.expectRangeError(() => cache.set('a', 2, bad));
      trace.add('get("a")');
      trace.expect('', trace.run(() => cache.get('a')), 1, 'the rejected set must change nothing');
      clock.advance(9);
      trace.add('clock.advance(9), has("a")');
      trace.expect('', trace.run(() => cache.has('a')), true, 'still live until t=10');
      clock.advance(1);
      trace.add('clock.advance(1), has("a")');
      trace.expect('', trace.run(() => cache.has('a')), false, 'expired at t=10');
    }),
});

interface Sized {
  cache: TTLLike;
  clock: FakeClock;
  size: number;
  next: number;
}

function buildSized(cls: TTLClass): Workload<Sized>['build'] {
  return (size, fill) => {
    const clock = new FakeClock(EPOCHS[1]);
    const cache = new cls({ ttlMs: 1e9, clock });
    // Spread expiry times so that a heap holds them in a real order.
    fill(size, (i) => cache.set(i, i, 1e9 + ((i * 7919) % size)));
    return { cache, clock, size, next: size };
  };
}

const EXPIRING = 8;

function purgeWorkload(cls: TTLClass): Workload<Sized> {
  return {
    build: buildSized(cls),
    ops: [
      {
        name: `purgeExpired() of ${EXPIRING} expired entries`,
        op: (s) => {
          // Add a few short-lived entries, let them expire, purge: only those should be looked at.
          for (let j = 0; j < EXPIRING; j++) s.cache.set(`x${s.next++}`, j, 1 + (j % 5));
          s.clock.advance(10);
          s.cache.purgeExpired();
        },
      },
    ],
  };
}

function logWorkload(cls: TTLClass): Workload<Sized> {
  return {
    build: buildSized(cls),
    ops: [
      { name: 'get() of a live key', op: (s, _i, random) => void s.cache.get(Math.floor(random() * s.size)) },
      {
        name: 'set() of a new key (then delete() of it)',
        op: (s) => {
          const key = -1 - (s.next++ % 1024);
          s.cache.set(key, key, 5e8 + (s.next % 997));
          s.cache.delete(key);
        },
      },
    ],
  };
}

const SIZES = { small: 1_000, large: 100_000 } as const;

/** The TTL suite. */
export const suite: Suite = {
  properties: [
    validation,
    modelProperty({
      id: 'expiry',
      statement: 'an entry set at time t with ttl is returned while now < t + ttl, and never from t + ttl on',
      hint: 'Store expiresAt = clock.now() + ttl when you set, and treat the entry as gone when clock.now() >= expiresAt (>=, not >). Always read the time from the clock you were given, never Date.now().',
      ops: ['set', 'get', 'has', 'advance'],
    }),
    modelProperty({
      id: 'no-extension-on-read',
      statement: 'reading an entry (get, has) never extends its life',
      hint: 'get and has must not write expiresAt. Only set starts a new life. (A sliding expiration is a different policy from the one asked for here.)',
      ops: ['set', 'get', 'get', 'has', 'advance', 'advance'],
    }),
    modelProperty({
      id: 'per-entry-ttl',
      statement: "set's ttlMs overrides the default for that entry; Infinity never expires",
      hint: 'Use the ttlMs argument when it is given, the default otherwise (ttlMs ?? this.defaultTtl). clock.now() + Infinity is Infinity, and now < Infinity always holds: no special case needed.',
      ops: ['set', 'set-ttl', 'get', 'has', 'advance'],
    }),
    modelProperty({
      id: 'overwrite-resets',
      statement: 'set on an existing key replaces its value and starts a new life from now',
      hint: 'An overwrite is a new entry: new value, new expiresAt. If you keep a heap, the old heap item for that key is now stale: skip it when it surfaces, do not let it delete the new entry.',
      ops: ['set', 'set', 'set-ttl', 'get', 'advance'],
    }),
    modelProperty({
      id: 'size-and-delete',
      statement: 'size counts live entries only; delete returns true only when it removed a live entry',
      hint: 'size must not count entries that have expired but are still stored: purge (or skip) them first. delete of an expired entry returns false (there was nothing live to delete), but should still drop it.',
      ops: ['set', 'set-ttl', 'delete', 'size', 'get', 'advance'],
    }),
    modelProperty({
      id: 'purge',
      statement: 'purgeExpired removes every expired entry still stored and returns how many it removed',
      hint: 'Pop from the heap while its top has expired (expiresAt <= now); count an item only if it is still the current entry of its key, then delete the key. Entries that are still live must stay.',
      ops: ['set', 'set-ttl', 'purge', 'get', 'delete', 'advance', 'advance'],
      runs: 200,
    }),
    modelProperty({
      id: 'model',
      statement: 'any sequence of set, get, has, delete, size, purgeExpired and clock moves agrees with the model',
      hint: 'This property mixes every operation. Write the time and each entry\'s expiresAt beside the trace; the step marked wrong is the first place your cache and the model disagree.',
      ops: ['set', 'set-ttl', 'get', 'has', 'delete', 'size', 'purge', 'advance'],
      runs: 200,
    }),
    {
      kind: 'cost',
      id: 'purge-cost',
      statement: 'purgeExpired costs O(k log n) for k expired entries: it does not look at every entry',
      hint: 'A periodic scan of every entry is O(n) however few have expired. Keep the entries ordered by expiry (a binary min-heap of [expiresAt, key]) and stop at the first one that is still live.',
      measure: (impl, reference, seed) =>
        compareGrowth(purgeWorkload(exported(impl, 'TTLCache')), purgeWorkload(exported(reference, 'TTLCache')), { ...SIZES, seed }),
    },
    {
      kind: 'cost',
      id: 'log-cost',
      statement: 'get, set and delete cost O(log n) at worst: they do not look at every entry',
      hint: 'get and delete are a Map lookup; set is a Map write plus a heap push (O(log n)). None of them may walk the entries or sort.',
      measure: (impl, reference, seed) =>
        compareGrowth(logWorkload(exported(impl, 'TTLCache')), logWorkload(exported(reference, 'TTLCache')), { ...SIZES, seed }),
    },
    checked({
      id: 'timer-unref',
      statement: 'the cleanup timer (cleanupIntervalMs) never keeps the process alive, and close() may be called twice',
      hint: 'Call .unref() on the value setInterval returns, keep it, and clearInterval it in close(); make close() safe to call again (clearInterval(undefined) is fine).',
      runs: 3,
      build: (impl: ImplModule) =>
        fc.property(fc.constantFrom(50, 1000, 60_000), (interval) => {
          const cls = exported<TTLClass>(impl, 'TTLCache');
          const trace = new Trace();
          const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
          const before = timers();
          trace.add(`new TTLCache({ ttlMs: 10, clock, cleanupIntervalMs: ${interval} })`);
          const cache = trace.run(() => new cls({ ttlMs: 10, clock: new FakeClock(EPOCHS[0]), cleanupIntervalMs: interval }));
          const after = timers();
          trace.add('(the process\'s active timers)');
          trace.expect('timers keeping the process alive: ', after - before, 0, "the cleanup timer must be unref()'d");
          trace.add('close()');
          trace.run(() => cache.close());
          trace.add('close()');
          trace.run(() => cache.close());
        }),
    }),
  ],
};
