/**
 * The progress file, `.workbook/progress.json` (git-ignored): the last grading verdict of each
 * exercise with the hash of the code it was given, and how many hints were shown.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { filesOf, root, type Exercise } from '../registry.js';

/** What is remembered of one exercise. */
export interface ExerciseProgress {
  /** The verdict of the last grading of the learner's file. */
  status?: 'passed' | 'failed' | 'not-started';
  /** Hash of the exercise file and its suite when that verdict was given. */
  hash?: string;
  hintsShown?: number;
}

type ProgressFile = Record<string, ExerciseProgress>;

/** Where progress is kept (overridable for tests). */
export function progressPath(): string {
  return process.env.CACHECRAFT_PROGRESS ?? join(root, '.workbook', 'progress.json');
}

/** Reads the whole progress file; a missing or damaged file reads as empty. */
export function readProgress(): ProgressFile {
  try {
    return JSON.parse(readFileSync(progressPath(), 'utf8')) as ProgressFile;
  } catch {
    return {};
  }
}

/** Updates one exercise's record. */
export function updateProgress(id: string, change: Partial<ExerciseProgress>): ExerciseProgress {
  const all = readProgress();
  const next = { ...all[id], ...change };
  all[id] = next;
  const path = progressPath();
  if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(all, null, 2)}\n`);
  return next;
}

/**
 * A hash of the learner's file and of the grader (every suite, the runner, and the library the
 * suites run learner code against): a verdict is valid only for exactly the code it was given
 * and the grader that gave it.
 */
export function codeHash(exercise: Exercise, implPath = filesOf(exercise).stub): string {
  const hash = createHash('sha256');
  hash.update(existsSync(implPath) ? readFileSync(implPath) : '');
  for (const folder of [join(root, 'harness', 'suites'), join(root, 'harness', 'grade'), join(root, 'lib')]) {
    for (const file of readdirSync(folder).sort()) if (file.endsWith('.ts') && !file.endsWith('.test.ts')) hash.update(readFileSync(join(folder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Whether the learner's file is still the untouched stub. */
export function isPristine(exercise: Exercise): boolean {
  const { stub, pristine } = filesOf(exercise);
  return existsSync(stub) && readFileSync(stub, 'utf8') === readFileSync(pristine, 'utf8');
}
