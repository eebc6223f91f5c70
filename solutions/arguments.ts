/**
 * The argument checks the pattern solutions share. Each throws before anything is changed, with
 * a message that says where the bad argument was passed, names it, and shows what it got:
 * `CacheAside.get: key must be a string, got 5`.
 *
 * They all take the value first, then (unless the check is for one argument, like a key) its
 * name, then `where`: the class, for a constructor option, or `Class.method`, for an argument.
 *
 * @module
 */
import { systemClock, type Clock } from '../exercises/workbook.js';

/** Throws a TypeError unless `options` is an object. */
export function checkOptions(options: unknown, where: string): asserts options is object {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
}

/** Throws a TypeError unless `key` is a string. */
export function checkKey(key: unknown, where: string): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`${where}: key must be a string, got ${describe(key)}`);
}

/** Throws a TypeError when `value` is undefined, which means "not there" and cannot be stored. */
export function checkValue(value: unknown, where: string): void {
  if (value === undefined) throw new TypeError(`${where}: value must not be undefined (undefined means "not there")`);
}

/** Throws a TypeError unless `value` is a function. */
export function checkFunction(value: unknown, name: string, where: string): void {
  if (typeof value !== 'function') throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`);
}

/**
 * Throws a TypeError unless `value` is an object with a function under each of `methods`.
 * `kind` names what it should be, e.g. `'a CacheStore'`.
 */
export function checkMethods(value: unknown, name: string, where: string, kind: string, methods: readonly string[]): void {
  if (!hasMethods(value, methods)) {
    throw new TypeError(`${where}: ${name} must be ${kind}: an object with ${listed(methods)} methods`);
  }
}

/** Returns `clock`, or the wall clock when it is undefined; throws a TypeError unless it has a now() method. */
export function checkClock(clock: Clock | undefined, where: string): Clock {
  if (clock === undefined) return systemClock;
  if (!hasMethods(clock, ['now'])) {
    throw new TypeError(`${where}: clock must be an object with a now() method, got ${describe(clock)}`);
  }
  return clock;
}

/**
 * Throws unless `value` is a number for which `ok` holds: a TypeError when it is not a number
 * at all, a RangeError when it is out of range. `expected` completes "must be ...".
 */
export function checkNumber(value: unknown, name: string, where: string, expected: string, ok: (n: number) => boolean): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be ${expected}, got ${describe(value)}`);
  if (!ok(value)) throw new RangeError(`${where}: ${name} must be ${expected}, got ${describe(value)}`);
}

/** A short description of a bad argument for an error message: `-0`, `"a"`, `null`, `object`. */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}

/** Whether `value` is an object with a function under each of `names`. */
function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return names.every((name) => typeof record[name] === 'function');
}

/** `a`, `a and b`, `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}
