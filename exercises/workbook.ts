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
