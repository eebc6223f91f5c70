/**
 * A database whose calls take simulated time: each completes on a {@link Scheduler} after a fixed
 * cost per round trip plus a cost per row, so throughput can be charted without wall-clock noise.
 *
 * @module
 */
import type { Database, FailedWrite, Scheduler, Write } from '../../../exercises/workbook.js';

/** What one call costs, in simulated milliseconds. */
export interface SimulatedCosts {
  /** Every call: the network round trip and the commit. */
  readonly roundTripMs: number;
  /** Each row the call reads or writes (one for `get`, `set` and `delete`; each write of a batch). */
  readonly perRowMs: number;
}

/** Wraps `inner` so that each call resolves `roundTripMs + rows × perRowMs` later on `scheduler`. */
export class SimulatedDatabase<V> implements Database<V> {
  constructor(
    readonly inner: Database<V>,
    readonly scheduler: Scheduler,
    readonly costs: SimulatedCosts,
  ) {}

  /** Reads one row, then resolves after its cost. */
  get(key: string): Promise<V | undefined> {
    return this.#after(1, () => this.inner.get(key));
  }

  /** Writes one row, then resolves after its cost. */
  set(key: string, value: V): Promise<void> {
    return this.#after(1, () => this.inner.set(key, value));
  }

  /** Deletes one row, then resolves after its cost. */
  delete(key: string): Promise<void> {
    return this.#after(1, () => this.inner.delete(key));
  }

  /** Applies the batch in one call: one round trip, and the cost of each row. */
  writeBatch(writes: readonly Write<V>[]): Promise<readonly FailedWrite<V>[]> {
    return this.#after(writes.length, () => this.inner.writeBatch(writes));
  }

  /** Runs `call` once the cost of a call touching `rows` rows has elapsed. */
  async #after<T>(rows: number, call: () => Promise<T>): Promise<T> {
    const { roundTripMs, perRowMs } = this.costs;
    await new Promise<void>((resolve) => this.scheduler.setTimeout(resolve, roundTripMs + rows * perRowMs));
    return call();
  }
}
