/**
 * Buggy variant: the tag index is written the first time a key is cached and never updated, so a value cached again with other tags escapes their invalidation.
 * @caughtBy tags
 */
import { InvalidatingCache as Base } from '../base/invalidation.js';

export class InvalidatingCache<V> extends Base<V> {
  readonly #indexed = new Set<string>();

  // The mistake: the tags of a key are indexed once, as if a key's tags never changed.
  protected override index(key: string, tags: readonly string[]): void {
    if (this.#indexed.has(key)) return;
    this.#indexed.add(key);
    super.index(key, tags);
  }

  protected override unindex(): void {}
}
