/** Correct implementations the workbook did not write must pass: real npm libraries wrapped to the contract. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grade } from '../grade/grade.js';
import { exercises, root } from '../registry.js';

const lru = exercises.find((e) => e.id === 'lru')!;

describe('npm libraries wrapped to the lru contract', () => {
  for (const peer of ['lru-cache', 'mnemonist-lrumap']) {
    it(`${peer} passes every property`, async () => {
      const report = await grade({ exercise: lru, implPath: join(root, 'harness', 'peers', `${peer}.ts`), seed: 11 });
      expect(report.properties.filter((p) => p.status !== 'passed').map((p) => `${p.id}: ${p.message}`)).toEqual([]);
    });
  }
});
