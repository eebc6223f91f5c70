/**
 * The API reference: typedoc, run in this process with the project's typedoc.json (warnings are
 * errors), into `<out>/api`, with navigation links in its header and sidebar back to the site's
 * home, chapters and interview bank; its pages are then finished so that they work from the file
 * system without a console error.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { Application, LogLevel } from 'typedoc';
import { chapters, root } from '../registry.js';
import { apiDir, apiPages, chapterPage, homePage, interviewPage } from './links.js';

/**
 * What typedoc's navigation links point at, written against the site's root behind this prefix:
 * typedoc writes navigation links as given on every page, at any depth, so {@link finishPages}
 * makes each page's copy relative to that page.
 */
const sitePrefix = 'cachecraft-site:';

/** The links typedoc shows back to the site: label and site-relative target. */
function navigationLinks(): Record<string, string> {
  const links: Record<string, string> = { 'cachecraft home': `${sitePrefix}${homePage}` };
  chapters.forEach((chapter, i) => {
    links[`${i + 1} ${chapter.title}`] = `${sitePrefix}${chapterPage(chapter.id)}`;
  });
  links['Interview questions'] = `${sitePrefix}${interviewPage}`;
  return links;
}

/**
 * Makes typedoc's pages work from the file system and link back to the site: each navigation link
 * becomes relative to its page, and each icon, which typedoc draws with `<use>` from
 * `assets/icons.svg` (a file that Chromium refuses to load into a page opened from file://, with
 * a console error), is drawn from a copy of its symbol inside the page.
 */
function finishPages(dir: string): void {
  const symbols = new Map<string, string>();
  for (const symbol of readFileSync(join(dir, 'assets', 'icons.svg'), 'utf8').matchAll(/<symbol\b[^>]*\bid="([^"]+)"[^]*?<\/symbol>/g)) symbols.set(symbol[1]!, symbol[0]);
  const visit = (folder: string): void => {
    for (const entry of readdirSync(join(dir, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.html')) writeFileSync(join(dir, path), finishPage(readFileSync(join(dir, path), 'utf8'), path, symbols));
    }
  };
  visit('');
}

/** One page of typedoc's (at `path` under api/) with its navigation links and icons fixed (see finishPages). */
function finishPage(html: string, path: string, symbols: ReadonlyMap<string, string>): string {
  const used = new Set<string>();
  const page = html
    .replaceAll(`href="${sitePrefix}`, `href="${'../'.repeat(path.split('/').length)}`)
    .replace(/href="(?:\.\.\/)*assets\/icons\.svg#([^"]+)"/g, (_, id: string) => {
      used.add(id);
      return `href="#${id}"`;
    });
  const missing = [...used].filter((id) => !symbols.has(id));
  if (missing.length > 0) throw new Error(`api/${path} uses the icons ${missing.join(', ')}, which api/assets/icons.svg does not define: typedoc's output changed; update finishPage in harness/docs/typedoc.ts`);
  if (used.size === 0) return page;
  const sprite = `<svg class="site-icons" style="display:none" aria-hidden="true">${[...used].sort().map((id) => symbols.get(id)).join('')}</svg>`;
  return page.replace(/<body>/, `<body>${sprite}`);
}

/**
 * Generates the API reference into `<out>/api` and checks that every page the site links to
 * ({@link apiPages}) exists.
 *
 * @throws Error when typedoc reports an error or a warning (its messages are printed above), or a
 * page the site links to is missing.
 */
export async function buildApi(out: string): Promise<void> {
  const dir = join(out, apiDir);
  const app = await Application.bootstrapWithPlugins({
    options: join(root, 'typedoc.json'),
    tsconfig: join(root, 'tsconfig.json'),
    out: dir,
    logLevel: LogLevel.Warn,
    navigationLinks: navigationLinks(),
  });
  const failed = (): boolean => app.logger.hasErrors() || app.logger.hasWarnings();
  const advice = 'typedoc reported the problems above (warnings count as errors): fix the TSDoc they name, or the entry points in typedoc.json';
  const project = await app.convert();
  if (project === undefined || failed()) throw new Error(advice);
  app.validate(project);
  if (failed()) throw new Error(advice);
  await app.generateDocs(project, dir);
  if (failed()) throw new Error(advice);
  finishPages(dir);
  const missing = [...new Set(apiPages().values())].filter((page) => !existsSync(join(out, ...page.split(posix.sep))));
  if (missing.length > 0) {
    throw new Error(`typedoc did not write ${missing.join(', ')}, which the site links to: harness/docs/links.ts (apiPages) names module pages as typedoc 0.28 does; update it to match typedoc's output`);
  }
}
