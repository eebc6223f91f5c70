import type { BusListener, EventBus } from '../exercises/workbook.js';

/**
 * One delivery a {@link MemoryBus} is about to make: one event, to one subscriber. The bus hands
 * each to its `schedule` function, which decides when (or whether) it happens.
 */
export interface BusDelivery<E> {
  /** The name of the connection that published the event. */
  readonly from: string;
  /** The name of the connection the subscriber listens on. */
  readonly to: string;
  readonly event: E;
  /**
   * Delivers the event now and returns true, unless it can no longer be: the subscription has
   * ended, or its connection was lost after the event was published (a connection that was lost
   * misses what was in flight, even once it is back). Then it does nothing and returns false; so
   * does a second call. An exception of the listener propagates to the caller.
   */
  deliver(): boolean;
}

/** Options for {@link MemoryBus}. */
export interface MemoryBusOptions<E> {
  /**
   * Called once for each delivery, at publish time: it must call `delivery.deliver()` later, or
   * never (the event is then lost). Tests pass one to decide the order of deliveries. Default: a
   * microtask per delivery, so events arrive in the order they were published.
   */
  schedule?: (delivery: BusDelivery<E>) => void;
}

/** What a connection needs of its bus. */
interface Hub<E> {
  dispatch(from: string, event: E): void;
}

/** A listener subscribed on a connection; `active` is false once it unsubscribed. */
interface Subscription<E> {
  readonly listener: BusListener<E>;
  active: boolean;
}

/**
 * An in-memory {@link EventBus}, for tests and demos: every subscriber of every connected
 * connection gets each event, asynchronously and at most once.
 *
 * A node of a distributed cache would have its own connection to a real bus, which it can lose:
 * {@link MemoryBus.connect} gives each node one ({@link MemoryBusConnection}), with
 * `disconnect()` and `reconnect()` to simulate that. The bus itself is also an EventBus (its own
 * connection, named `"bus"`, which stays connected).
 */
export class MemoryBus<E> implements EventBus<E> {
  readonly #schedule: (delivery: BusDelivery<E>) => void;
  readonly #connections = new Set<MemoryBusConnection<E>>();
  readonly #own: MemoryBusConnection<E>;
  readonly #names = new Set<string>();

  /** @param options - a `schedule` function deciding when each delivery happens. */
  constructor(options: MemoryBusOptions<E> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError('MemoryBus: options must be an object');
    const { schedule = (delivery: BusDelivery<E>) => queueMicrotask(() => void delivery.deliver()) } = options;
    if (typeof schedule !== 'function') throw new TypeError('MemoryBus: options.schedule must be a function');
    this.#schedule = schedule;
    this.#own = this.connect('bus');
  }

  /** A new connection to the bus, for one node; `name` (unique on this bus) labels its deliveries. */
  connect(name = `connection ${this.#connections.size}`): MemoryBusConnection<E> {
    if (typeof name !== 'string' || name === '') throw new TypeError('MemoryBus.connect: name must be a non-empty string');
    if (this.#names.has(name)) throw new RangeError(`MemoryBus.connect: there is already a connection named ${JSON.stringify(name)}`);
    this.#names.add(name);
    const hub: Hub<E> = { dispatch: (from, event) => this.#dispatch(from, event) };
    const connection = new MemoryBusConnection<E>(name, hub);
    this.#connections.add(connection);
    return connection;
  }

  /** Publishes `event` from the bus's own connection. */
  publish(event: E): Promise<void> {
    return this.#own.publish(event);
  }

  /** Subscribes `listener` on the bus's own connection, which is never lost. */
  subscribe(listener: BusListener<E>): () => void {
    return this.#own.subscribe(listener);
  }

  /** How many subscriptions are active, over every connection. */
  get subscriberCount(): number {
    let n = 0;
    for (const connection of this.#connections) n += connection.subscriberCount;
    return n;
  }

  /** Hands one delivery per active subscription of each connected connection to `schedule`. */
  #dispatch(from: string, event: E): void {
    for (const connection of this.#connections) {
      for (const delivery of connection.deliveries(from, event)) this.#schedule(delivery);
    }
  }
}

/**
 * One node's connection to a {@link MemoryBus}: an {@link EventBus} that can be lost and restored.
 * While it is disconnected, its subscribers miss every event (even the ones already in flight to
 * them), and publishing through it fails.
 */
export class MemoryBusConnection<E> implements EventBus<E> {
  readonly #hub: Hub<E>;
  readonly #subscriptions: Subscription<E>[] = [];
  #connected = true;
  /** Grows each time the connection is lost, so that deliveries in flight then are dropped. */
  #epoch = 0;

  /** @hidden Made by {@link MemoryBus.connect}. */
  constructor(
    /** The connection's name, as deliveries report it. */
    readonly name: string,
    hub: Hub<E>,
  ) {
    this.#hub = hub;
  }

  /** Whether the connection is up. */
  get connected(): boolean {
    return this.#connected;
  }

  /** How many of its subscriptions are active. */
  get subscriberCount(): number {
    return this.#subscriptions.filter((s) => s.active).length;
  }

  /**
   * Publishes `event` to every subscriber of every connected connection, this one's included;
   * the deliveries happen later. Rejects with an Error, delivering nothing, while disconnected.
   */
  publish(event: E): Promise<void> {
    if (!this.#connected) return Promise.reject(new Error(`MemoryBus: connection ${JSON.stringify(this.name)} is disconnected: cannot publish`));
    this.#hub.dispatch(this.name, event);
    return Promise.resolve();
  }

  /** Starts delivering to `listener`; the function returned stops it (calling it again does nothing). */
  subscribe(listener: BusListener<E>): () => void {
    const ok = typeof listener === 'object' && listener !== null && ['event', 'disconnected', 'reconnected'].every((m) => typeof (listener as unknown as Record<string, unknown>)[m] === 'function');
    if (!ok) throw new TypeError('MemoryBus.subscribe: listener must be an object with event, disconnected and reconnected methods');
    const subscription: Subscription<E> = { listener, active: true };
    this.#subscriptions.push(subscription);
    return () => {
      if (!subscription.active) return;
      subscription.active = false;
      this.#subscriptions.splice(this.#subscriptions.indexOf(subscription), 1);
    };
  }

  /**
   * Loses the connection: events in flight to it are dropped, and its listeners are told at once
   * (`disconnected()`, synchronously, in the order they subscribed). Does nothing when already lost.
   */
  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.#epoch++;
    for (const s of [...this.#subscriptions]) if (s.active) s.listener.disconnected();
  }

  /** Restores the connection and tells its listeners at once (`reconnected()`). Does nothing when connected. */
  reconnect(): void {
    if (this.#connected) return;
    this.#connected = true;
    for (const s of [...this.#subscriptions]) if (s.active) s.listener.reconnected();
  }

  /** @hidden The deliveries of one event to this connection's subscribers (none while it is disconnected). */
  deliveries(from: string, event: E): BusDelivery<E>[] {
    if (!this.#connected) return [];
    const epoch = this.#epoch;
    return this.#subscriptions
      .filter((s) => s.active)
      .map((subscription) => {
        let done = false;
        return {
          from,
          to: this.name,
          event,
          deliver: () => {
            if (done || !subscription.active || !this.#connected || this.#epoch !== epoch) return false;
            done = true;
            subscription.listener.event(event);
            return true;
          },
        };
      });
  }
}
