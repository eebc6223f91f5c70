/** `npm run hint <id>`: one more hint per call; all of them once the exercise passes. */
import type { Exercise } from '../registry.js';
import { stateOf } from './list.js';
import { readProgress, updateProgress } from './progress.js';
import { c } from './term.js';

/** Prints the hints shown so far plus one more; returns exit code 0. */
export async function showHints(exercise: Exercise): Promise<number> {
  const total = exercise.hints.length;
  const passing = (await stateOf(exercise)) === 'passing';
  const before = readProgress()[exercise.id]?.hintsShown ?? 0;
  const shown = passing ? total : Math.min(total, before + 1);
  updateProgress(exercise.id, { hintsShown: shown });
  const out = [c.bold(`Hints for ${exercise.id}`) + c.dim(` (${shown} of ${total})`), ''];
  exercise.hints.slice(0, shown).forEach((h, i) => out.push(`${i + 1}. ${h}`, ''));
  if (shown < total) out.push(c.dim(`Run ${c.cyan(`npm run hint ${exercise.id}`)} again for the next one.`));
  else if (!passing) out.push(c.dim('That was the last hint. Each failing property also prints a next step of its own.'));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
