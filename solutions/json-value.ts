/**
 * JSON values, checked: the exercises that store values as bytes (compression, secure-cache)
 * promise an exact round trip, so they refuse what `JSON.stringify` would change or drop.
 *
 * @module
 */

/**
 * `JSON.stringify(value)`, after checking that `value` is a JSON value, so that it comes back
 * exactly: throws a TypeError naming `value` (and where inside it) otherwise.
 */
export function serialiseJson(value: unknown, where: string): string {
  const problem = findProblem(value, new Set());
  if (problem !== undefined) {
    throw new TypeError(
      `${where}: value must be a JSON value (null, a boolean, a finite number, a string, or an array or plain object of those), ` +
        `got ${problem.what} at value${problem.path.reverse().join('')}`,
    );
  }
  return JSON.stringify(value);
}

/** What is wrong inside a value, and where: the path is built innermost first, only on failure. */
interface Problem {
  what: string;
  path: string[];
}

/** The first part of `value` that is not null, a boolean, a finite number, a string, or an array or plain object of those (or a cycle). */
function findProblem(value: unknown, ancestors: Set<object>): Problem | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { what: String(value), path: [] };
  if (typeof value !== 'object') return { what: typeof value, path: [] };
  if (ancestors.has(value)) return { what: 'a cycle', path: [] };
  ancestors.add(value);
  let problem: Problem | undefined;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) problem = { what: 'an array subclass', path: [] };
    for (let i = 0; problem === undefined && i < value.length; i++) {
      problem = i in value ? findProblem(value[i], ancestors) : { what: 'a hole', path: [] };
      problem?.path.push(`[${i}]`);
    }
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) problem = { what: `an instance of ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'a class'}`, path: [] };
    for (const key in value) {
      if (problem !== undefined) break;
      if (!Object.hasOwn(value, key)) continue;
      problem = findProblem((value as Record<string, unknown>)[key], ancestors);
      problem?.path.push(`[${JSON.stringify(key)}]`);
    }
  }
  ancestors.delete(value);
  return problem;
}
