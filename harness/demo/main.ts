/**
 * `npm run demo [name]`: runs one demo of the chapters, or lists them. Exit codes: 0
 * after a demo, the list or `--help`; 2 for an unknown demo or a usage error.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { c, exitOnClosedPipe } from '../cli/term.js';
import { demos, findDemo } from './demos.js';
import { runDemoOn } from './run-demo.js';

class UsageError extends Error {}

/** The list of demos, one line each. */
function list(): string {
  const width = Math.max(...demos.map((demo) => demo.name.length));
  return ['Usage: npm run demo <name>', '', ...demos.map((demo) => `  ${c.cyan(demo.name.padEnd(width))}  ${demo.title}`)].join('\n');
}

/** Runs the command line on `argv`; returns the exit code. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const [name, ...rest] = positionals;
  if (values.help || name === undefined) {
    process.stdout.write(`${list()}\n`);
    return 0;
  }
  const demo = findDemo(name);
  if (demo === undefined) throw new UsageError(`Unknown demo "${name}".`);
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  await runDemoOn(demo, process.stdout);
  return 0;
}

/** Whether `error` is parseArgs refusing an option it does not know. */
function isParseError(error: unknown): error is TypeError {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

exitOnClosedPipe(process.stdout);

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError || isParseError(error))) throw error;
  process.stderr.write(`${c.red('✗')} ${error.message}\n\n${list()}\n`);
  process.exitCode = 2;
}
