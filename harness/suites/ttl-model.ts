/**
 * Model-based checking of the TTL cache: commands, and a model that knows when each entry dies
 * and which expired entries the implementation may already have dropped.
 */
import fc from 'fast-check';
import { show, showArgs } from '../grade/show.js';
import { Trace } from '../grade/trace.js';
import { FakeClock } from './fake-clock.js';

/** The TTL cache contract as the suite sees it. */
export interface TTLLike {
  readonly size: number;
  set(key: unknown, value: unknown, ttlMs?: number): unknown;
  get(key: unknown): unknown;
  has(key: unknown): boolean;
  delete(key: unknown): boolean;
  purgeExpired(): number;
  close(): void;
}

/** The class as exported by a module under test. */
export type TTLClass = new (options: { ttlMs: number; clock?: { now(): number }; cleanupIntervalMs?: number }) => TTLLike;

interface Entry {
  value: unknown;
  setAt: number;
  ttl: number;
  expiresAt: number;
}

/** The reference behaviour, in clock time. */
export class TTLModel {
  readonly entries = new Map<unknown, Entry>();
  /** Clock time of the last operation that might have removed expired entries it met. */
  lastTouch = -Infinity;
  constructor(
    readonly clock: FakeClock,
    readonly defaultTtl: number,
  ) {}
  live(key: unknown): Entry | undefined {
    const e = this.entries.get(key);
    return e && this.clock.now() < e.expiresAt ? e : undefined;
  }
  /** Why `key` has no live entry, for the trace. */
  why(key: unknown): string {
    const e = this.entries.get(key);
    if (!e) return 'never set, or removed';
    const at = (t: number): string => `t=${t - this.clock.start}`;
    return `set at ${at(e.setAt)} with ttl ${e.ttl}: expired at ${at(e.expiresAt)}, and now is ${at(this.clock.now())}`;
  }
  touch(): void {
    this.lastTouch = this.clock.now();
  }
}

/** The system under test and its trace. */
export interface TTLReal {
  cache: TTLLike;
  clock: FakeClock;
  trace: Trace;
}

type Cmd = fc.Command<TTLModel, TTLReal>;

/** Builds a fresh cache and model for one run, writing step 1 of the trace. */
export function ttlSetup(cls: TTLClass, start: number, defaultTtl: number): () => { model: TTLModel; real: TTLReal } {
  return () => {
    const clock = new FakeClock(start);
    const trace = new Trace();
    trace.add(`new TTLCache({ ttlMs: ${show(defaultTtl)}, clock })  [t=0]`);
    const cache = trace.run(() => new cls({ ttlMs: defaultTtl, clock }));
    return { model: new TTLModel(clock, defaultTtl), real: { cache, clock, trace } };
  };
}

abstract class Op implements Cmd {
  check(): boolean {
    return true;
  }
  abstract label(): string;
  abstract apply(m: TTLModel, r: TTLReal): void;
  run(m: TTLModel, r: TTLReal): void {
    r.trace.add(this.label());
    this.apply(m, r);
  }
  toString(): string {
    return this.label();
  }
  protected result(r: TTLReal, value: unknown): void {
    r.trace.steps[r.trace.current - 1]!.result = show(value);
  }
}

class Advance extends Op {
  constructor(readonly ms: number) {
    super();
  }
  label(): string {
    return `clock.advance(${this.ms})`;
  }
  apply(_m: TTLModel, r: TTLReal): void {
    r.clock.advance(this.ms);
    r.trace.steps[r.trace.current - 1]!.result = `t=${r.clock.elapsed}`;
  }
}

class Set_ extends Op {
  constructor(
    readonly key: unknown,
    readonly value: number,
    readonly ttl: number | undefined,
  ) {
    super();
  }
  label(): string {
    return `set${showArgs(this.ttl === undefined ? [this.key, this.value] : [this.key, this.value, this.ttl])}`;
  }
  apply(m: TTLModel, r: TTLReal): void {
    const got = r.trace.run(() => (this.ttl === undefined ? r.cache.set(this.key, this.value) : r.cache.set(this.key, this.value, this.ttl)));
    if (got !== r.cache) r.trace.fail(`expected set() to return the cache itself (for chaining), got ${show(got)}`);
    const ttl = this.ttl ?? m.defaultTtl;
    const now = m.clock.now();
    m.touch();
    m.entries.set(this.key, { value: this.value, setAt: now, ttl, expiresAt: now + ttl });
  }
}

