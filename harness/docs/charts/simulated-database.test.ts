/** The simulated database: each call completes after its simulated cost, and applies to the inner database. */
import { describe, expect, it } from 'vitest';
import { ManualTime } from '../../../lib/manual-time.js';
import { MemoryDatabase } from '../../../lib/memory-database.js';
import { SimulatedDatabase } from './simulated-database.js';

describe('SimulatedDatabase', () => {
  it('completes a call after the round trip plus the cost of each row', async () => {
    const time = new ManualTime();
    const rows = new MemoryDatabase<number>();
    const db = new SimulatedDatabase(rows, time, { roundTripMs: 2, perRowMs: 0.5 });
    let done = false;
    const set = db.set('a', 1).then(() => (done = true));
    time.advance(2.4);
    await Promise.resolve();
    expect(done).toBe(false);
    time.advance(0.1);
    await set;
    expect(rows.snapshot().get('a')).toBe(1);

    const batch = db.writeBatch([
      { kind: 'set', key: 'b', value: 2 },
      { kind: 'delete', key: 'a' },
    ]);
    expect(time.nextAt()).toBe(2.5 + 2 + 2 * 0.5);
    time.advance(3);
    expect(await batch).toEqual([]);
    const reads = Promise.all([db.get('b'), db.get('a')]);
    time.advance(2.5);
    expect(await reads).toEqual([2, undefined]);
  });
});
