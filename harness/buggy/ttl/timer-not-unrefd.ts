/**
 * Buggy variant: the cleanup timer is started with setInterval but never unref()ed, so it keeps the process alive until close().
 * @caughtBy timer-unref
 */
import { TTLCache as Base } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override startTimer(everyMs: number): ReturnType<typeof setInterval> {
    // The mistake: the timer is never unref()ed, so it keeps the process alive until close().
    return setInterval(() => this.purgeExpired(), everyMs);
  }
}
