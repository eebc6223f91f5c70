/**
 * A small SVG plotter for the site's charts, on d3-scale and d3-shape: line charts with markers,
 * and grouped bar charts with an optional reference line. Both draw axes with ticks and labels and
 * a legend, and return one self-contained `<svg>` element: no stylesheet, script, font or link to
 * anything outside it, so it works inlined in a page or saved as a file.
 *
 * Accessible and checkable: each chart has a `<title>` and a `<desc>` (the description given, then
 * every value in words), and each data point is its own element, of class `datum`, with
 * `data-series`, `data-x` and `data-y` attributes (and any extra `data-*` the point brings) and a
 * `<title>` tooltip. Only data points carry `data-series`.
 *
 * The output depends on the input alone (coordinates rounded to 2 decimals, values to 6
 * significant digits), so the same data always gives the same bytes.
 *
 * @module
 */
import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';

/** One axis of a chart. */
export interface Axis {
  /** The axis title, in words, with its unit: "cache size (entries)". */
  readonly label: string;
  /** Linear, or logarithmic (the domain must then be positive). */
  readonly scale: 'linear' | 'log';
  /** The values the axis spans, low to high; every value plotted on it must fall inside. */
  readonly domain: readonly [number, number];
  /** How a value reads on a tick label and in a tooltip. */
  readonly format: (value: number) => string;
  /** Where the ticks go. Default: d3's ticks (on a log axis, the 1s, 2s and 5s of each decade). */
  readonly ticks?: readonly number[];
}

/** One data point of a line series. */
export interface Point {
  readonly x: number;
  readonly y: number;
  /** More `data-*` attributes for the point's element, without the `data-` prefix: `{ ttl: '750' }`. */
  readonly data?: Readonly<Record<string, string>>;
  /** Appended to the point's tooltip, in parentheses. */
  readonly note?: string;
}

/** One line of a {@link LineChart}. */
export interface LineSeries {
  readonly name: string;
  /** In drawing order (ascending x). */
  readonly points: readonly Point[];
}

/** What {@link lineChart} draws. */
export interface LineChart {
  /** Prefixes the ids inside the svg (its title and description), so several charts can share a page. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows, in a sentence or two; the values are appended in words. */
  readonly description: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly LineSeries[];
}

/** One series of a {@link BarChart}: a value per category. */
export interface BarSeries {
  readonly name: string;
  /** One value per category, in the chart's category order. */
  readonly values: readonly number[];
}

/** A horizontal line across a bar chart, such as an ideal value. */
export interface ReferenceLine {
  readonly value: number;
  /** Drawn at the line's right end: "ideal: 10%". */
  readonly label: string;
}

/** What {@link barChart} draws: for each category, one bar per series, side by side. */
export interface BarChart {
  /** Prefixes the ids inside the svg (its title and description), so several charts can share a page. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows, in a sentence or two; the values are appended in words. */
  readonly description: string;
  /** The categories along the x axis, left to right. */
  readonly categories: readonly string[];
  /** The x axis title. */
  readonly categoryLabel: string;
  /** The value axis (linear). */
  readonly y: Axis;
  readonly series: readonly BarSeries[];
  readonly reference?: ReferenceLine;
}

const WIDTH = 640;
const HEIGHT = 400;
/** Room around the plot area: the legend above, tick labels and axis titles left and below. */
const MARGIN = { top: 44, right: 24, bottom: 56, left: 76 } as const;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
/** Okabe and Ito's colour-blind-safe palette. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;
const INK = '#222222';
const GRID = '#e3e3e3';
/** Marker shapes, one per series, so series differ by more than colour. */
const SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;
/** A rough width of one character of the 12px labels, to lay the legend out without measuring text. */
const CHAR_WIDTH = 7;

type Scale = (value: number) => number;

