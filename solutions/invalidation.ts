/**
 * Reference solution for the `invalidation` exercise: one node's local cache, kept honest by
 * invalidation events that every node publishes on a shared bus.
 *
 * Dropping an entry when an event arrives is the easy part. The hard part is the *load in
 * flight*: a get misses and calls `load`, which reads the OLD value; meanwhile another node
 * writes and publishes an invalidation, which reaches this node and finds nothing to drop; then
 * the load resolves, and caching its value would keep the old value here until the next write.
 * So every load is a `Flight` that the node keeps while it runs, and every invalidation the
 * node receives is written into the flights it concerns:
 *
 * - a key invalidation without a version *spoils* the flights of its key;
 * - a versioned one raises their *bar*: only a value with a version above it may be cached (a
 *   value loaded after the write has the new version and is still welcome);
 * - a tag invalidation is remembered by every flight, since a load's tags are known only once
 *   its value is;
 * - losing the bus connection, or hearing an event it cannot read, spoils every flight, because
 *   the node can no longer tell what it missed. A disconnection also starts a new *epoch*, and so
 *   does the reconnection: a load caches only if it ends in the epoch it started in, connected.
 *
 * Versions also settle the remaining races: an entry is dropped by a versioned invalidation only
 * if it is not newer than that version (events from different nodes can arrive in any order),
 * and a load never replaces a newer entry.
 *
 * @module
 */
import type { BusListener, EventBus } from '../exercises/workbook.js';
import { checkFunction, checkKey, checkMethods, checkOptions, describe } from './arguments.js';

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

/** A cached value, its version and its tags. */
interface Entry<V> {
  readonly value: V;
  readonly version: number;
  readonly tags: readonly string[];
}

/** A load in flight, and what the node heard while it ran. */
interface Flight {
  readonly key: string;
  /** The epoch it started in (see {@link InvalidatingCache}). */
  readonly epoch: number;
  /** An invalidation of its key without a version, or of everything, arrived. */
  spoiled: boolean;
  /** The highest version a key invalidation of its key named: only a newer value may be cached. */
  bar: number;
  /** The tags invalidated while it ran. */
  readonly tags: Set<string>;
}

const NAME = 'InvalidatingCache';

/** One node's local cache, kept honest by invalidation events from every node. */
export class InvalidatingCache<V> {
  readonly #bus: EventBus<InvalidationEvent>;
  readonly #load: (key: string) => Promise<Versioned<V>>;
  readonly #tagsOf: (key: string, value: V) => string[];
  readonly #onError: (error: Error, event: unknown) => void;
  readonly #entries = new Map<string, Entry<V>>();
  readonly #flights = new Set<Flight>();
  readonly #unsubscribe: () => void;
  #connected = true;
  /** Grows at every disconnection and reconnection: a load caches only if it ends in the epoch it began in. */
  #epoch = 0;
  #closed = false;

  /** @param options - the bus, the loader, the tags of a value and an optional error reporter. */
  constructor(options: InvalidatingCacheOptions<V>) {
    checkOptions(options, NAME);
    const { bus, load, tagsOf = () => [], onError = () => {} } = options;
    checkMethods(bus, 'options.bus', NAME, 'an EventBus', ['publish', 'subscribe']);
    checkFunction(load, 'options.load', NAME);
    checkFunction(tagsOf, 'options.tagsOf', NAME);
    checkFunction(onError, 'options.onError', NAME);
    this.#bus = bus;
    this.#load = load;
    this.#tagsOf = tagsOf;
    this.#onError = onError;
    const listener: BusListener<InvalidationEvent> = {
      event: (event) => this.#receive(event),
      disconnected: () => this.#disconnected(),
      reconnected: () => this.#reconnected(),
    };
    this.#unsubscribe = bus.subscribe(listener);
  }

