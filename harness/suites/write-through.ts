/** The properties of write-through. */
import type { Suite } from '../grade/suite.js';
import { readWriteProperties } from './read-write-pattern.js';

/** The write-through suite. */
export const suite: Suite = {
  properties: readWriteProperties(
    { className: 'WriteThrough', write: 'set', ttlChoices: [undefined, 5_000, Infinity], writeFills: true },
    {
      validation:
        'Check every option in the constructor before storing anything: cache and db must be objects whose get, set and delete are functions, ttlMs undefined or > 0 (Infinity allowed; NaN, 0 and strings not), onCacheError undefined or a function. In each method, check that the key is a string (and the value is not undefined) before the first await.',
      'read-through':
        'On a miss, await db.get(key); if it found a value, cache it with cache.set(key, value, ttlMs) (ttlMs exactly as given, undefined when the option was left out) and return it.',
      'write-order':
        'set: await db.set(key, value) FIRST, then cache.set(key, value, ttlMs). The textbook order (cache first) puts a value in the cache that the database may never get. delete: db.delete first, then cache.delete.',
      race:
        'Two writes of one key can reach the cache in the opposite order from the database, and a read-miss can cache a value a write has just replaced. Serialise the cache-changing work of one key (a per-key promise chain), or version the entries.',
      'db-faults':
        'If db.set rejects, reject too and leave the cache alone: it must never hold a value the database does not have. That is exactly what writing the cache first gets wrong.',
      'cache-faults':
        'A cache error on a read is reported (onCacheError(error, "get" | "set", key)) and the read goes on with the database. If cache.set fails after db.set, report it and cache.delete(key) so the old value is not served.',
      'failed-invalidation':
        'If cache.set fails after the database write and the cache.delete that follows fails too, the cache may serve the old value: report both errors and reject.',
    },
  ),
};
