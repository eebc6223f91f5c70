/**
 * Entry of the command line (`npm run exercise`, `watch`, `hint`, `reset`; `cachecraft`).
 * When the command will grade, a grading worker starts booting first, so that its start-up
 * overlaps the loading of the rest of the command line.
 */
const argv = process.argv.slice(2);
if ((argv[0] === 'exercise' || argv[0] === 'watch') && argv[1] !== undefined && !argv[1].startsWith('-')) {
  const { prestartWorker } = await import('../grade/grade.js');
  prestartWorker();
}
const { run } = await import('./dispatch.js');
await run(argv);
