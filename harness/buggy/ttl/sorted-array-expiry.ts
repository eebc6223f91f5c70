/**
 * Buggy variant: expiry order is kept in an array sorted by expiry time, and set and delete find their place with a linear scan and splice.
 * @caughtBy log-cost
 */
import { TTLCache as Base, type Entry, type ExpiryQueue } from '../base/ttl.js';

export type { TTLOptions } from '../base/ttl.js';

/** Every entry in an array sorted by expiry time, latest first, so the next to expire is last. */
class SortedByExpiry<K, V> implements ExpiryQueue<K, V> {
  readonly #byExpiry: Entry<K, V>[] = [];

  peek(): Entry<K, V> | undefined {
    return this.#byExpiry.at(-1);
  }

  /** A linear scan for the entry's place, then a splice: O(n). */
  push(entry: Entry<K, V>): void {
    let at = this.#byExpiry.findIndex((other) => other.expiresAt <= entry.expiresAt);
    if (at < 0) at = this.#byExpiry.length;
    this.#byExpiry.splice(at, 0, entry);
  }

  /** A linear search from the end (where purgeExpired removes), then a splice: O(n). */
  remove(entry: Entry<K, V>): void {
    const at = this.#byExpiry.lastIndexOf(entry);
    if (at >= 0) this.#byExpiry.splice(at, 1);
  }
}

/** The correct TTL cache with the flaw described above. */
export class TTLCache<K, V> extends Base<K, V> {
  protected override createExpiryQueue(): ExpiryQueue<K, V> {
    // The mistake: expiry order in a sorted array, O(n) per set, instead of a heap.
    return new SortedByExpiry<K, V>();
  }
}
