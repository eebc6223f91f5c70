/**
 * Where the site puts what the repository holds, and how a link written in the repository's
 * Markdown (relative to its file, as GitHub reads it) becomes a link between the site's pages.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { exercises, root } from '../registry.js';

/** The site's page of a chapter, relative to the site's root. */
export function chapterPage(chapterId: string): string {
  return `chapters/${chapterId}.html`;
}

/** The site's page of an exercise, relative to the site's root. */
export function exercisePage(exerciseId: string): string {
  return `exercises/${exerciseId}.html`;
}

/** The page of the interview bank, relative to the site's root. */
export const interviewPage = 'interview.html';

/** The home page, relative to the site's root. */
export const homePage = 'index.html';

/** Where typedoc's output goes, relative to the site's root. */
export const apiDir = 'api';

/**
 * The API pages typedoc writes for the repository's files, keyed by the file (relative to the
 * project's root): one page per entry point of typedoc.json, named as typedoc names modules (the
 * path from the project's root without its extension or a trailing `/index`, `/` written `_`), and
 * each `lib/` module that `lib/index.ts` re-exports, on the page of `lib`.
 */
export function apiPages(): ReadonlyMap<string, string> {
  if (cachedApiPages !== undefined) return cachedApiPages;
  const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints?: unknown };
  const entryPoints = config.entryPoints;
  if (!Array.isArray(entryPoints) || !entryPoints.every((entry): entry is string => typeof entry === 'string')) {
    throw new Error('typedoc.json: entryPoints must be a list of files, relative to the project root');
  }
  const pages = new Map<string, string>();
  for (const entry of entryPoints) {
    const file = posix.normalize(entry);
    const name = file.replace(/\.ts$/, '').replace(/\/index$/, '');
    pages.set(file, `${apiDir}/modules/${name.replaceAll('/', '_')}.html`);
  }
  const libPage = pages.get('lib/index.ts');
  if (libPage !== undefined) {
    const index = readFileSync(join(root, 'lib', 'index.ts'), 'utf8');
    for (const match of index.matchAll(/^export\s[^;]*?\sfrom\s+'\.\/([\w-]+)\.js';/gms)) pages.set(`lib/${match[1]}.ts`, libPage);
  }
  cachedApiPages = pages;
  return pages;
}
let cachedApiPages: ReadonlyMap<string, string> | undefined;

/** What a link in the repository's Markdown becomes on the site. */
export type LinkTarget =
  /** A link to keep as written: another host, or an anchor on the same page. */
  | { readonly kind: 'external' }
  /** A link to a page of the site, relative to the page that holds it. */
  | { readonly kind: 'page'; readonly href: string }
  /** A repository file the site does not hold: shown as its path, not linked. */
  | { readonly kind: 'file'; readonly path: string };

/** The site's page for a repository file (relative to the project root), if it has one. */
export function sitePageOf(file: string): string | undefined {
  if (file === 'README.md') return homePage;
  const chapter = /^chapters\/([\w-]+)\/(README|questions)\.md$/.exec(file);
  if (chapter !== null) return chapter[2] === 'README' ? chapterPage(chapter[1]!) : interviewPage;
  const exercise = /^exercises\/([\w-]+)\.ts$/.exec(file);
  if (exercise !== null && exercises.some((e) => e.id === exercise[1])) return exercisePage(exercise[1]!);
  return apiPages().get(file);
}

/** The href from one page of the site to another (both relative to the site's root), with an optional `#anchor`. */
export function hrefBetween(fromPage: string, toPage: string, anchor = ''): string {
  const relative = posix.relative(posix.dirname(fromPage), toPage);
  return anchor === '' ? relative : `${relative}#${anchor}`;
}

/**
 * What a link written in `source` (a Markdown file relative to the project root) becomes on
 * `page` (relative to the site's root): chapters, the question bank, exercises and API-documented
 * files are pages of the site; other repository files are shown as paths; other hosts and
 * same-page anchors stay as they are.
 *
 * @throws Error when the link leaves the repository (the message says so; the caller adds where).
 */
export function resolveLink(href: string, source: string, page: string): LinkTarget {
  if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return { kind: 'external' };
  if (href.startsWith('/')) throw new Error(`the link ${href} is absolute: write it relative to ${source}, as GitHub reads it`);
  const hashAt = href.indexOf('#');
  const path = hashAt === -1 ? href : href.slice(0, hashAt);
  const anchor = hashAt === -1 ? '' : href.slice(hashAt + 1);
  const file = posix.normalize(posix.join(posix.dirname(source), decodeURI(path)));
  if (file.startsWith('../') || file === '..') throw new Error(`the link ${href} leaves the repository`);
  const target = sitePageOf(file);
  if (target === undefined) return { kind: 'file', path: file };
  if (target === interviewPage && anchor === '') {
    const chapter = /^chapters\/([\w-]+)\//.exec(file)?.[1] ?? '';
    return { kind: 'page', href: hrefBetween(page, target, chapter) };
  }
  return { kind: 'page', href: hrefBetween(page, target, anchor) };
}
