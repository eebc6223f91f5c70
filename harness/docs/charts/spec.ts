/**
 * What a chart of the documentation site is: the builder places it where a chapter says
 * `<!-- chart: <id> -->`, with its title and caption.
 *
 * @module
 */

/** One chart, drawn at build time from real runs. */
export interface ChartSpec {
  /** Names the chart in a chapter's `<!-- chart: <id> -->` marker; unique among the charts. */
  readonly id: string;
  /** A short title, in words. */
  readonly title: string;
  /** How it was produced, in Markdown: what ran, on which workload and seed, with which sizes. */
  readonly caption: string;
  /**
   * Runs the workload and draws the chart: one complete `<svg xmlns=…>` element, with width, height
   * and viewBox, and no external references. The same bytes on every call.
   */
  render(): Promise<string>;
}
