import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type SiteServer } from './serve.js';

/** GETs `path` from `base` exactly as written (no URL normalisation): status, type and body. */
function get(base: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    request({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
    })
      .on('error', fail)
      .end();
  });
}

describe('startServer', () => {
  let dir = '';
  let server: SiteServer | undefined;
  const page = '<!doctype html><html><body><p>Hi</p></body></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cachecraft-serve-'));
    mkdirSync(join(dir, 'chapters'));
    writeFileSync(join(dir, 'index.html'), page);
    writeFileSync(join(dir, 'chapters', 'a b.html'), page);
    writeFileSync(join(dir, 'site.css'), 'body{}');
    writeFileSync(join(tmpdir(), 'cachecraft-serve-secret.txt'), 'secret');
    server = await startServer({ dir, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'cachecraft-serve-secret.txt'), { force: true });
  });

  it('serves on 127.0.0.1, pages with the reload script added, the files themselves untouched', async () => {
    expect(server!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ['/', '/index.html', '/chapters/a%20b.html']) {
      const { status, type, body } = await get(server!.url, path);
      expect([status, type]).toEqual([200, 'text/html; charset=utf-8']);
      expect(body).toMatch(/<p>Hi<\/p><script>new EventSource\("\/__reload"\)[^<]*<\/script><\/body>/);
    }
    expect(await get(server!.url, '/site.css')).toEqual({ status: 200, type: 'text/css; charset=utf-8', body: 'body{}' });
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(page);
  });

  it('answers 404 for a missing file and for a path outside the folder', async () => {
    expect((await get(server!.url, '/missing.html')).status).toBe(404);
    expect((await get(server!.url, '/../cachecraft-serve-secret.txt')).status).toBe(404);
    expect((await get(server!.url, '/%2e%2e/cachecraft-serve-secret.txt')).status).toBe(404);
    expect((await get(server!.url, '/%E0%A4%A')).status).toBe(404);
  });

  it('tells open pages to reload through Server-Sent Events', async () => {
    const { hostname, port } = new URL(server!.url);
    const event = await new Promise<string>((done, fail) => {
      const req = request({ hostname, port, path: '/__reload' }, (response) => {
        expect(response.headers['content-type']).toBe('text/event-stream');
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) server!.reload();
          if (text.includes('event: reload')) {
            req.destroy();
            done(text);
          }
        });
      });
      req.on('error', fail).end();
    });
    expect(event).toContain('event: reload\ndata: \n\n');
  });

  it('takes the next port when the one asked for is busy', async () => {
    const port = Number(new URL(server!.url).port);
    const second = await startServer({ dir, port });
    try {
      expect(Number(new URL(second.url).port)).toBeGreaterThan(port);
      expect((await get(second.url, '/')).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
