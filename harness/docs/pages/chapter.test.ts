import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../charts/spec.js';
import { figuresFor } from './chapter.js';

const chart: ChartSpec = {
  id: 'zipf',
  title: 'Hit ratio on Zipf',
  caption: 'Seed 1, made by [bench/zipf.ts](../../bench/zipf.ts).',
  render: () => Promise.resolve('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>'),
};

describe('figuresFor', () => {
  it("draws each marker's chart as a figure with its title and caption", async () => {
    const figures = await figuresFor('# T\n\n<!-- chart: zipf -->\n', 'chapters/02-eviction/README.md', 'chapters/02-eviction.html', [chart]);
    expect(figures.get('zipf')).toBe(
      '<figure class="chart" id="chart-zipf">\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>\n<figcaption><p class="chart-title">Hit ratio on Zipf</p>\n<p>Seed 1, made by <code>bench/zipf.ts</code>.</p>\n</figcaption>\n</figure>',
    );
  });

  it('names the chart whose caption has a bad link', async () => {
    const bad = { ...chart, caption: 'See [x](../../../x.md).' };
    await expect(figuresFor('<!-- chart: zipf -->\n', 'chapters/c/README.md', 'chapters/c.html', [bad])).rejects.toThrow(
      'the caption of the chart "zipf" (harness/docs/charts/), placed at chapters/c/README.md:1: the link ../../../x.md leaves the repository; links in a caption are read from the chapter that places it',
    );
  });

  it('names the file and line of an unknown chart, and of a chart placed twice', async () => {
    await expect(figuresFor('# T\n\n\n<!-- chart: zipff -->\n', 'chapters/02-eviction/README.md', 'chapters/02-eviction.html', [chart])).rejects.toThrow(
      'chapters/02-eviction/README.md:4: no chart has the id "zipff" (the charts of harness/docs/charts/: zipf); fix the <!-- chart: id --> line',
    );
    await expect(figuresFor('<!-- chart: zipf -->\n\n<!-- chart: zipf -->\n', 'chapters/c/README.md', 'chapters/c.html', [chart])).rejects.toThrow('chapters/c/README.md:3: the chart "zipf" is already placed on this page');
  });
});
