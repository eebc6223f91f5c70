/**
 * Model-based checking of the cache monitor: the model keeps every event (the implementation
 * may not), and computes each metric exactly, with the tolerances the contract allows.
 */
import fc from 'fast-check';
import { show, showArgs } from '../grade/show.js';
import { Trace } from '../grade/trace.js';
import { FakeClock } from './fake-clock.js';

/** What snapshot() returns, as far as the suite relies on it. */
export interface Metrics {
  requests: number;
  hits: number;
  misses: number;
  evictions: number;
  hitRate: number;
  missRate: number;
  meanLatencyMs: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  p99LatencyMs: number;
  requestsPerSecond: number;
  evictionsPerSecond: number;
}

/** The monitor contract as the suite sees it. */
export interface MonitorLike {
  recordHit(latencyMs: number): void;
  recordMiss(latencyMs: number): void;
  recordEviction(count?: number): void;
  snapshot(): Metrics;
  reset(): void;
}

/** The class as exported by a module under test. */
export type MonitorClass = new (options?: { clock?: { now(): number }; windowMs?: number }) => MonitorLike;

/** Groups of fields, each checked by its own property. */
export type FieldGroup = 'counts' | 'mean' | 'percentiles' | 'rates';

const MIN_LATENCY = 0.001;
const MAX_LATENCY = 3_600_000;

/** Every event since creation or reset. */
export class MetricsModel {
  latencies: number[] = [];
  hits = 0;
  evictions = 0;
  requestTimes: number[] = [];
  evictionTimes: [number, number][] = [];
  start: number;
  constructor(
    readonly clock: FakeClock,
    readonly windowMs: number,
  ) {
    this.start = clock.now();
  }
  reset(): void {
    this.latencies = [];
    this.hits = 0;
    this.evictions = 0;
    this.requestTimes = [];
    this.evictionTimes = [];
    this.start = this.clock.now();
  }

  /** Checks the chosen groups of a snapshot; fails the trace's last step on the first wrong field. */
  check(trace: Trace, got: Metrics, groups: readonly FieldGroup[]): void {
    const n = this.latencies.length;
    const field = (name: keyof Metrics): number => {
      const v = got[name];
      if (typeof v !== 'number' || Number.isNaN(v)) trace.fail(`snapshot().${name}: expected a number, got ${show(v)}`);
      return v;
    };
    const exact = (name: keyof Metrics, want: number, why?: string): void => {
      const v = field(name);
      if (Math.abs(v - want) > 1e-9 * Math.max(1, Math.abs(want))) {
        trace.fail(`snapshot().${name}: expected ${show(want)}${why ? ` (${why})` : ''}, got ${show(v)}`);
      }
    };
    if (groups.includes('counts')) {
      exact('requests', n);
      exact('hits', this.hits);
      exact('misses', n - this.hits);
      exact('evictions', this.evictions);
      exact('hitRate', n === 0 ? 0 : this.hits / n, n === 0 ? 'no requests yet' : `${this.hits} / ${n}, a fraction, not a percentage`);
      exact('missRate', n === 0 ? 0 : (n - this.hits) / n, n === 0 ? 'no requests yet' : `${n - this.hits} / ${n}`);
    }
    if (groups.includes('mean')) {
      // The exact mean; a monitor that clamps latencies into the supported range as it records
      // them (the contract allows clamping) may report the mean of the clamped values instead.
      const mean = (values: number[]): number => (n === 0 ? 0 : values.reduce((a, b) => a + b, 0) / n);
      const want = mean(this.latencies);
      const clamped = mean(this.latencies.map(clamp));
      const v = field('meanLatencyMs');
      const near = (w: number): boolean => Math.abs(v - w) <= 1e-6 * Math.max(1, w);
      if (!near(want) && !near(clamped)) {
        trace.fail(`snapshot().meanLatencyMs: expected ${show(want)} (mean of ${n} latencies), got ${show(v)}`);
      }
    }
    if (groups.includes('percentiles') && n > 0) {
      const sorted = [...this.latencies].sort((a, b) => a - b);
      for (const [name, p] of [['p50LatencyMs', 50], ['p95LatencyMs', 95], ['p99LatencyMs', 99]] as const) {
        const v = field(name);
        // The exact rank is ceil(p * n / 100); a float computation of ceil(0.95 * n) may land one above.
        const ranks = new Set([Math.ceil((p * n) / 100), Math.ceil((p / 100) * n)]);
        const ok = [...ranks].some((rank) => {
          const want = sorted[Math.min(n, Math.max(1, rank)) - 1]!;
          return within(v, want) || within(v, clamp(want));
        });
        if (!ok) {
          const rank = Math.ceil((p * n) / 100);
          trace.fail(`snapshot().${name}: expected ${show(sorted[rank - 1])} ± 1% (the value at rank ceil(${p / 100} × ${n}) = ${rank} of the sorted latencies), got ${show(v)}`);
        }
      }
    }
    if (groups.includes('rates')) {
      this.#rate(trace, field('requestsPerSecond'), 'requestsPerSecond', this.requestTimes.map((t) => [t, 1]));
      this.#rate(trace, field('evictionsPerSecond'), 'evictionsPerSecond', this.evictionTimes);
    }
  }

