/**
 * `npm run docs`: builds the documentation site into docs/site/ (or `--out <dir>`); `--no-api`
 * skips typedoc; `--serve [--port N]` serves it on 127.0.0.1 and rebuilds it on every change.
 *
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from '../registry.js';
import { build } from './build.js';
import { defaultPort, serve } from './serve.js';

const usage = `Usage: npm run docs [-- [--out <dir>] [--no-api] [--serve [--port <n>]]]
  --out <dir>   where to build (default docs/site)
  --no-api      skip the API reference (typedoc); an earlier build's api/ stays
  --serve       serve the site on 127.0.0.1, rebuild on changes and reload open pages
  --port <n>    the port to try first when serving (default ${defaultPort})`;

/** The bytes of every file under `dir`. */
function sizeOf(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    bytes += entry.isDirectory() ? sizeOf(join(dir, entry.name)) : statSync(join(dir, entry.name)).size;
  }
  return bytes;
}

/** Runs the command line; resolves to the exit code (a server keeps running until Ctrl-C). */
async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string', default: join(root, 'docs', 'site') },
        'no-api': { type: 'boolean', default: false },
        serve: { type: 'boolean', default: false },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error(`--port must be a port number between 1 and 65535, not ${values.port}\n${usage}`);
    return 2;
  }
  if (port !== undefined && !values.serve) {
    console.error(`--port goes with --serve\n${usage}`);
    return 2;
  }
  const api = !values['no-api'];
  if (values.serve) {
    const server = await serve({ out: values.out, api, ...(port === undefined ? {} : { port }) });
    const stop = (): void => {
      console.log('\ndocs: stopped');
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => {});
  }
  const started = performance.now();
  const { pages } = await build({ out: values.out, api });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (sizeOf(values.out) / 1e6).toFixed(1);
  const near = relative(process.cwd(), values.out);
  const where = near === '' ? '.' : near.startsWith('..') ? resolve(values.out) : near;
  console.log(`docs: ${pages.length} pages${api ? ' and the API reference' : ''} in ${where}/ (${megabytes} MB) in ${seconds} s; open ${join(where, 'index.html')}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
