/**
 * `npm run watch [id]`: re-grade on every save of the exercise file, and move on to the next
 * exercise once it passes. Saves are debounced; a file that does not compile is reported and
 * watched again, never a crash.
 */
import { watch } from 'node:fs';
import { relative } from 'node:path';
import { exercises, filesOf, type Exercise } from '../registry.js';
import { runExercise } from './exercise.js';
import { stateOf } from './list.js';
import { c } from './term.js';

const DEBOUNCE_MS = 150;

/** Watches until interrupted (Ctrl-C). */
export async function watchExercises(start: Exercise | undefined): Promise<number> {
  let current = start ?? (await firstUnfinished());
  if (!current) {
    process.stdout.write(c.green('Every exercise passes. Nothing to watch.\n'));
    return 0;
  }
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const exercise = current!;
    process.stdout.write('\x1Bc');
    const { code } = await runExercise(exercise, {});
    if (code === 0) {
      const next = await firstUnfinished();
      if (next && next.id !== exercise.id) {
        current = next;
        process.stdout.write(`\n${c.green(`✓ ${exercise.id} passes.`)} Next: ${c.bold(next.id)} — ${next.title}. Edit ${relative(process.cwd(), filesOf(next).stub)}.\n`);
      } else if (!next) {
        process.stdout.write(`\n${c.green('✓ Every exercise passes. Well done.')}\n`);
      }
    }
    process.stdout.write(c.dim(`\nWatching ${relative(process.cwd(), filesOf(current!).stub)} — save to re-grade, Ctrl-C to stop.\n`));
    running = false;
    if (again) {
      again = false;
      await run();
    }
  };

  const dir = filesOf(current).stub.replace(/[^/\\]+$/, '');
  watch(dir, (_event, file) => {
    if (!file || !current || !filesOf(current).stub.endsWith(file.toString())) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  await run();
  return new Promise<number>(() => {
    // Runs until the learner stops it.
  });
}

async function firstUnfinished(): Promise<Exercise | undefined> {
  for (const e of exercises) if ((await stateOf(e)) !== 'passing') return e;
  return undefined;
}