/** Draws a line chart with a marker on every point. Throws if a point falls outside its axis's domain. */
export function lineChart(chart: LineChart): string {
  const { x, y } = chart;
  const plot = plotArea();
  const xScale = continuous(x, [plot.left, plot.right]);
  const yScale = continuous(y, [plot.bottom, plot.top]);
  const path = line<Point>()
    .x((p) => xScale(p.x))
    .y((p) => yScale(p.y))
    .digits(2);

  // Earlier series are drawn wider, so a later one lying on top of them leaves their edges showing.
  const widen = (index: number): number => chart.series.length - 1 - index;
  const series = chart.series.map((s, index) => {
    const colour = colourOf(index);
    const shape = SHAPES[index % SHAPES.length]!;
    const size = 1 + 0.2 * widen(index);
    const points = s.points.map((p) => {
      checkInside(chart.id, x, p.x, `${s.name}'s x`);
      checkInside(chart.id, y, p.y, `${s.name}'s y`);
      const data = { series: s.name, x: datum(p.x), y: datum(p.y), ...p.data };
      const note = p.note === undefined ? '' : ` (${p.note})`;
      const tooltip = `${s.name}: ${x.label} ${x.format(p.x)}, ${y.label} ${y.format(p.y)}${note}`;
      return marker(shape, xScale(p.x), yScale(p.y), size, colour, data, tooltip);
    });
    return [
      `<g class="series">`,
      `<path${attrs({ d: path(s.points) ?? '', fill: 'none', stroke: colour, 'stroke-width': fixed(2 + widen(index)) })}/>`,
      ...points,
      `</g>`,
    ].join('');
  });

  const legend = chart.series.map((s, index) => ({ name: s.name, colour: colourOf(index), shape: SHAPES[index % SHAPES.length]! }));
  const values = chart.series.map((s) => `${s.name}: ${s.points.map((p) => `${x.format(p.x)} → ${y.format(p.y)}`).join(', ')}.`);
  return svg(chart.id, chart.title, `${chart.description} Plotted: ${y.label} against ${x.label}. ${values.join(' ')}`, [
    valueAxis(y, yScale, plot),
    bottomAxis(x.label, ticksOf(x).map((t) => ({ at: xScale(t), text: x.format(t) })), plot),
    ...series,
    lineLegend(legend),
  ]);
}

/** Draws a grouped bar chart, with the reference line if there is one. Throws if a value falls outside the y domain. */
export function barChart(chart: BarChart): string {
  const { y, categories } = chart;
  const plot = plotArea();
  const yScale = continuous(y, [plot.bottom, plot.top]);
  const outer = scaleBand<string>().domain(categories).range([plot.left, plot.right]).paddingInner(0.25).paddingOuter(0.1);
  const inner = scaleBand<string>()
    .domain(chart.series.map((s) => s.name))
    .range([0, outer.bandwidth()])
    .paddingInner(0.08);
  const base = yScale(Math.max(y.domain[0], 0));

  const series = chart.series.map((s, index) => {
    if (s.values.length !== categories.length) {
      throw new RangeError(`chart ${chart.id}: series ${s.name} has ${s.values.length} values for ${categories.length} categories; give one per category`);
    }
    const colour = colourOf(index);
    const bars = s.values.map((value, i) => {
      const category = categories[i]!;
      checkInside(chart.id, y, value, `${s.name}'s value for ${category}`);
      const top = yScale(value);
      const attributes = {
        class: 'datum',
        x: fixed(outer(category)! + inner(s.name)!),
        y: fixed(Math.min(top, base)),
        width: fixed(inner.bandwidth()),
        height: fixed(Math.abs(base - top)),
        fill: colour,
        ...dataAttributes({ series: s.name, x: category, y: datum(value) }),
      };
      return `<rect${attrs(attributes)}><title>${escape(`${s.name}, ${category}: ${y.format(value)}`)}</title></rect>`;
    });
    return `<g class="series">${bars.join('')}</g>`;
  });

  const parts = [
    valueAxis(y, yScale, plot),
    bottomAxis(chart.categoryLabel, categories.map((c) => ({ at: outer(c)! + outer.bandwidth() / 2, text: c })), plot),
    ...series,
  ];
  const { reference } = chart;
  if (reference !== undefined) {
    checkInside(chart.id, y, reference.value, 'the reference line');
    const at = fixed(yScale(reference.value));
    parts.push(
      `<g class="reference">` +
        `<line${attrs({ x1: fixed(plot.left), x2: fixed(plot.right), y1: at, y2: at, stroke: INK, 'stroke-width': '1.5', 'stroke-dasharray': '6 4' })}/>` +
        `<text${attrs({ x: fixed(plot.right), y: fixed(yScale(reference.value) - 6), 'text-anchor': 'end', fill: INK })}>${escape(reference.label)}</text>` +
        `</g>`,
    );
  }
  parts.push(barLegend(chart.series.map((s, index) => ({ name: s.name, colour: colourOf(index) }))));
  const values = chart.series.map((s) => `${s.name}: ${s.values.map((v, i) => `${categories[i]} ${y.format(v)}`).join(', ')}.`);
  const referenceText = reference === undefined ? '' : ` A dashed line marks ${reference.label}.`;
  return svg(chart.id, chart.title, `${chart.description} Plotted: ${y.label} per ${chart.categoryLabel}.${referenceText} ${values.join(' ')}`, parts);
}

