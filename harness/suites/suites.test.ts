/**
 * The grader's own honesty: every suite passes every reference solution on several seeds, every
 * untouched stub is "not started", and every buggy variant under harness/buggy/ is rejected by
 * the property its header names with @caughtBy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grade } from '../grade/grade.js';
import { exercises, filesOf, root } from '../registry.js';

const SEEDS = [1, 2, 3];

/** The buggy variants of an exercise, with the property that must catch each. */
function variants(id: string): { name: string; path: string; caughtBy: string }[] {
  const dir = join(root, 'harness', 'buggy', id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => {
      const path = join(dir, f);
      const caughtBy = /@caughtBy\s+([\w-]+)/.exec(readFileSync(path, 'utf8'))?.[1];
      if (!caughtBy) throw new Error(`${path} has no @caughtBy tag`);
      return { name: f.replace(/\.ts$/, ''), path, caughtBy };
    });
}

for (const exercise of exercises) {
  describe(exercise.id, () => {
    for (const seed of SEEDS) {
      it(`the reference solution passes every property (seed ${seed})`, async () => {
        const report = await grade({ exercise, implPath: filesOf(exercise).solution, seed });
        const failing = report.properties.filter((p) => p.status !== 'passed').map((p) => `${p.id}: ${p.message}\n${p.trace?.join('\n') ?? ''}`);
        expect(failing).toEqual([]);
        expect(report.status).toBe('passed');
      });
    }

    it('the untouched stub is reported as not started', async () => {
      const report = await grade({ exercise, implPath: filesOf(exercise).pristine, seed: 1 });
      expect(report.status).toBe('not-started');
    });

    // The variants are this correct base with one flaw each: the base itself must pass.
    const base = join(root, 'harness', 'buggy', 'base', `${exercise.id}.ts`);
    it.runIf(existsSync(base))('the correct base of the buggy variants passes every property', async () => {
      const report = await grade({ exercise, implPath: base, seed: 4 });
      expect(report.properties.filter((p) => p.status !== 'passed').map((p) => `${p.id}: ${p.message}`)).toEqual([]);
    });

    const list = variants(exercise.id);
    it('has at least six named buggy variants', () => {
      expect(list.length).toBeGreaterThanOrEqual(6);
    });

    for (const variant of list) {
      it(`rejects ${variant.name} by ${variant.caughtBy}`, async () => {
        const report = await grade({ exercise, implPath: variant.path, seed: 1, only: [variant.caughtBy], propertyTimeoutMs: 10_000 });
        expect(report.properties.map((p) => p.id)).toEqual([variant.caughtBy]);
        expect(report.properties[0]!.status, report.properties[0]!.message).toMatch(/failed|timeout/);
        expect(report.status).toBe('failed');
      });
    }
  });
}

describe('replay', () => {
  it('the same seed gives the same counterexample', async () => {
    const exercise = exercises.find((e) => e.id === 'lru')!;
    const path = join(root, 'harness', 'buggy', 'lru', 'get-no-refresh.ts');
    const a = await grade({ exercise, implPath: path, seed: 99, only: ['eviction-order'] });
    const b = await grade({ exercise, implPath: path, seed: 99, only: ['eviction-order'] });
    expect(a.properties[0]!.trace).toBeDefined();
    expect(b.properties[0]!.trace).toEqual(a.properties[0]!.trace);
  });
});
