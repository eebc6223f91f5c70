/**
 * An exercise's page: its title and chapter, the contract (the stub's module TSDoc, as Markdown),
 * the commands, the hints folded one by one, and the reference's API page for after you pass.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { slug } from '../../interview/slug.js';
import { chapters, filesOf, root, type Exercise } from '../../registry.js';
import { layout, type Page } from '../layout.js';
import { apiPages, chapterPage, exercisePage, hrefBetween } from '../links.js';
import { escapeHtml, highlightCode, renderMarkdown } from '../markdown.js';

/**
 * The contract of a stub: its leading `/** … *\/` comment as Markdown, without the comment's
 * markers, its block tags (`@module`, …) or `{@link …}` braces (a link becomes its name in code).
 *
 * @param file - The stub's path, for the error.
 * @throws Error when the file does not open with a TSDoc comment.
 */
export function contractOf(source: string, file: string): string {
  const text = source.replace(/^#![^\n]*\n/, '').trimStart();
  const end = text.indexOf('*/');
  if (!text.startsWith('/**') || end === -1) {
    throw new Error(`${file}: no leading /** … */ comment: the stub's module TSDoc is the contract the site shows; restore it (harness/stubs/ has the original)`);
  }
  const lines = text
    .slice(3, end)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''));
  const tagAt = lines.findIndex((line) => /^@\w+/.test(line));
  const body = tagAt === -1 ? lines : lines.slice(0, tagAt);
  /** `Label: value` lines in a row (`Read first: …`, `Grade it: …`) keep their line breaks. */
  const labelled = (line: string | undefined): boolean => line !== undefined && /^[A-Z][\w]*(?: \w+){0,2}:\s+\S/.test(line);
  return body
    .map((line, i) => (labelled(line) && labelled(body[i + 1]) ? `${line}\\` : line))
    .join('\n')
    .replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|\s*([^}]*))?\}/g, (_, name: string, label: string | undefined) => `\`${(label ?? name).trim()}\``)
    .trim();
}

/**
 * The contract's mentions of a chapter (`chapters/02-eviction/README.md (section "LRU")`) as links
 * to it, written from exercises/ as GitHub would read them (the site then links its own pages).
 */
export function linkChapters(contract: string): string {
  return contract.replace(/(?<!\]\()\b(chapters\/[\w-]+\/README\.md)(?: \(section "([^"]+)"\))?/g, (whole, file: string, section: string | undefined) =>
    `[${whole}](../${file}${section === undefined ? '' : `#${slug(section)}`})`,
  );
}

/** The page of one exercise. */
export function exercisePageOf(exercise: Exercise): Page {
  const path = exercisePage(exercise.id);
  const files = filesOf(exercise);
  const stub = relative(root, files.stub).split('\\').join('/');
  const contract = renderMarkdown(linkChapters(contractOf(readFileSync(files.stub, 'utf8'), stub)), { source: stub, page: path });
  const chapter = chapters.find((candidate) => candidate.id === exercise.chapter);
  if (chapter === undefined) throw new Error(`harness/registry.ts: the exercise ${exercise.id} names the chapter ${exercise.chapter}, which is not in chapters`);
  const api = apiPages().get(`solutions/${exercise.id}.ts`);
  if (api === undefined) throw new Error(`typedoc.json: solutions/${exercise.id}.ts is not an entry point: add it, so the exercise's page can link the reference's API`);
  const commands = [
    ['exercise', 'grade your code'],
    ['hint', 'one more hint each time'],
    ['watch', 're-grade on every save'],
    ['reset', 'restore the original stub'],
  ].map(([command, what]) => `npm run ${command} ${exercise.id}`.padEnd(exercise.id.length + 22) + `# ${what}`).join('\n');
  const hints = exercise.hints
    .map((hint, i) => `<details class="hint"><summary>Hint ${i + 1}</summary>\n${renderMarkdown(hint, { source: 'harness/registry.ts', page: path }).html}</details>`)
    .join('\n');
  const body = `<h1 id="top">${escapeHtml(exercise.title)}</h1>
<p class="exercise-meta">Exercise <code>${escapeHtml(exercise.id)}</code> of <a href="${hrefBetween(path, chapterPage(chapter.id))}">chapter ${escapeHtml(chapter.id.slice(0, 2))}, ${escapeHtml(chapter.title)}</a>. You edit <code>${escapeHtml(stub)}</code>; it exports ${exercise.exports.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')}.</p>
<h2 id="contract">Contract</h2>
${contract.html}
<h2 id="commands">Commands</h2>
${highlightCode(commands, 'sh')}
<h2 id="hints">Hints</h2>
<p>Gentlest first: open one at a time.</p>
${hints}
<h2 id="after-you-pass">After you pass</h2>
<p>Compare with the reference solution: <a href="${hrefBetween(path, api)}">the API of <code>solutions/${escapeHtml(exercise.id)}.ts</code></a>, or grade it yourself with <code>npm run exercise ${escapeHtml(exercise.id)} -- --solution</code>.</p>`;
  const toc = [
    { level: 2, id: 'contract', text: 'Contract' },
    ...contract.toc,
    { level: 2, id: 'commands', text: 'Commands' },
    { level: 2, id: 'hints', text: 'Hints' },
    { level: 2, id: 'after-you-pass', text: 'After you pass' },
  ] as const;
  return layout({ path, title: exercise.title, body, toc });
}
