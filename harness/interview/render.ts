/**
 * Markdown to terminal text, from markdown-it's tokens: paragraphs wrapped to a width, lists with
 * their markers and hanging indents, code indented, tables as aligned columns, links with their
 * targets, and bold and inline code styled (no styles when colour is off).
 *
 * @module
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { stripVTControlCharacters } from 'node:util';
import { c } from '../cli/term.js';

const md = new MarkdownIt();

/** The width to wrap at: the terminal's, at most 100 columns; 80 when not a terminal. */
export function textWidth(): number {
  return Math.min(process.stdout.columns ?? 80, 100);
}

/** The visible width of `text`, without its escape codes. */
function visible(text: string): number {
  return stripVTControlCharacters(text).length;
}

/** `text` (inline, `\n` for a hard break) wrapped at word boundaries to `width` columns. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      if (line !== '' && visible(line) + 1 + visible(word) > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

/** One inline token list as styled text; hard breaks become `\n`. */
function renderInline(children: readonly Token[]): string {
  let text = '';
  let bold = 0;
  const links: string[] = [];
  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'html_inline':
        text += bold > 0 ? c.bold(token.content) : token.content;
        break;
      case 'code_inline':
        text += c.cyan(token.content);
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'softbreak':
        text += ' ';
        break;
      case 'hardbreak':
        text += '\n';
        break;
      case 'image':
        text += token.content;
        break;
      case 'link_open':
        links.push(String(token.attrGet('href') ?? ''));
        break;
      case 'link_close': {
        const href = links.pop() ?? '';
        text += href === '' ? '' : c.dim(` (${href})`);
        break;
      }
      default:
        break;
    }
  }
  return text;
}

/** The inline source of `markdown` (one paragraph, e.g. a key point) as styled text on one line. */
export function inline(markdown: string): string {
  return renderInline(md.parseInline(markdown, {})[0]?.children ?? []).replaceAll('\n', ' ');
}

/** What is open around the lines being written: a list item or a block quote. */
interface Frame {
  /** Written before the first line of the frame (a list marker), then `rest`. */
  first: string;
  readonly rest: string;
}

/** `markdown` as terminal lines, wrapped to `width` columns. */
export function render(markdown: string, width = textWidth()): string[] {
  const tokens = md.parse(markdown, {});
  const lines: string[] = [];
  const frames: Frame[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let table: string[][] | undefined;
  let heading = false;

  const prefix = (): string =>
    frames
      .map((frame) => {
        const text = frame.first;
        frame.first = frame.rest;
        return text;
      })
      .join('');
  const indent = (): number => frames.reduce((sum, frame) => sum + frame.rest.length, 0);
  const emit = (line: string): void => void lines.push(`${prefix()}${line}`.trimEnd());
  // A blank line between blocks, but not right after a list marker still waiting for its first line.
  const gap = (): void => {
    const pendingMarker = frames.some((frame) => frame.first !== frame.rest);
    if (lines.length > 0 && lines.at(-1) !== '' && !pendingMarker) lines.push('');
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        heading = true;
        gap();
        break;
      case 'heading_close':
        heading = false;
        break;
      case 'fence':
      case 'code_block':
      case 'hr':
      case 'table_open':
      case 'html_block':
        gap();
        break;
      case 'paragraph_open':
        if (!token.hidden) gap();
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (lists.length === 0) gap();
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1)!;
        const marker = list.ordered ? `${list.next++}. ` : '• ';
        frames.push({ first: marker, rest: ' '.repeat(marker.length) });
        break;
      }
      case 'blockquote_open':
        gap();
        frames.push({ first: '│ ', rest: '│ ' });
        break;
      case 'list_item_close':
      case 'blockquote_close':
        frames.pop();
        break;
      case 'tr_open':
        table?.push([]);
        break;
      default:
        break;
    }
    if (token.type === 'table_open') table = [];
    if (token.type === 'inline' && table !== undefined) {
      table.at(-1)?.push(renderInline(token.children ?? []).replaceAll('\n', ' '));
    } else if (token.type === 'inline') {
      const text = renderInline(token.children ?? []);
      for (const line of wrap(text, Math.max(20, width - indent()))) emit(heading ? c.bold(line) : line);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      for (const line of token.content.replace(/\n$/, '').split('\n')) emit(`    ${c.cyan(line)}`);
    } else if (token.type === 'hr') {
      emit('─'.repeat(Math.min(width - indent(), 40)));
    } else if (token.type === 'html_block') {
      for (const line of token.content.replace(/\n$/, '').split('\n')) emit(line);
    } else if (token.type === 'table_close' && table !== undefined) {
      for (const line of columns(table)) emit(line);
      table = undefined;
    }
  }
  return lines;
}

/** Table rows as aligned columns: the header row, a rule, then the body. */
function columns(rows: readonly string[][]): string[] {
  const count = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: count }, (_, i) => Math.max(...rows.map((row) => visible(row[i] ?? ''))));
  const line = (row: readonly string[]): string => row.map((cell, i) => cell + ' '.repeat(widths[i]! - visible(cell))).join('  ');
  const [header = [], ...body] = rows;
  return [c.bold(line(header)), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
}
