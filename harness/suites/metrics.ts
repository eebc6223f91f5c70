/** The properties a cache monitor must have. */
import fc from 'fast-check';
import { compareGrowth, type Workload } from '../grade/cost.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type ImplModule, type Suite } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { EPOCHS, FakeClock } from './fake-clock.js';
import { latency, monitorCommands, monitorSetup, type FieldGroup, type MetricsOp, type MonitorClass, type MonitorLike } from './metrics-model.js';

const WINDOWS = [undefined, 600, 6_000, 60_000] as const;

function modelProperty(spec: { id: string; statement: string; hint: string; ops: MetricsOp[]; groups: FieldGroup[]; runs?: number }): CheckedProperty {
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 100,
    build: (impl) =>
      fc.property(
        fc.constantFrom(...EPOCHS),
        fc.constantFrom(...WINDOWS).chain((w) =>
          fc.tuple(fc.constant(w), fc.commands(monitorCommands(spec.ops, w ?? 60_000), { maxCommands: 60, size: 'medium' })),
        ),
        (start, [windowMs, commands]) =>
          fc.modelRun(monitorSetup(exported<MonitorClass>(impl, 'CacheMonitor'), start, windowMs, spec.groups), commands),
      ),
  });
}

const BAD_CALLS: [string, (m: MonitorLike) => void][] = [
  ['recordHit(-1)', (m) => m.recordHit(-1)],
  ['recordMiss(-0.5)', (m) => m.recordMiss(-0.5)],
  ['recordHit(NaN)', (m) => m.recordHit(NaN)],
  ['recordMiss(Infinity)', (m) => m.recordMiss(Infinity)],
  ['recordHit(-Infinity)', (m) => m.recordHit(-Infinity)],
  ['recordEviction(0)', (m) => m.recordEviction(0)],
  ['recordEviction(-2)', (m) => m.recordEviction(-2)],
  ['recordEviction(1.5)', (m) => m.recordEviction(1.5)],
  ['recordEviction(NaN)', (m) => m.recordEviction(NaN)],
];

const validation = checked({
  id: 'input-validation',
  statement: 'a negative, NaN or infinite latency, or an eviction count that is not a positive integer, throws a RangeError and changes nothing',
  hint: 'Validate first, then change state: if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(...); for counts, Number.isSafeInteger(count) && count > 0.',
  runs: 40,
  build: (impl: ImplModule) =>
    fc.property(fc.constantFrom(...BAD_CALLS), fc.array(latency, { maxLength: 5 }), ([label, bad], before) => {
      const cls = exported<MonitorClass>(impl, 'CacheMonitor');
      const clock = new FakeClock(EPOCHS[0]);
      const trace = new Trace();
      trace.add('new CacheMonitor({ clock })');
      const monitor = trace.run(() => new cls({ clock }));
      for (const l of before) {
        trace.add(`recordHit(${show(l)})`);
        trace.run(() => monitor.recordHit(l));
      }
      trace.add('recordEviction(2)');
      trace.run(() => monitor.recordEviction(2));
      clock.advance(1000);
      trace.add('clock.advance(1000), snapshot()');
      const snapBefore = JSON.stringify(trace.run(() => monitor.snapshot()));
      trace.add(label);
      trace.expectRangeError(() => bad(monitor));
      trace.add('snapshot()');
      const snapAfter = JSON.stringify(trace.run(() => monitor.snapshot()));
      trace.expect('', snapAfter, snapBefore, 'the rejected call must change nothing');
    }),
});

interface Loaded {
  monitor: MonitorLike;
  clock: FakeClock;
}

function costWorkload(cls: MonitorClass): Workload<Loaded> {
  return {
    build: (size, fill) => {
      const clock = new FakeClock(EPOCHS[1]);
      const monitor = new cls({ clock });
      fill(size, (i) => {
        if (i % 2 === 0) monitor.recordHit(0.001 * 1.0007 ** (i % 20000));
        else monitor.recordMiss(1 + (i % 997));
        if (i % 64 === 0) clock.advance(1);
      });
      return { monitor, clock };
    },
    // snapshot() is timed first: recordHit() grows the monitor it is timed on, so it goes last.
    ops: [
      { name: 'snapshot()', op: (s) => void s.monitor.snapshot() },
      { name: 'recordHit()', op: (s, i) => s.monitor.recordHit(1 + (i % 89)) },
    ],
  };
}

/** The metrics suite. */
export const suite: Suite = {
  properties: [
    validation,
    modelProperty({
      id: 'counts-and-rates',
      statement: 'requests, hits, misses and evictions are totals; hitRate and missRate are fractions: both 0 with no requests, else they sum to 1',
      hint: 'hitRate = hits / requests as a fraction in [0, 1] (0.25, not 25), and 0 when there are no requests yet (never NaN). recordEviction() with no argument counts 1.',
      ops: ['hit', 'miss', 'evict', 'advance'],
      groups: ['counts'],
    }),
    modelProperty({
      id: 'mean-latency',
      statement: 'meanLatencyMs is the mean of every recorded latency, hits and misses alike (0 with no requests)',
      hint: 'Keep a running sum of every latency, hits and misses, and divide by the number of requests; return 0 when there are none.',
      ops: ['hit', 'miss', 'advance'],
      groups: ['mean'],
    }),
    modelProperty({
      id: 'percentiles',
      statement: 'p50, p95 and p99 are within 1% of the exact nearest-rank quantile: the value at rank ceil(q × n) of the sorted latencies',
      hint: 'Nearest rank means: sort, take the element at rank ceil(q × n) (1-based), no interpolation. With bounded memory, count latencies in logarithmic buckets whose width is under 2% of their value, and report the middle of the bucket that holds that rank.',
      ops: ['hit', 'miss'],
      groups: ['percentiles'],
      runs: 150,
    }),
    modelProperty({
      id: 'throughput-window',
      statement: 'requestsPerSecond and evictionsPerSecond count the last windowMs (or the time since creation or reset, if shorter), per second',
      hint: 'Read time only from the injected clock. Keep per-bucket counts for the last windowMs (60 buckets of windowMs / 60), drop buckets that fall out of the window, and divide the sum by min(windowMs, now - start) / 1000, where start is the creation or the last reset.',
      ops: ['hit', 'miss', 'evict', 'advance', 'advance'],
      groups: ['rates'],
      runs: 150,
    }),
    modelProperty({
      id: 'reset',
      statement: 'reset() forgets everything: totals, latencies and the rolling window start again from now',
      hint: 'reset() must clear every piece of state the constructor creates, including the eviction total, the histogram, the window buckets, and the start time used for rates.',
      ops: ['hit', 'miss', 'evict', 'advance', 'reset'],
      groups: ['counts', 'mean', 'percentiles', 'rates'],
      runs: 150,
    }),
    {
      kind: 'cost',
      id: 'bounded-cost',
      statement: 'recording and snapshot() cost do not grow with the number of requests recorded (memory stays bounded)',
      hint: 'You cannot keep every latency and sort them on snapshot(): that grows without bound. Count latencies in a fixed set of logarithmic buckets (about 1,200 buckets cover 0.001 ms to one hour at 2% width) and walk the buckets to find a rank.',
      measure: (impl, reference, seed) =>
        compareGrowth(costWorkload(exported(impl, 'CacheMonitor')), costWorkload(exported(reference, 'CacheMonitor')), {
          small: 1_000,
          large: 100_000,
          seed,
        }),
    },
  ],
};
