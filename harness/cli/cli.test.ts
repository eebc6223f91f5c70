/** The command line as a learner uses it: exit codes, the list, reports, --json, --impl, hints and reset. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exercises, filesOf, root } from '../registry.js';

let scratch: string;
let learnerDir: string;
let progress: string;

/** Runs the CLI in a scratch copy of the learner's folder, with its own progress file. */
function cli(...args: string[]): { code: number; out: string; err: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'harness', 'cli', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CACHECRAFT_EXERCISES: learnerDir, CACHECRAFT_PROGRESS: progress },
    timeout: 120_000,
  });
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
}

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cachecraft-'));
  learnerDir = join(scratch, 'exercises');
  progress = join(scratch, 'progress.json');
  mkdirSync(learnerDir);
  for (const e of exercises) copyFileSync(filesOf(e).pristine, join(learnerDir, `${e.id}.ts`));
  copyFileSync(join(root, 'exercises', 'workbook.ts'), join(learnerDir, 'workbook.ts'));
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run exercise', () => {
  it('with no id lists every exercise by chapter, with progress and the next step', () => {
    const { code, out } = cli('exercise');
    expect(code).toBe(0);
    for (const e of exercises) expect(out).toContain(e.id);
    expect(out).toContain('Fundamentals');
    expect(out).toContain('Eviction');
    expect(out).toContain('Patterns');
    expect(out).toContain(`0/${exercises.length} passing`);
    expect(out).toContain('Next: npm run exercise metrics');
  });

  it('says "not started" for an untouched stub and points to the chapter', () => {
    const { code, out } = cli('exercise', 'lru');
    expect(code).toBe(1);
    expect(out).toContain('Not started');
    expect(out).toContain('chapters/02-eviction/README.md');
  });

  it('prints a numbered counterexample, the seed, a replay command and a next step', () => {
    const { code, out } = cli('exercise', 'lru', '--impl', 'harness/buggy/lru/get-no-refresh.ts', '--seed', '5', '--only', 'eviction-order');
    expect(code).toBe(1);
    expect(out).toContain('seed 5');
    expect(out).toMatch(/1\. new LRUCache\(\d+, \{ onEvict \}\)/);
    expect(out).toMatch(/\d+\. set\(.*\) → expected onEvict\(.*\), got onEvict\(.*\)/);
    expect(out).toContain('Replay: npm run exercise lru -- --impl harness/buggy/lru/get-no-refresh.ts --seed 5 --only eviction-order');
    expect(out).toContain('Next step:');
    expect(out).not.toMatch(/at .*harness\/grade/);
  });

  it('exits 0 when every property holds (the reference solution)', () => {
    const { code, out } = cli('exercise', 'metrics', '--solution', '--seed', '3');
    expect(out).toContain('All');
    expect(code).toBe(0);
  });

  it('--json emits one document with every property', () => {
    const { code, out } = cli('exercise', 'lru', '--impl', 'harness/buggy/lru/keys-lru-first.ts', '--seed', '2', '--json');
    expect(code).toBe(1);
    const doc = JSON.parse(out) as { exercise: string; implementation: string; status: string; seed: number; properties: { id: string; status: string; counterexample: string[] | null; replay: string; seed: number; durationMs: number }[] };
    expect(doc).toMatchObject({ exercise: 'lru', implementation: 'harness/buggy/lru/keys-lru-first.ts', status: 'failed', seed: 2 });
    const keys = doc.properties.find((p) => p.id === 'keys-order')!;
    expect(keys.status).toBe('failed');
    expect(keys.counterexample!.length).toBeGreaterThan(1);
    expect(keys.replay).toContain('--seed 2 --only keys-order');
    expect(doc.properties.length).toBe(8);
  });

  it('an unknown id is a usage error that suggests the nearest one', () => {
    const { code, err } = cli('exercise', 'lur');
    expect(code).toBe(2);
    expect(err).toContain('Did you mean "lru"?');
  });

  it('an unknown property id is a usage error that lists the properties', () => {
    const { code, err } = cli('exercise', 'lru', '--solution', '--only', 'evict-order');
    expect(code).toBe(2);
    expect(err).toContain('No property named "evict-order"');
    expect(err).toContain('eviction-order');
  });

  it('records a passing exercise, shows it as passing, and regrades it once it changes', () => {
    copyFileSync(filesOf(exercises.find((e) => e.id === 'metrics')!).solution, join(learnerDir, 'metrics.ts'));
    // The solution imports the learner module from ../exercises; the copy sits beside it instead.
    const file = join(learnerDir, 'metrics.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('../exercises/workbook.js', './workbook.js'));
    expect(cli('exercise', 'metrics').code).toBe(0);
    const { out } = cli('exercise');
    expect(out).toMatch(/✓ passing\s+metrics/);
    expect(out).toContain(`1/${exercises.length} passing`);
    expect(out).toContain('Next: npm run exercise lru');
    // Break it: the recorded "passing" must not survive a change that fails.
    writeFileSync(file, readFileSync(file, 'utf8').replace('hitRate: requests === 0 ? 0 : this.#hits / requests', 'hitRate: requests === 0 ? 0 : (100 * this.#hits) / requests'));
    expect(cli('exercise').out).toMatch(/✗ failing\s+metrics/);
  });
});

describe('type errors', () => {
  it('are listed as warnings after the verdict, without blocking grading', () => {
    const file = join(learnerDir, 'metrics.ts');
    const source = readFileSync(filesOf(exercises.find((e) => e.id === 'metrics')!).solution, 'utf8').replaceAll('../exercises/workbook.js', './workbook.js');
    writeFileSync(file, `${source}\nexport const typo: number = 'not a number';\n`);
    const { code, out } = cli('exercise', 'metrics', '--seed', '1');
    expect(code).toBe(0);
    expect(out).toContain('Type warnings');
    expect(out).toMatch(/metrics\.ts:\d+:\d+ - Type 'string' is not assignable to type 'number'/);
  });
});

describe('npm run hint', () => {
  it('shows one more hint per call', () => {
    const first = cli('hint', 'lru').out;
    expect(first).toContain('(1 of 4)');
    const second = cli('hint', 'lru').out;
    expect(second).toContain('(2 of 4)');
    expect(second).toMatch(/^2\. /m);
  });
});

describe('npm run reset', () => {
  it('restores the stub with --yes, and refuses to discard code without it when it cannot ask', () => {
    const file = join(learnerDir, 'lru.ts');
    writeFileSync(file, '// my work\n');
    const refused = cli('reset', 'lru');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    expect(readFileSync(file, 'utf8')).toBe('// my work\n');
    const done = cli('reset', 'lru', '--yes');
    expect(done.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(root, 'harness', 'stubs', 'lru.ts'), 'utf8'));
  });
});

describe('the learner files', () => {
  // Only in CI: a learner's own edits would rightly differ.
  it.runIf(process.env.CI === 'true')('each stub in exercises/ is its pristine copy', () => {
    for (const e of exercises) expect(readFileSync(filesOf(e).pristine, 'utf8')).toBe(readFileSync(join(root, 'exercises', `${e.id}.ts`), 'utf8'));
  });
});
