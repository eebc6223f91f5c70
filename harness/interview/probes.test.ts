/** Probes of the learner's code: what they print for correct and buggy code, readiness, loading, determinism. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImplModule } from '../grade/suite.js';
import { codeHash, updateProgress } from '../cli/progress.js';
import { exercises, findExercise, root } from '../registry.js';
import * as buggyLru from '../buggy/lru/get-no-refresh.js';
import * as buggySingleFlight from '../buggy/stampede/single-flight-caches-rejection.js';
import * as lfu from '../../solutions/lfu.js';
import * as lru from '../../solutions/lru.js';
import * as stampede from '../../solutions/stampede.js';
import { findProbe, loadProbeModules, probeReady, probes, type Probe, type ProbeModules } from './probes.js';

const reference: Record<string, ImplModule> = { lru, lfu, stampede };

/** The probe called `name` (the test fails if there is none). */
function probe(name: string): Probe {
  const found = findProbe(name);
  if (found === undefined) throw new Error(`no probe "${name}"`);
  return found;
}

/** Runs `p` with `learner` (by exercise id; the reference for the others) and returns its lines. */
async function output(p: Probe, learner: Record<string, ImplModule> = {}): Promise<string[]> {
  const lines: string[] = [];
  const modules: ProbeModules = { learner: { ...reference, ...learner }, reference };
  await p.run((line) => lines.push(line), modules);
  return lines;
}

/** The hit-rate rows of the eviction probe's table: workload name, then four percentages. */
function hitRateRows(lines: string[]): { workload: string; rates: number[] }[] {
  return lines
    .map((line) => /^ {2}(\S.*?)\s{2,}[\d,]+\s+([\d.]+)%\s+([\d.]+)%\s+([\d.]+)%\s+([\d.]+)%$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ workload: match[1]!, rates: match.slice(2).map(Number) }));
}

describe('the probe list', () => {
  it('has unique names, each findable, each needing exercises of the registry', () => {
    expect(new Set(probes.map((p) => p.name)).size).toBe(probes.length);
    for (const p of probes) {
      expect(findProbe(p.name)).toBe(p);
      expect(p.exercises.length).toBeGreaterThan(0);
      for (const id of p.exercises) expect(findExercise(id), `${p.name} needs ${id}`).toBeDefined();
    }
    expect(findProbe('no-such-probe')).toBeUndefined();
  });
});

