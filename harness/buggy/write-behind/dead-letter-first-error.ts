/**
 * Buggy variant: onDeadLetter gets the error of the first failed attempt, not of the last.
 * @caughtBy dead-letter
 */
import type { Write } from '../../../exercises/workbook.js';
import { WriteBehind as Base, type Entry } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  readonly #firstError = new WeakMap<Entry<V>, unknown>();

  protected override onFailure(entry: Entry<V>, error: unknown, deadLetters: [Write<V>, unknown][]): void {
    if (!this.#firstError.has(entry)) this.#firstError.set(entry, error);
    // The mistake: the error remembered at the first failure is reported.
    super.onFailure(entry, this.#firstError.get(entry), deadLetters);
  }
}
