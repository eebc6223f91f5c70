import { inspect } from 'node:util';

/** Formats a value the way it would be written in a trace: strings in double quotes, -0 kept. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Object.is(value, -0)) return '-0';
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return inspect(value, { breakLength: Infinity, depth: 3, compact: true });
}

/** Formats an argument list: `("a", 1)`. */
export function showArgs(args: readonly unknown[]): string {
  return `(${args.map(show).join(', ')})`;
}
