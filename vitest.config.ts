import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'harness/**/*.test.ts', 'bench/**/*.test.ts'],
    // Cost properties time code: one test file at a time keeps the second core for the grader.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
