import { relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { filesOf, root, type Exercise } from '../registry.js';
import { createBeaconBuffer, readBeacon } from './beacon.js';
import type { WorkerMessage, WorkerTask } from './protocol.js';
import type { GradeReport, PropertyResult } from './result.js';
import { propertySeed } from './seed.js';

/** What to grade and how. */
export interface GradeOptions {
  exercise: Exercise;
  /** Absolute path of the module to grade. */
  implPath: string;
  seed: number;
  /** Overrides each property's default number of runs. */
  runs?: number;
  /** Only these property ids (default: all). */
  only?: string[];
  /** How long one property may run before it is stopped as hung (ms). */
  propertyTimeoutMs?: number;
}

/** `only` named a property the suite does not have. */
export class UnknownPropertyError extends Error {
  constructor(unknown: string[], known: string[]) {
    super(`No property named ${unknown.map((u) => `"${u}"`).join(', ')}. Properties: ${known.join(', ')}`);
    this.name = 'UnknownPropertyError';
  }
}

/** The TypeScript worker bootstrap, and the grading worker it loads. */
export const WORKER_BOOT = new URL('./worker-boot.mjs', import.meta.url);
const WORKER_ENTRY = new URL('./worker.ts', import.meta.url).href;

let spare: Worker | undefined;

/**
 * Starts a grading worker now, to be used by the next {@link grade}. Booting a worker (its
 * TypeScript loader, fast-check) takes a few hundred milliseconds that can overlap the main
 * thread's own start-up.
 */
export function prestartWorker(): void {
  spare ??= spawnWorker();
  spare.unref(); // until it is used, it must not keep the process alive
}

function spawnWorker(): Worker {
  return new Worker(WORKER_BOOT, { workerData: { entry: WORKER_ENTRY }, stdout: true, stderr: true });
}

function takeWorker(): Worker {
  const worker = spare ?? spawnWorker();
  spare = undefined;
  worker.ref();
  return worker;
}

const LOAD_TIMEOUT_MS = 30_000;
const OUTPUT_LIMIT = 4000;

/**
 * Grades one implementation: runs its exercise's suite in a worker thread, one property after
 * another. A property that runs past its time limit is reported as a timeout naming what the
 * implementation was doing, the worker is stopped, and grading goes on in a fresh worker.
 */
export async function grade(options: GradeOptions): Promise<GradeReport> {
  const started = performance.now();
  const files = filesOf(options.exercise);
  const report: GradeReport = {
    exercise: options.exercise.id,
    implementation: relative(root, options.implPath),
    seed: options.seed,
    status: 'passed',
    properties: [],
    output: '',
    durationMs: 0,
  };
  let remaining: string[] | 'all' = options.only ?? 'all';
  while (remaining === 'all' || remaining.length > 0) {
    const round = await runWorker(
      {
        implPath: options.implPath,
        referencePath: files.solution,
        suitePath: files.suite,
        exports: options.exercise.exports,
        properties: remaining,
        seed: options.seed,
        runs: options.runs,
        beacon: createBeaconBuffer(),
      },
      options,
    );
    report.output += round.output;
    if (round.fatal) {
      report.status = round.fatal.status;
      report.problem = round.fatal.problem;
      break;
    }
    const unknown = round.suite ? (options.only ?? []).filter((id) => !round.suite!.includes(id)) : [];
    if (unknown.length > 0) throw new UnknownPropertyError(unknown, round.suite!);
    report.properties.push(...round.results);
    const done = new Set(report.properties.map((p) => p.id));
    const plan: string[] = round.plan ?? [];
    remaining = plan.filter((id) => !done.has(id));
    if (round.plan === undefined) break;
  }
  if (report.output.length > OUTPUT_LIMIT) report.output = `${report.output.slice(0, OUTPUT_LIMIT)}\n… (output cut)`;
  if (report.status === 'passed') report.status = overall(report.properties);
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

function overall(results: PropertyResult[]): GradeReport['status'] {
  // Not started: nothing works, not even construction (or, for an exercise of plain functions, any
  // function). A file whose constructor works but whose every property needs a method still to
  // write ("Not implemented: Class.method") is partly implemented, and is reported so.
  const nothing = results.length > 0 && results.every((r) => r.status === 'not-implemented');
  if (nothing && !results.every((r) => /^Not implemented:\s*\w+\.\w+/.test(r.message ?? ''))) return 'not-started';
  return results.every((r) => r.status === 'passed') ? 'passed' : 'failed';
}

interface Round {
  plan?: string[];
  /** Every property id of the suite. */
  suite?: string[];
  results: PropertyResult[];
  fatal?: Extract<WorkerMessage, { type: 'fatal' }>;
  output: string;
}

/** Runs one worker until it is done, hangs in a property, or dies. */
function runWorker(task: WorkerTask, options: GradeOptions): Promise<Round> {
  const propertyTimeout = options.propertyTimeoutMs ?? 20_000;
  return new Promise((resolve) => {
    const round: Round = { results: [], output: '' };
    const worker = takeWorker();
    worker.postMessage(task);
    worker.stdout.on('data', (chunk: Buffer) => (round.output += chunk.toString()));
    worker.stderr.on('data', (chunk: Buffer) => (round.output += chunk.toString()));
    let current: (Extract<WorkerMessage, { type: 'start' }> & { started: number }) | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const arm = (ms: number, onExpire: () => void): void => {
      clearTimeout(timer);
      timer = setTimeout(onExpire, ms);
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(round);
    };
    const stop = (status: 'timeout' | 'error', message: string): void => {
      if (!current) return;
      const result = interrupted(current, task.seed, status, message);
      round.results.push(result);
    };
    const stuck = (message: string): void => {
      if (current) stop('timeout', message);
      else round.fatal = { type: 'fatal', status: 'compile-error', problem: message };
      finish();
    };
    arm(LOAD_TIMEOUT_MS, () => stuck(`loading the module took over ${LOAD_TIMEOUT_MS / 1000} s: ${readBeacon(task.beacon)}`));
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'plan':
          round.plan = message.ids;
          round.suite = message.all;
          break;
        case 'start':
          current = { ...message, started: performance.now() };
          arm(propertyTimeout, () =>
            stuck(`stopped after ${propertyTimeout / 1000} s, still running ${readBeacon(task.beacon)}: is there an endless loop?`),
          );
          break;
        case 'result':
          current = undefined;
          clearTimeout(timer);
          round.results.push(message.result);
          break;
        case 'fatal':
          round.fatal = message;
          finish();
          break;
        case 'done':
          finish();
          break;
      }
    });
    worker.on('error', (error) => {
      // An exception escaped asynchronously (say, from a timer the implementation started).
      const text = `${error.name}: ${error.message}`;
      if (current) stop('error', `uncaught ${text}`);
      else round.fatal = { type: 'fatal', status: 'compile-error', problem: text };
      finish();
    });
    worker.on('exit', () => {
      if (!settled) stop('error', 'the implementation ended the process');
      finish();
    });
  });
}

function interrupted(
  current: { id: string; statement: string; hint: string; started: number },
  seed: number,
  status: 'timeout' | 'error',
  message: string,
): PropertyResult {
  const { id, statement, hint, started } = current;
  return { id, statement, hint, status, message, seed: propertySeed(seed, id), durationMs: Math.round(performance.now() - started) };
}
