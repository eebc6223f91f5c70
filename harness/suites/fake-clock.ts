import type { Clock } from '../../exercises/workbook.js';

/**
 * A clock that moves only when told. It starts at an arbitrary epoch, so code that reads
 * Date.now() instead of the injected clock is caught; the trace shows time relative to it.
 */
export class FakeClock implements Clock {
  #t: number;
  constructor(readonly start: number) {
    this.#t = start;
  }
  now(): number {
    return this.#t;
  }
  advance(ms: number): void {
    this.#t += ms;
  }
  /** Time since the start, as the trace shows it. */
  get elapsed(): number {
    return this.#t - this.start;
  }
}

/** Epochs far from today's Date.now(), so using the wall clock instead of the given one fails. */
export const EPOCHS = [1_000_000, 5_000_000_000, 2_000_000_000_000] as const;
