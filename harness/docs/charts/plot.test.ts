/** The SVG plotter: data points, escaping, ticks, domains. */
import { describe, expect, it } from 'vitest';
import { barChart, lineChart, type Axis } from './plot.js';
import { dataPoints, xmlProblems } from './svg-check.js';

const linear: Axis = { label: 'y', scale: 'linear', domain: [0, 1], format: (v) => v.toFixed(1) };
const log: Axis = { label: 'size <n>', scale: 'log', domain: [10, 10_000], format: String };

describe('lineChart', () => {
  const svg = lineChart({
    id: 'test',
    title: 'A & B',
    description: 'Two series.',
    x: log,
    y: linear,
    series: [
      { name: 'A "quoted"', points: [{ x: 10, y: 0.5 }, { x: 100, y: 1 / 3, data: { ttl: '42' }, note: 'note' }] },
      { name: 'B<', points: [{ x: 1000, y: 0 }] },
    ],
  });

  it('draws one element per point, with its series, x, y and extra data, escaped', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(dataPoints(svg)).toEqual([
      { series: 'A "quoted"', x: '10', y: '0.5' },
      { series: 'A "quoted"', x: '100', y: '0.333333', ttl: '42' },
      { series: 'B<', x: '1000', y: '0' },
    ]);
    expect(svg).toContain('<title id="test-title">A &#38; B</title>');
    expect(svg).toContain('<title>A &#34;quoted&#34;: size &#60;n&#62; 100, y 0.3 (note)</title>');
    expect(svg).toMatch(/<desc id="test-desc">Two series\. Plotted: y against size &#60;n&#62;\. A &#34;quoted&#34;: 10 → 0\.5, 100 → 0\.3\. B&#60;: 1000 → 0\.0\.<\/desc>/);
  });

  it('puts ticks at the 1s, 2s and 5s of each decade on a log axis', () => {
    const labels = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle" fill="#222222">(\d+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(['10', '20', '50', '100', '200', '500', '1000', '2000', '5000', '10000']);
  });

  it('refuses a point outside its axis, saying what to widen', () => {
    expect(() => lineChart({ id: 'out', title: 't', description: 'd', x: log, y: linear, series: [{ name: 'A', points: [{ x: 10, y: 2 }] }] })).toThrow(
      'chart out: A\'s y is 2, outside the axis "y" [0, 1]; widen the axis\'s domain',
    );
    expect(() => lineChart({ id: 'bad', title: 't', description: 'd', x: { ...log, domain: [0, 10] }, y: linear, series: [] })).toThrow(/a log axis needs a positive domain/);
  });
});

describe('barChart', () => {
  it('draws a bar per category and series, the reference line and its label', () => {
    const svg = barChart({
      id: 'bars',
      title: 'Bars',
      description: 'Shares.',
      categories: ['a', 'b'],
      categoryLabel: 'node',
      y: { ...linear, domain: [0, 0.6] },
      series: [
        { name: 'one', values: [0.5, 0.5] },
        { name: 'two', values: [0.4, 0.6] },
      ],
      reference: { value: 0.5, label: 'ideal: 50%' },
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(dataPoints(svg).map((p) => `${p.series} ${p.x} ${p.y}`)).toEqual(['one a 0.5', 'one b 0.5', 'two a 0.4', 'two b 0.6']);
    expect(svg).toMatch(/<line [^>]*stroke-dasharray="6 4"\/><text [^>]*>ideal: 50%<\/text>/);
  });

  it('refuses a series without one value per category', () => {
    expect(() =>
      barChart({ id: 'short', title: 't', description: 'd', categories: ['a', 'b'], categoryLabel: 'c', y: linear, series: [{ name: 'one', values: [0.5] }] }),
    ).toThrow('chart short: series one has 1 values for 2 categories; give one per category');
  });
});
