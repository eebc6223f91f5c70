/**
 * The link checker of a built site, without a browser: every internal `href` and `src` of every
 * HTML page must name a file of the site (by a relative URL, so it works from the file system) and
 * every `#fragment` an id in that file; nothing a page loads may come from another host; no page
 * may give two elements one id.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** One thing wrong with a link. */
export interface LinkProblem {
  /** The page that holds the link, relative to the site's root. */
  readonly page: string;
  /** The link as written (empty for a page-wide problem). */
  readonly href: string;
  /** What is wrong, in words. */
  readonly problem: string;
}

/** What {@link checkLinks} looked at and found. */
export interface LinkReport {
  /** How many HTML pages were read. */
  readonly pages: number;
  /** How many internal links were followed. */
  readonly links: number;
  readonly problems: readonly LinkProblem[];
}

/** What not to check. */
export interface CheckOptions {
  /**
   * Site-relative path prefixes whose targets are taken as present, e.g. `['api/']` for a site
   * built without the API reference. Pages under them are still read.
   */
  readonly ignore?: readonly string[];
}

/** Tags whose `href`/`src` the page loads (as opposed to navigates to). */
const loaded = new Set(['link', 'script', 'img', 'source', 'use', 'image', 'iframe', 'embed', 'video', 'audio', 'track']);

/** Every file under `dir`, relative to it, with `/`, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...filesUnder(dir, path));
    else files.push(path);
  }
  return files;
}

/** An attribute value with its character references decoded. */
function decodeEntities(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return named[name.toLowerCase()] ?? whole;
  });
}

/** The tags of an HTML (or SVG) document, with their attributes, outside comments. */
function* tagsOf(html: string): Generator<{ name: string; attributes: Map<string, string> }> {
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of text.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const attributes = new Map<string, string>();
    for (const attribute of tag[2]!.matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes.set(attribute[1]!.toLowerCase(), decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
    yield { name: tag[1]!.toLowerCase(), attributes };
  }
}

/** The ids of a document (and the names of its `<a name>` anchors), with the ids given twice. */
function idsOf(html: string): { ids: Set<string>; duplicates: string[] } {
  const ids = new Set<string>();
  const duplicates: string[] = [];
  for (const { name, attributes } of tagsOf(html)) {
    const id = attributes.get('id');
    if (id !== undefined) {
      if (ids.has(id)) duplicates.push(id);
      ids.add(id);
    }
    const anchor = attributes.get('name');
    if (name === 'a' && anchor !== undefined) ids.add(anchor);
  }
  return { ids, duplicates };
}

/** Checks every HTML page under `dir` (see the module's description). */
export function checkLinks(dir: string, options: CheckOptions = {}): LinkReport {
  const ignore = options.ignore ?? [];
  const files = new Set(filesUnder(dir));
  const idCache = new Map<string, Set<string>>();
  const problems: LinkProblem[] = [];
  const pages = [...files].filter((file) => file.endsWith('.html'));
  let links = 0;
  const ids = (file: string): Set<string> => {
    let found = idCache.get(file);
    if (found === undefined) {
      found = idsOf(readFileSync(join(dir, file), 'utf8')).ids;
      idCache.set(file, found);
    }
    return found;
  };
  for (const page of pages) {
    const html = readFileSync(join(dir, page), 'utf8');
    const own = idsOf(html);
    idCache.set(page, own.ids);
    for (const id of new Set(own.duplicates)) problems.push({ page, href: `#${id}`, problem: `two elements have the id "${id}": make each id unique on the page` });
    for (const { name, attributes } of tagsOf(html)) {
      for (const attribute of ['href', 'src']) {
        const href = attributes.get(attribute);
        if (href === undefined || href === '' || href === '#') continue;
        const problem = (text: string): void => void problems.push({ page, href, problem: text });
        if (href.startsWith('//') || /^https?:/i.test(href)) {
          if (loaded.has(name)) problem(`<${name}> loads from another host: the site must work offline, so copy the file into the site`);
          continue;
        }
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
        if (href.startsWith('/')) {
          problem('an absolute path does not work from the file system: make it relative to the page');
          continue;
        }
        links++;
        const [pathAndQuery = '', fragment] = href.split('#', 2) as [string, string | undefined];
        const path = pathAndQuery.replace(/\?.*$/, '');
        const target = path === '' ? page : posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(path)));
        if (ignore.some((prefix) => target.startsWith(prefix))) continue;
        if (target.startsWith('../')) {
          problem('leads outside the site');
          continue;
        }
        if (!files.has(target)) {
          const isDir = statSync(join(dir, target), { throwIfNoEntry: false })?.isDirectory() ?? false;
          const folder = target.replace(/\/$/, '');
          problem(isDir ? `${folder} is a folder: from the file system a link must name the file (${folder}/index.html)` : `${target} does not exist`);
          continue;
        }
        if (fragment === undefined || fragment === '' || !/\.(html|svg)$/.test(target)) continue;
        const id = decodeURIComponent(fragment);
        if (!ids(target).has(id)) problem(`${target} has no element with the id "${id}"`);
      }
    }
  }
  return { pages: pages.length, links, problems };
}

/** The problems, one per line, for an error message or a test's failure. */
export function formatLinkProblems(problems: readonly LinkProblem[]): string {
  return problems.map(({ page, href, problem }) => `${page}: ${href === '' ? '' : `${href}: `}${problem}`).join('\n');
}
