/**
 * The question bank: each chapter's `questions.md` parsed with markdown-it's tokens into
 * {@link Question}s, every structural rule of FORMAT.md enforced, and every reference (ids,
 * sections, exercises, demos, probes) checked against the project.
 *
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { demos } from '../demo/demos.js';
import { chapters, exercises, root as projectRoot } from '../registry.js';
import { probes } from './probes.js';
import type { Difficulty, Kind, Question, SectionLink } from './question.js';
import { anchorsOf, inlineText } from './slug.js';

/** A problem in the bank, at a file, a line and a field. */
export class BankError extends Error {
  override readonly name = 'BankError';
  /** The file, relative to the project root, e.g. `chapters/02-eviction/questions.md`. */
  readonly file: string;
  /** The line of the problem, 1-based. */
  readonly line: number;
  /** What is wrong: a field (`Difficulty`), a section (`Key points`), `id`, `heading` or `fields`. */
  readonly field: string;

  /**
   * @param problem - What is wrong and what to do, e.g. `Key points has 2 items, expected 3 to 7`.
   * @param id - The question's id, when the problem is inside a question.
   */
  constructor(file: string, line: number, field: string, problem: string, id?: string) {
    super(`${file}:${line}: ${id === undefined ? '' : `${id}: `}${problem}`);
    this.file = file;
    this.line = line;
    this.field = field;
  }
}

/** The names a question may refer to, to check a bank against. */
export interface KnownReferences {
  /** Exercise ids (harness/registry.ts). */
  readonly exercises: ReadonlySet<string>;
  /** Demo names (harness/demo/demos.ts). */
  readonly demos: ReadonlySet<string>;
  /** Probe names (harness/interview/probes.ts). */
  readonly probes: ReadonlySet<string>;
  /** The anchors of a file's headings (path relative to the root), or undefined if there is no such file. */
  readonly anchors: (file: string) => ReadonlySet<string> | undefined;
}

/** The level-3 sections of a question, in their required order. */
const sectionTitles = ['Question', 'Model answer', 'Key points', 'Follow-ups', 'Common wrong answers'] as const;
const sectionList = sectionTitles.join(', ');

/** The fields a question's field list may hold. */
const fieldNames = ['Difficulty', 'Kind', 'Topics', 'Section', 'Exercises', 'Demo', 'Probe'] as const;
type FieldName = (typeof fieldNames)[number];
const requiredFields: readonly FieldName[] = ['Difficulty', 'Kind', 'Topics', 'Section'];

const difficulties: readonly Difficulty[] = ['easy', 'medium', 'hard'];
const kinds: readonly Kind[] = ['warm-up', 'design', 'deep-dive'];

/** An id or a topic: lower-case letters and digits in words joined by `-`. */
const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A block at the top level of a document: its tokens from the opening to the closing one. */
interface Block {
  /** The token type without `_open`: `heading`, `paragraph`, `bullet_list`, `fence`, … */
  readonly type: string;
  /** The HTML tag, e.g. `h2`, `ul`. */
  readonly tag: string;
  /** First line, 1-based. */
  readonly line: number;
  /** The line after the block, 0-based (token.map[1]). */
  readonly end: number;
  readonly tokens: readonly Token[];
}

/** Splits a token stream into its blocks at nesting level `level` (0 for the document). */
function blocksOf(tokens: readonly Token[], level: number): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.level !== level || open.nesting === -1) continue;
    let close = i;
    if (open.nesting === 1) {
      do close++;
      while (!(tokens[close]!.level === level && tokens[close]!.nesting === -1));
    }
    const [start, end] = open.map ?? [0, 0];
    blocks.push({ type: open.type.replace(/_open$/, ''), tag: open.tag, line: start + 1, end, tokens: tokens.slice(i, close + 1) });
    i = close;
  }
  return blocks;
}

/** The inline token of a heading or paragraph block. */
function inlineOf(block: Block): Token {
  return block.tokens[1]!;
}

/** How a block is named in an error: "a paragraph", "a numbered list", "### Notes". */
function blockName(block: Block): string {
  if (block.type === 'heading') return `the heading \`${'#'.repeat(Number(block.tag.slice(1)))} ${inlineOf(block).content}\``;
  const names: Record<string, string> = {
    paragraph: 'a paragraph',
    bullet_list: 'a bullet list',
    ordered_list: 'a numbered list',
    fence: 'a code block',
    code_block: 'an indented code block',
    blockquote: 'a quote',
    table: 'a table',
    hr: 'a horizontal rule',
    html_block: 'an HTML block',
  };
  return names[block.type] ?? `a ${block.type}`;
}

