import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../interview/bank.js';
import { chapters, exercises, root } from '../registry.js';
import { build } from './build.js';
import { checkLinks, formatLinkProblems } from './check-links.js';
import { chartMarkers } from './markdown.js';

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

describe('the documentation site, built', () => {
  let temp = '';
  /** Built without the API reference. */
  let bare = '';
  /** Built with it. */
  let full = '';
  let pages: string[] = [];

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'cachecraft-docs-'));
    bare = join(temp, 'bare');
    full = join(temp, 'full');
    ({ pages } = await build({ out: bare, api: false }));
    await build({ out: full, api: true });
  }, 240_000);

  afterAll(() => {
    if (temp !== '') rmSync(temp, { recursive: true, force: true });
  });

  /** A page of the full build. */
  const read = (page: string): string => readFileSync(join(full, page), 'utf8');

  it('has the home page, every chapter, every exercise and the interview bank', () => {
    const expected = [
      'index.html',
      'interview.html',
      ...chapters.map((chapter) => `chapters/${chapter.id}.html`),
      ...exercises.map((exercise) => `exercises/${exercise.id}.html`),
    ].sort();
    expect(pages).toEqual(expected);
    for (const page of pages) expect(existsSync(join(full, page)), page).toBe(true);
    expect(existsSync(join(full, 'api', 'index.html'))).toBe(true);
    expect(existsSync(join(bare, 'api'))).toBe(false);
  });

  it('links every href and #anchor to a file and an id of the site, the API reference included', () => {
    const withApi = checkLinks(full);
    expect(formatLinkProblems(withApi.problems)).toBe('');
    expect(withApi.pages).toBeGreaterThan(100);
    const without = checkLinks(bare, { ignore: ['api/'] });
    expect(formatLinkProblems(without.problems)).toBe('');
  });

  it('links the site and the API reference both ways', () => {
    expect(read('exercises/lru.html')).toContain('href="../api/modules/solutions_lru.html"');
    expect(read('chapters/03-patterns.html')).toContain('href="../api/modules/exercises_workbook.html"');
    const api = read('api/modules/solutions_lru.html');
    expect(api).toContain('href="../../index.html"');
    for (const chapter of chapters) expect(api).toContain(`href="../../chapters/${chapter.id}.html"`);
    expect(read('api/index.html')).toContain('href="../interview.html"');
  });

  it('builds the same bytes every time', () => {
    const files = filesUnder(bare);
    expect(files).toEqual(filesUnder(full).filter((file) => !file.startsWith('api')));
    for (const file of files) expect(readFileSync(join(bare, file)).equals(readFileSync(join(full, file))), file).toBe(true);
  });

  it('gives each page a table of contents of its h2 and h3 headings', () => {
    const html = read('chapters/02-eviction.html');
    const toc = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>', html.indexOf('<nav class="toc"')));
    const headings = [...html.matchAll(/<h([23]) id="([^"]+)"/g)].map((match) => match[2]);
    expect([...toc.matchAll(/href="#([^"]+)"/g)].map((match) => match[1])).toEqual(headings);
    expect(headings).toContain('the-o1-design-a-hash-map-plus-a-doubly-linked-list');
  });

  it('highlights code blocks and marks every one the same way', () => {
    const html = read('chapters/03-patterns.html');
    expect(html).toMatch(/<pre class="code" data-lang="ts"><code class="hljs language-ts">[^]*?<span class="hljs-keyword">/);
    expect(html).toMatch(/<pre class="code" data-lang="text"><code class="hljs language-text">[^<]*<\/code><\/pre>/);
    const blocks = [...html.matchAll(/<pre[^>]*>/g)].map((match) => match[0]);
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(block).toMatch(/^<pre class="code" data-lang="[\w-]+">$/);
  });

  it('shows each chapter\'s pitfalls as callouts', () => {
    for (const chapter of chapters) {
      expect(read(`chapters/${chapter.id}.html`), chapter.id).toMatch(/<aside class="callout callout-pitfall">\s*<p><strong class="callout-label">Pitfall/);
    }
  });

  it("places each chapter's charts as figures with their SVG and caption", () => {
    let figures = 0;
    for (const chapter of chapters) {
      const markers = chartMarkers(readFileSync(join(root, 'chapters', chapter.id, 'README.md'), 'utf8'));
      const html = read(`chapters/${chapter.id}.html`);
      for (const { id } of markers) {
        expect(html).toMatch(new RegExp(`<figure class="chart" id="chart-${id}">\\n<svg[^]*?</svg>\\n<figcaption><p class="chart-title">[^<]+</p>`));
        figures++;
      }
      expect(html).not.toContain('<!-- chart:');
    }
    expect(figures).toBeGreaterThan(0);
  });

  it('shows each exercise with its contract, commands, folded hints and the API page of its reference', () => {
    for (const exercise of exercises) {
      const html = read(`exercises/${exercise.id}.html`);
      expect(html).toContain(`<h1 id="top">${exercise.title}</h1>`);
      expect(html).toContain(`href="../chapters/${exercise.chapter}.html"`);
      expect(html).toContain('The contract (the grader checks exactly this, nothing else):');
      expect(html).not.toMatch(/@module|\{@link/);
      for (const command of ['exercise', 'hint', 'watch', 'reset']) expect(html).toContain(`npm run ${command} ${exercise.id}`);
      expect(html.match(/<details class="hint">/g)).toHaveLength(exercise.hints.length);
      expect(html).toContain(`href="../api/modules/solutions_${exercise.id}.html"`);
    }
  });

  it('shows every question of the bank with its answer, key points, follow-ups and wrong answers folded', () => {
    const html = read('interview.html');
    const bank = loadBank(root);
    for (const question of bank) expect(html, question.id).toContain(`<article class="question" id="${question.id}">`);
    for (const kind of ['answer', 'key-points', 'follow-ups', 'wrong-answers']) expect(html.match(new RegExp(`<details class="${kind}">`, 'g'))).toHaveLength(bank.length);
    expect(html).not.toMatch(/<details[^>]* open/);
  });

  it('replaces an earlier build, and refuses a folder it did not make', async () => {
    writeFileSync(join(bare, 'stale.html'), 'old');
    await build({ out: bare, api: false });
    expect(existsSync(join(bare, 'stale.html'))).toBe(false);
    const foreign = join(temp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    await expect(build({ out: foreign, api: false })).rejects.toThrow(/is not empty and was not made by the docs build: choose an empty or new folder/);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  }, 120_000);
});
