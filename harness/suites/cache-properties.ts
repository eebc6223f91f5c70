/** Properties shared by the LRU and LFU suites, parameterised by class and model. */
import fc from 'fast-check';
import { compareGrowth, type Workload } from '../grade/cost.js';
import { show } from '../grade/show.js';
import { checked, exported, type CheckedProperty, type CostProperty, type ImplModule } from '../grade/suite.js';
import { Trace } from '../grade/trace.js';
import { commandArbs, KEYS, SEQUENCE, setup, type CacheClass, type CacheLike, type CacheModel, type Observe, type OpName } from './cache-model.js';

/** Which cache a suite grades. */
export interface CacheKind {
  /** The exported class name, e.g. `LRUCache`. */
  name: string;
  model: (capacity: number) => CacheModel;
}

/** Bad capacities and the RangeError they must raise. */
export function capacityValidation(kind: CacheKind, hint: string): CheckedProperty {
  return checked({
    id: 'capacity-validation',
    statement: `new ${kind.name}(capacity) throws a RangeError unless capacity is a positive safe integer`,
    hint,
    runs: 30,
    build: (impl) =>
      fc.property(fc.constantFrom(0, -1, -0, 1.5, 0.5, NaN, Infinity, -Infinity, 2 ** 53, -7), (capacity) => {
        const cls = exported<CacheClass>(impl, kind.name);
        const trace = new Trace();
        trace.add(`new ${kind.name}(${show(capacity)})`);
        trace.expectRangeError(() => new cls(capacity));
        return true;
      }),
  });
}

/** A model-based property over the given operations and capacities. */
export function modelProperty(
  kind: CacheKind,
  spec: { id: string; statement: string; hint: string; ops: OpName[]; capacity: [number, number]; observe: Observe; runs?: number; keys?: readonly unknown[] },
): CheckedProperty {
  return checked({
    id: spec.id,
    statement: spec.statement,
    hint: spec.hint,
    runs: spec.runs ?? 150,
    build: (impl) =>
      fc.property(
        fc.integer({ min: spec.capacity[0], max: spec.capacity[1] }),
        fc.commands(commandArbs(spec.ops, spec.keys ?? KEYS), SEQUENCE),
        (capacity, commands) => {
          const cls = exported<CacheClass>(impl, kind.name);
          fc.modelRun(setup(cls, kind.name, kind.model(capacity), capacity, spec.observe), commands);
        },
      ),
  });
}

interface Sized {
  cache: CacheLike;
  size: number;
  next: number;
}

function workload(cls: CacheClass): Workload<Sized> {
  return {
    build: (size, fill) => {
      const cache = new cls(size);
      fill(size, (i) => cache.set(i, i));
      return { cache, size, next: size };
    },
    ops: [
      // Keys present are always the `size` newest: next - size … next - 1.
      { name: 'get() of a present key', op: (s, _i, random) => void s.cache.get(s.next - 1 - Math.floor(random() * s.size)) },
      { name: 'set() of a new key into a full cache', op: (s) => void s.cache.set(s.next, s.next++), turnover: true },
      {
        name: 'delete() of a present key (then set() to refill)',
        op: (s, _i, random) => {
          const key = s.next - 1 - Math.floor(random() * s.size);
          s.cache.delete(key);
          s.cache.set(key, key);
        },
      },
    ],
  };
}

/** get, set and delete cost must not grow with the number of entries. */
export function constantTime(kind: CacheKind, hint: string): CostProperty {
  return {
    kind: 'cost',
    id: 'constant-time',
    statement: 'get, set and delete take O(1) time: their cost does not grow with the number of entries',
    hint,
    measure: (impl: ImplModule, reference: ImplModule, seed: number) =>
      compareGrowth(workload(exported<CacheClass>(impl, kind.name)), workload(exported<CacheClass>(reference, kind.name)), {
        small: 1_000,
        large: 100_000,
        seed,
      }),
  };
}
