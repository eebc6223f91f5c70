import type { GradeStatus, PropertyResult } from './result.js';

/** What the main thread asks a grading worker to do. */
export interface WorkerTask {
  implPath: string;
  referencePath: string;
  suitePath: string;
  exports: string[];
  /** Ids of the properties to run (in suite order), or all of them. */
  properties: string[] | 'all';
  seed: number;
  runs: number | undefined;
  beacon: SharedArrayBuffer;
}

/** What a grading worker reports back. */
export type WorkerMessage =
  | { type: 'plan'; ids: string[]; all: string[] }
  | { type: 'start'; id: string; statement: string; hint: string }
  | { type: 'result'; result: PropertyResult }
  | { type: 'fatal'; status: Extract<GradeStatus, 'compile-error' | 'missing-exports'>; problem: string }
  | { type: 'done' };
