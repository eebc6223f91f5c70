import type { Clock, Scheduler, TimerHandle } from '../exercises/workbook.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A clock and a scheduler that move only when told: {@link advance} moves the time and fires
 * every timer that falls due, in time order. Tests and demos use it to replay timed behaviour
 * exactly, without sleeping.
 */
export class ManualTime implements Clock, Scheduler {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    if (typeof callback !== 'function') throw new TypeError('setTimeout: callback must be a function');
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const timer = { id: this.#nextId++, at: this.#now + delay, callback };
    this.#timers.set(timer.id, timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** How many timers are waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** When the next timer fires, or undefined when none waits. */
  nextAt(): number | undefined {
    return this.#next()?.at;
  }

  /**
   * Moves the time forward by `ms`, firing each timer that falls due at its own time, earliest
   * first (timers set by a callback fire too if they fall due within the step). Returns how many fired.
   */
  advance(ms: number): number {
    if (!(ms >= 0 && Number.isFinite(ms))) throw new RangeError(`advance: ms must be a finite number >= 0, got ${String(ms)}`);
    const target = this.#now + ms;
    let fired = 0;
    for (let t = this.#next(); t !== undefined && t.at <= target; t = this.#next()) {
      this.#timers.delete(t.id);
      this.#now = Math.max(this.#now, t.at);
      fired++;
      t.callback();
    }
    this.#now = target;
    return fired;
  }

  #next(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers.values()) if (best === undefined || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }
}