/** What reading a question needs: where it is, its file's lines, and (once its heading is read) its id for errors. */
interface Context {
  readonly file: string;
  readonly chapter: string;
  readonly lines: readonly string[];
  id?: string;
}

/** Throws the BankError for `problem` at `line` of the question `ctx` is reading. */
function fail(ctx: Context, line: number, field: string, problem: string): never {
  throw new BankError(ctx.file, line, field, problem, ctx.id);
}

/**
 * Parses one chapter's `questions.md` (see FORMAT.md) into its questions, in file order.
 * Section links are resolved to paths relative to the project root but not checked (see
 * {@link validateReferences}).
 *
 * @param markdown - The file's text.
 * @param file - Its path relative to the project root, for errors and `Question.source`.
 * @param chapter - Its chapter folder, e.g. `02-eviction`: links are resolved from there.
 * @throws {@link BankError} for the first rule the file breaks, naming its line and field.
 */
export function parseQuestions(markdown: string, file: string, chapter: string): Question[] {
  const blocks = blocksOf(new MarkdownIt({ html: true }).parse(markdown, {}), 0);
  const isQuestionHeading = (block: Block): boolean => block.type === 'heading' && block.tag === 'h2';
  const first = blocks.findIndex(isQuestionHeading);
  if (first === -1) return [];
  const lines = markdown.split(/\r?\n/);
  const questions: Question[] = [];
  let start = first;
  while (start < blocks.length) {
    let end = start + 1;
    while (end < blocks.length && !isQuestionHeading(blocks[end]!)) end++;
    const ctx: Context = { file, chapter, lines };
    questions.push(parseQuestion(blocks.slice(start, end), ctx));
    start = end;
  }
  return questions;
}

/** One question: its `##` heading and the blocks up to the next one. */
function parseQuestion(blocks: readonly Block[], ctx: Context): Question {
  const heading = blocks[0]!;
  const { id, title } = parseHeading(heading, ctx);
  ctx.id = id;
  const fieldList = blocks[1];
  if (fieldList?.type !== 'bullet_list') {
    fail(ctx, fieldList?.line ?? heading.line, 'fields', `the heading must be followed by a bullet list of fields (\`- Difficulty: medium\`, \`- Kind: …\`, \`- Topics: …\`, \`- Section: …\`), found ${fieldList === undefined ? 'nothing' : blockName(fieldList)}`);
  }
  const fields = parseFields(fieldList, ctx);
  const sections = splitSections(blocks.slice(2), heading.line, ctx);
  const [question, answer, keyPoints, followUps, wrongAnswers] = sections;
  return {
    id,
    title,
    chapter: ctx.chapter,
    ...fields,
    question: sourceOf(question, ctx),
    answer: sourceOf(answer, ctx),
    keyPoints: itemsOf(keyPoints, 3, 7, ctx),
    followUps: itemsOf(followUps, 1, Infinity, ctx),
    wrongAnswers: itemsOf(wrongAnswers, 1, Infinity, ctx),
    source: { file: ctx.file, line: heading.line },
  };
}

/** `## <id>: <title>`. */
function parseHeading(heading: Block, ctx: Context): { id: string; title: string } {
  const text = inlineOf(heading).content;
  const colon = text.indexOf(':');
  const id = colon === -1 ? '' : text.slice(0, colon);
  const title = text.slice(colon + 1).trim();
  if (colon === -1 || id === '' || /\s/.test(id) || title === '') {
    fail(ctx, heading.line, 'heading', `\`## ${text}\` is not a question heading: write \`## <id>: <title>\`, e.g. \`## lru-vs-lfu: LRU, LFU or TTL?\` (every \`##\` heading starts a question)`);
  }
  if (!kebab.test(id)) {
    fail(ctx, heading.line, 'id', `the id \`${id}\` is not kebab-case: use lower-case letters and digits in words joined by \`-\`, e.g. \`lru-vs-lfu\``);
  }
  return { id, title };
}

/** The fields of a question, as they go into a {@link Question}. */
type Fields = Pick<Question, 'difficulty' | 'kind' | 'topics' | 'sections' | 'exercises' | 'demo' | 'probe'>;

