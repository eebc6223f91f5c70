/**
 * Learner calls that return promises, under fast-check's scheduler: each call and its outcome
 * become numbered steps of the trace, so a failure shows the interleaving that caused it.
 */
import type fc from 'fast-check';
import { show } from '../grade/show.js';
import { GradeFailure, LearnerThrew, notImplementedMessage, type Trace } from '../grade/trace.js';

/** A learner call that has started: its promise's outcome once it settles. */
export interface Call<T = unknown> {
  readonly label: string;
  /** The trace step that started it. */
  readonly step: number;
  state: 'pending' | 'resolved' | 'rejected';
  value?: T;
  error?: unknown;
  /** The trace step at which it settled. */
  settledAt?: number;
}

/** A short description of an error for a trace line. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `threw ${show(error)}`;
}

/**
 * Starts a learner call that must return a promise (a then-able). A synchronous exception is the
 * learner's (a LearnerThrew); the outcome is added to the trace when the promise settles.
 */
export function start<T>(trace: Trace, label: string, fn: () => PromiseLike<T>, onSettle?: (call: Call<T>) => void): Call<T> {
  trace.add(label);
  const call: Call<T> = { label, step: trace.current, state: 'pending' };
  const promise = trace.run(fn, label);
  if (promise === null || typeof (promise as { then?: unknown } | undefined)?.then !== 'function') {
    trace.fail(`expected ${label.replace(/\(.*/s, '')} to return a promise, got ${show(promise)}`);
  }
  promise.then(
    (value) => {
      call.state = 'resolved';
      call.value = value;
      trace.steps.push({ call: `${label} resolved`, result: show(value) });
      call.settledAt = trace.current;
      onSettle?.(call);
    },
    (error: unknown) => {
      call.state = 'rejected';
      call.error = error;
      trace.steps.push({ call: `${label} rejected`, result: describeError(error) });
      call.settledAt = trace.current;
      onSettle?.(call);
    },
  );
  return call;
}

/**
 * Lets the scheduler release every task it holds, and everything those tasks start, until
 * nothing is left (bounded: a learner that keeps scheduling forever is stopped by the timeout).
 */
export async function settle(s: fc.Scheduler): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    await s.waitIdle();
    // Let promise chains that do not go through the scheduler run too.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (s.count() === 0) return;
  }
}

/** Fails when a learner call is still pending after everything settled. */
export function expectSettled(trace: Trace, calls: readonly Call[]): void {
  for (const call of calls) {
    if (call.state === 'pending') {
      trace.steps.push({ call: `${call.label} (step ${call.step})` });
      trace.fail(`never settled, though every database and cache call has been answered (a real timer or sleep? a lock never released?)`);
    }
  }
}

/** Reports a call that rejected with a stub's "not implemented" error as not started, even where a rejection is allowed. */
export function raiseNotImplemented(trace: Trace, calls: readonly Call[]): void {
  for (const call of calls) {
    if (call.state === 'rejected' && notImplementedMessage(call.error) !== undefined) throw new LearnerThrew(trace, call.label, call.error);
  }
}

/** Re-raises a learner's rejection that was not expected: a stub's "not implemented" or any exception of theirs. */
export function unexpectedRejection(trace: Trace, call: Call, why: string): never {
  const error = call.error;
  if (notImplementedMessage(error) !== undefined) throw new LearnerThrew(trace, call.label, error);
  trace.steps.push({ call: `${call.label} (step ${call.step})` });
  trace.fail(`rejected with ${describeError(error)}; ${why}`);
}

/**
 * Runs a learner call that must refuse bad input: a TypeError or RangeError, thrown at once or
 * as the rejection of the promise it returns.
 */
export async function expectInputError(trace: Trace, label: string, fn: () => unknown, s?: fc.Scheduler): Promise<void> {
  trace.add(label);
  let error: unknown;
  let threw = false;
  try {
    const result = fn();
    if (result !== null && typeof (result as { then?: unknown } | undefined)?.then === 'function') {
      let settled = false;
      Promise.resolve(result as PromiseLike<unknown>).then(
        () => (settled = true),
        (e: unknown) => {
          settled = threw = true;
          error = e;
        },
      );
      if (s !== undefined) await settle(s);
      else await new Promise<void>((resolve) => setImmediate(resolve));
      if (!settled) trace.fail('expected a TypeError or RangeError, but the returned promise never settled');
    }
  } catch (e) {
    if (e instanceof GradeFailure) throw e;
    threw = true;
    error = e;
  }
  if (!threw) trace.fail('expected a TypeError or RangeError, got none');
  if (notImplementedMessage(error) !== undefined) throw new LearnerThrew(trace, label, error);
  if (!(error instanceof TypeError || error instanceof RangeError)) {
    trace.fail(`expected a TypeError or RangeError, got ${describeError(error)}`);
  }
  trace.steps[trace.steps.length - 1]!.result = `${error.name} ✓`;
}

/**
 * Runs `body` with unhandled rejections pushed to `into` instead of stopping the grading worker
 * (a learner's background promise that nobody catches), so the property can report them.
 */
export async function watchingRejections(into: unknown[], body: () => Promise<void>): Promise<void> {
  const listener = (reason: unknown): void => void into.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await body();
  } finally {
    process.off('unhandledRejection', listener);
  }
}
