/**
 * The site's Markdown: markdown-it with GitHub's heading anchors ({@link slug}), a table of contents
 * from the h2 and h3 headings, highlight.js for fenced code, callouts for blockquotes that open
 * with a bold label, chart figures in place of `<!-- chart: id -->` lines, and links rewritten from
 * the repository's layout to the site's ({@link resolveLink}).
 *
 * @module
 */
import MarkdownIt from 'markdown-it';
import type { Env, Token } from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import typescript from 'highlight.js/lib/languages/typescript';
import { inlineText, slug } from '../interview/slug.js';
import { resolveLink } from './links.js';

hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('json', json);
hljs.registerAliases(['sh', 'shell', 'console'], { languageName: 'bash' });

/** One entry of a page's table of contents. */
export interface TocEntry {
  readonly level: 2 | 3;
  /** The heading's id on the page. */
  readonly id: string;
  /** The heading's text, as a reader sees it. */
  readonly text: string;
}

/** Where a piece of Markdown comes from and where it goes. */
export interface RenderOptions {
  /** Its file, relative to the project root: links resolve from it, and errors name it. */
  readonly source: string;
  /** The line of `source` the Markdown starts at (1 unless it is an extract). */
  readonly firstLine?: number;
  /** The page it is rendered into, relative to the site's root. */
  readonly page: string;
  /** The HTML of each chart a `<!-- chart: id -->` line may place, by id. */
  readonly figures?: ReadonlyMap<string, string>;
}

/** Rendered Markdown. */
export interface Rendered {
  readonly html: string;
  /** The h2 and h3 headings, in order. */
  readonly toc: readonly TocEntry[];
  /** The text of the first h1, if there is one. */
  readonly title: string | undefined;
}

/** The kinds of callout: a blockquote whose first paragraph opens with one of these in bold. */
export const calloutKinds = ['pitfall', 'note', 'interview', 'warning'] as const;

/** What the rules keep per render (markdown-it's `env`). */
interface DocEnv extends Env, RenderOptions {
  toc: TocEntry[];
  title: string | undefined;
}

const chartLine = /^<!--\s*chart:\s*(\S+)\s*-->\s*$/;

/**
 * The HTML of a fenced code block: `<pre class="code" data-lang="…"><code class="hljs language-…">`,
 * highlighted by highlight.js when the language is registered, else escaped as plain text (a
 * `text` fence or an unknown language), so every code block is marked up the same way.
 */
export function highlightCode(code: string, info: string): string {
  const lang = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const known = lang !== '' && hljs.getLanguage(lang) !== undefined;
  const body = known ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
  const name = known ? lang : 'text';
  return `<pre class="code" data-lang="${name}"><code class="hljs language-${name}">${body}</code></pre>\n`;
}

/** `text` with `&`, `<`, `>` and `"` escaped for HTML. */
export function escapeHtml(text: string): string {
  return md.utils.escapeHtml(text);
}

const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false, highlight: highlightCode });
/** The same parser without the site's rules, to find chart markers. */
const plain = new MarkdownIt('default', { html: true });

/** The line of `source` that a token starts at, for error messages. */
function lineOf(env: DocEnv, token: Token | undefined): number {
  return (env.firstLine ?? 1) + (token?.map?.[0] ?? 0);
}

/** Heading ids from slug(), made unique as GitHub does (see anchorsOf); the TOC from h2 and h3. */
md.core.ruler.push('heading_ids', (state) => {
  const env = state.env as DocEnv;
  const taken = new Map<string, number>();
  state.tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const text = inlineText(state.tokens[i + 1]?.children ?? []);
    const base = slug(text);
    let id = base;
    while (taken.has(id)) {
      const n = (taken.get(base) ?? 0) + 1;
      taken.set(base, n);
      id = `${base}-${n}`;
    }
    taken.set(id, 0);
    token.attrSet('id', id);
    if (token.tag === 'h1' && env.title === undefined) env.title = text;
    if (token.tag === 'h2' || token.tag === 'h3') env.toc.push({ level: token.tag === 'h2' ? 2 : 3, id, text });
  });
});

