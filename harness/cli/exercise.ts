/** `npm run exercise <id>`: grade one implementation and print (or emit as JSON) the verdict. */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { grade, WORKER_BOOT } from '../grade/grade.js';
import type { GradeReport } from '../grade/result.js';
import { randomSeed } from '../grade/seed.js';
import { filesOf, root, type Exercise } from '../registry.js';
import { codeHash, updateProgress } from './progress.js';
import { formatReport } from './report.js';
import { cachedWarnings } from './typecheck-cache.js';
import { c } from './term.js';

/** Options of the exercise command. */
export interface ExerciseOptions {
  solution?: boolean;
  impl?: string;
  seed?: number;
  runs?: number;
  only?: string[];
  json?: boolean;
  verbose?: boolean;
  timeoutMs?: number;
}

/** Which file is graded, and how to name it in a replay command. */
export function target(exercise: Exercise, options: ExerciseOptions): { path: string; implArgs: string[]; learner: boolean } {
  if (options.solution) return { path: filesOf(exercise).solution, implArgs: ['--solution'], learner: false };
  if (options.impl) {
    const path = resolve(options.impl);
    return { path, implArgs: ['--impl', relative(process.cwd(), path)], learner: true };
  }
  return { path: filesOf(exercise).stub, implArgs: [], learner: true };
}

/** Grades, prints, records progress; returns the exit code (0 all hold, 1 otherwise). */
export async function runExercise(exercise: Exercise, options: ExerciseOptions): Promise<{ code: number; report: GradeReport }> {
  const { path, implArgs, learner } = target(exercise, options);
  if (!existsSync(path)) {
    process.stderr.write(`${c.red('✗')} No file at ${relative(process.cwd(), path)}.\n`);
    return { code: 2, report: undefined as never };
  }
  const report = await grade({
    exercise,
    implPath: path,
    seed: options.seed ?? randomSeed(),
    ...(options.runs === undefined ? {} : { runs: options.runs }),
    ...(options.only === undefined ? {} : { only: options.only }),
    ...(options.timeoutMs === undefined ? {} : { propertyTimeoutMs: options.timeoutMs }),
  });
  if (path === filesOf(exercise).stub && options.only === undefined && options.runs === undefined) {
    const status = report.status === 'passed' ? 'passed' : report.status === 'not-started' ? 'not-started' : 'failed';
    updateProgress(exercise.id, { status, hash: codeHash(exercise) });
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(toJson(report, implArgs), null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(report, { implArgs }, options.verbose ?? false)}\n`);
    // Type warnings follow the verdict: checking types takes a second or two, and running it
    // alongside the grader would also disturb the cost properties' timings.
    const list = learner && (report.status === 'passed' || report.status === 'failed') ? await typeCheck(path) : [];
    if (list.length > 0) {
      process.stdout.write(`\n${c.yellow('Type warnings')} ${c.dim('(tsc; they do not block grading, but often point at a bug):')}\n`);
      for (const w of list.slice(0, 20)) process.stdout.write(`  ${w}\n`);
    }
  }
  return { code: report.status === 'passed' ? 0 : 1, report };
}

/** Type-checks in a worker thread, so that a failure of the compiler can never stop the report. */
function typeCheck(file: string): Promise<string[]> {
  const cached = cachedWarnings(file);
  if (cached) return Promise.resolve(cached);
  return new Promise((done) => {
    const worker = new Worker(WORKER_BOOT, {
      workerData: { entry: new URL('./typecheck-worker.ts', import.meta.url).href, file },
    });
    worker.once('message', (w: string[]) => done(w));
    worker.once('error', () => done([]));
    worker.once('exit', () => done([]));
  });
}

/** The JSON document of `--json`: stable field names for instructors and autograders. */
function toJson(report: GradeReport, implArgs: string[]): object {
  return {
    exercise: report.exercise,
    implementation: report.implementation,
    status: report.status,
    seed: report.seed,
    problem: report.problem ?? null,
    durationMs: report.durationMs,
    properties: report.properties.map((p) => ({
      id: p.id,
      statement: p.statement,
      status: p.status,
      message: p.message ?? null,
      counterexample: p.trace ?? null,
      location: p.location ?? null,
      seed: p.seed,
      path: p.path ?? null,
      replay: `npm run exercise ${report.exercise} -- ${[...implArgs, '--seed', String(report.seed), '--only', p.id].join(' ')}`,
      durationMs: p.durationMs,
    })),
    output: report.output,
    root: relative(process.cwd(), root) || '.',
  };
}
