import type { CacheStore, Database, FailedWrite, RandomSource, Scheduler, Write } from '../exercises/workbook.js';

/** One call that reached a fault-injecting wrapper. */
export interface FaultCall {
  /** The method called. A write inside a batch is asked about as its own `set` or `delete`. */
  readonly method: 'get' | 'set' | 'delete' | 'writeBatch';
  /** The key, for single-key calls and writes inside a batch. */
  readonly key: string | undefined;
  /** True for a write inside a `writeBatch` (failing it is a partial batch failure). */
  readonly inBatch: boolean;
  /** How many calls (batch writes included) came before this one. */
  readonly index: number;
  /** Whether the wrapper failed it. */
  failed: boolean;
}

/** How a wrapper misbehaves. With no options it only counts. */
export interface FaultOptions {
  /** Fails the calls for which this returns true. */
  fail?: (call: FaultCall) => boolean;
  /** Fails this fraction of calls (0 to 1), drawn from `random`. */
  failRate?: number;
  /** The random source for `failRate`; required with it, so every run replays. */
  random?: RandomSource;
  /** Delays every call by this many milliseconds on `scheduler` before applying it. */
  latencyMs?: number;
  /** The scheduler for `latencyMs`; required with it. */
  scheduler?: Scheduler;
}

/** The error a wrapper rejects with when it fails a call on purpose. */
export class InjectedFault extends Error {
  constructor(readonly call: FaultCall) {
    super(`injected fault: ${call.method}${call.key === undefined ? '' : `("${call.key}")`} failed`);
    this.name = 'InjectedFault';
  }
}

/** Decides, delays and records calls for one wrapper. */
class Faults {
  readonly log: FaultCall[] = [];
  readonly #options: FaultOptions;

  constructor(options: FaultOptions) {
    const { failRate, random, latencyMs, scheduler, fail } = options;
    if (fail !== undefined && typeof fail !== 'function') throw new TypeError('fault options: fail must be a function');
    if (failRate !== undefined && !(failRate >= 0 && failRate <= 1)) throw new RangeError(`fault options: failRate must be between 0 and 1, got ${String(failRate)}`);
    if (failRate !== undefined && typeof random !== 'function') throw new TypeError('fault options: failRate needs a random source (random)');
    if (latencyMs !== undefined && !(latencyMs >= 0 && Number.isFinite(latencyMs))) throw new RangeError(`fault options: latencyMs must be a finite number >= 0, got ${String(latencyMs)}`);
    if (latencyMs !== undefined && scheduler === undefined) throw new TypeError('fault options: latencyMs needs a scheduler');
    this.#options = options;
  }

  /** Records a call and decides whether it fails. */
  decide(method: FaultCall['method'], key: string | undefined, inBatch = false): FaultCall {
    const call: FaultCall = { method, key, inBatch, index: this.log.length, failed: false };
    const { fail, failRate, random } = this.#options;
    call.failed = (fail?.(call) ?? false) || (failRate !== undefined && random!() < failRate);
    this.log.push(call);
    return call;
  }

  /** Waits the configured latency, then runs one call of the inner object, or fails it. */
  async apply<T>(method: FaultCall['method'], key: string | undefined, inner: () => Promise<T>): Promise<T> {
    await this.delay();
    const call = this.decide(method, key);
    if (call.failed) throw new InjectedFault(call);
    return inner();
  }

  delay(): Promise<void> {
    const { latencyMs, scheduler } = this.#options;
    if (!latencyMs) return Promise.resolve();
    return new Promise((resolve) => scheduler!.setTimeout(resolve, latencyMs));
  }

  count(method?: FaultCall['method']): number {
    return method === undefined ? this.log.length : this.log.filter((c) => c.method === method && !c.inBatch).length;
  }
}

/** What the two wrappers share: the faults they inject and the log of every call. */
abstract class Faulty<Inner> {
  /** @hidden */
  protected readonly faults: Faults;

  constructor(
    readonly inner: Inner,
    options: FaultOptions = {},
  ) {
    this.faults = new Faults(options);
  }

  /** Every call so far (writes inside batches included), in order. */
  get log(): readonly FaultCall[] {
    return this.faults.log;
  }

  /** How many calls of `method` (not counting writes inside batches), or of all methods (counting them), there were. */
  count(method?: FaultCall['method']): number {
    return this.faults.count(method);
  }
}

/** A {@link CacheStore} that adds latency, fails chosen or random calls, and logs every call. */
export class FaultyStore<V> extends Faulty<CacheStore<V>> implements CacheStore<V> {
  get(key: string): Promise<V | undefined> {
    return this.faults.apply('get', key, () => this.inner.get(key));
  }

  set(key: string, value: V, ttlMs?: number): Promise<void> {
    return this.faults.apply('set', key, () => this.inner.set(key, value, ttlMs));
  }

  delete(key: string): Promise<void> {
    return this.faults.apply('delete', key, () => this.inner.delete(key));
  }
}

/**
 * A {@link Database} that adds latency, fails chosen or random calls, and logs every call. In a
 * batch each write is decided on its own, so a batch can fail in part: the failed writes are
 * left out of the inner batch and reported in its result.
 */
export class FaultyDatabase<V> extends Faulty<Database<V>> implements Database<V> {
  get(key: string): Promise<V | undefined> {
    return this.faults.apply('get', key, () => this.inner.get(key));
  }

  set(key: string, value: V): Promise<void> {
    return this.faults.apply('set', key, () => this.inner.set(key, value));
  }

  delete(key: string): Promise<void> {
    return this.faults.apply('delete', key, () => this.inner.delete(key));
  }

  writeBatch(writes: readonly Write<V>[]): Promise<readonly FailedWrite<V>[]> {
    return this.faults.apply('writeBatch', undefined, async () => {
      const failed: FailedWrite<V>[] = [];
      const passed: Write<V>[] = [];
      for (const write of writes) {
        const call = this.faults.decide(write.kind, write.key, true);
        if (call.failed) failed.push({ write, error: new InjectedFault(call) });
        else passed.push(write);
      }
      // As the interface says: a batch of which nothing was applied rejects.
      if (passed.length === 0 && failed.length > 0) throw failed[0]!.error;
      const innerFailed = passed.length > 0 ? await this.inner.writeBatch(passed) : [];
      return [...failed, ...innerFailed];
    });
  }
}
