/** The properties an LRU cache must have. */
import type { Suite } from '../grade/suite.js';
import { LRUModel } from './cache-model.js';
import { capacityValidation, constantTime, modelProperty, type CacheKind } from './cache-properties.js';

const lru: CacheKind = { name: 'LRUCache', model: (capacity) => new LRUModel(capacity) };

/** The LRU suite. */
export const suite: Suite = {
  properties: [
    capacityValidation(
      lru,
      'Check the capacity first thing in the constructor: if (!Number.isSafeInteger(capacity) || capacity <= 0) throw new RangeError(`capacity must be a positive safe integer, got ${capacity}`).',
    ),
    modelProperty(lru, {
      id: 'get-set',
      statement: 'get returns the value last set for a key, and size counts the distinct keys (no eviction involved)',
      hint: 'Keys follow Map semantics: 1 and "1" are different keys. Store entries in a Map, not a plain object, and make sure overwriting a key does not add a second entry.',
      ops: ['set', 'get', 'has'],
      capacity: [8, 16],
      observe: { size: true },
    }),
    modelProperty(lru, {
      id: 'eviction-order',
      statement: 'inserting a new key into a full cache evicts the least recently used key and calls onEvict(key, value) for it, once',
      hint: 'Follow the trace step by step, writing down the keys from least to most recently used. A get hit and a set both move the key to the most recent end; only a NEW key evicts, and only when size === capacity.',
      ops: ['set', 'get'],
      capacity: [1, 6],
      observe: { size: true, evictions: true },
    }),
    modelProperty(lru, {
      id: 'no-recency-on-peek-has',
      statement: 'peek and has never change which key is evicted next',
      hint: 'peek must read the value without moving the key; has must only test membership. If your get moves the key, do not call get from peek or has.',
      ops: ['set', 'get', 'peek', 'has'],
      capacity: [1, 6],
      observe: { evictions: true },
    }),
    modelProperty(lru, {
      id: 'delete-clear',
      statement: 'delete returns whether the key was present; delete and clear remove entries and never call onEvict',
      hint: 'delete and clear are not evictions: do not call onEvict from them. After delete, the key must be gone from every structure you keep (map and list), or it will be evicted or listed later.',
      ops: ['set', 'get', 'delete', 'clear', 'has'],
      capacity: [1, 6],
      observe: { size: true, evictions: true },
    }),
    modelProperty(lru, {
      id: 'keys-order',
      statement: 'keys() lists every key once, most recently used first',
      hint: 'keys() goes from the most recently used to the least. If you keep a Map in least-recent-first order, iterate it backwards (collect and reverse); if you keep a linked list, start from the head you insert at.',
      ops: ['set', 'get', 'peek', 'has', 'delete', 'clear'],
      capacity: [1, 6],
      observe: { keys: true },
    }),
    modelProperty(lru, {
      id: 'model',
      statement: 'any sequence of get, peek, has, set, delete and clear agrees with the model in every result, size, keys() order and onEvict call',
      hint: 'This property mixes every operation in long sequences. Replay the trace by hand against the contract at the top of exercises/lru.ts; the step marked wrong is the first place your cache and the model disagree.',
      ops: ['set', 'get', 'peek', 'has', 'delete', 'clear'],
      capacity: [1, 7],
      observe: { size: true, evictions: true, keys: true },
      runs: 200,
    }),
    constantTime(
      lru,
      'Finding the least recently used key must not look at every entry, not even amortized. Keep a doubly linked list of nodes in recency order plus a Map from key to node, so the victim is always at one end. (A Map alone, evicting map.keys().next(), is not enough in V8: deleted slots stay at the front of the table until it rehashes, and the iterator walks past every one of them.)',
    ),
  ],
};
