import { learnerLocation } from './learner-location.js';
import type { PropertyResult } from './result.js';
import type { ImplModule, Property } from './suite.js';
import { GradeFailure, LearnerThrew, notImplementedMessage } from './trace.js';

/** Settings for running one property. */
export interface RunSettings {
  seed: number;
  /** Overrides the property's default number of runs. */
  runs: number | undefined;
  implPath: string;
  reference: () => Promise<ImplModule>;
}

/** Runs one property against an implementation and describes the outcome. */
export async function runProperty(property: Property, impl: ImplModule, settings: RunSettings): Promise<PropertyResult> {
  const started = performance.now();
  const base = { id: property.id, statement: property.statement, hint: property.hint, seed: settings.seed };
  const finish = (rest: Omit<PropertyResult, keyof typeof base | 'durationMs'>): PropertyResult => ({
    ...base,
    ...rest,
    durationMs: Math.round(performance.now() - started),
  });

  if (property.kind === 'cost') {
    try {
      const verdict = await property.measure(impl, await settings.reference(), settings.seed);
      return finish({ status: verdict.ok ? 'passed' : 'failed', message: verdict.detail });
    } catch (error) {
      return finish(describeError(error, settings.implPath));
    }
  }

  const numRuns = settings.runs ?? property.runs;
  const details = await property.check(impl, { seed: settings.seed, numRuns });
  if (!details.failed) return finish({ status: 'passed', runs: numRuns });
  if (details.interrupted || details.counterexample === null) {
    return finish({ status: 'error', message: 'fast-check could not generate inputs for this property', runs: numRuns });
  }
  return finish({ ...describeError(details.errorInstance, settings.implPath), path: details.counterexamplePath, runs: numRuns });
}

type Described = Pick<PropertyResult, 'status' | 'message' | 'trace' | 'location' | 'stack'>;

function describeError(error: unknown, implPath: string): Described {
  const notImplemented = notImplementedMessage(error);
  if (notImplemented !== undefined) return { status: 'not-implemented', message: notImplemented };
  if (error instanceof GradeFailure) return { status: 'failed', message: error.message, trace: error.trace.lines() };
  if (error instanceof LearnerThrew) {
    const thrown = error.thrown;
    return {
      status: 'failed',
      message: `your code threw ${error.message}`,
      trace: error.trace.lines(),
      location: learnerLocation(thrown, implPath),
      stack: thrown instanceof Error ? thrown.stack : undefined,
    };
  }
  // An exception from the learner's file outside a traced call (e.g. while a cost property
  // fills a cache) fails the property; anything else is an error of the grader itself.
  const location = learnerLocation(error, implPath);
  return {
    status: location === undefined ? 'error' : 'failed',
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    location,
    stack: error instanceof Error ? error.stack : undefined,
  };
}