/** Links from the repository's layout to the site's; files the site does not hold become `<code>` paths. */
md.core.ruler.push('site_links', (state) => {
  const env = state.env as DocEnv;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || block.children === null) continue;
    const children: Token[] = [];
    for (let i = 0; i < block.children.length; i++) {
      const token = block.children[i]!;
      if (token.type !== 'link_open') {
        children.push(token);
        continue;
      }
      const href = String(token.attrGet('href') ?? '');
      let target;
      try {
        target = resolveLink(href, env.source, env.page);
      } catch (error) {
        throw new Error(`${env.source}:${lineOf(env, block)}: ${(error as Error).message}`);
      }
      if (target.kind === 'external') {
        children.push(token);
      } else if (target.kind === 'page') {
        token.attrSet('href', target.href);
        children.push(token);
      } else {
        let close = i + 1;
        while (close < block.children.length && block.children[close]!.type !== 'link_close') close++;
        const inner = block.children.slice(i + 1, close);
        const code = new state.Token('code_inline', 'code', 0);
        code.content = target.path;
        if (inlineText(inner) === target.path) {
          children.push(code);
        } else {
          const open = new state.Token('text', '', 0);
          open.content = ' (';
          const shut = new state.Token('text', '', 0);
          shut.content = ')';
          children.push(...inner, open, code, shut);
        }
        i = close;
      }
    }
    block.children = children;
  }
});

/** A blockquote whose first paragraph opens with a bold label (**Pitfall**, **Note**, …) is a callout. */
md.core.ruler.push('callouts', (state) => {
  const tokens = state.tokens;
  const open: Token[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'blockquote_open') {
      open.push(token);
      const inline = tokens[i + 2];
      const opening = tokens[i + 1]?.type === 'paragraph_open' && inline?.type === 'inline' ? (inline.children ?? []).filter((child) => child.type !== 'text' || child.content !== '') : [];
      const label = calloutLabel(opening);
      if (label === undefined) return;
      token.tag = 'aside';
      token.attrSet('class', `callout callout-${label}`);
      opening[0]!.attrSet('class', 'callout-label');
    } else if (token.type === 'blockquote_close') {
      token.tag = open.pop()?.tag ?? 'blockquote';
    }
  });
});

/** The callout kind a paragraph's (non-empty) inline tokens open with (`**Pitfall**`, `**Note:**`, …), if any. */
function calloutLabel(children: readonly Token[]): string | undefined {
  if (children[0]?.type !== 'strong_open' || children[2]?.type !== 'strong_close') return undefined;
  const text = children[1]?.type === 'text' ? children[1].content.trim().replace(/[:.]$/, '').toLowerCase() : '';
  return (calloutKinds as readonly string[]).includes(text) ? text : undefined;
}

/** `<!-- chart: id -->` on a line of its own becomes that chart's figure. */
md.renderer.rules.html_block = (tokens, idx, _options, envArg) => {
  const env = envArg as DocEnv;
  const token = tokens[idx]!;
  const id = chartLine.exec(token.content.trim())?.[1];
  if (id === undefined) return token.content;
  const figure = env.figures?.get(id);
  if (figure === undefined) throw new Error(`${env.source}:${lineOf(env, token)}: no figure for chart "${id}" (find its markers with chartMarkers() and render them first)`);
  return `${figure}\n`;
};

/** Renders a Markdown document (or an extract of one) into the site's HTML. */
export function renderMarkdown(markdown: string, options: RenderOptions): Rendered {
  const env: DocEnv = { ...options, toc: [], title: undefined };
  const html = md.render(markdown, env);
  return { html, toc: env.toc, title: env.title };
}

/** Renders one paragraph's worth of Markdown without the `<p>` around it. */
export function renderInline(markdown: string, options: RenderOptions): string {
  const env: DocEnv = { ...options, toc: [], title: undefined };
  return md.renderInline(markdown, env);
}

/** The text of one line of inline Markdown as a reader sees it (`` `Map` `` reads `Map`). */
export function plainText(markdown: string): string {
  return inlineText(plain.parseInline(markdown, {})[0]?.children ?? []);
}

/** A `<!-- chart: id -->` line of a Markdown document. */
export interface ChartMarker {
  readonly id: string;
  /** Its line in the source (1-based). */
  readonly line: number;
}

/** The chart markers of a Markdown document, in order (markers inside code blocks do not count). */
export function chartMarkers(markdown: string, firstLine = 1): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (const token of plain.parse(markdown, {})) {
    if (token.type !== 'html_block') continue;
    const id = chartLine.exec(token.content.trim())?.[1];
    if (id !== undefined) markers.push({ id, line: firstLine + (token.map?.[0] ?? 0) });
  }
  return markers;
}
