import { signal } from './beacon.js';
import { show } from './show.js';

/** One numbered line of a counterexample: a call, what it returned, and what was wrong. */
export interface TraceStep {
  /** The call as a learner would write it, e.g. `get("a")`. */
  call: string;
  /** What the call returned, already formatted. */
  result?: string;
  /** Why this step is wrong, e.g. `expected undefined (evicted at step 5), got 2`. */
  failure?: string;
}

/**
 * The operations one run of a property performed, in order. The suites add a step before each
 * call to the implementation, so when a run fails its trace is the counterexample to show.
 */
export class Trace {
  readonly steps: TraceStep[] = [];

  /** Adds a step for `call` and tells the beacon that the implementation is now running it. */
  add(call: string): TraceStep {
    const step: TraceStep = { call };
    this.steps.push(step);
    signal(call);
    return step;
  }

  /** The number (1-based) of the last step. */
  get current(): number {
    return this.steps.length;
  }

  /**
   * Runs learner code for the last step. An exception from it becomes a {@link LearnerThrew}
   * carrying this trace, so the report can show where in the sequence it happened.
   */
  run<T>(fn: () => T, what?: string): T {
    if (what !== undefined) signal(what);
    try {
      return fn();
    } catch (error) {
      if (error instanceof GradeFailure) throw error;
      throw new LearnerThrew(this, what, error);
    }
  }

  /** Marks the last step as wrong and stops the run. */
  fail(failure: string): never {
    const step = this.steps[this.steps.length - 1] ?? this.add('(start)');
    step.failure = step.failure ? `${step.failure}; ${failure}` : failure;
    throw new GradeFailure(this, failure);
  }

  /** Checks one value against the model's; on a difference, fails the last step. */
  expect(what: string, actual: unknown, expected: unknown, reason?: string): void {
    if (sameValue(actual, expected)) return;
    const because = reason ? ` (${reason})` : '';
    this.fail(`${what}expected ${show(expected)}${because}, got ${show(actual)}`);
  }

  /**
   * Runs learner code for the last step that must throw a RangeError (bad input). No error fails
   * the step; another error is reported as thrown by the learner's code.
   */
  expectRangeError(fn: () => unknown): void {
    let threw: unknown;
    try {
      fn();
    } catch (error) {
      threw = error;
    }
    if (threw === undefined) this.fail('expected a RangeError, got no error');
    if (!(threw instanceof RangeError)) throw new LearnerThrew(this, undefined, threw);
    this.steps[this.steps.length - 1]!.result = 'RangeError ✓';
  }

  /** The trace as numbered lines: `3. get("a") → 1`. */
  lines(): string[] {
    return this.steps.map((s, i) => {
      let tail = s.result !== undefined ? ` → ${s.result}` : '';
      if (s.failure !== undefined) {
        // A wrong result is described in full by the failure; a wrong observable follows the result.
        tail = s.result === undefined || s.failure.startsWith('expected ') ? ` → ${s.failure}` : `${tail}, then ${s.failure}`;
      }
      return `${i + 1}. ${s.call}${tail}`;
    });
  }
}

/** Equality as the grader means it: SameValueZero, element-wise for arrays. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** A run in which the implementation disagreed with the contract. */
export class GradeFailure extends Error {
  constructor(
    readonly trace: Trace,
    message: string,
  ) {
    super(message);
    this.name = 'GradeFailure';
  }
}

/** A run in which the implementation threw where the contract says it must not. */
export class LearnerThrew extends Error {
  constructor(
    readonly trace: Trace,
    readonly activity: string | undefined,
    readonly thrown: unknown,
  ) {
    super(thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : `threw ${show(thrown)}`);
    this.name = 'LearnerThrew';
    const step = trace.steps[trace.steps.length - 1];
    if (step && step.failure === undefined) step.failure = `threw ${this.message}`;
  }
}

const NOT_IMPLEMENTED = /^Not implemented\b/i;

/** The message of a stub's not-implemented error, if `error` is one. */
export function notImplementedMessage(error: unknown): string | undefined {
  const inner = error instanceof LearnerThrew ? error.thrown : error;
  return inner instanceof Error && NOT_IMPLEMENTED.test(inner.message) ? inner.message : undefined;
}
