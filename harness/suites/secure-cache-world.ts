/**
 * The world of a secure-cache property: a byte store the grader can read, tamper with, expire and
 * fail, fixed encryption keys, and a session that makes each learner call a numbered trace step.
 */
import type { CacheStore } from '../../exercises/workbook.js';
import { exported, type ImplModule } from '../grade/suite.js';
import { LearnerThrew, notImplementedMessage, type Trace } from '../grade/trace.js';
import { describeError } from './async-calls.js';

/** An encryption key as the contract describes it. */
export interface TestKey {
  readonly id: number;
  readonly key: Uint8Array;
}

/** The key with this id: 32 fixed bytes, different for each id, so every run replays. */
export function testKey(id: number): TestKey {
  return { id, key: Uint8Array.from({ length: 32 }, (_, i) => (id * 53 + i * 29 + 7) & 255) };
}

/** An error the store rejects with when a property fails one of its calls. */
export class StoreDown extends Error {
  constructor(method: string) {
    super(`store.${method} failed (the store is down)`);
    this.name = 'StoreDown';
  }
}

interface StoredEntry {
  bytes: Uint8Array;
  expiresAt: number;
}

/**
 * A `CacheStore<Uint8Array>` in memory, applying each call when it is made. It copies bytes in
 * and out (as a real store would), expires entries on its own clock, and can fail chosen calls.
 */
export class ByteStore implements CacheStore<Uint8Array> {
  readonly #entries = new Map<string, StoredEntry>();
  /** The time, in milliseconds: moved by the property. */
  now = 0;
  /** Every store.set call, in order: the store key, a copy of the bytes, the ttl. */
  readonly writes: { key: string; bytes: Uint8Array; ttlMs: number | undefined }[] = [];
  /** The first call that broke the store's contract (not a Uint8Array, say). */
  violation: string | undefined;
  /** The next call of this method rejects with a {@link StoreDown}. */
  failNext: 'get' | 'set' | 'delete' | undefined;
  /** The errors this store rejected with. */
  readonly thrown: StoreDown[] = [];

