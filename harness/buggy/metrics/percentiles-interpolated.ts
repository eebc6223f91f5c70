/**
 * Buggy variant: percentiles interpolate linearly between the two nearest ranks (the spreadsheet/numpy definition) instead of taking the nearest rank.
 * @caughtBy percentiles
 */
import { CacheMonitor as Base } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override quantile(q: number, n: number): number {
    if (n === 0) return 0;
    // The mistake: interpolates between the ranks either side of 1 + q * (n - 1), as spreadsheets and numpy do.
    const position = q * (n - 1);
    const below = Math.floor(position);
    const lower = this.latencies.valueAtRank(below + 1);
    const upper = this.latencies.valueAtRank(Math.min(n, below + 2));
    return lower + (upper - lower) * (position - below);
  }
}
