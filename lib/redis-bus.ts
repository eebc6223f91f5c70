import { Redis } from 'ioredis';
import type { BusListener, EventBus } from '../exercises/workbook.js';

/** Options for {@link RedisBus.connect}. */
export interface RedisBusOptions {
  /** The pub/sub channel every node of the cache uses. Default `cachecraft:bus`. */
  channel?: string;
  /** Told about each message on the channel that is not JSON, and each listener that threw. Default: nothing. */
  onError?: (error: unknown) => void;
  /** The longest wait between two attempts to reconnect, in milliseconds. Default 1000. */
  maxRetryDelayMs?: number;
}

/**
 * An {@link EventBus} on Redis pub/sub, through ioredis: events travel as JSON on one channel
 * (so use plain data), at most once, in the order Redis received them.
 *
 * It holds two connections, because a Redis connection that has subscribed can send nothing but
 * subscription commands: one publishes, the other listens. When the listening connection is lost
 * its listeners are told `disconnected()` (Redis does not keep messages for an absent
 * subscriber: what is published meanwhile is lost); it keeps trying to reconnect, and once it
 * has subscribed again they are told `reconnected()`. Publishing fails at once, rather than
 * queueing, while the publishing connection is down.
 */
export class RedisBus<E> implements EventBus<E> {
  readonly #listeners = new Set<BusListener<E>>();
  readonly #onError: (error: unknown) => void;
  #connected = true;
  #closed = false;

  private constructor(
    /** The connection that publishes. */
    readonly publisher: Redis,
    /** The connection that subscribes. */
    readonly subscriber: Redis,
    /** The channel. */
    readonly channel: string,
    onError: (error: unknown) => void,
  ) {
    this.#onError = onError;
    subscriber.on('message', (from: string, message: string) => {
      if (from === channel) this.#receive(message);
    });
    subscriber.on('close', () => this.#lost());
    // Every 'ready' after the first is a reconnection: subscribe again, then say so. (ioredis's
    // own resubscription is off: it emits 'ready' before the server has confirmed it.)
    subscriber.on('ready', () => {
      if (this.#closed) return;
      subscriber.subscribe(channel).then(
        () => this.#restored(),
        () => undefined, // lost again before it was confirmed: the next 'ready' tries again
      );
    });
  }

  /**
   * Connects to `url` (e.g. `redis://127.0.0.1:6379`) and resolves once subscribed to the
   * channel, so that nothing published from then on is missed.
   */
  static async connect<E>(url: string, options: RedisBusOptions = {}): Promise<RedisBus<E>> {
    const { channel = 'cachecraft:bus', onError = () => {}, maxRetryDelayMs = 1000 } = options;
    if (typeof channel !== 'string' || channel === '') throw new TypeError('RedisBus.connect: channel must be a non-empty string');
    if (typeof onError !== 'function') throw new TypeError('RedisBus.connect: onError must be a function');
    if (typeof maxRetryDelayMs !== 'number' || !(maxRetryDelayMs > 0)) throw new RangeError('RedisBus.connect: maxRetryDelayMs must be a positive number');
    const settings = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      autoResubscribe: false,
      // A bus must come back on its own when the server does: retry forever, with a capped delay.
      retryStrategy: (times: number) => Math.min(times * 50, maxRetryDelayMs),
    };
    const publisher = new Redis(url, settings);
    const subscriber = new Redis(url, settings);
    // Errors reach each command's promise, and a lost connection is reported to the listeners;
    // these only keep ioredis from logging every failed attempt to reconnect.
    publisher.on('error', () => undefined);
    subscriber.on('error', () => undefined);
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(channel);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      throw error;
    }
    return new RedisBus<E>(publisher, subscriber, channel, onError);
  }

  /** Whether the listening connection is up (as last reported to the listeners). */
  get connected(): boolean {
    return this.#connected;
  }

  /** Publishes `event` as JSON; resolves once Redis has taken it. Rejects at once when the connection is down. */
  async publish(event: E): Promise<void> {
    if (this.#closed) throw new Error('RedisBus: closed');
    const raw = JSON.stringify(event);
    if (raw === undefined) throw new TypeError('RedisBus.publish: event must be JSON data');
    await this.publisher.publish(this.channel, raw);
  }

  /**
   * Starts delivering to `listener`; the function returned stops it. A listener that subscribes
   * while the connection is down is told `disconnected()` (asynchronously).
   */
  subscribe(listener: BusListener<E>): () => void {
    const ok = typeof listener === 'object' && listener !== null && ['event', 'disconnected', 'reconnected'].every((m) => typeof (listener as unknown as Record<string, unknown>)[m] === 'function');
    if (!ok) throw new TypeError('RedisBus.subscribe: listener must be an object with event, disconnected and reconnected methods');
    if (this.#closed) throw new Error('RedisBus: closed');
    // A copy per subscription, so that the same listener subscribed twice is two subscriptions.
    const entry: BusListener<E> = {
      event: (e) => listener.event(e),
      disconnected: () => listener.disconnected(),
      reconnected: () => listener.reconnected(),
    };
    this.#listeners.add(entry);
    if (!this.#connected) queueMicrotask(() => this.#tell(entry, 'disconnected'));
    return () => void this.#listeners.delete(entry);
  }

  /** Closes both connections and stops reconnecting; listeners are told nothing more. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    this.subscriber.disconnect();
    if (this.publisher.status === 'ready') await this.publisher.quit().catch(() => this.publisher.disconnect());
    else this.publisher.disconnect();
  }

  #receive(message: string): void {
    let event: E;
    try {
      event = JSON.parse(message) as E;
    } catch (error) {
      this.#report(error);
      return;
    }
    for (const listener of [...this.#listeners]) {
      if (this.#listeners.has(listener)) this.#tell(listener, 'event', event);
    }
  }

  #lost(): void {
    if (this.#closed || !this.#connected) return;
    this.#connected = false;
    for (const listener of [...this.#listeners]) this.#tell(listener, 'disconnected');
  }

  #restored(): void {
    if (this.#closed || this.#connected) return;
    this.#connected = true;
    for (const listener of [...this.#listeners]) this.#tell(listener, 'reconnected');
  }

  /** Calls one listener; an exception goes to onError, and the other listeners are still told. */
  #tell(listener: BusListener<E>, what: 'event' | 'disconnected' | 'reconnected', event?: E): void {
    if (!this.#listeners.has(listener)) return;
    try {
      if (what === 'event') listener.event(event as E);
      else listener[what]();
    } catch (error) {
      this.#report(error);
    }
  }

  #report(error: unknown): void {
    try {
      this.#onError(error);
    } catch {
      // A reporter that throws must not stop the delivery to the other listeners.
    }
  }
}
