/**
 * `npm run interview`: practice the question bank on a Leitner schedule, take a timed mock
 * interview, or list, print, export and demonstrate questions. Exit codes: 0 when done; 1 when the
 * bank or the schedule file is damaged; 2 for a usage error (an unknown option, id or topic, a
 * question without a demo); 130 after Ctrl-C (every answered question is already saved).
 *
 * The clock is `Date.now()`, unless CACHECRAFT_NOW (an ISO date, for tests) sets where it starts.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { c, exitOnClosedPipe } from '../cli/term.js';
import { BankError, loadBank } from './bank.js';
import { openLineInput, type LineInput } from './io.js';
import { mock, MOCK_MINUTES } from './mock.js';
import { practice, topicsOf } from './practice.js';
import { findProbe, loadProbeModules, probeReady } from './probes.js';
import type { Question } from './question.js';
import { textWidth } from './render.js';
import { readSchedule, ScheduleError, schedulePath } from './schedule-file.js';
import { Recorder, type Clock, type SessionContext } from './session.js';
import { full, list, runDemo, type Out } from './show.js';

class UsageError extends Error {}

const HELP = `Usage: npm run interview [-- <options>]

  (no option)             Practice: pick a topic or press Enter to let the schedule choose (due
                          questions first); answer, read the model answer, tick the key points
                          you covered. Each answer moves the question between five Leitner boxes.
  --topic <topic>         Practice only the questions of one topic (with --list: list only those).
  --mock [--minutes <n>]  A timed mock interview (${MOCK_MINUTES.min} to ${MOCK_MINUTES.max} minutes, 45 by default): a warm-up,
                          a design question, deep dives and follow-ups, then a summary.
  --list                  Every question by chapter, with its box and when it is due.
  --id <id>               One question in full: the question, the model answer, the key points,
                          follow-ups, common wrong answers, where to read and what to run.
  --json                  The whole bank as JSON.
  --demo <id>             Runs the demonstration of question <id>.
  --help                  This help.

Answers may be piped, one line each (an empty line ends an answer). The schedule is kept in
.workbook/interview.json (CACHECRAFT_INTERVIEW moves it) and saved after every answered question,
so Ctrl-C at any prompt loses nothing answered.`;

const out: Out = (line) => void process.stdout.write(`${line}\n`);

/** The clock: `Date.now()`, or one that starts at CACHECRAFT_NOW and runs on from there. */
function clockFromEnv(): Clock {
  const start = process.env.CACHECRAFT_NOW;
  if (start === undefined) return Date.now;
  const at = Date.parse(start);
  if (Number.isNaN(at)) throw new UsageError(`CACHECRAFT_NOW is "${start}", which is not an ISO date such as 2025-03-14T09:00:00Z.`);
  const origin = performance.now();
  return () => at + Math.floor(performance.now() - origin);
}

/** The question called `id`; a usage error listing the ids when there is none. */
function questionById(bank: readonly Question[], id: string): Question {
  const question = bank.find((q) => q.id === id);
  if (question === undefined) throw new UsageError(`There is no question "${id}". The ids: ${bank.map((q) => q.id).join(', ')}.`);
  return question;
}

/** `topic`, checked against the bank; a usage error listing the topics when it has none. */
function checkTopic(bank: readonly Question[], topic: string): string {
  const topics = topicsOf(bank);
  if (!topics.has(topic)) {
    throw new UsageError(`There is no topic "${topic}". The topics: ${[...topics].map(([name, n]) => `${name} (${n})`).join(', ')}.`);
  }
  return topic;
}

/** `--minutes`, checked: a whole number of minutes in range. */
function parseMinutes(text: string | undefined): number {
  if (text === undefined) return 45;
  const minutes = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(minutes >= MOCK_MINUTES.min && minutes <= MOCK_MINUTES.max)) {
    throw new UsageError(`--minutes must be a whole number from ${MOCK_MINUTES.min} to ${MOCK_MINUTES.max} (got "${text}").`);
  }
  return minutes;
}

