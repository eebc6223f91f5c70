/**
 * A correct invalidating cache, with hooks the buggy variants override: where a hit is looked
 * up, how a load runs and whether its value may be cached, which entries an invalidation covers,
 * the tag index, what the node does on its own invalidation, on losing and regaining the bus,
 * on an event it cannot read, and on close.
 */
import type { EventBus } from '../../../exercises/workbook.js';

export type InvalidationEvent = { kind: 'key'; key: string; version?: number } | { kind: 'tag'; tag: string };

export interface Versioned<V> {
  value: V;
  version: number;
}

export interface InvalidatingCacheOptions<V> {
  bus: EventBus<InvalidationEvent>;
  load: (key: string) => Promise<Versioned<V>>;
  tagsOf?: (key: string, value: V) => string[];
  onError?: (error: Error, event: unknown) => void;
}

export interface Entry<V> {
  value: V;
  version: number;
  tags: readonly string[];
}

/** A load in flight and what the node heard while it ran. */
export interface Flight {
  key: string;
  epoch: number;
  spoiled: boolean;
  bar: number;
  tags: Set<string>;
}

export class InvalidatingCache<V> {
  protected readonly bus: EventBus<InvalidationEvent>;
  protected readonly load: (key: string) => Promise<Versioned<V>>;
  protected readonly tagsOf: (key: string, value: V) => string[];
  protected readonly onError: (error: Error, event: unknown) => void;
  protected readonly entries = new Map<string, Entry<V>>();
  /** From each tag to the keys whose entry carries it. */
  protected readonly byTag = new Map<string, Set<string>>();
  protected readonly flights = new Set<Flight>();
  protected connected = true;
  protected epoch = 0;
  protected closed = false;
  protected readonly unsubscribe: () => void;

  constructor(options: InvalidatingCacheOptions<V>) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    const { bus, load, tagsOf = () => [], onError = () => {} } = options;
    if (typeof bus !== 'object' || bus === null || typeof bus.publish !== 'function' || typeof bus.subscribe !== 'function') {
      throw new TypeError('bus must have publish and subscribe methods');
    }
    checkFunction(load, 'load');
    checkFunction(tagsOf, 'tagsOf');
    checkFunction(onError, 'onError');
    this.bus = bus;
    this.load = load;
    this.tagsOf = tagsOf;
    this.onError = onError;
    this.unsubscribe = bus.subscribe({
      event: (event) => this.receive(event),
      disconnected: () => this.onDisconnected(),
      reconnected: () => this.onReconnected(),
    });
  }

  get(key: string): Promise<V> {
    checkString(key, 'key');
    if (this.closed) return Promise.reject(new Error('closed'));
    const entry = this.lookup(key);
    return entry === undefined ? this.fetch(key) : Promise.resolve(entry.value);
  }

  invalidate(key: string, version?: number): Promise<void> {
    checkString(key, 'key');
    if (version !== undefined) {
      if (typeof version !== 'number') throw new TypeError('version must be a number');
      if (!Number.isFinite(version)) throw new RangeError('version must be finite');
    }
    if (this.closed) return Promise.reject(new Error('closed'));
    const event: InvalidationEvent = version === undefined ? { kind: 'key', key } : { kind: 'key', key, version };
    this.applyLocally(event);
    return this.publish(event);
  }

  invalidateTag(tag: string): Promise<void> {
    checkString(tag, 'tag');
    if (this.closed) return Promise.reject(new Error('closed'));
    const event: InvalidationEvent = { kind: 'tag', tag };
    this.applyLocally(event);
    return this.publish(event);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    for (const key of [...this.entries.keys()]) this.remove(key);
  }

  /** The entry a get may serve. */
  protected lookup(key: string): Entry<V> | undefined {
    return this.connected ? this.entries.get(key) : undefined;
  }

  /** A miss: this get's own load. */
  protected async fetch(key: string): Promise<V> {
    const flight: Flight = { key, epoch: this.epoch, spoiled: !this.connected, bar: -Infinity, tags: new Set() };
    this.flights.add(flight);
    try {
      const { value, version } = await this.load(key);
      const tags = this.tagsOf(key, value);
      if (this.mayCache(flight, version, tags)) this.store(key, { value, version, tags: [...tags] });
      return value;
    } finally {
      this.flights.delete(flight);
    }
  }

  /** Whether a load's value may be cached. */
  protected mayCache(flight: Flight, version: number, tags: readonly string[]): boolean {
    const current = this.entries.get(flight.key);
    if (current !== undefined && current.version > version) return false;
    if (flight.spoiled || version <= flight.bar || tags.some((t) => flight.tags.has(t))) return false;
    return !this.closed && this.connected && flight.epoch === this.epoch;
  }

  protected store(key: string, entry: Entry<V>): void {
    this.remove(key);
    this.entries.set(key, entry);
    this.index(key, entry.tags);
  }

  protected remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.unindex(key, entry.tags);
  }

  protected index(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (keys === undefined) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  protected unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  /** Whether a key invalidation up to `eventVersion` (undefined: all) covers a value of `version`. */
  protected covers(eventVersion: number | undefined, version: number): boolean {
    return eventVersion === undefined || version <= eventVersion;
  }

  /** The node's own invalidation applies here at once. */
  protected applyLocally(event: InvalidationEvent): void {
    this.apply(event);
  }

  protected publish(event: InvalidationEvent): Promise<void> {
    return this.bus.publish(event);
  }

  /** An event from the bus. */
  protected receive(event: unknown): void {
    if (this.closed) return;
    if (!isInvalidationEvent(event)) {
      this.dropAll();
      this.onError(new TypeError('not an InvalidationEvent'), event);
      return;
    }
    this.apply(event);
  }

  protected apply(event: InvalidationEvent): void {
    if (event.kind === 'key') this.dropKey(event.key, event.version);
    else this.dropTag(event.tag);
  }

  protected dropKey(key: string, version: number | undefined): void {
    const entry = this.entries.get(key);
    if (entry !== undefined && this.covers(version, entry.version)) this.remove(key);
    for (const flight of this.flights) {
      if (flight.key !== key) continue;
      if (version === undefined) flight.spoiled = true;
      else flight.bar = Math.max(flight.bar, version);
    }
  }

  protected dropTag(tag: string): void {
    for (const key of [...(this.byTag.get(tag) ?? [])]) this.remove(key);
    for (const flight of this.flights) flight.tags.add(tag);
  }

  protected dropAll(): void {
    for (const key of [...this.entries.keys()]) this.remove(key);
    for (const flight of this.flights) flight.spoiled = true;
  }

  protected onDisconnected(): void {
    this.connected = false;
    this.epoch++;
    this.dropAll();
  }

  protected onReconnected(): void {
    this.connected = true;
    this.epoch++;
  }

  protected stopListening(): void {
    this.unsubscribe();
  }
}

export function isInvalidationEvent(event: unknown): event is InvalidationEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  if (e.kind === 'key') return typeof e.key === 'string' && (e.version === undefined || (typeof e.version === 'number' && Number.isFinite(e.version)));
  return e.kind === 'tag' && typeof e.tag === 'string';
}

function checkString(value: unknown, name: string): void {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
}

function checkFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
}
