/**
 * `npm run docs -- --serve`: the built site on 127.0.0.1, rebuilt when its sources change, with
 * open pages reloaded through Server-Sent Events. The reload script is added to pages as they are
 * served, never written into the built files.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from '../registry.js';

/** The port tried first; when it is taken, the next ones are tried. */
export const defaultPort = 4173;

/** The path of the Server-Sent Events stream that tells pages to reload. */
/** The path of the Server-Sent Events stream that tells served pages to reload. */
export const reloadPath = '/__reload';

/** The script added before `</body>` of every page served. */
const reloadScript = `<script>new EventSource(${JSON.stringify(reloadPath)}).addEventListener("reload", () => location.reload());</script>`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** A running server of a folder. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** Tells every open page to reload. */
  reload(): void;
  /** Stops serving and ends the open reload streams. */
  close(): Promise<void>;
}

/** What {@link startServer} serves, and where. */
export interface ServerOptions {
  /** The folder to serve. */
  readonly dir: string;
  /** The port to try first (default {@link defaultPort}; 0 for any free one); up to 20 after it are tried when it is taken. */
  readonly port?: number;
}

/** The file a request path names under `dir`, or undefined when there is none (or it leaves `dir`). */
function fileFor(dir: string, pathname: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = resolve(dir, `.${path}`);
  if (file !== dir && !file.startsWith(dir + sep)) return undefined;
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return existsSync(join(file, 'index.html')) ? join(file, 'index.html') : undefined;
  return stat?.isFile() ? file : undefined;
}

/** Serves `options.dir` on 127.0.0.1, with the reload script in every HTML page. */
export async function startServer(options: ServerOptions): Promise<SiteServer> {
  const dir = resolve(options.dir);
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (pathname === reloadPath) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    const file = fileFor(dir, pathname);
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Not found: ${pathname}\n`);
      return;
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    let body: Buffer | string = readFileSync(file);
    if (extname(file) === '.html') {
      const html = body.toString('utf8');
      const at = html.lastIndexOf('</body>');
      body = at === -1 ? html + reloadScript : html.slice(0, at) + reloadScript + html.slice(at);
    }
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  });
  const first = options.port ?? defaultPort;
  let port = first;
  for (;;) {
    const error = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
      server.once('error', done);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', done);
        done(undefined);
      });
    });
    if (error === undefined) break;
    if (error.code !== 'EADDRINUSE' || port >= first + 20) throw new Error(`cannot listen on 127.0.0.1:${port} (${error.message}): choose another port with --port`);
    port++;
  }
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    reload() {
      for (const stream of streams) stream.write('event: reload\ndata: \n\n');
    },
    close() {
      for (const stream of streams) stream.end();
      streams.clear();
      return new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

/** The folders whose changes rebuild the site, relative to the project root. */
const watched = ['chapters', 'exercises', 'harness/interview', 'harness/docs', 'solutions', 'lib'] as const;

/** Whether a change to `file` (relative to the project root) changes the API reference. */
function changesApi(file: string): boolean {
  return file.startsWith('solutions/') || file.startsWith('lib/') || file === 'exercises/workbook.ts';
}

/** How long to wait after the last change before rebuilding, in milliseconds. */
const debounceMs = 250;

/** What {@link serve} builds and serves. */
export interface ServeOptions {
  /** The output folder. */
  readonly out: string;
  /** The port to try first. */
  readonly port?: number;
  /** Whether to build the API reference (default true). */
  readonly api?: boolean;
  /** Where progress goes (default: the console). */
  readonly log?: (line: string) => void;
}

/**
 * Builds the site, serves it, and rebuilds it after each burst of changes to {@link watched}
 * (typedoc only when the API's sources changed), reloading open pages after each good build. Each
 * build runs in a child process, so changes to the builder itself take effect. A failed build is
 * reported and the last good site stays up.
 */
export async function serve(options: ServeOptions): Promise<SiteServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const out = resolve(options.out);
  const api = options.api ?? true;
  const main = join(fileURLToPath(new URL('.', import.meta.url)), 'main.ts');
  let child: ChildProcess | undefined;
  let closed = false;

  /** Builds in a child process; true when it succeeded. */
  const buildOnce = (withApi: boolean): Promise<boolean> =>
    new Promise((done) => {
      const args = ['--import', 'tsx', main, '--out', out, ...(withApi ? [] : ['--no-api'])];
      child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
      child.on('error', (error) => {
        log(`docs: could not start the build: ${error.message}`);
        done(false);
      });
      child.on('exit', (code) => {
        child = undefined;
        done(code === 0);
      });
    });

  if (!(await buildOnce(api))) throw new Error('the first build failed (see above): fix it, then start --serve again');
  const server = await startServer({ dir: out, ...(options.port === undefined ? {} : { port: options.port }) });
  log(`docs: serving ${out} at ${server.url} (Ctrl-C stops)`);

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let building = false;
  const rebuild = async (): Promise<void> => {
    timer = undefined;
    if (building || closed || pending.size === 0) return;
    building = true;
    const files = [...pending].sort();
    pending.clear();
    const withApi = api && files.some(changesApi);
    log(`docs: ${files.length === 1 ? files[0] : `${files.length} files`} changed: rebuilding${withApi ? ' with the API reference' : ''}`);
    const ok = await buildOnce(withApi);
    building = false;
    if (closed) return;
    if (ok) server.reload();
    else log('docs: the build failed (see above); still serving the last good site');
    if (pending.size > 0) void rebuild();
  };
  const watchers: FSWatcher[] = watched
    .filter((folder) => existsSync(join(root, folder)))
    .map((folder) =>
      watch(join(root, folder), { recursive: true }, (_event, name) => {
        if (name === null) return;
        pending.add(relative(root, join(root, folder, name.toString())).split(sep).join('/'));
        clearTimeout(timer);
        timer = setTimeout(() => void rebuild(), debounceMs);
      }),
    );

  return {
    url: server.url,
    reload: () => server.reload(),
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      child?.kill('SIGTERM');
      await server.close();
    },
  };
}
