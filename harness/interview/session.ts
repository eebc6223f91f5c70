/**
 * What a practice round and a mock interview share: the prompts for an answer and for the key
 * points it covered, and the recorder that saves every answer to the schedule file at once.
 *
 * @module
 */
import type { LineInput } from './io.js';
import { review, type Card, type Schedule } from './leitner.js';
import type { Question } from './question.js';
import { displayPath, writeSchedule } from './schedule-file.js';
import type { Out } from './show.js';

/** The current time, in ms since the epoch. */
export type Clock = () => number;

/** Everything a session runs with: the bank, input and output, the recorder and the clock. */
export interface SessionContext {
  /** The questions to draw from, in bank order. */
  readonly bank: readonly Question[];
  /** Where answers are read. */
  readonly input: LineInput;
  /** Where the session writes, a line at a time. */
  readonly out: Out;
  /** Saves each answer to the schedule. */
  readonly recorder: Recorder;
  /** The current time. */
  readonly clock: Clock;
  /** The width to wrap Markdown at. */
  readonly width: number;
}

/** Keeps the schedule of a session and writes it to its file after every answered question. */
export class Recorder {
  #schedule: Record<string, Card>;
  /** The ids answered in this session, in order. */
  readonly #answered: string[] = [];

  /**
   * @param schedule - The schedule as read from `path`.
   * @param path - The schedule file.
   */
  constructor(
    schedule: Schedule,
    readonly path: string,
  ) {
    this.#schedule = { ...schedule };
  }

  /** The schedule, with this session's answers. */
  get schedule(): Schedule {
    return this.#schedule;
  }

  /** Records that an answer at `now` covered `covered` of `question`'s key points, and saves the schedule. */
  record(question: Question, covered: number, now: number): Card {
    const card = review(this.#schedule[question.id], covered, question.keyPoints.length, now);
    this.#schedule = { ...this.#schedule, [question.id]: card };
    writeSchedule(this.#schedule, this.path);
    this.#answered.push(question.id);
    return card;
  }

  /** One line: what is saved, and where. */
  savedLine(): string {
    const count = this.#answered.length;
    const where = displayPath(this.path);
    if (count === 0) return `No question was answered in this session: the schedule in ${where} is unchanged.`;
    return `Progress saved: ${count} answered question${count === 1 ? '' : 's'} in ${where}.`;
  }
}

/** The instruction before an answer is typed. */
export const ANSWER_PROMPT = 'Type your answer (an empty line ends it), or press Enter to think and reveal:';

/** The question asked after the key points are shown. */
export const TICK_PROMPT = 'Which key points did you cover? Numbers like 1 3 4, a for all, Enter for none:';

/**
 * Reads a multi-line answer: `instruction` on its own line, then lines (each after `linePrompt()`)
 * until an empty one. Resolves the lines typed (none when the first is empty), or `undefined`
 * when the input ended.
 */
export async function readAnswer(input: LineInput, instruction: string, linePrompt: () => string): Promise<string[] | undefined> {
  const lines: string[] = [];
  for (let first = true; ; first = false) {
    const line = await input.ask(`${first ? `${instruction}\n` : ''}${linePrompt()}`);
    if (line === undefined) return undefined;
    if (line.trim() === '') return lines;
    lines.push(line);
  }
}

/**
 * The key points an answer covered, from what the learner typed: numbers from 1 to `total`
 * separated by spaces or commas, `a` for all, nothing for none. Returns them sorted and
 * deduplicated, or a message that says what was wrong.
 */
function parseTicks(text: string, total: number): { covered: number[] } | { error: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return { covered: [] };
  if (trimmed === 'a' || trimmed === 'all') return { covered: Array.from({ length: total }, (_, i) => i + 1) };
  const covered = new Set<number>();
  for (const word of trimmed.split(/[\s,]+/)) {
    const n = /^\d+$/.test(word) ? Number(word) : NaN;
    if (!(n >= 1 && n <= total)) {
      return { error: `"${word}" is not a key point: type numbers from 1 to ${total} separated by spaces, a for all, or press Enter for none.` };
    }
    covered.add(n);
  }
  return { covered: [...covered].sort((a, b) => a - b) };
}

/** Asks which of `total` key points were covered until the answer parses; `undefined` when the input ended. */
export async function askTicks(context: SessionContext, total: number, prefix: () => string): Promise<number[] | undefined> {
  for (;;) {
    const text = await context.input.ask(`${prefix()}${TICK_PROMPT} `);
    if (text === undefined) return undefined;
    const parsed = parseTicks(text, total);
    if ('covered' in parsed) return parsed.covered;
    context.out(parsed.error);
  }
}

/** `covered / total` as a whole percentage. */
export function percent(covered: number, total: number): number {
  return Math.round((covered / total) * 100);
}