  /** The value of `key`: cached, or loaded (then cached, unless an invalidation raced the load). */
  get(key: string): Promise<V> {
    checkKey(key, `${NAME}.get`);
    if (this.#closed) return Promise.reject(closedError('get'));
    const entry = this.#connected ? this.#entries.get(key) : undefined;
    if (entry !== undefined) return Promise.resolve(entry.value);
    return this.#fetch(key);
  }

  /** Drops `key` here (up to `version`, when given) and tells every node through the bus. */
  invalidate(key: string, version?: number): Promise<void> {
    checkKey(key, `${NAME}.invalidate`);
    if (version !== undefined) checkVersion(version);
    if (this.#closed) return Promise.reject(closedError('invalidate'));
    // Here first, at once: this node must not serve the old value while the event travels.
    this.#dropKey(key, version);
    return this.#bus.publish(version === undefined ? { kind: 'key', key } : { kind: 'key', key, version });
  }

  /** Drops every value tagged `tag` here and tells every node through the bus. */
  invalidateTag(tag: string): Promise<void> {
    if (typeof tag !== 'string') throw new TypeError(`${NAME}.invalidateTag: tag must be a string, got ${describe(tag)}`);
    if (this.#closed) return Promise.reject(closedError('invalidateTag'));
    this.#dropTag(tag);
    return this.#bus.publish({ kind: 'tag', tag });
  }

  /** Stops listening to the bus and empties the cache; the node can no longer be used. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    this.#entries.clear();
  }

  /** A miss: this get's own load, cached when it resolves unless something spoiled it meanwhile. */
  async #fetch(key: string): Promise<V> {
    const flight: Flight = { key, epoch: this.#epoch, spoiled: !this.#connected, bar: -Infinity, tags: new Set() };
    this.#flights.add(flight);
    try {
      const { value, version } = await this.#load(key);
      const tags = this.#tagsOf(key, value);
      if (this.#mayCache(flight, version, tags)) this.#entries.set(key, { value, version, tags: [...tags] });
      return value;
    } finally {
      this.#flights.delete(flight);
    }
  }

  /** Whether a load's result may go into the cache (the exceptions of the contract, in order). */
  #mayCache(flight: Flight, version: number, tags: readonly string[]): boolean {
    const current = this.#entries.get(flight.key);
    if (current !== undefined && current.version > version) return false;
    if (flight.spoiled || version <= flight.bar) return false;
    if (tags.some((tag) => flight.tags.has(tag))) return false;
    return !this.#closed && this.#connected && flight.epoch === this.#epoch;
  }

  /** An event from the bus. An event it cannot read may have meant anything: it drops everything. */
  #receive(event: unknown): void {
    if (this.#closed) return;
    const problem = malformed(event);
    if (problem !== undefined) {
      this.#dropAll();
      this.#onError(new TypeError(`${NAME}: ignored an event that is not an InvalidationEvent: ${problem}`), event);
      return;
    }
    const e = event as InvalidationEvent;
    if (e.kind === 'key') this.#dropKey(e.key, e.version);
    else this.#dropTag(e.tag);
  }

  /** A key invalidation: the entry, if not newer than `version`; and it marks the key's flights. */
  #dropKey(key: string, version: number | undefined): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined && (version === undefined || entry.version <= version)) this.#entries.delete(key);
    for (const flight of this.#flights) {
      if (flight.key !== key) continue;
      if (version === undefined) flight.spoiled = true;
      else flight.bar = Math.max(flight.bar, version);
    }
  }

  /** A tag invalidation: every entry with the tag; every flight remembers it. */
  #dropTag(tag: string): void {
    for (const [key, entry] of this.#entries) if (entry.tags.includes(tag)) this.#entries.delete(key);
    for (const flight of this.#flights) flight.tags.add(tag);
  }

  /** Everything: no entry left, and no load in flight may cache its value. */
  #dropAll(): void {
    this.#entries.clear();
    for (const flight of this.#flights) flight.spoiled = true;
  }

  #disconnected(): void {
    this.#connected = false;
    this.#epoch++;
    this.#dropAll();
  }

  #reconnected(): void {
    this.#connected = true;
    // Loads started while disconnected may have read values whose invalidation was missed.
    this.#epoch++;
  }
}

/** Throws unless `version` is a finite number. */
function checkVersion(version: unknown): void {
  if (typeof version !== 'number') throw new TypeError(`${NAME}.invalidate: version must be a finite number, got ${describe(version)}`);
  if (!Number.isFinite(version)) throw new RangeError(`${NAME}.invalidate: version must be a finite number, got ${describe(version)}`);
}

/** Why `event` is not an InvalidationEvent, or undefined when it is one. */
function malformed(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return `not an object: ${describe(event)}`;
  const e = event as Record<string, unknown>;
  if (e.kind === 'key') {
    if (typeof e.key !== 'string') return `key must be a string, got ${describe(e.key)}`;
    if ('version' in e && e.version !== undefined && !(typeof e.version === 'number' && Number.isFinite(e.version))) {
      return `version must be a finite number, got ${describe(e.version)}`;
    }
    return undefined;
  }
  if (e.kind === 'tag') return typeof e.tag === 'string' ? undefined : `tag must be a string, got ${describe(e.tag)}`;
  return `kind must be "key" or "tag", got ${describe(e.kind)}`;
}

/** The error of a call made after close(). */
function closedError(method: string): Error {
  return new Error(`${NAME}.${method}: the cache is closed`);
}
