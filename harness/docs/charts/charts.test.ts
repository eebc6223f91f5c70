/** The site's charts: each renders, the same twice, as a self-contained svg whose data make sense; each is placed in a chapter. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../registry.js';
import { charts, type ChartSpec } from './index.js';
import { dataPoints, xmlProblems, type DataPoint } from './svg-check.js';

/** The series each chart must draw. */
const SERIES: Record<string, readonly string[]> = {
  'eviction-hit-ratio-zipf': ['LRU', 'LFU', 'TTL'],
  'eviction-hit-ratio-scan': ['LRU', 'LFU', 'TTL'],
  'eviction-hit-ratio-loop': ['LRU', 'LFU', 'TTL'],
  'write-throughput': ['write-behind', 'write-through'],
  'hashing-load': ['ring (150 vnodes)', 'jump hash', 'rendezvous'],
};

/** Each chart's svg from two separate renders. */
const rendered = new Map<string, readonly [string, string]>();

beforeAll(async () => {
  for (const chart of charts) rendered.set(chart.id, [await chart.render(), await chart.render()]);
}, 120_000);

/** The first render of chart `id`. */
function svgOf(id: string): string {
  const svg = rendered.get(id)?.[0];
  if (svg === undefined) throw new Error(`no chart "${id}"`);
  return svg;
}

/** The data points of chart `id` in series `series`, as numbers. */
function series(id: string, name: string): { x: number; y: number; data: DataPoint }[] {
  return dataPoints(svgOf(id))
    .filter((data) => data.series === name)
    .map((data) => ({ x: Number(data.x), y: Number(data.y), data }));
}

/** The chart called `id`. */
function chart(id: string): ChartSpec {
  const found = charts.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no chart "${id}"`);
  return found;
}

describe('charts', () => {
  it('have unique ids, each with its expected series', () => {
    expect(charts.map((c) => c.id).sort()).toEqual(Object.keys(SERIES).sort());
  });

  describe.each(charts.map((c) => [c.id, c] as const))('%s', (id, spec) => {
    it('renders the same svg twice', () => {
      const [first, second] = rendered.get(id)!;
      expect(second).toBe(first);
    });

    it('is one well-formed, self-contained svg element with its size, title and description', () => {
      const svg = svgOf(id);
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
      expect(svg.endsWith('</svg>')).toBe(true);
      // Nothing outside the svg: no links, images, stylesheets or scripts.
      expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/href|url\(|https?:|<script|<style|<image|<foreignObject/);
      expect(svg).toContain(`<title id="${id}-title">${spec.title.replaceAll("'", '&#39;')}</title>`);
      expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]{40,}</desc>`));
      expect(spec.caption.length).toBeGreaterThan(100);
    });

    it('has data points for every series, with numbers', () => {
      const points = dataPoints(svgOf(id));
      expect([...new Set(points.map((p) => p.series))]).toEqual(SERIES[id]);
      for (const p of points) {
        expect(p.x, JSON.stringify(p)).toBeTruthy();
        expect(Number.isFinite(Number(p.y)), JSON.stringify(p)).toBe(true);
      }
    });
  });

  it('are each placed once in a chapter, by `<!-- chart: <id> -->` on a line of its own', () => {
    const placed: string[] = [];
    const chapters = join(root, 'chapters');
    for (const dir of readdirSync(chapters)) {
      let text: string;
      try {
        text = readFileSync(join(chapters, dir, 'README.md'), 'utf8');
      } catch {
        continue;
      }
      for (const [, id] of text.matchAll(/^<!-- chart: ([\w-]+) -->$/gm)) placed.push(id!);
    }
    expect(placed.sort()).toEqual(charts.map((c) => c.id).sort());
  });
});

