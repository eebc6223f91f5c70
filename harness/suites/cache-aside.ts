/** The properties of cache-aside. */
import type { Suite } from '../grade/suite.js';
import { readWriteProperties } from './read-write-pattern.js';

/** The cache-aside suite. */
export const suite: Suite = {
  properties: readWriteProperties(
    { className: 'CacheAside', write: 'update', ttlChoices: [60_000, 1_000, Infinity], writeFills: false },
    {
      validation:
        'Check every option in the constructor before storing anything: cache and db must be objects whose get, set and delete are functions, ttlMs > 0 (Infinity allowed; NaN, 0 and strings not), onCacheError undefined or a function. In each method, check that the key is a string (and the value is not undefined) before the first await.',
      'read-through':
        'On a miss, await db.get(key); if it found a value, await cache.set(key, value, this.ttlMs) and return it. ttlMs is in milliseconds: pass the option through unchanged. Cache nothing for a key the database does not have.',
      'write-order':
        'update: await db.set(key, value) first, then await cache.delete(key), then resolve. Deleting from the cache first leaves a window in which a reader refills the old value from the database.',
      race:
        'A get that missed may read the OLD value from the database, then an update writes and invalidates, then the get caches the old value: stale until the TTL. Serialise fills and writes of one key (a per-key promise chain: a write waits for the fill in flight, a fill waits for the write), or give each key a version that a fill checks before it caches.',
      'db-faults':
        'Let database errors reject the call (do not catch them), and do not touch the cache with a value the database did not take.',
      'cache-faults':
        'Wrap cache.get and cache.set on the read path in try/catch: report the error with onCacheError(error, "get" | "set", key) and carry on with the database. The read must still return the database value.',
      'failed-invalidation':
        'If cache.delete rejects after the database write, the cache may still hold the old value: report it with onCacheError(error, "delete", key), then rethrow so update (or delete) rejects.',
    },
  ),
};