/** The bullet list of `Name: value` fields right after the heading. */
function parseFields(list: Block, ctx: Context): Fields {
  const seen = new Map<FieldName, { line: number; inline: Token; value: string }>();
  for (const item of blocksOf(list.tokens, 1)) {
    const inline = onlyParagraph(item, 'fields', `a field is one line, \`- Name: value\``, ctx);
    const text = inlineText(inline.children ?? []);
    const colon = text.indexOf(':');
    const name = text.slice(0, colon === -1 ? text.length : colon).trim();
    if (!(fieldNames as readonly string[]).includes(name) || colon === -1) {
      fail(ctx, item.line, 'fields', `\`- ${inline.content}\` is not a field: write \`- Name: value\` with Name one of ${fieldNames.join(', ')}${didYouMean(name, fieldNames)}`);
    }
    const field = name as FieldName;
    const earlier = seen.get(field);
    if (earlier !== undefined) fail(ctx, item.line, field, `${field} is given twice (first on line ${earlier.line}): keep one`);
    const value = text.slice(colon + 1).trim();
    if (value === '') fail(ctx, item.line, field, `${field} is empty: give a value${requiredFields.includes(field) ? '' : ' or remove the line'}`);
    seen.set(field, { line: item.line, inline, value });
  }
  for (const field of requiredFields) {
    if (!seen.has(field)) fail(ctx, list.line, field, `${field} is missing: add \`- ${field}: …\` to the field list (${requiredFields.join(', ')} are required)`);
  }
  const get = (field: FieldName): { line: number; inline: Token; value: string } => seen.get(field)!;
  const namesOf = (field: FieldName): string[] => {
    const entry = seen.get(field);
    if (entry === undefined) return [];
    const items = entry.value.split(',').map((item) => item.trim());
    if (items.includes('')) fail(ctx, entry.line, field, `${field} has an empty item: separate names with single commas`);
    return items;
  };
  const oneOf = <T extends string>(field: FieldName, allowed: readonly T[]): T => {
    const { line, value } = get(field);
    if (!(allowed as readonly string[]).includes(value)) fail(ctx, line, field, `${field} is \`${value}\`, expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`);
    return value as T;
  };
  const topics = namesOf('Topics');
  for (const topic of topics) {
    if (!kebab.test(topic)) fail(ctx, get('Topics').line, 'Topics', `the topic \`${topic}\` is not kebab-case: use lower-case words joined by \`-\`, e.g. \`write-patterns\``);
  }
  return {
    difficulty: oneOf('Difficulty', difficulties),
    kind: oneOf('Kind', kinds),
    topics,
    sections: parseSectionLinks(get('Section'), ctx),
    exercises: namesOf('Exercises'),
    demo: seen.get('Demo')?.value,
    probe: seen.get('Probe')?.value,
  };
}

/** The inline token of a list item that must be exactly one paragraph. */
function onlyParagraph(item: Block, field: string, rule: string, ctx: Context): Token {
  const inner = blocksOf(item.tokens, item.tokens[0]!.level + 1);
  if (inner.length !== 1 || inner[0]!.type !== 'paragraph') {
    fail(ctx, item.line, field, `this item holds ${inner.map(blockName).join(' and ') || 'nothing'}: ${rule}`);
  }
  return inlineOf(inner[0]!);
}

