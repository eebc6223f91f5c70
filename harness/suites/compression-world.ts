/**
 * What the compression suite runs a `CompressedCache` against: an in-memory byte store that
 * records every call and lets a property read and tamper with the stored bytes, and a session
 * that makes each call a numbered step of the trace.
 */
import type { CacheStore } from '../../exercises/workbook.js';
import { show } from '../grade/show.js';
import { exported, type ImplModule } from '../grade/suite.js';
import { LearnerThrew, Trace } from '../grade/trace.js';

/** An error the store itself raised (not a corrupt entry). */
export class StoreFailure extends Error {
  constructor(method: string) {
    super(`the store failed (${method})`);
    this.name = 'StoreFailure';
  }
}

/** One `store.set` the implementation made. */
export interface StoreSet {
  key: string;
  bytes: Uint8Array;
  ttlMs: unknown;
}

/**
 * The byte store: a Map of copies of what it was given. It answers at once. With `views`, `get`
 * hands back its bytes as a view at an offset into a larger buffer (as a Buffer from a pool is).
 */
export class RecordingStore implements CacheStore<Uint8Array> {
  readonly entries = new Map<string, Uint8Array>();
  readonly sets: StoreSet[] = [];
  /** The next call of this method rejects with a StoreFailure. */
  failNext: 'get' | 'set' | 'delete' | undefined;
  views = false;

  get(key: string): Promise<Uint8Array | undefined> {
    const failed = this.#fail('get');
    if (failed) return failed;
    const bytes = this.entries.get(key);
    if (bytes === undefined) return Promise.resolve(undefined);
    if (!this.views) return Promise.resolve(bytes.slice());
    const buffer = new Uint8Array(bytes.length + 7).fill(0xa5);
    buffer.set(bytes, 3);
    return Promise.resolve(buffer.subarray(3, 3 + bytes.length));
  }

  set(key: string, value: Uint8Array, ttlMs?: number): Promise<void> {
    const failed = this.#fail('set');
    if (failed) return failed;
    if (!(value instanceof Uint8Array)) return Promise.reject(new TypeError(`store.set: value must be a Uint8Array, got ${show(value)}`));
    // A copy, so the implementation cannot change the entry afterwards through its own buffer.
    const bytes = new Uint8Array(value);
    this.entries.set(key, bytes);
    this.sets.push({ key, bytes, ttlMs });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    const failed = this.#fail('delete');
    if (failed) return failed;
    this.entries.delete(key);
    return Promise.resolve();
  }

  #fail(method: 'get' | 'set' | 'delete'): Promise<never> | undefined {
    if (this.failNext !== method) return undefined;
    this.failNext = undefined;
    return Promise.reject(new StoreFailure(method));
  }
}

/** The stats object, as the suite reads it. */
export interface Stats {
  entries: number;
  rawBytes: number;
  storedBytes: number;
}

/** Construction options a property passes (the store and onCorrupt are added). */
export interface Settings {
  thresholdBytes?: number;
  codec?: 'deflate' | 'gzip' | 'brotli';
}

type Cache = {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  readonly stats: unknown;
};
type CacheClass = new (options: Record<string, unknown>) => Cache;

/** One instance under test, its store, and the trace of what was done to it. */
export class Session {
  readonly trace: Trace = new Trace();
  readonly store = new RecordingStore();
  /** Every onCorrupt call, in order. */
  readonly corrupt: { key: unknown; error: unknown; step: number }[] = [];
  #cache: Cache | undefined;

