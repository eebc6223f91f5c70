import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf } from '../interview/slug.js';
import { chapters, root } from '../registry.js';
import { chartMarkers, highlightCode, plainText, renderMarkdown } from './markdown.js';

const chapterOptions = { source: 'chapters/02-eviction/README.md', page: 'chapters/02-eviction.html' };

describe('renderMarkdown', () => {
  it("gives every chapter's headings the ids GitHub gives them (anchorsOf)", () => {
    for (const chapter of chapters) {
      const source = `chapters/${chapter.id}/README.md`;
      const markdown = readFileSync(join(root, source), 'utf8');
      const { html } = renderMarkdown(markdown, { source, page: `chapters/${chapter.id}.html`, figures: new Map(chartMarkers(markdown).map((m) => [m.id, ''])) });
      const ids = [...html.matchAll(/<h[1-6] id="([^"]+)"/g)].map((match) => match[1]);
      expect(new Set(ids), source).toEqual(anchorsOf(markdown));
    }
  });

  it('makes repeated headings unique and lists h2 and h3 in the table of contents', () => {
    const { toc, title, html } = renderMarkdown('# Top\n\n## Costs\n\n### `get` and `set`\n\n#### Deep\n\n## Costs\n', chapterOptions);
    expect(title).toBe('Top');
    expect(toc).toEqual([
      { level: 2, id: 'costs', text: 'Costs' },
      { level: 3, id: 'get-and-set', text: 'get and set' },
      { level: 2, id: 'costs-1', text: 'Costs' },
    ]);
    expect(html).toContain('<h4 id="deep">');
  });

  it('renders a blockquote that opens with a bold label as a callout of that kind, and others as blockquotes', () => {
    const { html } = renderMarkdown('> **Pitfall:** a `Map` is not O(1) here.\n>\n> More.\n\n> **Interview** Say why.\n\n> Just a quote.\n\n> **Bold** but no kind.\n', chapterOptions);
    expect(html).toContain('<aside class="callout callout-pitfall">\n<p><strong class="callout-label">Pitfall:</strong> a <code>Map</code> is not O(1) here.</p>\n<p>More.</p>\n</aside>');
    expect(html).toContain('<aside class="callout callout-interview">');
    expect(html).toContain('<blockquote>\n<p>Just a quote.</p>\n</blockquote>');
    expect(html).toContain('<blockquote>\n<p><strong>Bold</strong> but no kind.</p>\n</blockquote>');
    for (const kind of ['Note', 'Warning']) expect(renderMarkdown(`> **${kind}** x\n`, chapterOptions).html).toContain(`callout-${kind.toLowerCase()}`);
  });

  it('renders tables', () => {
    expect(renderMarkdown('| a | b |\n|---|--:|\n| 1 | 2 |\n', chapterOptions).html).toContain('<td style="text-align:right">2</td>');
  });

  it('highlights fenced code, and wraps text and unknown languages the same way, escaped', () => {
    const { html } = renderMarkdown('```ts\nconst a: number = 1;\n```\n\n```text\n<b> & co\n```\n\n```cobol\nMOVE 1\n```\n', chapterOptions);
    expect(html).toContain('<pre class="code" data-lang="ts"><code class="hljs language-ts"><span class="hljs-keyword">const</span>');
    expect(html).toContain('<pre class="code" data-lang="text"><code class="hljs language-text">&lt;b&gt; &amp; co\n</code></pre>');
    expect(html).toContain('<code class="hljs language-text">MOVE 1\n</code>');
    expect(highlightCode('npm test # run it', 'sh')).toContain('<code class="hljs language-sh">npm <span class="hljs-built_in">test</span> <span class="hljs-comment"># run it</span>');
  });

  it("rewrites links from the repository's layout to the site's", () => {
    const markdown = [
      '[next](../03-patterns/README.md#cache-aside)',
      '[lru](../../exercises/lru.ts)',
      '[types](../../exercises/workbook.ts)',
      '[the reference](../../solutions/lru.ts)',
      '[store](../../lib/memory-store.ts)',
      '[questions](questions.md)',
      '[here](#lru)',
      '[bench/zipf.ts](../../bench/zipf.ts)',
      '[the grader](../../harness/grade/runner.ts)',
      '[fast-check](https://fast-check.dev)',
    ].join('\n\n');
    const { html } = renderMarkdown(markdown, chapterOptions);
    expect(html).toContain('<a href="03-patterns.html#cache-aside">next</a>');
    expect(html).toContain('<a href="../exercises/lru.html">lru</a>');
    expect(html).toContain('<a href="../api/modules/exercises_workbook.html">types</a>');
    expect(html).toContain('<a href="../api/modules/solutions_lru.html">the reference</a>');
    expect(html).toContain('<a href="../api/modules/lib.html">store</a>');
    expect(html).toContain('<a href="../interview.html#02-eviction">questions</a>');
    expect(html).toContain('<a href="#lru">here</a>');
    expect(html).toContain('<p><code>bench/zipf.ts</code></p>');
    expect(html).toContain('<p>the grader (<code>harness/grade/runner.ts</code>)</p>');
    expect(html).toContain('<a href="https://fast-check.dev">fast-check</a>');
  });

  it('refuses a link that leaves the repository, naming the file and line', () => {
    expect(() => renderMarkdown('# T\n\nSee [x](../../../etc/passwd).\n', chapterOptions)).toThrow('chapters/02-eviction/README.md:3: the link ../../../etc/passwd leaves the repository');
  });

  it('puts a figure in place of a chart marker, and finds the markers with their lines', () => {
    const markdown = '# T\n\n<!-- chart: zipf -->\n\n```md\n<!-- chart: in-code -->\n```\n\n<!-- an ordinary comment -->\n';
    expect(chartMarkers(markdown)).toEqual([{ id: 'zipf', line: 3 }]);
    const { html } = renderMarkdown(markdown, { ...chapterOptions, figures: new Map([['zipf', '<figure class="chart" id="chart-zipf"></figure>']]) });
    expect(html).toContain('<figure class="chart" id="chart-zipf"></figure>');
    expect(html).toContain('<!-- an ordinary comment -->');
    expect(() => renderMarkdown(markdown, chapterOptions)).toThrow('chapters/02-eviction/README.md:3: no figure for chart "zipf"');
  });

  it('reads inline Markdown as text', () => {
    expect(plainText('Is a JavaScript `Map` an *LRU*?')).toBe('Is a JavaScript Map an LRU?');
  });
});
