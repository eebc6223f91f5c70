/**
 * Buggy variant: concurrent misses of a key share one load, so a get made after an invalidation can wait for a load that read the old value.
 * @caughtBy loads-and-caches
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  readonly #loading = new Map<string, Promise<V>>();

  // The mistake: single-flight, from the stampede exercise, where it does not belong.
  protected override fetch(key: string): Promise<V> {
    let flight = this.#loading.get(key);
    if (flight === undefined) {
      flight = super.fetch(key).finally(() => this.#loading.delete(key));
      this.#loading.set(key, flight);
    }
    return flight;
  }
}