/** `Section: [text](README.md#anchor), [text](../04-distributed/README.md#anchor)`. */
function parseSectionLinks(field: { line: number; inline: Token }, ctx: Context): SectionLink[] {
  const bad = (problem: string): never =>
    fail(ctx, field.line, 'Section', `${problem}: write \`- Section: [text](README.md#anchor)\`, several separated by commas, \`../<chapter>/README.md#anchor\` for another chapter`);
  const links: SectionLink[] = [];
  const between: string[] = [''];
  let link: { href: string; children: Token[] } | undefined;
  for (const token of field.inline.children ?? []) {
    if (token.type === 'link_open') link = { href: String(token.attrGet('href') ?? ''), children: [] };
    else if (token.type === 'link_close' && link !== undefined) {
      links.push(resolveLink(link.href, inlineText(link.children), ctx, bad));
      between.push('');
      link = undefined;
    } else if (link !== undefined) link.children.push(token);
    else between[between.length - 1] += inlineText([token]) || token.content;
  }
  if (links.length === 0) bad('Section has no link');
  between.forEach((text, i) => {
    const expected = i === 0 ? 'Section:' : i === between.length - 1 ? '' : ',';
    const found = text.trim();
    if (found === expected) return;
    const where = i === 0 ? 'before the first link' : i === between.length - 1 ? 'after the last link' : 'between two links';
    bad(`Section has ${found === '' ? 'nothing' : `\`${found}\``} ${where}, where ${expected === '' ? 'nothing' : `\`${expected}\``} belongs`);
  });
  return links;
}

/** A link's href resolved from the chapter folder to a file relative to the root, and its anchor. */
function resolveLink(href: string, text: string, ctx: Context, bad: (problem: string) => never): SectionLink {
  const hash = href.indexOf('#');
  const path = hash === -1 ? href : href.slice(0, hash);
  if (hash === -1 || hash === href.length - 1) bad(`the link to \`${href}\` has no \`#anchor\`: link to a heading of the chapter`);
  if (path === '' || path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path)) bad(`the link to \`${href}\` is not a relative link to a chapter file`);
  let file: string;
  let anchor: string;
  try {
    file = posix.normalize(posix.join('chapters', ctx.chapter, decodeURIComponent(path)));
    anchor = decodeURIComponent(href.slice(hash + 1));
  } catch {
    return bad(`the link to \`${href}\` has a malformed %-escape`);
  }
  if (!file.startsWith('chapters/')) bad(`the link to \`${href}\` leads outside chapters/`);
  return { text, file, anchor };
}

/** A `###` section of a question: its title, the line of its heading and the blocks under it. */
interface Section {
  readonly title: string;
  readonly line: number;
  readonly blocks: Block[];
}

/** The `###` sections after the field list, checked for titles and order. */
function splitSections(blocks: readonly Block[], headingLine: number, ctx: Context): Section[] {
  const found: Section[] = [];
  for (const block of blocks) {
    if (block.type === 'heading' && block.tag === 'h1') {
      fail(ctx, block.line, 'heading', `${blockName(block)} is inside a question: questions are \`##\` headings and their sections \`###\``);
    }
    if (block.type === 'heading' && block.tag === 'h3') found.push({ title: inlineText(inlineOf(block).children ?? []).trim(), line: block.line, blocks: [] });
    else if (found.length === 0) fail(ctx, block.line, 'fields', `${blockName(block)} comes between the field list and \`### Question\`: the fields are one bullet list, then \`### Question\``);
    else found.at(-1)!.blocks.push(block);
  }
  const titles: readonly string[] = sectionTitles;
  found.forEach((section, i) => {
    const expected = sectionTitles[i];
    if (section.title === expected) return;
    if (!titles.includes(section.title)) {
      fail(ctx, section.line, 'heading', `\`### ${section.title}\` is not a section: the sections are ${sectionList}, in this order${didYouMean(section.title, sectionTitles)}`);
    }
    const first = found.findIndex((other) => other.title === section.title);
    if (first < i) fail(ctx, section.line, section.title, `\`### ${section.title}\` appears twice (first on line ${found[first]!.line}): keep one`);
    if (found.some((other) => other.title === expected)) {
      fail(ctx, section.line, section.title, `\`### ${section.title}\` comes before \`### ${expected}\`: the sections go in this order: ${sectionList}`);
    }
    fail(ctx, headingLine, expected, `the \`### ${expected}\` section is missing (\`### ${section.title}\` is where it belongs): every question has ${sectionList}, in this order`);
  });
  const missing = sectionTitles[found.length];
  if (found.length < sectionTitles.length) fail(ctx, headingLine, missing, `the \`### ${missing}\` section is missing: every question has ${sectionList}, in this order`);
  return found;
}

/** A free section (`Question`, `Model answer`) as the Markdown source it was written in. */
function sourceOf(section: Section, ctx: Context): string {
  const { blocks } = section;
  if (blocks.length === 0) fail(ctx, section.line, section.title, `${section.title} is empty: write it under \`### ${section.title}\``);
  const end = Math.max(...blocks.map((block) => block.end));
  return ctx.lines.slice(blocks[0]!.line - 1, end).join('\n').trimEnd();
}

