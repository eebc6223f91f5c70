/** `npm run exercise` with no id: every exercise by chapter, its state, progress and what is next. */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { grade } from '../grade/grade.js';
import { randomSeed } from '../grade/seed.js';
import { chapters, exercises, filesOf, type Exercise } from '../registry.js';
import { codeHash, isPristine, readProgress, updateProgress } from './progress.js';
import { c } from './term.js';

/** The state shown for an exercise. */
export type ExerciseState = 'not started' | 'failing' | 'passing';

/**
 * The state of an exercise now. An untouched stub is "not started"; otherwise the recorded
 * verdict counts only if it was given for exactly this code and suite, else the code is graded.
 */
export async function stateOf(exercise: Exercise): Promise<ExerciseState> {
  const { stub } = filesOf(exercise);
  if (!existsSync(stub) || isPristine(exercise)) return 'not started';
  const hash = codeHash(exercise);
  const saved = readProgress()[exercise.id];
  let status = saved?.hash === hash ? saved.status : undefined;
  if (status === undefined) {
    const report = await grade({ exercise, implPath: stub, seed: randomSeed() });
    status = report.status === 'passed' ? 'passed' : report.status === 'not-started' ? 'not-started' : 'failed';
    updateProgress(exercise.id, { status, hash });
  }
  return status === 'passed' ? 'passing' : status === 'not-started' ? 'not started' : 'failing';
}

/** Prints the list; returns exit code 0. */
export async function listExercises(): Promise<number> {
  const states = new Map<string, ExerciseState>();
  for (const e of exercises) states.set(e.id, await stateOf(e));
  const passing = [...states.values()].filter((s) => s === 'passing').length;
  const out: string[] = [c.bold('cachecraft — exercises'), ''];
  const idWidth = Math.max(...exercises.map((e) => e.id.length));
  for (const chapter of chapters) {
    out.push(c.bold(`${chapter.title}`) + c.dim(`  chapters/${chapter.id}/`));
    for (const e of exercises.filter((x) => x.chapter === chapter.id)) {
      const state = states.get(e.id)!;
      const mark = state === 'passing' ? c.green('✓ passing    ') : state === 'failing' ? c.red('✗ failing    ') : c.dim('○ not started');
      out.push(`  ${mark}  ${e.id.padEnd(idWidth)}  ${e.title}  ${c.dim(relative(process.cwd(), filesOf(e).stub))}`);
    }
    out.push('');
  }
  const width = 24;
  const filled = Math.round((passing / exercises.length) * width);
  out.push(`Progress ${c.green('█'.repeat(filled))}${c.dim('░'.repeat(width - filled))} ${passing}/${exercises.length} passing`);
  const next = exercises.find((e) => states.get(e.id) !== 'passing');
  out.push(
    next
      ? `Next: ${c.cyan(`npm run exercise ${next.id}`)}  (${next.title}; read ${relative(process.cwd(), filesOf(next).chapter)})`
      : c.green('Every exercise passes. Well done.'),
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
