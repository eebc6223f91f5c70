/**
 * Headings' anchors, as GitHub makes them: the one implementation the question bank and the docs
 * site share (see FORMAT.md, "Anchors").
 *
 * @module
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/**
 * The text of inline tokens as a reader sees it: text, inline code and the text of links, without
 * the Markdown around them. Images and raw HTML add nothing; a line break counts as a space.
 */
export function inlineText(children: readonly Token[]): string {
  let text = '';
  for (const token of children) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
  }
  return text;
}

/**
 * The slug of a heading's text, by GitHub's rule: lower-cased, every character that is not a
 * letter (with its combining marks), a digit, a space, `-` or `_` removed, then each space
 * replaced by `-`. `slug('The naive answer: hash(key) % n')` is `'the-naive-answer-hashkey--n'`.
 */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd} _-]/gu, '')
    .replaceAll(' ', '-');
}

/**
 * Every heading's anchor in a Markdown document, in document order, as GitHub makes them: the
 * slug of the heading's text (see {@link inlineText}), and for a slug already taken, the slug
 * followed by `-1`, `-2`, … (the first suffix not taken).
 */
export function anchorsOf(markdown: string): Set<string> {
  const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
  /** Each anchor taken, with how many suffixes its slug has used so far. */
  const taken = new Map<string, number>();
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const base = slug(inlineText(tokens[i + 1]?.children ?? []));
    let anchor = base;
    while (taken.has(anchor)) {
      const n = (taken.get(base) ?? 0) + 1;
      taken.set(base, n);
      anchor = `${base}-${n}`;
    }
    taken.set(anchor, 0);
  });
  return new Set(taken.keys());
}
