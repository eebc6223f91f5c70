/**
 * A small harness for fair comparisons on a noisy machine.
 *
 * All contenders run in one process: first untimed warm-up runs, so the JIT has compiled
 * every path, then timed rounds. Each round runs every contender once, back to back, and
 * the starting contender rotates from round to round, so slow drift in the machine's speed
 * (other processes, frequency changes, a noisy neighbour VM) and the garbage one run leaves
 * for the next are spread evenly instead of charged to one contender. The reported figure is
 * the median round, which ignores the odd round disturbed by a hiccup.
 *
 * Each `run()` must create its own state (a new, empty cache) and use it to the end. A
 * cache created earlier and used later behaves differently: by then the garbage collector
 * has moved it to the old generation, and in our tests a long-lived `Map` under heavy
 * insert/delete churn ran about three times slower, for every library alike. Mixing the
 * two situations would measure the garbage collector, not the caches.
 *
 * @module
 */

/** One contender: `run` does the whole workload once and returns a result to cross-check. */
export interface Contender<R> {
  name: string;
  run: () => R;
}

/** What {@link compare} reports for one contender. */
export interface Measured<R> {
  name: string;
  /** The median over the timed rounds, in operations per second. */
  opsPerSec: number;
  /** Every timed round, in operations per second, in round order. */
  samples: number[];
  /** The result of the last run. */
  result: R;
}

/** Options for {@link compare}. */
export interface CompareOptions {
  /** Operations one `run()` performs (to turn times into ops/s). */
  ops: number;
  /** Untimed runs of every contender first. */
  warmup: number;
  /** Timed rounds. */
  rounds: number;
}

/** Runs the contenders as described in the module comment. */
export function compare<R>(contenders: Contender<R>[], options: CompareOptions): Measured<R>[] {
  const { ops, warmup, rounds } = options;
  const samples = contenders.map(() => [] as number[]);
  const results: R[] = new Array<R>(contenders.length);

  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (round + k) % contenders.length;
      const start = process.hrtime.bigint();
      results[i] = contenders[i]!.run();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (round >= warmup) samples[i]!.push(ops / seconds);
    }
  }

  return contenders.map((c, i) => ({
    name: c.name,
    opsPerSec: median(samples[i]!),
    samples: samples[i]!,
    result: results[i]!,
  }));
}

/** A prepared run of an {@link AsyncContender}: `run` is timed, `dispose` (after it) is not. */
export interface AsyncRun<R> {
  /** The workload, timed; returns a result to cross-check. */
  run: () => Promise<R>;
  /** Checks and frees what the run used, untimed. */
  dispose?: () => Promise<void> | void;
}

/**
 * One contender of {@link compareAsync}. `prepare`, untimed, creates the fresh state of one run
 * (a new cache, a new database file, filled if the workload needs it) and returns the run.
 */
export interface AsyncContender<R> {
  /** The name in the tables. */
  name: string;
  /** Builds the state of one run and returns the run (untimed). */
  prepare: () => Promise<AsyncRun<R>>;
}

/**
 * {@link compare} for asynchronous workloads: the same warm-up, rotation and medians, with the
 * state of each run prepared (and disposed of) outside the timed part.
 */
export async function compareAsync<R>(contenders: AsyncContender<R>[], options: CompareOptions): Promise<Measured<R>[]> {
  const { ops, warmup, rounds } = options;
  const samples = contenders.map(() => [] as number[]);
  const results: R[] = new Array<R>(contenders.length);

  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (round + k) % contenders.length;
      const { run, dispose } = await contenders[i]!.prepare();
      const start = process.hrtime.bigint();
      results[i] = await run();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      await dispose?.();
      if (round >= warmup) samples[i]!.push(ops / seconds);
    }
  }

  return contenders.map((c, i) => ({
    name: c.name,
    opsPerSec: median(samples[i]!),
    samples: samples[i]!,
    result: results[i]!,
  }));
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
