/** Argument checks shared by the library's classes: each throws a TypeError or RangeError naming the argument. */

/** Throws a TypeError unless `key` is a string. */
export function checkKey(key: unknown, where: string): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`${where}: key must be a string, got ${typeof key}`);
}

/** Throws a TypeError when `value` is undefined (undefined means "not there"). */
export function checkValue(value: unknown, where: string): void {
  if (value === undefined) throw new TypeError(`${where}: value must not be undefined (undefined means "not there")`);
}

/** Throws a RangeError unless `ms` is a positive number (Infinity allowed) or undefined. */
export function checkTtl(ms: unknown, where: string): void {
  if (ms !== undefined && !(typeof ms === 'number' && ms > 0)) throw new RangeError(`${where}: ttlMs must be a positive number of milliseconds, got ${String(ms)}`);
}

/** Runs a synchronous call as a promise: its exception (a bad argument, say) becomes the rejection. */
export function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}
