/** `npm run reset <id>`: restore the untouched stub, after asking (unless --yes). */
import { copyFileSync } from 'node:fs';
import { relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { filesOf, type Exercise } from '../registry.js';
import { isPristine, updateProgress } from './progress.js';
import { c } from './term.js';

/** Restores the stub; returns the exit code (2 when it would need to ask but cannot). */
export async function resetExercise(exercise: Exercise, yes: boolean): Promise<number> {
  const { stub, pristine } = filesOf(exercise);
  const name = relative(process.cwd(), stub);
  if (isPristine(exercise)) {
    process.stdout.write(`${name} is already the untouched stub.\n`);
    return 0;
  }
  if (!yes) {
    if (!process.stdin.isTTY) {
      process.stderr.write(`Resetting ${name} would discard your code. Pass --yes to confirm: npm run reset ${exercise.id} -- --yes\n`);
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Replace ${name} with the original stub? Your code in it will be lost. [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stdout.write('Left as it was.\n');
      return 0;
    }
  }
  copyFileSync(pristine, stub);
  updateProgress(exercise.id, { status: 'not-started', hash: undefined });
  process.stdout.write(`${c.green('✓')} ${name} is the original stub again.\n`);
  return 0;
}