describe('eviction-hit-rates', () => {
  const p = probe('eviction-hit-rates');

  it('with the reference as the learner, shows the same hit rates and no difference line', async () => {
    const lines = await output(p);
    const rows = hitRateRows(lines);
    expect(rows.map((r) => r.workload)).toEqual(['Zipf(0.9) over 10,000 keys', 'the same + a 500-key scan every 1,000', 'a loop over 550 keys']);
    for (const { rates } of rows) {
      expect(rates[0]).toBe(rates[1]);
      expect(rates[2]).toBe(rates[3]);
    }
    const [zipf, scans, loop] = rows.map((r) => r.rates) as [number[], number[], number[]];
    expect(scans[3]! - scans[1]!).toBeGreaterThan(5); // LFU beats LRU under scans
    expect(zipf[1]! - scans[1]!).toBeGreaterThan(5); // and the scans cost LRU dearly
    expect(loop).toEqual([0, 0, 0, 0]);
    expect(lines.join('\n')).not.toContain('✗');
    expect(lines).toContainEqual(expect.stringContaining('✓ Your LRUCache hits exactly as often as the reference'));
    expect(lines).toContainEqual(expect.stringContaining('✓ Your LFUCache hits exactly as often as the reference'));
    expect(lines.join('\n')).toMatch(/W-TinyLFU[\s\S]*S3-FIFO[\s\S]*SIEVE/);
  });

  it('with a buggy LRU (get does not refresh recency), prints the difference line and points to the exercise', async () => {
    const lines = await output(p, { lru: buggyLru });
    const text = lines.join('\n');
    expect(text).toContain('✗ Your LRUCache differs from the reference by more than 1 percentage point');
    expect(text).toContain('npm run exercise lru');
    expect(text).not.toContain('✗ Your LFUCache');
    const zipf = hitRateRows(lines)[0]!.rates;
    expect(zipf[1]! - zipf[0]!).toBeGreaterThan(1);
  });

  it('runs in under a second', async () => {
    const start = performance.now();
    await output(p);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('stampede-load-count', () => {
  const p = probe('stampede-load-count');

  it('with the reference as the learner, counts the same loads and prints no difference line', async () => {
    const lines = await output(p);
    const text = lines.join('\n');
    expect(text).toMatch(/1,000 gets of one cold key at once\s+1,000\s+1\s+1$/m);
    expect(text).toMatch(/1,000 gets of 10 cold keys at once\s+1,000\s+10\s+10$/m);
    expect(text).toMatch(/1,000 gets whose load fails, then 1,000 more\s+2,000\s+2\s+2$/m);
    expect(text).not.toContain('✗');
    expect(text).toContain('✓ Yours makes exactly the loads the reference makes');
  });

  it('with a single-flight that caches rejections, prints the difference line for that scenario', async () => {
    const text = (await output(p, { stampede: buggySingleFlight })).join('\n');
    expect(text).toMatch(/✗ Your SingleFlightCache does not behave as the reference in: 1,000 gets whose load fails, then 1,000 more\./);
    expect(text).toContain('npm run exercise stampede');
  });
});

describe('output', () => {
  it('is the same, line for line, on every run', async () => {
    for (const p of probes) expect(await output(p, { lru: buggyLru })).toEqual(await output(p, { lru: buggyLru }));
  });
});

describe('probeReady and loadProbeModules', () => {
  let scratch: string;
  let learnerDir: string;
  const saved = { exercises: process.env.CACHECRAFT_EXERCISES, progress: process.env.CACHECRAFT_PROGRESS };

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'cachecraft-probes-'));
    learnerDir = join(scratch, 'exercises');
    mkdirSync(learnerDir);
    for (const e of exercises) copyFileSync(join(root, 'harness', 'stubs', `${e.id}.ts`), join(learnerDir, `${e.id}.ts`));
    process.env.CACHECRAFT_EXERCISES = learnerDir;
    process.env.CACHECRAFT_PROGRESS = join(scratch, 'progress.json');
  });

  afterEach(() => {
    for (const [name, value] of [['CACHECRAFT_EXERCISES', saved.exercises], ['CACHECRAFT_PROGRESS', saved.progress]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Puts the reference solution of `id` in the learner's folder, as if the learner had written it. */
  const solve = (id: string): void => copyFileSync(join(root, 'solutions', `${id}.ts`), join(learnerDir, `${id}.ts`));
  /** Records a pass for `id`, for its current code or for other code. */
  const pass = (id: string, forCurrentCode = true): void => {
    updateProgress(id, { status: 'passed', hash: forCurrentCode ? codeHash(findExercise(id)!) : 'an-older-file' });
  };

  it('reports every exercise missing while the stubs are untouched, even with no progress file', () => {
    expect(probeReady(probe('eviction-hit-rates'))).toEqual({ ready: false, missing: ['lru', 'lfu'] });
  });

  it('counts only a pass recorded for the current code', () => {
    const p = probe('eviction-hit-rates');
    solve('lru');
    solve('lfu');
    expect(probeReady(p)).toEqual({ ready: false, missing: ['lru', 'lfu'] });
    pass('lru');
    pass('lfu', false);
    expect(probeReady(p)).toEqual({ ready: false, missing: ['lfu'] });
    updateProgress('lfu', { status: 'failed', hash: codeHash(findExercise('lfu')!) });
    expect(probeReady(p)).toEqual({ ready: false, missing: ['lfu'] });
    pass('lfu');
    expect(probeReady(p)).toEqual({ ready: true, missing: [] });
  });

  it('loads the learner files (from CACHECRAFT_EXERCISES or exercisesDir) and the reference, ready to run', async () => {
    const p = probe('eviction-hit-rates');
    solve('lru');
    solve('lfu');
    const modules = await loadProbeModules(p);
    expect(Object.keys(modules.learner)).toEqual(['lru', 'lfu']);
    expect(Object.keys(modules.reference)).toEqual(['lru', 'lfu']);
    const lines: string[] = [];
    await p.run((line) => lines.push(line), modules);
    expect(lines.join('\n')).not.toContain('✗');

    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(elsewhere);
    copyFileSync(join(root, 'harness', 'stubs', 'lru.ts'), join(elsewhere, 'lru.ts'));
    copyFileSync(join(root, 'harness', 'stubs', 'lfu.ts'), join(elsewhere, 'lfu.ts'));
    const stubs = await loadProbeModules(p, { exercisesDir: elsewhere });
    await expect(p.run(() => {}, stubs)).rejects.toThrow('Not implemented');
  });

  it('says what to do when a learner file is missing or lacks the class', async () => {
    const p = probe('eviction-hit-rates');
    await expect(loadProbeModules(p, { exercisesDir: join(scratch, 'nowhere') })).rejects.toThrow(/lru\.ts does not exist: restore it with `npm run reset lru`/);
    await expect(p.run(() => {}, { learner: { lru: {}, lfu }, reference })).rejects.toThrow('exercises/lru.ts does not export a class LRUCache: run `npm run exercise lru`');
  });
});
