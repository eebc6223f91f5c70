/**
 * Probe `stampede-load-count`: the learner's `SingleFlightCache` next to the reference's and to no
 * protection at all, on a herd of concurrent gets of cold keys, counting the loads that reach the
 * source. Time is a {@link ManualTime}: a load takes {@link LOAD_MS} of simulated time, so the probe
 * is instant and prints the same numbers every time.
 *
 * @module
 */
import { ManualTime } from '../../lib/manual-time.js';
import type { Clock } from '../../exercises/workbook.js';
import { c } from '../cli/term.js';
import { columns, count, settle } from '../demo/format.js';
import { classOf, type ProbeModules } from './probe-modules.js';
import type { Probe } from './probes.js';

const LOAD_MS = 50;
const TTL_MS = 60_000;
const HERD = 1_000;
const KEYS = 10;

/** What the probe uses of a loading cache. */
interface LoadingCache {
  get(key: string): Promise<string>;
}

/** How the probe builds a loading cache over a load function and a clock. */
type MakeCache = (load: (key: string) => Promise<string>, clock: Clock) => LoadingCache;

/** The constructor of `SingleFlightCache` (exercises/stampede.ts). */
type SingleFlightClass = new (options: { load: (key: string) => Promise<string>; ttlMs: number; clock: Clock }) => LoadingCache;

/** No protection: get, else load and keep the value. Written for this probe; do not copy it. */
function unprotected(load: (key: string) => Promise<string>): LoadingCache {
  const values = new Map<string, string>();
  return {
    async get(key) {
      const cached = values.get(key);
      if (cached !== undefined) return cached;
      const value = await load(key);
      values.set(key, value);
      return value;
    },
  };
}

/** What one scenario did to one cache. */
interface Outcome {
  /** Loads that reached the source. */
  readonly loads: number;
  /** Gets that settled other than they should have (a wrong value, or a rejection instead of a value, or the reverse). */
  readonly wrong: number;
  /** Gets that had not settled once every load had finished. */
  readonly hung: number;
}

/** One round of concurrent gets: these keys, and whether the source fails them. */
interface Round {
  readonly keys: readonly string[];
  readonly fails: boolean;
}

/** A herd scenario: rounds of gets, each fired at one moment and settled before the next. */
interface Scenario {
  readonly name: string;
  readonly rounds: readonly Round[];
}

const herdOf = (key: string): string[] => Array.from({ length: HERD }, () => key);

const SCENARIOS: readonly Scenario[] = [
  { name: `${count(HERD)} gets of one cold key at once`, rounds: [{ keys: herdOf('home'), fails: false }] },
  {
    name: `${count(HERD)} gets of ${KEYS} cold keys at once`,
    rounds: [{ keys: Array.from({ length: HERD }, (_, i) => `page-${i % KEYS}`), fails: false }],
  },
  {
    name: `${count(HERD)} gets whose load fails, then ${count(HERD)} more`,
    rounds: [
      { keys: herdOf('home'), fails: true },
      { keys: herdOf('home'), fails: false },
    ],
  },
];

