/**
 * Parses the command line and runs `exercise`, `watch`, `hint` or `reset`, each a module of its
 * own. Exit codes: 0 success (every property holds), 1 some property fails, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { UnknownPropertyError } from '../grade/grade.js';
import { exercises, findExercise, type Exercise } from '../registry.js';
import { runExercise } from './exercise.js';
import { showHints } from './hint.js';
import { listExercises } from './list.js';
import { resetExercise } from './reset.js';
import { c } from './term.js';
import { watchExercises } from './watch.js';

const USAGE = `Usage:
  npm run exercise                      list every exercise, its state and what to do next
  npm run exercise <id> [-- options]    grade exercises/<id>.ts
      --solution          grade the reference solution instead
      --impl <path>       grade any module that exports the exercise's names
      --seed <n>          replay a grading exactly (every report prints its seed)
      --only <ids>        only these properties (comma-separated)
      --runs <n>          generated runs per property (default: each property's own)
      --json              one JSON document on stdout, for autograders
      --verbose           also show stacks and what the cost properties measured
  npm run watch [id]                    re-grade on every save; move on after a pass
  npm run hint <id>                     one more hint each time
  npm run reset <id> [-- --yes]         restore the original stub`;

class UsageError extends Error {}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length]!;
}

function exerciseArg(id: string | undefined, required: boolean): Exercise | undefined {
  if (id === undefined) {
    if (required) throw new UsageError('Which exercise? Give its id.');
    return undefined;
  }
  const found = findExercise(id);
  if (found) return found;
  const nearest = [...exercises].sort((a, b) => distance(id, a.id) - distance(id, b.id))[0]!;
  throw new UsageError(`Unknown exercise "${id}". Did you mean "${nearest.id}"?\nExercises: ${exercises.map((e) => e.id).join(', ')}`);
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} takes a non-negative whole number, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      solution: { type: 'boolean' },
      impl: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      timeout: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, id, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  switch (command) {
    case 'exercise': {
      const exercise = exerciseArg(id, false);
      if (!exercise) return listExercises();
      if (values.solution && values.impl) throw new UsageError('Use --solution or --impl, not both.');
      const timeout = positiveInt('timeout', values.timeout);
      const { code } = await runExercise(exercise, {
        solution: values.solution ?? false,
        ...(values.impl === undefined ? {} : { impl: values.impl }),
        ...(values.seed === undefined ? {} : { seed: positiveInt('seed', values.seed)! }),
        ...(values.runs === undefined ? {} : { runs: positiveInt('runs', values.runs)! }),
        ...(values.only === undefined ? {} : { only: values.only.split(',').map((s) => s.trim()) }),
        ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
        json: values.json ?? false,
        verbose: values.verbose ?? false,
      });
      return code;
    }
    case 'watch':
      return watchExercises(exerciseArg(id, false));
    case 'hint':
      return showHints(exerciseArg(id, true)!);
    case 'reset':
      return resetExercise(exerciseArg(id, true)!, values.yes ?? false);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** Runs the command line on `argv` and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownPropertyError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${c.red('✗')} ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}
