/**
 * A chapter's page: its README.md rendered, each `<!-- chart: id -->` line replaced by the chart's
 * figure (the SVG drawn at build time, its title and how it was produced).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chapters, root, type Chapter } from '../../registry.js';
import type { ChartSpec } from '../charts/spec.js';
import { layout, type Page } from '../layout.js';
import { chapterPage, hrefBetween, interviewPage } from '../links.js';
import { chartMarkers, escapeHtml, renderMarkdown } from '../markdown.js';

/**
 * The HTML of a chart's figure: `<figure class="chart" id="chart-<id>">`, the SVG, and a caption
 * with the title and how it was made (links in it are read from `source`, the chapter that places it).
 */
function figureHtml(chart: ChartSpec, svg: string, source: string, page: string): string {
  const caption = renderMarkdown(chart.caption, { source, page }).html;
  return `<figure class="chart" id="chart-${escapeHtml(chart.id)}">
${svg}
<figcaption><p class="chart-title">${escapeHtml(chart.title)}</p>
${caption}</figcaption>
</figure>`;
}

/**
 * The figures a document's chart markers ask for, drawn, by chart id.
 *
 * @throws Error naming the file and line of a marker whose id no chart has, of a chart placed twice,
 * or of a chart whose caption has a link that cannot be followed.
 */
export async function figuresFor(markdown: string, source: string, page: string, charts: readonly ChartSpec[]): Promise<Map<string, string>> {
  const figures = new Map<string, string>();
  for (const marker of chartMarkers(markdown)) {
    const chart = charts.find((candidate) => candidate.id === marker.id);
    if (chart === undefined) {
      const known = charts.map((candidate) => candidate.id).join(', ') || 'none yet';
      throw new Error(`${source}:${marker.line}: no chart has the id "${marker.id}" (the charts of harness/docs/charts/: ${known}); fix the <!-- chart: id --> line`);
    }
    if (figures.has(marker.id)) throw new Error(`${source}:${marker.line}: the chart "${marker.id}" is already placed on this page: a page shows each chart once`);
    const svg = await chart.render();
    try {
      figures.set(marker.id, figureHtml(chart, svg, source, page));
    } catch (error) {
      const problem = (error as Error).message.replace(/^[^:]*:\d+: /, '');
      throw new Error(`the caption of the chart "${chart.id}" (harness/docs/charts/), placed at ${source}:${marker.line}: ${problem}; links in a caption are read from the chapter that places it`);
    }
  }
  return figures;
}

/** The page of one chapter. */
export async function chapterPageOf(chapter: Chapter, charts: readonly ChartSpec[]): Promise<Page> {
  const source = `chapters/${chapter.id}/README.md`;
  const path = chapterPage(chapter.id);
  const markdown = readFileSync(join(root, source), 'utf8');
  const figures = await figuresFor(markdown, source, path, charts);
  const rendered = renderMarkdown(markdown, { source, page: path, figures });
  const index = chapters.findIndex((candidate) => candidate.id === chapter.id);
  const previous = chapters[index - 1];
  const next = chapters[index + 1];
  const footer = [
    previous === undefined ? '' : `<a class="previous" href="${hrefBetween(path, chapterPage(previous.id))}">← ${escapeHtml(previous.title)}</a>`,
    `<a href="${hrefBetween(path, interviewPage, chapter.id)}">Interview questions on ${escapeHtml(chapter.title.toLowerCase())}</a>`,
    next === undefined ? '' : `<a class="next" href="${hrefBetween(path, chapterPage(next.id))}">${escapeHtml(next.title)} →</a>`,
  ];
  const body = `${rendered.html}<nav class="page-links" aria-label="Chapters">${footer.join('\n')}</nav>`;
  return layout({ path, title: rendered.title ?? chapter.title, body, toc: rendered.toc });
}