/** Calls `get`, turning a synchronous throw into a rejection. */
function call(cache: LoadingCache, key: string): Promise<string> {
  try {
    return Promise.resolve(cache.get(key));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Runs `scenario` against a fresh cache from `make`. */
async function play(scenario: Scenario, make: MakeCache): Promise<Outcome> {
  const time = new ManualTime();
  let fails = false;
  let loads = 0;
  const load = (key: string): Promise<string> => {
    loads++;
    const failing = fails;
    return new Promise((resolve, reject) => {
      time.setTimeout(() => (failing ? reject(new Error(`the source is down (${key})`)) : resolve(`value of ${key}`)), LOAD_MS);
    });
  };
  const cache = make(load, time);
  let wrong = 0;
  let hung = 0;
  for (const round of scenario.rounds) {
    fails = round.fails;
    let settled = 0;
    for (const key of round.keys) {
      call(cache, key).then(
        (value) => {
          settled++;
          if (round.fails || value !== `value of ${key}`) wrong++;
        },
        () => {
          settled++;
          if (!round.fails) wrong++;
        },
      );
    }
    // Let every load start, finish them all, and let every waiter hear of it.
    for (let step = 0; step < 3; step++) {
      await settle();
      time.advance(LOAD_MS);
    }
    await settle();
    hung += round.keys.length - settled;
  }
  return { loads, wrong, hung };
}

/** A table cell: the loads, and what went wrong if anything did. */
function cell({ loads, wrong, hung }: Outcome): string {
  const notes = [wrong > 0 ? `${count(wrong)} wrong` : '', hung > 0 ? `${count(hung)} never settled` : ''].filter(Boolean);
  return `${count(loads)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/** Runs the probe; see the module comment. */
async function run(out: (line: string) => void, modules: ProbeModules): Promise<void> {
  const Learner = classOf<SingleFlightClass>(modules, 'learner', 'stampede', 'SingleFlightCache');
  const Reference = classOf<SingleFlightClass>(modules, 'reference', 'stampede', 'SingleFlightCache');
  const makers: readonly MakeCache[] = [
    (load) => unprotected(load),
    (load, clock) => new Reference({ load, ttlMs: TTL_MS, clock }),
    (load, clock) => new Learner({ load, ttlMs: TTL_MS, clock }),
  ];
  const outcomes: Outcome[][] = [];
  for (const scenario of SCENARIOS) {
    const row: Outcome[] = [];
    for (const make of makers) row.push(await play(scenario, make));
    outcomes.push(row);
  }

  out(c.bold('Your SingleFlightCache next to the reference and to no protection: loads that reached the source'));
  out(c.dim(`  Simulated time: a load takes ${LOAD_MS} ms. Gets of a round are fired at the same moment.`));
  for (const line of columns([
    ['scenario', 'unprotected', 'reference', 'yours'],
    ...SCENARIOS.map((scenario, i) => [scenario.name, ...outcomes[i]!.map(cell)]),
  ])) {
    out(line);
  }
  const off = SCENARIOS.filter((_, i) => {
    const [, reference, learner] = outcomes[i]!;
    return learner!.loads !== reference!.loads || learner!.wrong > 0 || learner!.hung > 0;
  });
  if (outcomes.some((row) => row.some(({ wrong, hung }) => wrong > 0 || hung > 0))) {
    out(c.dim('  wrong: a get that got another key\'s value, or a rejection where the load succeeded, or the reverse.'));
  }
  if (off.length > 0) {
    out(c.red(`  ✗ Your SingleFlightCache does not behave as the reference in: ${off.map((s) => s.name).join('; ')}.`));
    out('    The contract fixes the number of loads: one per key at a time, shared by every waiter, its error not cached.');
    out('    Run `npm run exercise stampede` again, and reread the contract in exercises/stampede.ts.');
  } else {
    out(c.green('  ✓ Yours makes exactly the loads the reference makes, and every get settles as it should.'));
  }
  out('');
  out(c.bold('Think it through, then say it aloud:'));
  out(`  1. ${count(HERD)} gets, one load: where do the other ${count(HERD - 1)} wait, and what do they get when that load fails?`);
  out('  2. Why must the failed load not be cached? What would you serve, or cache, to protect a source that is down?');
  out('  3. Single-flight works inside one process. With 50 application servers, a cold key still costs up to 50 loads:');
  out('     how would you bring that down?');
  out(`  4. A hot key that expires: every get in the next ${LOAD_MS} ms waits for the one reload. What do XFetch and`);
  out('     stale-while-revalidate change? (`npm run demo stampede`)');
  out(c.dim('  Read: chapters/03-patterns/README.md, section "Stampede protection".'));
}

/** The probe `stampede-load-count`. */
export const stampedeLoadCount: Probe = {
  name: 'stampede-load-count',
  title: 'Your SingleFlightCache on a herd of concurrent gets of cold keys: loads counted, then why',
  exercises: ['stampede'],
  run,
};