describe('eviction charts', () => {
  const ids = ['eviction-hit-ratio-zipf', 'eviction-hit-ratio-scan', 'eviction-hit-ratio-loop'];

  it('plot hit ratios between 0 and 1 at the same seven sizes for every policy', () => {
    for (const id of ids) {
      for (const name of SERIES[id]!) {
        const points = series(id, name);
        expect(points.map((p) => p.x)).toEqual([50, 100, 200, 500, 1000, 2000, 5000]);
        for (const { y } of points) {
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('grow with the cache size on Zipf', () => {
    for (const name of SERIES['eviction-hit-ratio-zipf']!) {
      const ys = series('eviction-hit-ratio-zipf', name).map((p) => p.y);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
    }
  });

  it('show LFU beating LRU on the scan workload at the middle size, and scans costing LRU hits', () => {
    const middle = (id: string, name: string): number => series(id, name)[3]!.y;
    expect(middle('eviction-hit-ratio-scan', 'LFU')).toBeGreaterThan(middle('eviction-hit-ratio-scan', 'LRU') + 0.05);
    expect(middle('eviction-hit-ratio-scan', 'LRU')).toBeLessThan(middle('eviction-hit-ratio-zipf', 'LRU'));
  });

  it('show the three policies coinciding on the loop, as its caption says: nothing hits until the loop fits', () => {
    const [lru, lfu, ttl] = SERIES['eviction-hit-ratio-loop']!.map((name) => series('eviction-hit-ratio-loop', name).map((p) => p.y));
    expect(lfu).toEqual(lru);
    expect(ttl).toEqual(lru);
    expect(lru).toEqual([0, 0, 0, 0, 0.989, 0.989, 0.989]);
    expect(chart('eviction-hit-ratio-loop').caption).toContain('The three lines coincide');
  });

  it('give each TTL point the TTL that never held more live entries than the size', () => {
    for (const id of ids) {
      for (const { x, data } of series(id, 'TTL')) {
        expect(Number(data.ttl)).toBeGreaterThanOrEqual(x > 550 && id.endsWith('loop') ? 50_000 : x);
        expect(Number(data['peak-live'])).toBeLessThanOrEqual(x);
        expect(Number(data['peak-live'])).toBeGreaterThan(0);
      }
    }
  });
});

describe('hashing-load', () => {
  it('gives each scheme shares of 10 nodes that sum to 1, near the ideal 10%', () => {
    for (const name of SERIES['hashing-load']!) {
      const points = series('hashing-load', name);
      expect(points.map((p) => p.data.x)).toEqual(Array.from({ length: 10 }, (_, i) => `node-${i}`));
      expect(points.reduce((sum, p) => sum + p.y, 0)).toBeCloseTo(1, 4);
      for (const { y } of points) expect(Math.abs(y - 0.1)).toBeLessThan(0.015);
    }
  });

  it('says in its caption the busiest node / mean it drew', () => {
    const ratio = (name: string): string => {
      const ys = series('hashing-load', name).map((p) => p.y);
      return (Math.max(...ys) * ys.length).toFixed(3);
    };
    const caption = chart('hashing-load').caption;
    expect(caption).toContain(
      `Busiest node / mean: ring ${ratio('ring (150 vnodes)')}, jump hash ${ratio('jump hash')}, rendezvous ${ratio('rendezvous')}`,
    );
  });
});

describe('write-throughput', () => {
  it('shows write-behind beating write-through at every batch size above 1, by more at larger batches', () => {
    const behind = series('write-throughput', 'write-behind');
    const through = series('write-throughput', 'write-through');
    expect(behind.map((p) => p.x)).toEqual(through.map((p) => p.x));
    // A batch of one write costs what a set does: the same rate.
    expect(behind[0]!.y).toBeCloseTo(through[0]!.y, 6);
    for (let i = 1; i < behind.length; i++) {
      expect(behind[i]!.y).toBeGreaterThan(through[i]!.y);
      expect(behind[i]!.y).toBeGreaterThan(behind[i - 1]!.y);
    }
    // 2.02 ms per awaited set; 2 ms + 0.02 ms per row for a batch of 100.
    expect(through[0]!.y).toBeCloseTo(1000 / 2.02, 2);
    expect(behind.find((p) => p.x === 100)!.y).toBeCloseTo(100_000 / 4, 0);
  });

  it('says in its caption that it is simulated, at which costs, and where the measured figures are', () => {
    const { caption } = chart('write-throughput');
    expect(caption).toMatch(/Simulated, not measured/);
    expect(caption).toContain('2 ms for the round trip plus 0.02 ms per row');
    expect(caption).toContain('`npm run bench`');
  });
});
