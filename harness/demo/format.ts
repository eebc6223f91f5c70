/** Small formatting helpers shared by the demos. */
import { stripVTControlCharacters } from 'node:util';

/**
 * Aligns `rows` into columns two spaces apart, each line indented by two spaces. The first
 * `leftColumns` columns are left-aligned, the others right-aligned; widths ignore colour codes.
 */
export function columns(rows: readonly (readonly string[])[], leftColumns = 1): string[] {
  const width = (cell: string): number => stripVTControlCharacters(cell).length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      const pad = ' '.repeat(widths[i]! - width(cell));
      return i < leftColumns ? cell + pad : pad + cell;
    });
    return `  ${cells.join('  ').trimEnd()}`;
  });
}

/** 1234 -> "1,234". */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** 16042.7 -> "16.0 k", 950 -> "950". */
export function rate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k`;
  return perSecond.toFixed(0);
}

/** Resolves once every promise callback already queued has run (the microtask queue is empty). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
