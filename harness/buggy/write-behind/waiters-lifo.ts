/**
 * Buggy variant: writes waiting for room are served last come, first served.
 * @caughtBy backpressure
 */
import { WriteBehind as Base } from '../base/write-behind.js';

export type { WriteBehindOptions } from '../base/write-behind.js';

export class WriteBehind<V> extends Base<V> {
  protected override admitWaiters(): void {
    // The mistake: the newest waiter goes first (pop instead of shift).
    while (this.waiters.length > 0 && this.hasRoomFor(this.waiters[this.waiters.length - 1]!.write.key)) {
      const waiter = this.waiters.pop()!;
      const { key } = waiter.write;
      const count = this.waitingKeys.get(key)! - 1;
      if (count === 0) this.waitingKeys.delete(key);
      else this.waitingKeys.set(key, count);
      waiter.admit(this.accept(waiter.write));
    }
  }
}
