/**
 * A practice round: the learner picks a topic or lets the schedule choose; each question is
 * asked, answered (or thought through), revealed with its key points, ticked, and saved to the
 * Leitner schedule before the next one.
 *
 * @module
 */
import { c } from '../cli/term.js';
import { boxOf, isDue, order } from './leitner.js';
import type { Question } from './question.js';
import { ANSWER_PROMPT, askTicks, percent, readAnswer, type SessionContext } from './session.js';
import { bulleted, day, header, numbered } from './show.js';
import { inline, render } from './render.js';

/** What a practice round needs beyond the session: the probe step and the demo runner. */
export interface PracticeHooks {
  /** Shows what the question's probe says of the learner's own code (or how to unlock it). */
  readonly probe: (question: Question) => Promise<void>;
  /** Runs a demo by name. */
  readonly demo: (name: string) => Promise<void>;
}

/** The topics of `questions`, sorted, with how many questions each has. */
export function topicsOf(questions: readonly Question[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const topic of questions.flatMap((q) => q.topics).sort()) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return counts;
}

/**
 * Runs a practice round over the questions of `topic` (asking for one when undefined). Resolves
 * when the learner quits, the questions run out or the input ends.
 */
export async function practice(context: SessionContext, hooks: PracticeHooks, topic?: string): Promise<void> {
  const { bank, out, input, recorder } = context;
  const now = context.clock();
  const scope = topic === undefined ? bank : bank.filter((q) => q.topics.includes(topic));
  const due = scope.filter((q) => isDue(recorder.schedule[q.id], now));
  const fresh = due.filter((q) => recorder.schedule[q.id] === undefined).length;
  out(`${due.length} of ${scope.length} questions${topic === undefined ? '' : ` on ${topic}`} are due (${fresh} never seen).`);

  const chosen = topic ?? (await chooseTopic(context));
  if (chosen === undefined) return finish(context);
  const pool = chosen === '' ? bank : bank.filter((q) => q.topics.includes(chosen));
  const questions = order(pool, recorder.schedule, now);

  for (const [i, question] of questions.entries()) {
    out('');
    out(`${c.dim(`Question ${i + 1} of ${questions.length}`)}`);
    out(header(question, recorder.schedule[question.id]));
    out(c.bold(inline(question.title)));
    out('');
    for (const line of render(question.question, context.width)) out(line);
    if (question.probe !== undefined) {
      out('');
      await hooks.probe(question);
    }
    out('');
    const answer = await readAnswer(input, ANSWER_PROMPT, () => '> ');
    if (answer === undefined) return finish(context);

    out('');
    out(c.bold('Model answer'));
    for (const line of render(question.answer, context.width)) out(line);
    out('');
    out(c.bold('Key points'));
    for (const line of numbered(question.keyPoints, context.width)) out(line);
    out('');
    const ticked = await askTicks(context, question.keyPoints.length, () => '');
    if (ticked === undefined) return finish(context);

    const before = boxOf(recorder.schedule[question.id]);
    const card = recorder.record(question, ticked.length, context.clock());
    const total = question.keyPoints.length;
    const when = card.box === 1 ? 'due again next session' : `next due ${day(card.due)}`;
    out(`${c.bold(`${ticked.length}/${total} key points (${percent(ticked.length, total)}%)`)}: box ${before} → ${card.box}, ${when}.`);
    out('');
    out(c.bold('Follow-ups'));
    for (const line of bulleted(question.followUps, context.width)) out(line);
    out('');

    const last = i === questions.length - 1;
    const next = await nextStep(context, hooks, question, last);
    if (next !== 'next') return finish(context);
  }
  out(`That was every question${chosen === '' ? '' : ` on ${chosen}`}.`);
  finish(context);
}

/** Asks for a topic; resolves the topic, `''` to let the schedule choose, or `undefined` when the input ended. */
async function chooseTopic(context: SessionContext): Promise<string | undefined> {
  const topics = [...topicsOf(context.bank)];
  const width = String(topics.length).length;
  context.out('');
  context.out('Topics:');
  const items = topics.map(([name, count], i) => `${String(i + 1).padStart(width)}. ${name} (${count})`);
  for (const line of inColumns(items, context.width)) context.out(line);
  for (;;) {
    const text = await context.input.ask('Choose a topic (its number or name), or press Enter to let the schedule choose: ');
    if (text === undefined) return undefined;
    const typed = text.trim().toLowerCase();
    if (typed === '') return '';
    const byNumber = /^\d+$/.test(typed) ? topics[Number(typed) - 1] : undefined;
    const found = byNumber ?? topics.find(([name]) => name === typed);
    if (found !== undefined) return found[0];
    context.out(`There is no topic "${text.trim()}": type a number from 1 to ${topics.length}, a topic's name, or press Enter.`);
  }
}

/** `items` in as many columns as fit in `width`, filled top to bottom. */
function inColumns(items: readonly string[], width: number): string[] {
  const column = Math.max(...items.map((item) => item.length)) + 3;
  const count = Math.max(1, Math.floor((width - 2) / column));
  const rows = Math.ceil(items.length / count);
  return Array.from({ length: rows }, (_, row) =>
    `  ${Array.from({ length: count }, (_, col) => (items[col * rows + row] ?? '').padEnd(column)).join('')}`.trimEnd(),
  );
}

/** After a question: the next one, or a demo and ask again, or quit. */
async function nextStep(context: SessionContext, hooks: PracticeHooks, question: Question, last: boolean): Promise<'next' | 'quit'> {
  const demo = question.demo;
  const choices = [last ? 'Enter to finish' : 'Enter for the next question', ...(demo === undefined ? [] : ['d to watch the demo']), 'q to quit'];
  for (;;) {
    const text = await context.input.ask(`${choices.join(', ')}: `);
    if (text === undefined) return 'quit';
    const typed = text.trim().toLowerCase();
    if (typed === '') return 'next';
    if (typed === 'q') return 'quit';
    if (typed === 'd' && demo !== undefined) {
      context.out('');
      await context.input.suspend(() => hooks.demo(demo));
      context.out('');
    } else context.out(`"${text.trim()}" is not a choice: ${choices.join(', ')}.`);
  }
}

/** The closing line of a round. */
function finish(context: SessionContext): void {
  context.out('');
  context.out(context.recorder.savedLine());
}