/** Shows what the question's probe says about the learner's own code, or which exercises unlock it. */
async function showProbe(question: Question): Promise<void> {
  const probe = question.probe === undefined ? undefined : findProbe(question.probe);
  if (probe === undefined) return;
  const { ready, missing } = probeReady(probe);
  if (!ready) {
    out(c.dim(`Pass ${missing.join(' and ')} (npm run exercise ${missing[0]}) to see your own code's numbers here.`));
    return;
  }
  try {
    await probe.run(out, await loadProbeModules(probe));
  } catch (error) {
    out(`${c.red('✗')} The probe could not run your code: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs an interactive session (practice or mock) with line input, Ctrl-C handling and the recorder. */
async function interactive(bank: readonly Question[], clock: Clock, session: (context: SessionContext) => Promise<unknown>): Promise<void> {
  const path = schedulePath();
  const recorder = new Recorder(readSchedule(path), path);
  const input: LineInput = openLineInput({
    input: process.stdin,
    output: process.stdout,
    onInterrupt: () => {
      input.close();
      if (process.stdout.isTTY) process.stdout.write('\x1b[?25h');
      out('');
      out(`Interrupted. ${recorder.savedLine()}`);
      process.exit(130);
    },
  });
  try {
    await session({ bank, input, out, recorder, clock, width: textWidth() });
  } finally {
    input.close();
  }
}

/** Runs the command line on `argv`; returns the exit code. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      list: { type: 'boolean' },
      topic: { type: 'string' },
      id: { type: 'string' },
      json: { type: 'boolean' },
      demo: { type: 'string' },
      mock: { type: 'boolean' },
      minutes: { type: 'string' },
    },
  });
  if (values.help) {
    out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const modes = (['list', 'id', 'json', 'demo', 'mock'] as const).filter((mode) => values[mode] !== undefined);
  if (modes.length > 1) throw new UsageError(`Choose one of --list, --id, --json, --demo and --mock (got ${modes.map((m) => `--${m}`).join(' and ')}).`);
  const mode = modes[0];
  if (values.topic !== undefined && mode !== undefined && mode !== 'list') throw new UsageError(`--topic goes with --list or alone, not with --${mode}.`);
  if (values.minutes !== undefined && mode !== 'mock') throw new UsageError('--minutes goes with --mock.');
  const minutes = parseMinutes(values.minutes);
  const clock = clockFromEnv();

  const bank = loadBank();
  const topic = values.topic === undefined ? undefined : checkTopic(bank, values.topic);
  switch (mode) {
    case 'json':
      out(JSON.stringify(bank, null, 2));
      return 0;
    case 'list': {
      const shown = topic === undefined ? bank : bank.filter((q) => q.topics.includes(topic));
      for (const line of list(shown, readSchedule(), clock())) out(line);
      return 0;
    }
    case 'id':
      for (const line of full(questionById(bank, values.id!), textWidth())) out(line);
      return 0;
    case 'demo': {
      const question = questionById(bank, values.demo!);
      if (question.demo === undefined) {
        const withDemo = bank.filter((q) => q.demo !== undefined).map((q) => `${q.id} (${q.demo})`);
        throw new UsageError(`Question "${question.id}" has no demo. The questions with one: ${withDemo.join(', ')}.`);
      }
      await runDemo(question.demo, process.stdout);
      return 0;
    }
    case 'mock':
      await interactive(bank, clock, (context) => mock(context, minutes));
      return 0;
    case undefined:
      await interactive(bank, clock, (context) =>
        practice(context, { probe: showProbe, demo: (name) => runDemo(name, process.stdout) }, topic),
      );
      return 0;
  }
}

/** Whether `error` is parseArgs refusing an option it does not know. */
function isParseError(error: unknown): error is TypeError {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

// `npm run interview -- --list | head` closes the pipe early: that ends the output, it is no error.
exitOnClosedPipe(process.stdout);

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || isParseError(error)) {
    process.stderr.write(`${c.red('✗')} ${error.message}\n\nRun npm run interview -- --help for the options.\n`);
    process.exitCode = 2;
  } else if (error instanceof BankError || error instanceof ScheduleError) {
    process.stderr.write(`${c.red('✗')} ${error.message}\n`);
    process.exitCode = 1;
  } else throw error;
}
