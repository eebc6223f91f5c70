/**
 * Probes of the learner's own code: once an exercise passes, the interview runner runs the
 * learner's implementation next to the reference on a telling workload, shows the numbers side
 * by side, and asks why. The runner calls {@link probeReady}, then {@link loadProbeModules}, then
 * `probe.run(out, modules)`.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImplModule } from '../grade/suite.js';
import { codeHash, isPristine, readProgress } from '../cli/progress.js';
import { filesOf, findExercise, type Exercise } from '../registry.js';
import { evictionHitRates } from './probe-eviction.js';
import type { ProbeModules } from './probe-modules.js';
import { stampedeLoadCount } from './probe-stampede.js';

export type { ProbeModules } from './probe-modules.js';

/** A probe of the learner's code: their implementation next to the reference, then a question. */
export interface Probe {
  /** What a question's `Probe:` field names, e.g. `eviction-hit-rates`. */
  readonly name: string;
  /** One line: what it shows. */
  readonly title: string;
  /** The exercise ids that must pass before it can run. */
  readonly exercises: readonly string[];
  /** Runs it on `modules` (from {@link loadProbeModules}), writing each line (without a newline) to `out`. */
  run(out: (line: string) => void, modules: ProbeModules): Promise<void>;
}

/** Every probe, in the order of the chapters. */
export const probes: readonly Probe[] = [evictionHitRates, stampedeLoadCount];

/** The probe called `name`, if there is one. */
export function findProbe(name: string): Probe | undefined {
  return probes.find((probe) => probe.name === name);
}

/** The registry entry of each exercise `probe` needs; an unknown id is a bug in the probe. */
function exercisesOf(probe: Probe): Exercise[] {
  return probe.exercises.map((id) => {
    const exercise = findExercise(id);
    if (exercise === undefined) throw new Error(`Probe "${probe.name}" needs exercise "${id}", which harness/registry.ts does not list.`);
    return exercise;
  });
}

/**
 * Whether every exercise `probe` needs has passed: the progress file (`npm run exercise <id>`
 * records it) holds a pass given for exactly the learner's current file. `missing` lists the
 * exercise ids that have not, in the probe's order.
 */
export function probeReady(probe: Probe): { ready: boolean; missing: string[] } {
  const progress = readProgress();
  const missing = exercisesOf(probe)
    .filter((exercise) => {
      if (!existsSync(filesOf(exercise).stub) || isPristine(exercise)) return true;
      const saved = progress[exercise.id];
      return saved?.status !== 'passed' || saved.hash !== codeHash(exercise);
    })
    .map((exercise) => exercise.id);
  return { ready: missing.length === 0, missing };
}

/** Imports the module at `path`; a `version` (the file's hash) makes an edited file load afresh in a long session. */
async function importModule(path: string, version?: string): Promise<ImplModule> {
  const url = pathToFileURL(path);
  if (version !== undefined) url.searchParams.set('v', version);
  return (await import(url.href)) as ImplModule;
}

/**
 * Imports, for each exercise `probe` needs, the learner's file (`exercises/<id>.ts`, in
 * `options.exercisesDir` when given, else where CACHECRAFT_EXERCISES says) and the reference
 * solution (`solutions/<id>.ts`).
 */
export async function loadProbeModules(probe: Probe, options: { exercisesDir?: string } = {}): Promise<ProbeModules> {
  const learner: Record<string, ImplModule> = {};
  const reference: Record<string, ImplModule> = {};
  for (const exercise of exercisesOf(probe)) {
    const files = filesOf(exercise);
    const stub = options.exercisesDir === undefined ? files.stub : join(options.exercisesDir, `${exercise.id}.ts`);
    if (!existsSync(stub)) throw new Error(`${stub} does not exist: restore it with \`npm run reset ${exercise.id}\`, then make it pass with \`npm run exercise ${exercise.id}\`.`);
    learner[exercise.id] = await importModule(stub, codeHash(exercise, stub));
    reference[exercise.id] = await importModule(files.solution);
  }
  return { learner, reference };
}
