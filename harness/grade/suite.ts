import fc from 'fast-check';


/** A module under test: whatever the learner's file (or any `--impl` file) exports. */
export type ImplModule = Readonly<Record<string, unknown>>;

interface PropertyBase {
  /** Short kebab-case id, unique within the suite, e.g. `eviction-order`. */
  id: string;
  /** The property in one line, as the learner should read it. */
  statement: string;
  /** The one next step shown when this property fails. */
  hint: string;
}

/** A property checked by fast-check on generated inputs (often a model-based command sequence). */
export interface CheckedProperty extends PropertyBase {
  kind: 'check';
  /** Default number of generated runs (overridden by `--runs`). */
  runs: number;
  /** Runs fast-check on this implementation. Build it with {@link checked}. */
  check(impl: ImplModule, parameters: { seed: number; numRuns: number }): Promise<fc.RunDetails<unknown>>;
}

/** Declares a checked property from a fast-check property builder. */
export function checked<Ts>(spec: Omit<CheckedProperty, 'kind' | 'check'> & { build(impl: ImplModule): fc.IRawProperty<Ts> }): CheckedProperty {
  const { build, ...rest } = spec;
  return {
    ...rest,
    kind: 'check',
    check: async (impl, parameters) => (await fc.check(build(impl), parameters)) as fc.RunDetails<unknown>,
  };
}

/** What a cost property found: `ok` false fails it; `detail` names the growth it measured. */
export interface CostVerdict {
  ok: boolean;
  detail: string;
}

/** A property about how cost grows with size, measured against the reference in the same run. */
export interface CostProperty extends PropertyBase {
  kind: 'cost';
  measure(impl: ImplModule, reference: ImplModule, seed: number): CostVerdict | Promise<CostVerdict>;
}

/** One property of a suite. */
export type Property = CheckedProperty | CostProperty;

/** The property suite of one exercise: the properties, in the order they are reported. */
export interface Suite {
  properties: Property[];
}

/** Reads a named class from a module under test (the runner has checked it exists). */
export function exported<T>(impl: ImplModule, name: string): T {
  return impl[name] as T;
}