class Get extends Op {
  constructor(readonly key: unknown) {
    super();
  }
  label(): string {
    return `get${showArgs([this.key])}`;
  }
  apply(m: TTLModel, r: TTLReal): void {
    const got = r.trace.run(() => r.cache.get(this.key));
    this.result(r, got);
    const e = m.live(this.key);
    m.touch();
    r.trace.expect('', got, e?.value, e ? `live until t=${e.expiresAt - m.clock.start}` : m.why(this.key));
  }
}

class Has extends Op {
  constructor(readonly key: unknown) {
    super();
  }
  label(): string {
    return `has${showArgs([this.key])}`;
  }
  apply(m: TTLModel, r: TTLReal): void {
    const got = r.trace.run(() => r.cache.has(this.key));
    this.result(r, got);
    const e = m.live(this.key);
    m.touch();
    r.trace.expect('', got, e !== undefined, e ? `live until t=${e.expiresAt - m.clock.start}` : m.why(this.key));
  }
}

class Delete extends Op {
  constructor(readonly key: unknown) {
    super();
  }
  label(): string {
    return `delete${showArgs([this.key])}`;
  }
  apply(m: TTLModel, r: TTLReal): void {
    const got = r.trace.run(() => r.cache.delete(this.key));
    this.result(r, got);
    const e = m.live(this.key);
    // Deleting a live entry removes it for sure; an expired one may or may not still be stored.
    if (e) m.entries.delete(this.key);
    m.touch();
    r.trace.expect('', got, e !== undefined, e ? 'a live entry was removed' : `no live entry: ${m.why(this.key)}`);
  }
}

class Size extends Op {
  label(): string {
    return 'size';
  }
  apply(m: TTLModel, r: TTLReal): void {
    const got = r.trace.run(() => r.cache.size);
    this.result(r, got);
    const live = [...m.entries.keys()].filter((k) => m.live(k)).length;
    m.touch();
    r.trace.expect('', got, live, 'live entries only');
  }
}

class Purge extends Op {
  label(): string {
    return 'purgeExpired()';
  }
  apply(m: TTLModel, r: TTLReal): void {
    const got = r.trace.run(() => r.cache.purgeExpired());
    this.result(r, got);
    const now = m.clock.now();
    // Expired entries no operation has met since they expired are certainly still stored.
    let certain = 0;
    let possible = 0;
    for (const [k, e] of m.entries) {
      if (e.expiresAt > now) continue;
      possible++;
      if (e.expiresAt > m.lastTouch) certain++;
      m.entries.delete(k);
    }
    m.touch();
    if (typeof got !== 'number' || got < certain || got > possible) {
      const expected = certain === possible ? `${certain}` : `between ${certain} and ${possible}`;
      r.trace.fail(`expected ${expected} (expired entries still stored), got ${show(got)}`);
    }
  }
}

/** The operations a TTL property may use. */
export type TTLOp = 'set' | 'set-ttl' | 'get' | 'has' | 'delete' | 'size' | 'purge' | 'advance';

const KEYS: readonly unknown[] = ['a', 'b', 1, '1', 'c'];
/** Per-entry ttls: small integers so that boundaries are hit exactly, and Infinity. */
const TTLS = [1, 2, 5, 10, 30, Infinity];

/** Command arbitraries for the chosen operations. Times are small integers so t + ttl is hit exactly. */
export function ttlCommands(ops: readonly TTLOp[]): fc.Arbitrary<Cmd>[] {
  const key = fc.constantFrom(...KEYS);
  const value = fc.integer({ min: 0, max: 99 });
  const all: Record<TTLOp, fc.Arbitrary<Cmd>> = {
    set: fc.tuple(key, value).map(([k, v]) => new Set_(k, v, undefined)),
    'set-ttl': fc.tuple(key, value, fc.constantFrom(...TTLS)).map(([k, v, t]) => new Set_(k, v, t)),
    get: key.map((k) => new Get(k)),
    has: key.map((k) => new Has(k)),
    delete: key.map((k) => new Delete(k)),
    size: fc.constant(new Size()),
    purge: fc.constant(new Purge()),
    advance: fc.oneof(fc.constantFrom(1, 2, 5, 10), fc.integer({ min: 0, max: 40 })).map((ms) => new Advance(ms)),
  };
  return ops.map((op) => all[op]);
}
