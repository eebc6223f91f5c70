/**
 * Buggy variant: entries are indexed by String(key), so the keys 1 and "1" share one entry and one count.
 * @caughtBy get-set
 */
import { LFUCache as Base } from '../base/lfu.js';

export type { LFUOptions } from '../base/lfu.js';

/** A cache that evicts the least frequently used entry (oldest access first on ties). */
export class LFUCache<K, V> extends Base<K, V> {
  // The learner indexes entries by String(key), to allow any key type.
  protected override keyOf(key: K): string {
    return String(key);
  }
}
