/**
 * The documentation site in a real browser: the whole site (API reference included) is built into
 * a temp dir and every page the builder lists, with typedoc's index and a sample of its class
 * pages, is opened in headless Chromium twice, from file:// and over http from 127.0.0.1. On each:
 * no console or page errors, no failed requests, nothing fetched from another host, every internal
 * link leads to a page that exists and every #fragment to an id in that page's DOM, every code
 * block highlighted, every chart drawn with data. Screenshots of the home page and a chapter go
 * to .workbook/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary } from '../../lib/system-binary.js';
import { chapters, root } from '../registry.js';
import { findChromium, launchChromium, Tab, type Browser, type PageReport } from './browser.js';
import { build } from './build.js';
import { checkLinks, formatLinkProblems } from './check-links.js';
import { startServer, type SiteServer } from './serve.js';
import { apiDir, chapterPage, homePage } from './links.js';

const chromiumPath = findChromium();
const available = needBinary('chromium', chromiumPath, 'Debian: apt-get install -y chromium');

/** Where the screenshots are kept for whoever looks at a CI run. */
const ARTIFACTS = join(root, '.workbook', 'artifacts');
/** How many of typedoc's class pages are opened besides its index. */
const API_CLASS_SAMPLE = 6;
/**
 * Code blocks highlight.js marks but may leave without a token: plain text, and shell, where a bare
 * command such as `npm run exercise lru` has nothing to colour. Every other language must show colour.
 */
const UNCOLOURED = /\blanguage-(text|bash|sh|shell|console)\b/;
/** What marks a chart's data points (see harness/docs/charts/plot.ts). */
const DATA_POINT = '[data-series]';

type Mode = 'file' | 'http';

