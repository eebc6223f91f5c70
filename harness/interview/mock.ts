/**
 * A timed mock interview: a warm-up, a design question, then deep dives as time allows (as many
 * as the length plans for, while time is left), each followed by one or two of its follow-ups;
 * every prompt shows the time left. When time runs out
 * the question in progress is the last. The summary lists the key points missed and what to
 * revisit, and every answer is recorded in the Leitner schedule as in practice.
 *
 * @module
 */
import { c } from '../cli/term.js';
import type { Kind, Question } from './question.js';
import { order } from './leitner.js';
import { inline, render } from './render.js';
import { askTicks, percent, readAnswer, type SessionContext } from './session.js';
import { bulleted, header, numbered, revisit } from './show.js';

/** The shortest and longest mock, in minutes. */
export const MOCK_MINUTES = { min: 5, max: 180 } as const;

/** One answered question of a mock: what it covered and what it missed. */
export interface MockResult {
  readonly question: Question;
  /** The key points covered, numbered from 1. */
  readonly covered: readonly number[];
}

/** `ms` as `m:ss` (never negative). */
function clockText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * How many deep dives a mock of `minutes` plans: about 5 minutes go to the warm-up, 15 to the
 * design question and 8 to each deep dive, and there is always at least one.
 */
export function deepDives(minutes: number): number {
  return Math.max(1, Math.floor((minutes - 20) / 8));
}

/**
 * The questions of a mock of `minutes`, in the order they are asked: the first warm-up and the
 * first design question in the schedule's order, then {@link deepDives} deep dives in the
 * schedule's order. No question comes twice.
 */
export function plan(bank: readonly Question[], minutes: number, context: Pick<SessionContext, 'recorder' | 'clock'>): Question[] {
  const now = context.clock();
  const of = (kind: Kind): Question[] => order(bank.filter((q) => q.kind === kind), context.recorder.schedule, now);
  return [...of('warm-up').slice(0, 1), ...of('design').slice(0, 1), ...of('deep-dive').slice(0, deepDives(minutes))];
}

/** Runs a mock interview of `minutes` minutes; resolves its results after printing the summary. */
export async function mock(context: SessionContext, minutes: number): Promise<MockResult[]> {
  const { out, input, recorder, clock } = context;
  const length = minutes * 60_000;
  const start = clock();
  const left = (): number => start + length - clock();
  const timer = (): string => c.yellow(`[mock ${clockText(left())} left]`) + ' ';
  const labels: Record<Kind, string> = { 'warm-up': 'Warm-up', design: 'Design question', 'deep-dive': 'Deep dive' };

  out(`Mock interview, ${minutes} minutes: a warm-up, a design question, then deep dives as time allows, each with follow-ups.`);
  out('Answer as you would aloud; the key points come after each question, and a summary at the end.');
  const results: MockResult[] = [];
  for (const question of plan(context.bank, minutes, context)) {
    out('');
    out(`${timer()}${c.bold(labels[question.kind])}`);
    out(header(question, recorder.schedule[question.id]));
    out('');
    for (const line of render(question.question, context.width)) out(line);
    out('');
    if ((await readAnswer(input, `${timer()}Type your answer (an empty line ends it):`, () => `${timer()}> `)) === undefined) break;

    const followUps = question.followUps.slice(0, question.followUps.length > 1 && left() > length / 4 ? 2 : 1);
    let ended = false;
    for (const followUp of followUps) {
      if (left() <= 0) break;
      out('');
      out(`${timer()}${c.bold('Follow-up:')} ${inline(followUp)}`);
      if ((await readAnswer(input, `${timer()}Type your answer (an empty line ends it):`, () => `${timer()}> `)) === undefined) {
        ended = true;
        break;
      }
    }
    if (ended) break;

    out('');
    out(c.bold(`Key points of ${question.id}`));
    for (const line of numbered(question.keyPoints, context.width)) out(line);
    const ticked = await askTicks(context, question.keyPoints.length, timer);
    if (ticked === undefined) break;
    recorder.record(question, ticked.length, clock());
    results.push({ question, covered: ticked });
    if (left() <= 0) {
      out('');
      out('Time is up: that was the last question.');
      break;
    }
  }
  summary(context, results, Math.min(length, clock() - start), length);
  return results;
}

/** The end of a mock: per question the key points covered and missed, then what to revisit. */
function summary(context: SessionContext, results: readonly MockResult[], spent: number, length: number): void {
  const { out } = context;
  out('');
  out(c.bold('── Mock interview summary ──'));
  out(`${results.length} question${results.length === 1 ? '' : 's'} answered in ${clockText(spent)} of ${clockText(length)}.`);
  const weak: Question[] = [];
  for (const { question, covered } of results) {
    const total = question.keyPoints.length;
    out('');
    out(`${c.bold(`${question.id}: ${inline(question.title)}`)}  ${covered.length}/${total} key points (${percent(covered.length, total)}%)`);
    const missed = question.keyPoints.filter((_, i) => !covered.includes(i + 1));
    if (missed.length === 0) out(`  ${c.green('Every key point covered.')}`);
    else {
      out('  Missed:');
      for (const line of bulleted(missed, context.width - 2, '✗')) out(`  ${line}`);
      weak.push(question);
    }
  }
  out('');
  if (weak.length === 0) out(results.length === 0 ? 'Nothing was answered.' : 'Nothing to revisit: every key point was covered.');
  else {
    out(c.bold('Revisit'));
    for (const line of revisit(weak)) out(line);
  }
  if (results.length > 0) out(`The model answers: npm run interview -- --id <id> (e.g. --id ${results[0]!.question.id}).`);
  out('');
  out(context.recorder.savedLine());
}
