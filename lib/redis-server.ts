import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway `redis-server` on a loopback port, with no persistence. */
export interface RedisServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL after a few seconds) and removes its folder. */
  stop(): Promise<void>;
  /** Kills the server at once, as a crash would (SIGKILL). */
  kill(): Promise<void>;
}

/** The path of `redis-server` on this machine, or undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; another process may still take it first). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts `redis-server` on a free loopback port, without persistence (`--save ''`,
 * `--appendonly no`), in a fresh temporary folder, and resolves once it accepts connections.
 * `args` are extra server arguments, e.g. `['--cluster-enabled', 'yes']`.
 */
export async function startRedis(options: { args?: readonly string[]; readyTimeoutMs?: number } = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (binary === undefined) throw new Error('redis-server is not installed (Debian: apt-get install -y redis-server)');
  let lastError: unknown;
  // The port is free when chosen but may be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'cachecraft-redis-'));
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', ...(options.args ?? [])];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await ready(child, options.readyTimeoutMs ?? 10_000);
      return server(child, port, dir);
    } catch (error) {
      lastError = error;
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw new Error(`redis-server did not start: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}

/** Resolves when the server logs that it is ready; rejects when it exits or the time is up. */
function ready(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => finish(new Error(`not ready after ${timeoutMs} ms: ${log.slice(-500)}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (/Ready to accept connections/.test(log)) finish();
    };
    const onExit = (code: number | null): void => finish(new Error(`exited with code ${String(code)}: ${log.slice(-500)}`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', onExit);
  });
}

function server(child: ChildProcess, port: number, dir: string): RedisServer {
  // A server must not outlive the process that started it, even when that process is torn down.
  const orphanGuard = (): void => void child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  }).then(() => void process.off('exit', orphanGuard));
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { host: '127.0.0.1', port, url: `redis://127.0.0.1:${port}`, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