  /**
   * A rate over the window. A bucketed window may place the window's edge, and measure the span it
   * divides by, one bucket (windowMs / 60) off either way; anything within that is accepted.
   */
  #rate(trace: Trace, got: number, name: string, events: [number, number][]): void {
    const now = this.clock.now();
    const elapsed = now - this.start;
    const bucket = this.windowMs / 60;
    if (elapsed < 2 * bucket) {
      // Too early for the window's granularity to say anything but "a number".
      if (!Number.isFinite(got) || got < 0) trace.fail(`snapshot().${name}: expected a finite number >= 0, got ${show(got)}`);
      return;
    }
    const span = Math.min(this.windowMs, elapsed);
    const count = (from: number): number => events.filter(([t]) => t > from).reduce((a, [, c]) => a + c, 0);
    const low = count(now - this.windowMs + bucket) / ((span + bucket) / 1000);
    const high = count(now - this.windowMs - bucket) / ((span - bucket) / 1000);
    const exactly = count(now - this.windowMs) / (span / 1000);
    if (got < low * (1 - 1e-9) - 1e-9 || got > high * (1 + 1e-9) + 1e-9) {
      trace.fail(
        `snapshot().${name}: expected ${show(exactly)} (${count(now - this.windowMs)} in the last ${span / 1000} s; anything from ${show(low)} to ${show(high)} is accepted for a bucketed window), got ${show(got)}`,
      );
    }
  }
}

/** A latency clamped into the range the contract requires accuracy for. */
function clamp(latency: number): number {
  return Math.min(MAX_LATENCY, Math.max(MIN_LATENCY, latency));
}

function within(got: number, want: number): boolean {
  return Math.abs(got - want) <= 0.01 * Math.abs(want) + 1e-12;
}

/** The system under test and its trace. */
export interface MonitorReal {
  monitor: MonitorLike;
  clock: FakeClock;
  trace: Trace;
  groups: readonly FieldGroup[];
}

type Cmd = fc.Command<MetricsModel, MonitorReal>;

/** Builds a fresh monitor and model for one run, writing step 1 of the trace. */
export function monitorSetup(
  cls: MonitorClass,
  start: number,
  windowMs: number | undefined,
  groups: readonly FieldGroup[],
): () => { model: MetricsModel; real: MonitorReal } {
  return () => {
    const clock = new FakeClock(start);
    const trace = new Trace();
    trace.add(`new CacheMonitor({ clock${windowMs === undefined ? '' : `, windowMs: ${windowMs}`} })  [t=0]`);
    const monitor = trace.run(() => new cls(windowMs === undefined ? { clock } : { clock, windowMs }));
    return { model: new MetricsModel(clock, windowMs ?? 60_000), real: { monitor, clock, trace, groups } };
  };
}

abstract class Op implements Cmd {
  check(): boolean {
    return true;
  }
  abstract label(): string;
  abstract apply(m: MetricsModel, r: MonitorReal): void;
  run(m: MetricsModel, r: MonitorReal): void {
    r.trace.add(this.label());
    this.apply(m, r);
    // Every command is followed by a snapshot, compared field by field.
    const snap = r.trace.run(() => r.monitor.snapshot(), 'snapshot()');
    m.check(r.trace, snap, r.groups);
  }
  toString(): string {
    return this.label();
  }
}

class RecordOp extends Op {
  constructor(
    readonly hit: boolean,
    readonly latency: number,
  ) {
    super();
  }
  label(): string {
    return `${this.hit ? 'recordHit' : 'recordMiss'}${showArgs([this.latency])}`;
  }
  apply(m: MetricsModel, r: MonitorReal): void {
    r.trace.run(() => (this.hit ? r.monitor.recordHit(this.latency) : r.monitor.recordMiss(this.latency)));
    m.latencies.push(this.latency);
    if (this.hit) m.hits++;
    m.requestTimes.push(m.clock.now());
  }
}

class Evict extends Op {
  constructor(readonly count: number | undefined) {
    super();
  }
  label(): string {
    return `recordEviction${showArgs(this.count === undefined ? [] : [this.count])}`;
  }
  apply(m: MetricsModel, r: MonitorReal): void {
    r.trace.run(() => (this.count === undefined ? r.monitor.recordEviction() : r.monitor.recordEviction(this.count)));
    const c = this.count ?? 1;
    m.evictions += c;
    m.evictionTimes.push([m.clock.now(), c]);
  }
}

class Advance extends Op {
  constructor(readonly ms: number) {
    super();
  }
  label(): string {
    return `clock.advance(${this.ms})`;
  }
  apply(_m: MetricsModel, r: MonitorReal): void {
    r.clock.advance(this.ms);
    r.trace.steps[r.trace.current - 1]!.result = `t=${r.clock.elapsed}`;
  }
}

class Reset extends Op {
  label(): string {
    return 'reset()';
  }
  apply(m: MetricsModel, r: MonitorReal): void {
    r.trace.run(() => r.monitor.reset());
    m.reset();
  }
}

/** Latencies spread over the whole range the contract covers, log-uniformly, plus repeats and edges. */
export const latency: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3000, max: 6556 }).map((e) => Number((10 ** (e / 1000)).toPrecision(4))) },
  { weight: 3, arbitrary: fc.constantFrom(1, 2, 5, 10, 100) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0.0001, 5_000_000) },
);

/** The operations a metrics property may use. */
export type MetricsOp = 'hit' | 'miss' | 'evict' | 'advance' | 'reset';

/** Command arbitraries; clock moves are scaled to the window so both edges are reached. */
export function monitorCommands(ops: readonly MetricsOp[], windowMs: number): fc.Arbitrary<Cmd>[] {
  const b = windowMs / 60;
  const all: Record<MetricsOp, fc.Arbitrary<Cmd>> = {
    hit: latency.map((l) => new RecordOp(true, l)),
    miss: latency.map((l) => new RecordOp(false, l)),
    evict: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }).map((c) => new Evict(c)),
    advance: fc
      .oneof(fc.constantFrom(1, b, b * 5, windowMs / 2, windowMs, windowMs * 2), fc.integer({ min: 0, max: windowMs }))
      .map((ms) => new Advance(ms)),
    reset: fc.constant(new Reset()),
  };
  return ops.map((op) => all[op]);
}
