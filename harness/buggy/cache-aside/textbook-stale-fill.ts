/**
 * Buggy variant: the textbook cache-aside: fills and writes of a key run unserialised, so a slow read-miss caches the value an update has just replaced.
 * @caughtBy race
 */
import { CacheAside as Base } from '../base/cache-aside.js';

export class CacheAside<V> extends Base<V> {
  // The mistake: no per-key serialisation; a fill may land after the invalidation.
  protected override exclusive<T>(_key: string, task: () => Promise<T>): Promise<T> {
    return task();
  }
}
