/**
 * How questions are shown: the list, one question in full (`--id`), the header of a question in a
 * session, where to read and what to run, and a demo run on the terminal.
 *
 * @module
 */
import { c } from '../cli/term.js';
import { findDemo } from '../demo/demos.js';
import { runDemoOn } from '../demo/run-demo.js';
import { chapters } from '../registry.js';
import { boxOf, type Card, type Schedule } from './leitner.js';
import type { Question, SectionLink } from './question.js';
import { inline, render, wrap } from './render.js';

/** Writes one line of output (without its newline). */
export type Out = (line: string) => void;

/** A chapter folder as a learner reads it: `02 Eviction`. */
function chapterName(id: string): string {
  const title = chapters.find((chapter) => chapter.id === id)?.title;
  return title === undefined ? id : `${id.slice(0, 2)} ${title}`;
}

/** A date as the learner's calendar day, `2025-03-14`. */
export function day(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** When a question is due, in words: `new`, `due now` or `due 2025-03-14`. */
function dueText(card: Card | undefined, now: number): string {
  if (card === undefined) return 'new';
  return Date.parse(card.due) <= now ? 'due now' : `due ${day(card.due)}`;
}

/** A section link as a path from the project root: `chapters/02-eviction/README.md#choosing-a-policy`. */
function sectionPath(link: SectionLink): string {
  return `${link.file}#${link.anchor}`;
}

/** Section links as lines: the path to open, then the section's name. */
function sectionLines(links: readonly SectionLink[]): string[] {
  return links.map((link) => `  ${sectionPath(link)}  ${c.dim(`(${link.text})`)}`);
}

/** Exercise ids as the commands that grade them. */
function exerciseLines(ids: readonly string[]): string[] {
  return ids.map((id) => `  npm run exercise ${id}`);
}

/** The lines that say where to read and what to run for `questions` (deduplicated, in order). */
export function revisit(questions: readonly Question[]): string[] {
  const sections = new Map<string, SectionLink>();
  for (const link of questions.flatMap((q) => q.sections)) sections.set(sectionPath(link), link);
  return [...sectionLines([...sections.values()]), ...exerciseLines([...new Set(questions.flatMap((q) => q.exercises))])];
}

/** The one-line header of a question in a session: id, chapter, difficulty, kind and box. */
export function header(question: Question, card: Card | undefined): string {
  const facts = [question.id, chapterName(question.chapter), question.difficulty, question.kind, `box ${boxOf(card)}`];
  return c.bold(`── ${facts.join(' · ')} ──`);
}

/** `items` (inline Markdown) after their markers, wrapped to `width` with a hanging indent. */
function marked(items: readonly string[], markers: readonly string[], width: number): string[] {
  const indent = Math.max(...markers.map((marker) => marker.length)) + 2;
  return items.flatMap((item, i) =>
    wrap(inline(item), width - indent).map((line, j) => `${j === 0 ? `  ${markers[i]!.padStart(indent - 2)}` : ' '.repeat(indent)}${line}`),
  );
}

/** `items` (inline Markdown) numbered from 1, wrapped to `width`. */
export function numbered(items: readonly string[], width: number): string[] {
  return marked(items, items.map((_, i) => `${i + 1}. `), width);
}

/** `items` (inline Markdown) as a list with `bullet` before each, wrapped to `width`. */
export function bulleted(items: readonly string[], width: number, bullet = '•'): string[] {
  return marked(items, items.map(() => `${bullet} `), width);
}

/** Every question, grouped by chapter: id, difficulty, kind, title, and its box and due date. */
export function list(bank: readonly Question[], schedule: Schedule, now: number): string[] {
  const idWidth = Math.max(...bank.map((q) => q.id.length));
  const lines: string[] = [];
  for (const chapter of [...new Set(bank.map((q) => q.chapter))]) {
    if (lines.length > 0) lines.push('');
    lines.push(c.bold(chapterName(chapter)));
    for (const q of bank.filter((question) => question.chapter === chapter)) {
      const card = schedule[q.id];
      const where = `box ${boxOf(card)}, ${dueText(card, now)}`;
      lines.push(`  ${c.cyan(q.id.padEnd(idWidth))}  ${q.difficulty.padEnd(6)}  ${q.kind.padEnd(9)}  ${where.padEnd(21)}  ${inline(q.title)}`);
    }
  }
  return lines;
}

/** One question in full, for `--id`: the question, the model answer and everything around it. */
export function full(question: Question, width: number): string[] {
  const indent = (lines: readonly string[]): string[] => lines.map((line) => (line === '' ? '' : `  ${line}`));
  const part = (title: string, lines: readonly string[]): string[] => ['', c.bold(title), ...lines];
  return [
    c.bold(`${question.id}: ${inline(question.title)}`),
    `${chapterName(question.chapter)} · ${question.difficulty} · ${question.kind} · topics: ${question.topics.join(', ')}`,
    ...part('Question', indent(render(question.question, width - 2))),
    ...part('Model answer', indent(render(question.answer, width - 2))),
    ...part('Key points', numbered(question.keyPoints, width)),
    ...part('Follow-ups', bulleted(question.followUps, width)),
    ...part('Common wrong answers', bulleted(question.wrongAnswers, width)),
    ...part('Chapter sections', sectionLines(question.sections)),
    ...(question.exercises.length > 0 ? part('Exercises', exerciseLines(question.exercises)) : []),
    ...(question.demo !== undefined ? part('Demo', [`  npm run demo ${question.demo}`]) : []),
  ];
}

/** Runs the demo called `name` on `stream`, as `npm run demo` does. */
export async function runDemo(name: string, stream: NodeJS.WriteStream): Promise<void> {
  const demo = findDemo(name);
  if (demo === undefined) throw new Error(`There is no demo "${name}" in harness/demo/demos.ts.`);
  await runDemoOn(demo, stream);
}
