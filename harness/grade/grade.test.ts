/** The runner treats learner code as untrusted: hangs, exceptions and syntax errors are reported, not fatal. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercises, root } from '../registry.js';
import { grade } from './grade.js';

const lru = exercises.find((e) => e.id === 'lru')!;
const fixture = (name: string): string => join(root, 'harness', 'test-fixtures', name);

describe('grade', () => {
  it('stops an endless loop and names the call it was stuck in, then goes on', async () => {
    const report = await grade({ exercise: lru, implPath: fixture('hangs-in-get.ts'), seed: 1, only: ['get-set', 'capacity-validation'], propertyTimeoutMs: 1500 });
    const stuck = report.properties.find((p) => p.id === 'get-set')!;
    expect(stuck.status).toBe('timeout');
    expect(stuck.message).toMatch(/still running get\(/);
    expect(report.properties.find((p) => p.id === 'capacity-validation')!.status).toBe('passed');
  });

  it("shows an exception with the learner's own file and line", async () => {
    const report = await grade({ exercise: lru, implPath: fixture('throws-in-get.ts'), seed: 1, only: ['get-set'] });
    const p = report.properties[0]!;
    expect(p.status).toBe('failed');
    expect(p.message).toMatch(/your code threw TypeError/);
    expect(p.location).toBe('harness/test-fixtures/throws-in-get.ts:13:16');
    expect(p.trace!.at(-1)).toMatch(/get\(.*\) → threw TypeError/);
  });

  it('reports a syntax error as the compiler does, without running anything', async () => {
    const report = await grade({ exercise: lru, implPath: fixture('syntax-error.ts'), seed: 1 });
    expect(report.status).toBe('compile-error');
    expect(report.problem).toMatch(/harness\/test-fixtures\/syntax-error\.ts:3:\d+: ERROR: Expected/);
    expect(report.properties).toEqual([]);
  });

  it('tells a partly written exercise (the constructor works) from one not started', async () => {
    const cacheAside = exercises.find((e) => e.id === 'cache-aside')!;
    const report = await grade({ exercise: cacheAside, implPath: fixture('partial-cache-aside.ts'), seed: 1 });
    expect(report.status).toBe('failed');
    expect(report.properties.map((p) => p.status)).toEqual(report.properties.map(() => 'not-implemented'));
    expect(report.properties[0]!.message).toMatch(/^Not implemented: CacheAside\.update/);
  });

  it('names the exports a module lacks', async () => {
    const report = await grade({ exercise: lru, implPath: join(root, 'solutions', 'lfu.ts'), seed: 1 });
    expect(report.status).toBe('missing-exports');
    expect(report.problem).toMatch(/LRUCache/);
  });
});
