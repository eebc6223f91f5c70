/**
 * Buggy variant: entries are indexed by String(key), as in a plain object, so the keys 1 and "1" share one entry.
 * @caughtBy get-set
 */
import { LRUCache as Base } from '../base/lru.js';

export type { LRUOptions } from '../base/lru.js';

/** A cache that evicts the least recently used entry when it is full. */
export class LRUCache<K, V> extends Base<K, V> {
  // The learner indexes entries as a plain object would, by String(key).
  protected override keyOf(key: K): string {
    return String(key);
  }
}