/** A list section (`Key points`, `Follow-ups`, `Common wrong answers`): one bullet list, each item one paragraph. */
function itemsOf(section: Section, min: number, max: number, ctx: Context): string[] {
  const [list, after] = section.blocks;
  const expected = max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  if (list !== undefined && list.type !== 'bullet_list') {
    fail(ctx, list.line, section.title, `${section.title} must be one bullet list (\`- …\`), found ${blockName(list)}`);
  }
  if (after !== undefined) {
    fail(ctx, after.line, section.title, `${section.title} must be one bullet list, but ${blockName(after)} follows it (a list that changes its marker from \`-\` to \`*\` becomes two)`);
  }
  const items = list === undefined ? [] : blocksOf(list.tokens, 1);
  if (items.length < min || items.length > max) {
    fail(ctx, list?.line ?? section.line, section.title, `${section.title} has ${items.length} item${items.length === 1 ? '' : 's'}, expected ${expected}`);
  }
  return items.map((item) => onlyParagraph(item, section.title, 'an item is one paragraph of inline Markdown', ctx).content);
}

/** `; did you mean \`x\`?` for the candidate closest to `name`, if one is close enough to be a typo. */
function didYouMean(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : `; did you mean \`${best}\`?`;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Checks what the questions refer to: ids unique across the bank, each section link to an existing
 * file and one of its headings' anchors, and known exercises, demos and probes.
 *
 * @throws {@link BankError} for the first problem, at the line of the question's heading.
 */
export function validateReferences(questions: readonly Question[], known: KnownReferences): void {
  const byId = new Map<string, Question>();
  for (const question of questions) {
    const { file, line } = question.source;
    function bad(field: string, problem: string): never {
      throw new BankError(file, line, field, problem, question.id);
    }
    const first = byId.get(question.id);
    if (first !== undefined) bad('id', `the id is already used at ${first.source.file}:${first.source.line}: ids are unique across the bank, so rename one`);
    byId.set(question.id, question);
    for (const section of question.sections) {
      const anchors = known.anchors(section.file);
      if (anchors === undefined) bad('Section', `Section links to ${section.file}, which does not exist: link to a chapter's README.md`);
      if (!anchors.has(section.anchor)) {
        bad('Section', `Section links to ${section.file}#${section.anchor}, but no heading there has that anchor${didYouMean(section.anchor, anchors)} (an anchor is the heading's slug: see FORMAT.md)`);
      }
    }
    for (const exercise of question.exercises) {
      if (!known.exercises.has(exercise)) bad('Exercises', `Exercises names \`${exercise}\`, which is not an exercise in harness/registry.ts${didYouMean(exercise, known.exercises)}`);
    }
    if (question.demo !== undefined && !known.demos.has(question.demo)) {
      bad('Demo', `Demo names \`${question.demo}\`, which is not a demo in harness/demo/demos.ts${didYouMean(question.demo, known.demos)}`);
    }
    if (question.probe !== undefined && !known.probes.has(question.probe)) {
      bad('Probe', `Probe names \`${question.probe}\`, which is not a probe in harness/interview/probes.ts${didYouMean(question.probe, known.probes)}`);
    }
  }
}

/**
 * The whole bank: every chapter's `questions.md` that exists, in chapter order (harness/registry.ts),
 * parsed and checked against the registry's exercises, the demos, the probes and the chapters'
 * headings.
 *
 * @param root - The project's root folder (by default this project's).
 * @throws {@link BankError} for the first problem found.
 */
export function loadBank(root: string = projectRoot): Question[] {
  const isFile = (file: string): boolean => statSync(join(root, file), { throwIfNoEntry: false })?.isFile() ?? false;
  const questions: Question[] = [];
  for (const chapter of chapters) {
    const file = `chapters/${chapter.id}/questions.md`;
    if (isFile(file)) questions.push(...parseQuestions(readFileSync(join(root, file), 'utf8'), file, chapter.id));
  }
  const anchors = new Map<string, ReadonlySet<string> | undefined>();
  validateReferences(questions, {
    exercises: new Set(exercises.map((exercise) => exercise.id)),
    demos: new Set(demos.map((demo) => demo.name)),
    probes: new Set(probes.map((probe) => probe.name)),
    anchors: (file) => {
      if (!anchors.has(file)) anchors.set(file, isFile(file) ? anchorsOf(readFileSync(join(root, file), 'utf8')) : undefined);
      return anchors.get(file);
    },
  });
  return questions;
}
