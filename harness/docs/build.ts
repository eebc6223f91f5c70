/**
 * Builds the documentation site: the home page, every chapter (with its charts), every exercise,
 * the interview bank, the stylesheets, and the API reference from typedoc. Pages hold no
 * timestamps: the same sources build the same bytes.
 *
 * @module
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../interview/bank.js';
import { chapters, exercises, root } from '../registry.js';
import { charts } from './charts/index.js';
import { stylesheets, type Page } from './layout.js';
import { apiDir } from './links.js';
import { chapterPageOf } from './pages/chapter.js';
import { exercisePageOf } from './pages/exercise.js';
import { homePageOf } from './pages/home.js';
import { interviewPageOf } from './pages/interview.js';
import { buildApi } from './typedoc.js';

/** What to build, and where. */
export interface BuildOptions {
  /** The output folder: created if missing; a folder of an earlier build is replaced. */
  readonly out: string;
  /** Whether to run typedoc into `<out>/api` (default true); without it, `<out>/api` is left as it is. */
  readonly api?: boolean;
}

/** What a build wrote. */
export interface BuildResult {
  /** The HTML pages the builder wrote itself (typedoc's are under `api/`), relative to `out`, with `/`, sorted. */
  readonly pages: string[];
}

/** The file that marks a folder as a build's output, which a later build may replace. */
const marker = '.cachecraft-site';

/** The site's own stylesheet, and highlight.js's theme, by their place in the site. */
function stylesheetSources(): Record<(typeof stylesheets)[number], string> {
  return {
    'assets/highlight.css': createRequire(import.meta.url).resolve('highlight.js/styles/github.css'),
    'assets/site.css': join(dirname(fileURLToPath(import.meta.url)), 'site.css'),
  };
}

/** Empties `out` for a new build (keeping `api/` when typedoc will not run), refusing a folder that is not a build's. */
function prepare(out: string, keepApi: boolean): void {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(marker)) {
      throw new Error(`${out} is not empty and was not made by the docs build: choose an empty or new folder with --out, or empty this one yourself`);
    }
    for (const entry of entries) if (!(keepApi && entry === apiDir)) rmSync(join(out, entry), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, marker), 'The documentation site, built by `npm run docs`: the next build replaces everything in this folder.\n');
}

/** Writes one page under `out`. */
function write(out: string, page: Page): void {
  const file = join(out, ...page.path.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, page.html);
}

/** Builds the site into `options.out`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const out = resolve(options.out);
  const api = options.api ?? true;
  prepare(out, !api);
  const pages: Page[] = [homePageOf()];
  for (const chapter of chapters) pages.push(await chapterPageOf(chapter, charts));
  for (const exercise of exercises) pages.push(exercisePageOf(exercise));
  pages.push(interviewPageOf(loadBank(root)));
  for (const page of pages) write(out, page);
  for (const [target, source] of Object.entries(stylesheetSources())) {
    mkdirSync(dirname(join(out, target)), { recursive: true });
    copyFileSync(source, join(out, target));
  }
  if (api) await buildApi(out);
  return { pages: pages.map((page) => page.path).sort() };
}