  get(key: string): Promise<Uint8Array | undefined> {
    return this.#call('get', key, () => {
      const entry = this.#live(key);
      return entry === undefined ? undefined : Uint8Array.from(entry.bytes);
    });
  }

  set(key: string, value: Uint8Array, ttlMs?: number): Promise<void> {
    return this.#call('set', key, () => {
      if (!(value instanceof Uint8Array)) {
        this.violation ??= `store.set(${JSON.stringify(key)}, …) was given ${describeValue(value)}: the store holds Uint8Array values only`;
        return;
      }
      if (ttlMs !== undefined && !(typeof ttlMs === 'number' && ttlMs > 0)) {
        this.violation ??= `store.set was given ttlMs ${String(ttlMs)}: it must be undefined or a positive number`;
        return;
      }
      const bytes = Uint8Array.from(value);
      this.writes.push({ key, bytes: Uint8Array.from(bytes), ttlMs });
      this.#entries.set(key, { bytes, expiresAt: ttlMs === undefined ? Infinity : this.now + ttlMs });
    });
  }

  delete(key: string): Promise<void> {
    return this.#call('delete', key, () => void this.#entries.delete(key));
  }

  /** The live entry under a store key, without counting as a call. */
  peek(key: string): Uint8Array | undefined {
    return this.#live(key)?.bytes;
  }

  /** Replaces the bytes under a store key (keeping its expiry), as an attacker with store access would. */
  poke(key: string, bytes: Uint8Array): void {
    const entry = this.#entries.get(key);
    this.#entries.set(key, { bytes: Uint8Array.from(bytes), expiresAt: entry?.expiresAt ?? Infinity });
  }

  /** The live store keys. */
  keys(): string[] {
    return [...this.#entries.keys()].filter((k) => this.#live(k) !== undefined);
  }

  /** The store key of the last store.set call. */
  lastWritten(): string | undefined {
    return this.writes.at(-1)?.key;
  }

  /** The whole content, for checking that a refused call changed nothing. */
  snapshot(): string {
    return this.keys()
      .map((k) => `${k}=${Buffer.from(this.#entries.get(k)!.bytes).toString('hex')}`)
      .join(';');
  }

  #live(key: string): StoredEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined && this.now >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #call<T>(method: 'get' | 'set' | 'delete', key: unknown, apply: () => T): Promise<T> {
    if (typeof key !== 'string') {
      this.violation ??= `store.${method} was called with the key ${describeValue(key)}: store keys are strings`;
      return Promise.resolve(undefined as T);
    }
    if (this.failNext === method) {
      this.failNext = undefined;
      const error = new StoreDown(method);
      this.thrown.push(error);
      return Promise.reject(error);
    }
    return Promise.resolve(apply());
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'object'}`;
  return `a ${typeof value}`;
}

/** A value as the trace shows it: JSON, shortened. */
export function showJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 70 ? `${text.slice(0, 60)}… (${text.length} chars)` : text;
}

/** A canonical JSON text of a value (object keys sorted), to compare values as JSON sees them. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** What the onRejected callback of one instance was told. */
export interface Rejection {
  key: string;
  reason: unknown;
}

/** An instance under test, as the properties call it. */
export interface SecureCacheLike {
  readonly rejected: number;
  get(key: string): PromiseLike<unknown>;
  set(key: string, value: unknown, ttlMs?: number): PromiseLike<unknown>;
  delete(key: string): PromiseLike<unknown>;
}

type SecureCacheClass = new (options: Record<string, unknown>) => SecureCacheLike;

/** One instance with its name in the trace and what its onRejected was told. */
export interface Instance {
  readonly name: string;
  readonly cache: SecureCacheLike;
  readonly rejections: Rejection[];
}

/** The outcome of one learner call. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Options a session passes on, besides the store and onRejected. */
export interface CreateOptions {
  keys: readonly TestKey[];
  namespace?: string;
  maxValueBytes?: number;
  compressAboveBytes?: number;
}

/** One run: a store, the instances on it, and the trace of every call. */
export class Session {
  readonly store = new ByteStore();
  readonly instances: Instance[] = [];

  constructor(
    readonly trace: Trace,
    readonly impl: ImplModule,
  ) {}

  /** Creates an instance on the session's store; `name` prefixes its calls in the trace ('' for none). */
  create(name: string, options: CreateOptions): Instance {
    const cls = exported<SecureCacheClass>(this.impl, 'SecureCache');
    const parts = [this.instances.length === 0 ? 'store' : 'store (the same)', `keys: [${options.keys.map((k) => `key ${k.id}`).join(', ')}]`];
    if (options.namespace !== undefined) parts.push(`namespace: ${JSON.stringify(options.namespace)}`);
    if (options.maxValueBytes !== undefined) parts.push(`maxValueBytes: ${options.maxValueBytes}`);
    if (options.compressAboveBytes !== undefined) parts.push(`compressAboveBytes: ${options.compressAboveBytes}`);
    parts.push('onRejected');
    this.trace.add(`${name === '' ? '' : `${name} = `}new SecureCache({ ${parts.join(', ')} })`);
    const rejections: Rejection[] = [];
    const cache = this.trace.run(
      () =>
        new cls({
          ...options,
          keys: options.keys.map((k) => ({ id: k.id, key: Uint8Array.from(k.key) })),
          store: this.store,
          onRejected: (key: string, reason: unknown) => void rejections.push({ key, reason }),
        }),
    );
    const instance = { name, cache, rejections };
    this.instances.push(instance);
    return instance;
  }

  /**
   * Makes one call as a trace step and waits for it. A rejection is returned when `mayReject`,
   * else it fails the step (a stub's "not implemented" is always re-raised).
   */
  async call(instance: Instance, label: string, fn: (cache: SecureCacheLike) => PromiseLike<unknown>, mayReject = false): Promise<Outcome> {
    const full = instance.name === '' ? label : `${instance.name}.${label}`;
    this.trace.add(full);
    const promise = this.trace.run(() => fn(instance.cache), full);
    if (promise === null || typeof (promise as { then?: unknown } | undefined)?.then !== 'function') {
      this.trace.fail(`expected ${label.replace(/\(.*/s, '')} to return a promise, got ${showJson(promise)}`);
    }
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await promise };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.checkStore();
    if (!outcome.ok) {
      if (notImplementedMessage(outcome.error) !== undefined) throw new LearnerThrew(this.trace, full, outcome.error);
      this.#step().result = `rejected with ${describeError(outcome.error)}`;
      if (!mayReject) this.trace.fail(`expected it to resolve, got a rejection: ${describeError(outcome.error)}`);
    } else {
      this.#step().result = label.startsWith('get(') ? showJson(outcome.value) : 'ok';
    }
    return outcome;
  }

  /** get(key), checked against the expected value (compared as JSON). */
  async expectGet(instance: Instance, key: string, expected: unknown, because: string): Promise<void> {
    const outcome = await this.call(instance, `get(${JSON.stringify(key)})`, (c) => c.get(key));
    if (!outcome.ok) return;
    const actual = outcome.value;
    const same = expected === undefined ? actual === undefined : actual !== undefined && canonical(actual) === canonical(expected);
    if (!same) this.trace.fail(`expected ${showJson(expected)} (${because}), got ${showJson(actual)}`);
  }

  /** set(key, value[, ttlMs]) that must succeed. */
  async set(instance: Instance, key: string, value: unknown, ttlMs?: number): Promise<void> {
    const ttl = ttlMs === undefined ? '' : `, ${ttlMs}`;
    await this.call(instance, `set(${JSON.stringify(key)}, ${showJson(value)}${ttl})`, (c) => (ttlMs === undefined ? c.set(key, value) : c.set(key, value, ttlMs)));
  }

  /** delete(key) that must succeed. */
  async delete(instance: Instance, key: string): Promise<void> {
    await this.call(instance, `delete(${JSON.stringify(key)})`, (c) => c.delete(key));
  }

  /** Checks `rejected` and what onRejected was told, as a trace step. */
  expectRejected(instance: Instance, count: number, why: string): void {
    const label = instance.name === '' ? 'rejected' : `${instance.name}.rejected`;
    this.trace.add(label);
    const actual = this.trace.run(() => instance.cache.rejected, label);
    this.#step().result = showJson(actual);
    this.trace.expect('', actual, count, why);
    if (instance.rejections.length !== count) {
      this.trace.fail(`onRejected was called ${instance.rejections.length} time(s), expected ${count} (${why})`);
    }
  }

  /** Fails on the first call that broke the store's contract. */
  checkStore(): void {
    if (this.store.violation !== undefined) this.trace.fail(this.store.violation);
  }

  #step(): { result?: string } {
    return this.trace.steps[this.trace.steps.length - 1]!;
  }
}

