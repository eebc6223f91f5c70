/** The properties an LFU cache must have. */
import type { Suite } from '../grade/suite.js';
import { LFUModel } from './cache-model.js';
import { capacityValidation, constantTime, modelProperty, type CacheKind } from './cache-properties.js';

const lfu: CacheKind = { name: 'LFUCache', model: (capacity) => new LFUModel(capacity) };

/** A smaller key space makes equal counts, and so tie-breaks, frequent. */
const FEW_KEYS: readonly unknown[] = [1, '1', 'a', 2];

/** The LFU suite. */
export const suite: Suite = {
  properties: [
    capacityValidation(
      lfu,
      'Check the capacity first thing in the constructor: if (!Number.isSafeInteger(capacity) || capacity <= 0) throw new RangeError(`capacity must be a positive safe integer, got ${capacity}`).',
    ),
    modelProperty(lfu, {
      id: 'get-set',
      statement: 'get returns the value last set for a key, and size counts the distinct keys (no eviction involved)',
      hint: 'Keys follow Map semantics: 1 and "1" are different keys. Use a Map from key to entry, and make sure overwriting a key updates the entry instead of adding another.',
      ops: ['set', 'get', 'has'],
      capacity: [8, 16],
      observe: { size: true },
    }),
    modelProperty(lfu, {
      id: 'evicts-least-frequent',
      statement: 'inserting a new key into a full cache evicts a key with the smallest use count and calls onEvict(key, value) for it, once',
      hint: 'Write the count of every key beside the trace: new key 1, each get hit +1, each set of an existing key +1. The victim must have the smallest count. Remember that after inserting a new key the smallest count is 1 again.',
      ops: ['set', 'get'],
      capacity: [1, 6],
      observe: { size: true, evictions: true },
    }),
    modelProperty(lfu, {
      id: 'tie-break-lru',
      statement: 'among keys with the smallest count, the one accessed (get or set) least recently is evicted',
      hint: 'Within one count, keep keys in order of their LAST access, not of insertion: when a key moves to count c + 1, append it at the end of that list; evict from the front of the smallest count\'s list.',
      ops: ['set', 'get'],
      capacity: [2, 3],
      keys: FEW_KEYS,
      observe: { evictions: true },
      runs: 200,
    }),
    modelProperty(lfu, {
      id: 'no-count-on-peek-has',
      statement: 'peek and has change neither a key\'s count nor its recency',
      hint: 'peek reads the value and has tests membership; neither is an access. Do not route them through the code that bumps the count.',
      ops: ['set', 'get', 'peek', 'has'],
      capacity: [1, 4],
      keys: FEW_KEYS,
      observe: { evictions: true },
    }),
    modelProperty(lfu, {
      id: 'delete-forgets-count',
      statement: 'delete forgets a key and its count (a key set again starts at 1); delete and clear never call onEvict',
      hint: 'delete must remove the key from its count list and from the map, and forget the count. If the list of the smallest count becomes empty, the smallest count must be found again before the next eviction.',
      ops: ['set', 'get', 'delete', 'clear', 'has'],
      capacity: [1, 4],
      keys: FEW_KEYS,
      observe: { size: true, evictions: true },
      runs: 200,
    }),
    modelProperty(lfu, {
      id: 'model',
      statement: 'any sequence of get, peek, has, set, delete and clear agrees with the model in every result, size, membership and onEvict call',
      hint: 'This property mixes every operation in long sequences. Keep a table of key, value, count and last access beside the trace; the step marked wrong is the first place your cache and the model disagree.',
      ops: ['set', 'get', 'peek', 'has', 'delete', 'clear'],
      capacity: [1, 7],
      observe: { size: true, evictions: true, membership: true },
      runs: 200,
    }),
    constantTime(
      lfu,
      'Finding the victim must not look at every entry or every count. Keep one list per count (ordered by last access) and the smallest count that has keys; moving a key up is then O(1), and so is eviction.',
    ),
  ],
};
