/** Running a demo on an output stream, as `npm run demo` and `npm run interview -- --demo` both do. */
import { c } from '../cli/term.js';
import type { Demo } from './demos.js';

/**
 * Prints the demo's title, then runs it on `stream`. On a terminal its progress display is
 * redrawn in place on one line, cleared before the next line of output.
 */
export async function runDemoOn(demo: Demo, stream: NodeJS.WriteStream): Promise<void> {
  stream.write(`${c.bold(`demo ${demo.name}`)}: ${demo.title}\n\n`);
  let drawn = false;
  const out = (line: string): void => {
    stream.write(`${drawn ? '\r\x1b[K' : ''}${line}\n`);
    drawn = false;
  };
  const live = stream.isTTY
    ? (line: string): void => {
        stream.write(`\r\x1b[K${line}`);
        drawn = true;
      }
    : undefined;
  await demo.run(out, live);
}
