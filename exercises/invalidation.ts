/**
 * Exercise `invalidation` — keep every node's local cache honest with invalidation events on a bus.
 *
 * Read first: chapters/04-distributed/README.md (section "Distributed invalidation").
 * Grade it:   npm run exercise invalidation
 *
 * Several nodes each keep a local cache (a Map, no eviction) in front of one system of record,
 * which gives every value a version that grows with each write of its key. A node that writes
 * calls `invalidate`; the other nodes hear of it through an {@link EventBus} that every node
 * subscribes to, its own events included.
 *
 * The contract (the grader checks exactly this, nothing else):
 * - The constructor subscribes to `bus`, once. The node is connected from then until the bus
 *   calls `disconnected()`, and again from `reconnected()` on.
 * - `get(key)`: while the node is connected, a cached key resolves with its cached value without
 *   calling `load`. Otherwise (nothing cached, or the node is disconnected) the get calls
 *   `load(key)` once, for itself alone: gets do not share loads (two concurrent misses make two
 *   loads). It resolves with the loaded `value`, or rejects with the load's error (caching nothing).
 * - A load that resolves with `{ value, version }` puts `{ value, version, tags: tagsOf(key, value) }`
 *   in the cache, replacing the key's entry, EXCEPT when any of these holds (its get still
 *   resolves with the value):
 *   - the cache holds the key with a higher version (the newer value stays);
 *   - while the load was in flight, the node received a key invalidation of `key` without a
 *     version, or with a version >= the loaded version (the load may have read the old value);
 *   - while the load was in flight, the node received a tag invalidation of a tag the loaded
 *     value carries, or an event that is not an InvalidationEvent (see below);
 *   - the node was disconnected when the load started, or at any moment since;
 *   - the node has been closed.
 * - The invalidations a node receives are the events the bus delivers to it (its own ones
 *   included) and its own calls to `invalidate` and `invalidateTag`, which apply to its own
 *   cache at once, before they return. On receiving:
 *   - `{ kind: 'key', key }` (no version): the entry of `key` is dropped.
 *   - `{ kind: 'key', key, version }`: the entry of `key` is dropped only if its version is
 *     <= `version`: a late, older invalidation never deletes a newer value.
 *   - `{ kind: 'tag', tag }`: every entry whose tags include `tag` is dropped.
 * - `invalidate(key, version?)` applies the key invalidation to this node's cache, then calls
 *   `bus.publish({ kind: 'key', key, version })` once (without `version` when it is not given),
 *   and resolves once that has resolved, or rejects with its error. `invalidateTag(tag)` does the
 *   same with `{ kind: 'tag', tag }`.
 * - `disconnected()`: the node may have missed events, so it drops every entry, serves nothing
 *   from its cache and caches nothing until `reconnected()`; after that, only loads started
 *   after `reconnected()` fill the cache.
 * - A delivered event that is not an InvalidationEvent (not an object, `kind` neither `'key'` nor
 *   `'tag'`, `key` or `tag` not a string, `version` present but not a finite number): the node
 *   calls `onError(error, event)` once with an Error and treats it as invalidating everything:
 *   every entry is dropped, and no load then in flight caches its value. A listener never throws.
 * - `close()` stops the subscription (calls the function `subscribe` returned) and drops every
 *   entry. After it, `get`, `invalidate` and `invalidateTag` reject with an Error; loads already
 *   in flight still answer their gets; a second `close()` does nothing.
 * - Bad input throws (or rejects with) a TypeError or RangeError naming the argument: options
 *   that are not an object, a `bus` without `publish` and `subscribe` methods, a `load` that is
 *   not a function, a `tagsOf` or `onError` given but not a function, a key or tag that is not a
 *   string, a version given (not `undefined`) that is not a finite number.
 *
 * @module
 */
import type { EventBus } from './workbook.js';

/** What nodes tell each other: drop a key (up to a version, when given), or every value with a tag. */
export type InvalidationEvent = { kind: 'key'; key: string; version?: number } | { kind: 'tag'; tag: string };

/** What the system of record answers for a key: its value, and the version of that value. */
export interface Versioned<V> {
  value: V;
  /** Grows with every write of the key. */
  version: number;
}

/** Options for {@link InvalidatingCache}. */
export interface InvalidatingCacheOptions<V> {
  /** The bus every node of the cache shares. */
  bus: EventBus<InvalidationEvent>;
  /** Loads the current value of a key, and its version, from the system of record. */
  load: (key: string) => Promise<Versioned<V>>;
  /** The tags a loaded value carries, e.g. `["user:7", "team:3"]`. Default: none. */
  tagsOf?: (key: string, value: V) => string[];
  /** Told about each delivered event that is not an InvalidationEvent. Default: nothing. */
  onError?: (error: Error, event: unknown) => void;
}

/** One node's local cache, kept honest by invalidation events from every node. */
export class InvalidatingCache<V> {
  /** @param options - the bus, the loader, the tags of a value and an optional error reporter. */
  constructor(options: InvalidatingCacheOptions<V>) {
    void options;
    throw new Error('Not implemented: InvalidatingCache constructor');
  }

  /** The value of `key`: cached, or loaded (then cached, unless an invalidation raced the load). */
  get(key: string): Promise<V> {
    throw new Error(`Not implemented: InvalidatingCache.get(${String(key)})`);
  }

  /** Drops `key` here (up to `version`, when given) and tells every node through the bus. */
  invalidate(key: string, version?: number): Promise<void> {
    void version;
    throw new Error(`Not implemented: InvalidatingCache.invalidate(${String(key)})`);
  }

  /** Drops every value tagged `tag` here and tells every node through the bus. */
  invalidateTag(tag: string): Promise<void> {
    throw new Error(`Not implemented: InvalidatingCache.invalidateTag(${String(tag)})`);
  }

  /** Stops listening to the bus and empties the cache; the node can no longer be used. */
  close(): void {
    throw new Error('Not implemented: InvalidatingCache.close');
  }
}
