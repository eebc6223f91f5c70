import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks, formatLinkProblems } from './check-links.js';

let dir = '';
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A site of these files (path → content) in a fresh temp folder. */
function site(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'cachecraft-links-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('checkLinks', () => {
  it('follows relative links and anchors between pages, assets and SVG ids', () => {
    const root = site({
      'index.html': '<link rel="stylesheet" href="assets/site.css"><a href="chapters/a.html#costs">a</a> <a href="#top" id="top">top</a> <a href="https://example.com/x">out</a> <a href="mailto:x@y.z">mail</a>',
      'chapters/a.html': '<h2 id="costs">Costs</h2><a href="../index.html">home</a><a href="../index.html?x=1#top">home</a><a name="old"></a><a href="a.html#old">old</a><svg><use href="../assets/i.svg#dot"/></svg>',
      'assets/site.css': 'body{}',
      'assets/i.svg': '<svg><circle id="dot"/></svg>',
    });
    const report = checkLinks(root);
    expect(report.problems).toEqual([]);
    expect(report.pages).toBe(2);
    expect(report.links).toBe(7);
  });

  it('reports missing files and anchors, folders, absolute paths, other hosts and repeated ids', () => {
    const root = site({
      'index.html': [
        '<a href="missing.html">x</a>',
        '<a href="sub/page.html#nowhere">x</a>',
        '<a href="sub/">x</a>',
        '<a href="/sub/page.html">x</a>',
        '<script src="https://cdn.example.com/x.js"></script>',
        '<link rel="stylesheet" href="//fonts.example.com/f.css">',
        '<a href="../outside.html">x</a>',
        '<p id="a">1</p><p id="a">2</p>',
        '<!-- <a href="commented-out.html">x</a> -->',
        '<pre><code>&lt;a href=&quot;in-code.html&quot;&gt;</code></pre>',
      ].join('\n'),
      'sub/page.html': '<p id="here">x</p>',
      'sub/index.html': '',
    });
    const problems = formatLinkProblems(checkLinks(root).problems).split('\n');
    expect(problems).toEqual([
      'index.html: #a: two elements have the id "a": make each id unique on the page',
      'index.html: missing.html: missing.html does not exist',
      'index.html: sub/page.html#nowhere: sub/page.html has no element with the id "nowhere"',
      'index.html: sub/: sub is a folder: from the file system a link must name the file (sub/index.html)',
      'index.html: /sub/page.html: an absolute path does not work from the file system: make it relative to the page',
      'index.html: https://cdn.example.com/x.js: <script> loads from another host: the site must work offline, so copy the file into the site',
      'index.html: //fonts.example.com/f.css: <link> loads from another host: the site must work offline, so copy the file into the site',
      'index.html: ../outside.html: leads outside the site',
    ]);
  });

  it('takes targets under an ignored prefix as present', () => {
    const root = site({ 'index.html': '<a href="api/index.html">API</a><a href="api/modules/x.html#y">x</a>' });
    expect(checkLinks(root).problems).toHaveLength(2);
    expect(checkLinks(root, { ignore: ['api/'] }).problems).toEqual([]);
  });
});