  /** Creates the instance (the first step of every run). */
  create(impl: ImplModule, settings: Settings, note = ''): void {
    const shown = Object.entries(settings)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${show(v)}`);
    this.trace.add(`new CompressedCache({ store, ${[...shown, 'onCorrupt'].join(', ')} })${note}`);
    const cls = exported<CacheClass>(impl, 'CompressedCache');
    const options: Record<string, unknown> = { store: this.store, onCorrupt: (key: unknown, error: unknown) => void this.corrupt.push({ key, error, step: this.trace.current }) };
    for (const [k, v] of Object.entries(settings)) if (v !== undefined) options[k] = v;
    this.#cache = this.trace.run(() => new cls(options));
  }

  get cache(): Cache {
    return this.#cache!;
  }

  /** Runs one learner call as a step; a throw or a rejection is the learner's. */
  async call<T>(label: string, fn: (cache: Cache) => Promise<T> | T): Promise<T> {
    this.trace.add(label);
    const result = this.trace.run(() => fn(this.cache), label);
    try {
      return await result;
    } catch (error) {
      throw new LearnerThrew(this.trace, label, error);
    }
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const args = ttlMs === undefined ? `${show(key)}, ${brief(value)}` : `${show(key)}, ${brief(value)}, ${show(ttlMs)}`;
    await this.call(`set(${args})`, (c) => (ttlMs === undefined ? c.set(key, value) : c.set(key, value, ttlMs)));
    this.trace.steps.at(-1)!.result = 'ok';
  }

  async get(key: string): Promise<unknown> {
    const value = await this.call(`get(${show(key)})`, (c) => c.get(key));
    this.trace.steps.at(-1)!.result = brief(value);
    return value;
  }

  async delete(key: string): Promise<void> {
    await this.call(`delete(${show(key)})`, (c) => c.delete(key));
    this.trace.steps.at(-1)!.result = 'ok';
  }

  /** Reads `stats` as a step and checks it against `expected`. */
  expectStats(expected: Stats, why: string): void {
    this.trace.add('stats');
    const stats = this.trace.run(() => this.cache.stats, 'stats') as Partial<Stats> | undefined;
    const got = { entries: stats?.entries, rawBytes: stats?.rawBytes, storedBytes: stats?.storedBytes };
    const text = (s: Partial<Stats>): string => `{ entries: ${show(s.entries)}, rawBytes: ${show(s.rawBytes)}, storedBytes: ${show(s.storedBytes)} }`;
    this.trace.steps.at(-1)!.result = text(got);
    if (got.entries !== expected.entries || got.rawBytes !== expected.rawBytes || got.storedBytes !== expected.storedBytes) {
      this.trace.fail(`expected ${text(expected)} (${why}), got ${text(got)}`);
    }
  }

  /** The stored entry under `key`, read by the grader (a step of the trace, not a call of the implementation). */
  peek(key: string): Uint8Array {
    const bytes = this.store.entries.get(key);
    this.trace.add(`(the grader reads the store) store["${key}"]`);
    this.trace.steps.at(-1)!.result = bytes === undefined ? 'nothing' : hex(bytes);
    return bytes ?? this.trace.fail('expected the value to be in the store, found nothing');
  }

  /** The stored entry under `key` (not a step); fails when there is none. */
  stored(key: string): Uint8Array {
    return this.store.entries.get(key) ?? this.trace.fail(`expected "${key}" to be in the store after its set, found nothing`);
  }

  /** Checks that onCorrupt was called `count` times since the `since`-th call, each with `key`. */
  expectReported(key: string, since: number, count: number, why: string): void {
    const calls = this.corrupt.slice(since);
    if (calls.length !== count || calls.some((c) => c.key !== key)) {
      const got = calls.length === 0 ? 'no call' : calls.map((c) => `onCorrupt(${show(c.key)}, …)`).join(', ');
      this.trace.fail(`expected ${count === 0 ? 'no onCorrupt call' : `onCorrupt(${show(key)}, error) once`} (${why}), got ${got}`);
    }
  }
}

/** The UTF-8 bytes of `JSON.stringify(value)`. */
export function serialised(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** What `get` must return for a value that was set: `JSON.parse(JSON.stringify(value))` (so -0 is 0). */
export function expectedBack(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Deep equality of JSON values: own enumerable keys (in any order), Object.is for numbers. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(ownValue(a, k), ownValue(b, k)));
}

function ownValue(o: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(o, key)?.value;
}

/** A value for a trace line: JSON text, cut short when long, with its size. */
export function brief(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
    if (text !== undefined && !jsonEqual(JSON.parse(text), value)) text = undefined;
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    if (value instanceof Uint8Array) return `a ${value.constructor.name} (${hex(value)})`;
    const shown = show(value);
    return shown.length > 80 ? `${shown.slice(0, 60)}…` : shown;
  }
  if (Object.is(value, -0)) return '-0';
  if (text.length <= 80) return text;
  return `${text.slice(0, 50)}… (${serialised(value).length} bytes as JSON)`;
}

/** Bytes for a trace line: `23 bytes: 00 1f 8b …`. */
export function hex(bytes: Uint8Array): string {
  const head = [...bytes.subarray(0, 20)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `${bytes.length} byte${bytes.length === 1 ? '' : 's'}${bytes.length > 0 ? `: ${head}${bytes.length > 20 ? ' …' : ''}` : ''}`;
}

/** Whether `stored` is `json` after a header of at most 16 bytes; the header length if so. */
export function rawPayloadAt(stored: Uint8Array, json: Uint8Array): number | undefined {
  const header = stored.length - json.length;
  if (header < 0 || header > 16) return undefined;
  for (let i = 0; i < json.length; i++) if (stored[header + i] !== json[i]) return undefined;
  return header;
}
