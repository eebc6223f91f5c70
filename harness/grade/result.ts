/** How one property fared. */
export type PropertyStatus = 'passed' | 'failed' | 'not-implemented' | 'timeout' | 'error';

/** The outcome of one property, as sent from the grading worker and printed or emitted as JSON. */
export interface PropertyResult {
  id: string;
  statement: string;
  hint: string;
  status: PropertyStatus;
  /** One line: what went wrong (or, for cost properties, what was measured). */
  message?: string;
  /** The shrunk counterexample as numbered lines, when there is one. */
  trace?: string[];
  /** Where in the learner's file an exception came from: `exercises/lru.ts:42:9`. */
  location?: string;
  /** The stack, for `--verbose`. */
  stack?: string;
  /** The seed this property ran with (derived from the grading seed). */
  seed: number;
  /** fast-check's path to the counterexample, for `--path`-style replays. */
  path?: string;
  /** Generated runs, for checked properties. */
  runs?: number;
  durationMs: number;
}

/** How a whole grading went. */
export type GradeStatus = 'passed' | 'failed' | 'not-started' | 'compile-error' | 'missing-exports';

/** Everything one grading found. */
export interface GradeReport {
  exercise: string;
  /** The graded file, relative to the project. */
  implementation: string;
  seed: number;
  status: GradeStatus;
  /** For compile-error and missing-exports: what to show instead of properties. */
  problem?: string;
  properties: PropertyResult[];
  /** What the implementation printed while it was graded. */
  output: string;
  durationMs: number;
}
