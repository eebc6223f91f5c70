/**
 * The rule for tests that need a program from the system (redis-server, chromium): in CI
 * (`CI=true`) a missing program is a failure; elsewhere the tests are skipped with a loud line,
 * never silently.
 */

/** Whether tests needing `name` can run. Throws in CI when `path` is undefined; warns loudly elsewhere. */
export function needBinary(name: string, path: string | undefined, install: string): boolean {
  if (path !== undefined) return true;
  const message = `${name} is not installed: the tests that need it cannot run (${install})`;
  if (process.env.CI === 'true') throw new Error(`${message}. In CI this is a failure: .ci/run installs it.`);
  process.stderr.write(`\n${'!'.repeat(78)}\n!!! SKIPPED: ${message}\n${'!'.repeat(78)}\n\n`);
  return false;
}