/** `count` entries spread evenly over `items`, first and last included. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}

describe.runIf(available)('the documentation site in headless Chromium', () => {
  let out = '';
  let server: SiteServer | undefined;
  let browser: Browser | undefined;
  /** Site-relative paths of the pages to open, with `/` separators. */
  let pages: string[] = [];
  /** The DOM ids of every page opened so far, by site-relative path (the DOM is the same either way). */
  const idsOf = new Map<string, ReadonlySet<string>>();

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cachecraft-site-'));
    const built = await build({ out, api: true });
    const classes = readdirSync(join(out, apiDir, 'classes')).filter((name) => name.endsWith('.html')).sort();
    pages = [...built.pages, `${apiDir}/index.html`, ...spread(classes, API_CLASS_SAMPLE).map((name) => `${apiDir}/classes/${name}`)];
    // The server of `npm run docs -- --serve`, reload script included: what a reader gets.
    server = await startServer({ dir: out, port: 0 });
    browser = await launchChromium(chromiumPath!);
  }, 80_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });

  /** Where the site starts in `mode`. */
  function originOf(mode: Mode): string {
    return mode === 'file' ? pathToFileURL(out).href + '/' : server!.url;
  }

  /** The site-relative path `url` names, or undefined when it is outside the site. */
  function pageOf(mode: Mode, url: string): string | undefined {
    const bare = url.replace(/[?#].*$/, '');
    if (!bare.startsWith(originOf(mode))) return undefined;
    const path = mode === 'file' ? relative(out, fileURLToPath(bare)).split(sep).join('/') : decodeURIComponent(bare.slice(server!.url.length));
    return mode === 'http' && (path === '' || path.endsWith('/')) ? `${path}index.html` : path;
  }

  /** Opens `page` in `tab`, remembering its ids for the fragment checks. */
  async function open(tab: Tab, mode: Mode, page: string): Promise<PageReport> {
    const origin = originOf(mode);
    const report = await tab.inspect(new URL(page, origin).href, { local: (href) => href.startsWith(origin), dataPoint: DATA_POINT });
    idsOf.set(page, report.ids);
    return report;
  }

  /** What is wrong with the links of `report`: targets that do not exist, fragments with no element. */
  async function brokenLinks(tab: Tab, mode: Mode, page: string, report: PageReport): Promise<string[]> {
    const problems: string[] = [];
    for (const href of new Set(report.links)) {
      const target = pageOf(mode, href);
      if (target === undefined) {
        problems.push(`link to ${href} leaves the site (only http(s) links may go elsewhere)`);
        continue;
      }
      const file = join(out, target);
      if (!existsSync(file) || !statSync(file).isFile()) {
        const hint = existsSync(file) ? ' (a folder: from the file system a link must name the .html file)' : '';
        problems.push(`link to ${href}: no such page${hint}`);
        continue;
      }
      const fragment = decodeURIComponent(new URL(href).hash.slice(1));
      if (fragment === '' || !target.endsWith('.html')) continue;
      const ids = target === page ? report.ids : (idsOf.get(target) ?? (await open(tab, mode, target)).ids);
      if (!ids.has(fragment)) problems.push(`link to ${href}: ${target} has no element with id "${fragment}"`);
    }
    return problems;
  }

  /** What is wrong with the code blocks and charts of `report`. */
  function badContent(page: string, report: PageReport): string[] {
    const problems: string[] = [];
    const api = page.startsWith(`${apiDir}/`);
    for (const block of report.code) {
      const name = `code block "${block.firstLine}" (class "${block.classes}")`;
      if (!api && !/\bhljs\b/.test(block.classes)) problems.push(`${name} is not marked by highlight.js (see highlightCode in harness/docs/markdown.ts)`);
      else if (!api && UNCOLOURED.test(block.classes)) continue;
      else if (block.tokens === 0) problems.push(`${name} has no highlighted tokens`);
      else if (!block.coloured) problems.push(`${name} is not coloured: is the highlight theme's stylesheet loaded?`);
    }
    for (const chart of report.charts) {
      if (chart.width <= 0 || chart.height <= 0) problems.push(`${chart.name} was not drawn (its svg is ${chart.width}x${chart.height})`);
      if (chart.points === 0) problems.push(`${chart.name} has no data points (${DATA_POINT})`);
      else if (chart.drawn === 0) problems.push(`${chart.name}: none of its ${chart.points} data points has a non-empty bounding box`);
    }
    return problems;
  }

  it('notices what a broken page does, so that a clean report means something', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cachecraft-broken-page-'));
    const tab = await Tab.open(browser!.context);
    try {
      writeFileSync(
        join(dir, 'broken.html'),
        [
          '<!doctype html><html><head><title>broken</title><link rel="stylesheet" href="missing.css">',
          '<script src="https://cdn.example.com/lib.js"></script></head><body>',
          '<a href="other.html#nowhere">in</a> <a href="https://example.com/">out</a>',
          '<pre><code class="hljs language-typescript">const x = 1;</code></pre>',
          '<figure class="chart"><svg width="0" height="0"></svg></figure>',
          "<script>console.error('boom'); throw new Error('thrown');</script></body></html>",
        ].join('\n'),
      );
      const report = await tab.inspect(pathToFileURL(join(dir, 'broken.html')).href, { local: (href) => href.startsWith('file:'), dataPoint: DATA_POINT });
      const errors = report.errors.join('\n');
      expect(errors).toContain('console error: boom');
      expect(errors).toContain('page error: thrown');
      expect(errors).toContain('request to another host: https://cdn.example.com/lib.js');
      expect(errors).toMatch(/request failed: file:.*missing\.css/);
      expect(report.links).toEqual([pathToFileURL(join(dir, 'other.html')).href + '#nowhere']);
      expect(badContent('broken.html', report)).toEqual([
        'code block "const x = 1;" (class "hljs language-typescript") has no highlighted tokens',
        'chart 1 was not drawn (its svg is 0x0)',
        'chart 1 has no data points ([data-series])',
      ]);
    } finally {
      await tab.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no broken link, anchor or off-site load in any built file (static check, typedoc pages included)', () => {
    const report = checkLinks(out);
    expect(report.pages).toBeGreaterThan(pages.length);
    expect(report.problems.length, formatLinkProblems(report.problems)).toBe(0);
  });

  for (const mode of ['file', 'http'] as const) {
    it(`opens every page ${mode === 'file' ? 'from the file system' : 'over http'}: no errors, no broken links or anchors, code highlighted, charts drawn`, async () => {
      const tab = await Tab.open(browser!.context);
      const problems: string[] = [];
      let coloured = 0;
      let charts = 0;
      try {
        for (const page of pages) {
          const report = await open(tab, mode, page);
          const found = new Set([...report.errors, ...badContent(page, report), ...(await brokenLinks(tab, mode, page, report))]);
          for (const problem of found) problems.push(`${page}: ${problem}`);
          coloured += report.code.filter((block) => block.coloured).length;
          charts += report.charts.length;
        }
      } finally {
        await tab.close();
      }
      expect(problems).toEqual([]);
      expect(coloured, 'coloured code blocks over all pages').toBeGreaterThan(0);
      expect(charts, 'charts over all pages').toBeGreaterThanOrEqual(3);
    }, 60_000);
  }

  it('saves full-page screenshots of the home page and a chapter', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const tab = await Tab.open(browser!.context);
    try {
      for (const [page, name] of [[homePage, 'site-home.png'], [chapterPage(chapters[0]!.id), 'site-chapter.png']] as const) {
        const path = join(ARTIFACTS, name);
        rmSync(path, { force: true });
        await tab.screenshot(new URL(page, server!.url).href, path);
        expect(statSync(path).size, `${path} is empty`).toBeGreaterThan(1_000);
      }
    } finally {
      await tab.close();
    }
  }, 30_000);
});
