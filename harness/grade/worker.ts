/**
 * The grading worker: loads the implementation and its suite, runs the properties in order and
 * posts each result to the main thread. It runs in a worker thread so that a hung
 * implementation can be stopped without stopping the grader.
 */
import 'fast-check'; // every suite needs it: load it while the task is still on its way
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { attachBeacon, signal } from './beacon.js';
import { describeLoadError } from './learner-location.js';
import type { WorkerMessage, WorkerTask } from './protocol.js';
import { runProperty } from './run-property.js';
import { propertySeed } from './seed.js';
import type { ImplModule, Suite } from './suite.js';

// A worker is started before the main thread knows what to grade; the task arrives as a message.
const task = await new Promise<WorkerTask>((resolve) => parentPort!.once('message', resolve));
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
attachBeacon(task.beacon);

async function load(path: string): Promise<ImplModule> {
  return (await import(pathToFileURL(path).href)) as ImplModule;
}

async function main(): Promise<void> {
  signal(`loading ${task.implPath}`);
  let impl: ImplModule;
  try {
    impl = await load(task.implPath);
  } catch (error) {
    post({ type: 'fatal', status: 'compile-error', problem: describeLoadError(error, task.implPath) });
    return;
  }
  const missing = task.exports.filter((name) => typeof impl[name] !== 'function');
  if (missing.length > 0) {
    post({ type: 'fatal', status: 'missing-exports', problem: `it does not export ${missing.join(', ')} (a class)` });
    return;
  }
  const { suite } = (await import(pathToFileURL(task.suitePath).href)) as { suite: Suite };
  const planned = suite.properties.filter((p) => task.properties === 'all' || task.properties.includes(p.id));
  post({ type: 'plan', ids: planned.map((p) => p.id), all: suite.properties.map((p) => p.id) });
  let reference: Promise<ImplModule> | undefined;
  for (const property of planned) {
    post({ type: 'start', id: property.id, statement: property.statement, hint: property.hint });
    signal(`property ${property.id}`);
    const result = await runProperty(property, impl, {
      seed: propertySeed(task.seed, property.id),
      runs: task.runs,
      implPath: task.implPath,
      reference: () => (reference ??= load(task.referencePath)),
    });
    post({ type: 'result', result });
  }
  post({ type: 'done' });
}

await main();
