/**
 * Plain-text tables for the benchmark output.
 *
 * @module
 */

/**
 * Formats `rows` (the first is the header) as an aligned text table.
 * @param leftColumns - how many leading columns are text (left-aligned); the rest align right.
 */
export function table(rows: string[][], leftColumns = 1): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((cell, col) => (col < leftColumns ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

/** 12345678.9 -> "12.35 M". */
export function formatOps(opsPerSec: number): string {
  if (opsPerSec >= 1e6) return `${(opsPerSec / 1e6).toFixed(2)} M`;
  if (opsPerSec >= 1e3) return `${(opsPerSec / 1e3).toFixed(1)} k`;
  return opsPerSec.toFixed(0);
}

/** 0.12345 -> "12.35%". */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** 1.0234 -> "1.02x". */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}x`;
}
