/**
 * The modules a probe runs: the learner's and the reference's, by exercise id, and how a probe
 * takes a class out of one of them.
 *
 * @module
 */
import type { ImplModule } from '../grade/suite.js';

/** For each exercise a probe needs, the learner's module and the reference solution's. */
export interface ProbeModules {
  /** The learner's modules (`exercises/<id>.ts`), by exercise id. */
  readonly learner: Readonly<Record<string, ImplModule>>;
  /** The reference solutions (`solutions/<id>.ts`), by exercise id. */
  readonly reference: Readonly<Record<string, ImplModule>>;
}

/** Which of the two implementations of an exercise. */
export type Side = keyof ProbeModules;

/**
 * The class `name` exported by the `side` module of exercise `id`, typed as `T` (a constructor
 * type the probe describes). Throws an error that says what to do when it is missing.
 */
export function classOf<T>(modules: ProbeModules, side: Side, id: string, name: string): T {
  const module = modules[side][id];
  if (module === undefined) throw new Error(`The probe was given no ${side} module for exercise "${id}": load it with loadProbeModules(probe).`);
  const value = module[name];
  if (typeof value !== 'function') {
    const file = side === 'learner' ? `exercises/${id}.ts` : `solutions/${id}.ts`;
    throw new Error(`${file} does not export a class ${name}: run \`npm run exercise ${id}\` and make it pass first.`);
  }
  return value as T;
}
