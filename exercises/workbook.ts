/**
 * The few shared types your exercises use. Read this file; you never need to edit it.
 *
 * Everything that depends on the outside world (time, randomness, storage) is passed in
 * through one of these interfaces, so the grader can replay any run exactly.
 *
 * @module
 */

/**
 * A source of the current time, in milliseconds.
 *
 * The default in every exercise is the wall clock, `{ now: () => Date.now() }`. The grader
 * passes a fake clock that only moves when it says so, which is how it can test expiry
 * without sleeping.
 */
export interface Clock {
  /** The current time in milliseconds. Never decreases. */
  now(): number;
}

/** The clock used when an exercise is given none: `Date.now()`. */
export const systemClock: Clock = { now: () => Date.now() };

/** A timer set with a {@link Scheduler}: pass it back to `clearTimeout` to cancel it. */
export type TimerHandle = unknown;

/**
 * Where timers come from. Exercises that wait (a flush every few seconds, a retry after a
 * backoff) take one, so the grader can fire timers itself instead of sleeping.
 */
export interface Scheduler {
  /** Calls `callback` once, `delayMs` milliseconds from now. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a timer that has not fired yet. Cancelling one that has fired does nothing. */
  clearTimeout(handle: TimerHandle): void;
}

/** The scheduler used when an exercise is given none: Node's own timers. */
export const systemScheduler: Scheduler = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A source of random numbers in [0, 1), like `Math.random`. The grader passes a seeded one. */
export type RandomSource = () => number;

/**
 * A remote cache, such as Redis or Memcached, as the pattern exercises see it. Every call is
 * asynchronous and any call may fail (reject). `undefined` is never a stored value: it means
 * "not there".
 */
export interface CacheStore<V> {
  /** The value stored under `key`, or `undefined` when there is none (or it has expired). */
  get(key: string): Promise<V | undefined>;
  /** Stores `value` under `key`, for `ttlMs` milliseconds when given, else until deleted or evicted. */
  set(key: string, value: V, ttlMs?: number): Promise<void>;
  /** Removes `key`. Deleting a key that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** One write of a batch: store a value, or delete the key. */
export type Write<V> = { readonly kind: 'set'; readonly key: string; readonly value: V } | { readonly kind: 'delete'; readonly key: string };

/** A write of a batch that the database did not apply, and why. */
export interface FailedWrite<V> {
  readonly write: Write<V>;
  readonly error: unknown;
}

/**
 * The system of record behind a cache (the workbook's is a real SQLite file). Every call is
 * asynchronous and any call may fail (reject). A call that rejects changed nothing.
 */
export interface Database<V> {
  /** The value stored under `key`, or `undefined` when there is none. */
  get(key: string): Promise<V | undefined>;
  /** Stores `value` under `key`. */
  set(key: string, value: V): Promise<void>;
  /** Removes `key`. Deleting a key that is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Applies several writes, in order. Resolves with the writes that failed (an empty array when
   * all were applied; the others were applied). Rejects when none were applied.
   */
  writeBatch(writes: readonly Write<V>[]): Promise<readonly FailedWrite<V>[]>;
}

/** What a subscriber of an {@link EventBus} is told. */
export interface BusListener<E> {
  /** An event published by any node (this one included), in the order the bus delivers them. */
  event(event: E): void;
  /** The connection to the bus was lost: events may be missed from now on. */
  disconnected(): void;
  /** The connection is back: events are delivered again (those published meanwhile are lost). */
  reconnected(): void;
}

/**
 * A publish/subscribe channel between the nodes of a distributed cache (the workbook's are an
 * in-memory bus and Redis pub/sub). Delivery is asynchronous, at most once, and a node that is
 * disconnected misses what is published meanwhile.
 */
export interface EventBus<E> {
  /** Publishes `event` to every subscriber; resolves once the bus has accepted it. */
  publish(event: E): Promise<void>;
  /** Starts delivering to `listener`; returns a function that stops it. */
  subscribe(listener: BusListener<E>): () => void;
}
