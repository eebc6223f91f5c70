/**
 * Buggy variant: every request and eviction time is pushed to an array and snapshot filters the whole array for the window, so snapshot cost grows with the number of requests.
 * @caughtBy bounded-cost
 */
import { CacheMonitor as Base, type RateWindow, type WindowCounts } from '../base/metrics.js';

export type { CacheMetrics, MonitorOptions } from '../base/metrics.js';

/** Every request and eviction batch with its time; counting filters them all. */
class EveryEvent implements RateWindow {
  readonly #windowMs: number;
  #events: ({ at: number } & WindowCounts)[] = [];

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  add(at: number, requests: number, evictions: number): void {
    this.#events.push({ at, requests, evictions });
  }

  counts(at: number): WindowCounts {
    const recent = this.#events.filter((event) => event.at > at - this.#windowMs);
    return {
      requests: recent.reduce((sum, event) => sum + event.requests, 0),
      evictions: recent.reduce((sum, event) => sum + event.evictions, 0),
    };
  }

  clear(): void {
    this.#events = [];
  }
}

/** The correct cache monitor with the flaw described above. */
export class CacheMonitor extends Base {
  protected override createWindow(windowMs: number): RateWindow {
    // The mistake: keeps the time of every event instead of a fixed ring of slots.
    return new EveryEvent(windowMs);
  }
}
