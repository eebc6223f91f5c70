/**
 * The one HTML template of the site's own pages: a header with the navigation, the page's table of
 * contents in a sidebar, the content and a footer. Every URL is relative, so the pages work from
 * the file system as well as served, and nothing is loaded from another host.
 *
 * @module
 */
import { chapters } from '../registry.js';
import { apiDir, chapterPage, homePage, hrefBetween, interviewPage } from './links.js';
import { escapeHtml, type TocEntry } from './markdown.js';

/** The site's stylesheets, relative to the site's root. */
export const stylesheets = ['assets/highlight.css', 'assets/site.css'] as const;

/** One page of the site, before the template. */
export interface PageContent {
  /** Where it goes, relative to the site's root, e.g. `chapters/02-eviction.html`. */
  readonly path: string;
  /** The title, in words (the `<title>` adds the site's name). */
  readonly title: string;
  /** The HTML of the content, its `<h1>` included. */
  readonly body: string;
  /** The table of contents for the sidebar (none: no sidebar). */
  readonly toc?: readonly TocEntry[];
}

/** A rendered page: where it goes and its HTML. */
export interface Page {
  readonly path: string;
  readonly html: string;
}

/** The entries of the header's navigation: label and site-relative target. */
function navigation(): Array<[label: string, target: string]> {
  return [
    ['Home', homePage],
    ...chapters.map((chapter, i): [string, string] => [`${i + 1} ${chapter.title}`, chapterPage(chapter.id)]),
    ['Interview questions', interviewPage],
    ['API', `${apiDir}/index.html`],
  ];
}

/** The sidebar's table of contents: the h2 entries, each with its h3 entries nested. */
function tocHtml(toc: readonly TocEntry[]): string {
  const groups: Array<{ head: string; subs: string[] }> = [];
  for (const entry of toc) {
    const link = `<a href="#${escapeHtml(entry.id)}">${escapeHtml(entry.text)}</a>`;
    if (entry.level === 2 || groups.length === 0) groups.push({ head: entry.level === 2 ? link : '', subs: entry.level === 3 ? [link] : [] });
    else groups.at(-1)!.subs.push(link);
  }
  const items = groups.map(({ head, subs }) => `<li>${head}${subs.length === 0 ? '' : `<ul>${subs.map((sub) => `<li>${sub}</li>`).join('')}</ul>`}</li>`);
  return `<nav class="toc" aria-label="On this page"><p class="toc-title">On this page</p><ul>${items.join('')}</ul></nav>`;
}

/** Wraps a page's content in the site's template. */
export function layout(page: PageContent): Page {
  const to = (target: string): string => escapeHtml(hrefBetween(page.path, target));
  const nav = navigation()
    .map(([label, target]) => `<a href="${to(target)}"${target === page.path ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`)
    .join('\n      ');
  const toc = page.toc !== undefined && page.toc.length > 0 ? `\n    <aside class="sidebar">${tocHtml(page.toc)}</aside>` : '';
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(page.title)} · cachecraft</title>
${stylesheets.map((sheet) => `  <link rel="stylesheet" href="${to(sheet)}">`).join('\n')}
</head>
<body>
  <header class="site-header">
    <a class="site-name" href="${to(homePage)}">cachecraft</a>
    <nav class="site-nav" aria-label="Site">
      ${nav}
    </nav>
  </header>
  <div class="page${toc === '' ? '' : ' with-sidebar'}">${toc}
    <main class="content">
${page.body}
    </main>
  </div>
  <footer class="site-footer">
    <p>cachecraft: a workbook that teaches caching by building it. This site is built from the repository by <code>npm run docs</code>; the chapters, exercises and questions are the same files you read on GitHub.</p>
  </footer>
</body>
</html>
`;
  return { path: page.path, html };
}