/** The plot area inside the margins. */
function plotArea(): { left: number; right: number; top: number; bottom: number } {
  return { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
}

/** A d3 linear or log scale from `axis`'s domain onto `range`. */
function continuous(axis: Axis, range: [number, number]): Scale {
  const [low, high] = axis.domain;
  if (!(low < high)) throw new RangeError(`axis "${axis.label}": the domain must go from low to high, got [${low}, ${high}]`);
  if (axis.scale === 'log') {
    if (!(low > 0)) throw new RangeError(`axis "${axis.label}": a log axis needs a positive domain, got [${low}, ${high}]`);
    return scaleLog().domain([low, high]).range(range);
  }
  return scaleLinear().domain([low, high]).range(range);
}

/** The tick values of `axis`: its own, or d3's (on a log axis, only the 1s, 2s and 5s of each decade). */
function ticksOf(axis: Axis): readonly number[] {
  if (axis.ticks !== undefined) return axis.ticks;
  const [low, high] = axis.domain;
  if (axis.scale === 'linear') return scaleLinear().domain([low, high]).ticks(6);
  const decades = Math.log10(high / low);
  return scaleLog()
    .domain([low, high])
    .ticks()
    .filter((t) => {
      const mantissa = Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
      return mantissa === 1 || (decades <= 4 && (mantissa === 2 || mantissa === 5));
    });
}

/** Throws unless `value` lies in `axis`'s domain: a point outside would be drawn outside the plot. */
function checkInside(id: string, axis: Axis, value: number, what: string): void {
  const [low, high] = axis.domain;
  if (!(value >= low && value <= high)) {
    throw new RangeError(`chart ${id}: ${what} is ${value}, outside the axis "${axis.label}" [${low}, ${high}]; widen the axis's domain`);
  }
}

/** The y axis: grid lines, tick labels and the rotated axis title. */
function valueAxis(axis: Axis, scale: Scale, plot: ReturnType<typeof plotArea>): string {
  const ticks = ticksOf(axis).map((t) => {
    const at = fixed(scale(t));
    return (
      `<line${attrs({ x1: fixed(plot.left), x2: fixed(plot.right), y1: at, y2: at, stroke: GRID })}/>` +
      `<text${attrs({ x: fixed(plot.left - 8), y: at, 'text-anchor': 'end', 'dominant-baseline': 'middle', fill: INK })}>${escape(axis.format(t))}</text>`
    );
  });
  const middle = fixed((plot.top + plot.bottom) / 2);
  return [
    `<g class="axis y-axis">`,
    ...ticks,
    `<line${attrs({ x1: fixed(plot.left), x2: fixed(plot.left), y1: fixed(plot.top), y2: fixed(plot.bottom), stroke: INK })}/>`,
    `<text${attrs({ transform: `translate(18 ${middle}) rotate(-90)`, 'text-anchor': 'middle', fill: INK })}>${escape(axis.label)}</text>`,
    `</g>`,
  ].join('');
}

/** The x axis: its line, tick marks and labels at the given positions, and its title. */
function bottomAxis(label: string, ticks: readonly { at: number; text: string }[], plot: ReturnType<typeof plotArea>): string {
  const y = fixed(plot.bottom);
  const marks = ticks.map(
    ({ at, text }) =>
      `<line${attrs({ x1: fixed(at), x2: fixed(at), y1: y, y2: fixed(plot.bottom + 5), stroke: INK })}/>` +
      `<text${attrs({ x: fixed(at), y: fixed(plot.bottom + 19), 'text-anchor': 'middle', fill: INK })}>${escape(text)}</text>`,
  );
  return [
    `<g class="axis x-axis">`,
    `<line${attrs({ x1: fixed(plot.left), x2: fixed(plot.right), y1: y, y2: y, stroke: INK })}/>`,
    ...marks,
    `<text${attrs({ x: fixed((plot.left + plot.right) / 2), y: fixed(HEIGHT - 12), 'text-anchor': 'middle', fill: INK })}>${escape(label)}</text>`,
    `</g>`,
  ].join('');
}

/** The legend of a line chart, in a row above the plot: a stroke with the series' marker, and its name. */
function lineLegend(entries: readonly { name: string; colour: string; shape: (typeof SHAPES)[number] }[]): string {
  let x = MARGIN.left;
  const y = 20;
  const items = entries.map(({ name, colour, shape }) => {
    const item =
      `<line${attrs({ x1: fixed(x), x2: fixed(x + 24), y1: y, y2: y, stroke: colour, 'stroke-width': '2' })}/>` +
      shapeElement(shape, x + 12, y, 1, colour, {}) +
      `<text${attrs({ x: fixed(x + 30), y, 'dominant-baseline': 'middle', fill: INK })}>${escape(name)}</text>`;
    x += 30 + name.length * CHAR_WIDTH + 18;
    return item;
  });
  return `<g class="legend">${items.join('')}</g>`;
}

/** The legend of a bar chart: a swatch and a name per series. */
function barLegend(entries: readonly { name: string; colour: string }[]): string {
  let x = MARGIN.left;
  const y = 20;
  const items = entries.map(({ name, colour }) => {
    const item =
      `<rect${attrs({ x: fixed(x), y: y - 6, width: 12, height: 12, fill: colour })}/>` +
      `<text${attrs({ x: fixed(x + 18), y, 'dominant-baseline': 'middle', fill: INK })}>${escape(name)}</text>`;
    x += 18 + name.length * CHAR_WIDTH + 18;
    return item;
  });
  return `<g class="legend">${items.join('')}</g>`;
}

/** A data point's marker: a shape of class `datum` carrying `data` as `data-*` attributes, with a tooltip. */
function marker(
  shape: (typeof SHAPES)[number],
  x: number,
  y: number,
  size: number,
  colour: string,
  data: Readonly<Record<string, string>>,
  tooltip: string,
): string {
  const element = shapeElement(shape, x, y, size, colour, { class: 'datum', ...dataAttributes(data) });
  // Put the tooltip inside the element: turn `<circle .../>` into `<circle ...><title>…</title></circle>`.
  const name = element.slice(1, element.indexOf(' '));
  return `${element.slice(0, -2)}><title>${escape(tooltip)}</title></${name}>`;
}

/** A marker shape centred on (x, y), `size` times the usual size, as a self-closing element with `extra` attributes. */
function shapeElement(
  shape: (typeof SHAPES)[number],
  x: number,
  y: number,
  size: number,
  colour: string,
  extra: Readonly<Record<string, string>>,
): string {
  const paint = { fill: colour, stroke: '#ffffff', 'stroke-width': '1' };
  const r = 4.5 * size;
  switch (shape) {
    case 'circle':
      return `<circle${attrs({ ...extra, cx: fixed(x), cy: fixed(y), r: fixed(r), ...paint })}/>`;
    case 'square':
      return `<rect${attrs({ ...extra, x: fixed(x - 0.9 * r), y: fixed(y - 0.9 * r), width: fixed(1.8 * r), height: fixed(1.8 * r), ...paint })}/>`;
    case 'triangle':
      return `<path${attrs({ ...extra, d: `M${fixed(x)},${fixed(y - 1.2 * r)}L${fixed(x + 1.1 * r)},${fixed(y + 0.8 * r)}L${fixed(x - 1.1 * r)},${fixed(y + 0.8 * r)}Z`, ...paint })}/>`;
    case 'diamond':
      return `<path${attrs({ ...extra, d: `M${fixed(x)},${fixed(y - 1.2 * r)}L${fixed(x + 1.2 * r)},${fixed(y)}L${fixed(x)},${fixed(y + 1.2 * r)}L${fixed(x - 1.2 * r)},${fixed(y)}Z`, ...paint })}/>`;
  }
}

/** The outer `<svg>`, with its title and description, around `parts`. */
function svg(id: string, title: string, description: string, parts: readonly string[]): string {
  const root = attrs({
    xmlns: 'http://www.w3.org/2000/svg',
    width: WIDTH,
    height: HEIGHT,
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    'data-chart': id,
    'font-family': FONT,
    'font-size': '12',
  });
  return [
    `<svg${root}>`,
    `<title id="${escape(id)}-title">${escape(title)}</title>`,
    `<desc id="${escape(id)}-desc">${escape(description)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...parts,
    `</svg>`,
  ].join('\n');
}

/** `data` as `data-*` attributes. */
function dataAttributes(data: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([name, value]) => [`data-${name}`, value]));
}

/** Attributes as ` name="value"` pairs, in the order given, values escaped. */
function attrs(attributes: Readonly<Record<string, string | number>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escape(String(value))}"`)
    .join('');
}

/** A coordinate, to 2 decimals. */
function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A data value, to 6 significant digits: enough to check sums, short enough to read. */
function datum(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** The series colour at `index`. */
function colourOf(index: number): string {
  return COLOURS[index % COLOURS.length]!;
}

/** `text` safe inside an XML element or a double-quoted attribute. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
