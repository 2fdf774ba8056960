// The static files of the console, as `npm start`'s drill server and the test
// harness serve them (one responder, workers/static-files.ts): GET and HEAD
// only, security headers on every answer, nothing outside the folder (encoded
// "..", symbolic links to a file or a folder outside, a NUL), no directory
// listing, a FIFO in the folder answered at once, and a client that goes away
// mid-file does not take the server down.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDir } from '../../scripts/serve.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, WORKER_CONTENT_SECURITY_POLICY } from '../../workers/static-files.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-static-'));
const root = join(dir, 'dist');
const outside = join(dir, 'outside');
mkdirSync(join(root, 'assets'), { recursive: true });
mkdirSync(join(root, 'empty-folder'));
mkdirSync(outside);
writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);\n');
writeFileSync(join(root, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
writeFileSync(join(outside, 'secret.txt'), 'root:x:0:0:secret');
symlinkSync(join(outside, 'secret.txt'), join(root, 'link-to-secret.txt'));
symlinkSync(outside, join(root, 'link-to-folder'));
execFileSync('mkfifo', [join(root, 'pipe.js')]);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent as written (fetch would resolve "..", this does not). */
function get(base: string, path: string, method = 'GET'): Promise<Answer> {
  const url = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

const servers: { name: string; base: () => string }[] = [];
let harness: { close(): void; url: string } | null = null;
let drill: TestServer | null = null;
servers.push({ name: 'the test harness (npm start --no-build without a drill log)', base: () => harness!.url });
servers.push({ name: 'the drill server', base: () => drill!.base });

beforeAll(async () => {
  const h = await serveDir(root, 0);
  harness = { url: h.url, close: () => h.server.close() };
  drill = await startTestServer({ consoleDir: root });
});
afterAll(async () => {
  harness?.close();
  await drill?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(servers)('static files from $name', ({ base }) => {
  const expectSecurityHeaders = (a: Answer, csp = CONTENT_SECURITY_POLICY) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(a.headers[name], name).toBe(name === 'content-security-policy' ? csp : value);
    expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  };

  it('serves a file and the folder index with the security headers; HEAD has the length and no body', async () => {
    const index = await get(base(), '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>console</title>');
    expectSecurityHeaders(index);
    const js = await get(base(), '/assets/app.js', 'HEAD');
    expect(js.status).toBe(200);
    expect(js.headers['content-length']).toBe('16');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('');
    // A script's own policy only matters to a Web Worker: the engine's compiles its validators (eval); pages may not.
    expectSecurityHeaders(js, WORKER_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(WORKER_CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'unsafe-eval'");
  });

  it('answers other methods with 405 and Allow: GET, HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const a = await get(base(), '/index.html', method);
      expect(a.status, method).toBe(405);
      expect(a.headers.allow).toBe('GET, HEAD');
      expectSecurityHeaders(a);
    }
  });

  it('serves nothing outside the folder: encoded "..", links to a file or a folder outside, a NUL', async () => {
    for (const path of ['/..%2f..%2foutside%2fsecret.txt', '/%2e%2e/outside/secret.txt', '/assets/..%2F..%2Foutside/secret.txt', '/link-to-secret.txt', '/link-to-folder/secret.txt', '/index.html%00.js']) {
      const a = await get(base(), path);
      expect([400, 403, 404], path).toContain(a.status);
      expect(a.body, path).not.toContain('root:x');
      expectSecurityHeaders(a);
    }
  });

  it('lists no folder, and answers a FIFO in the folder at once instead of hanging', async () => {
    const folder = await get(base(), '/empty-folder/');
    expect(folder.status).toBe(404);
    expect(folder.body).not.toContain('index');
    expectSecurityHeaders(folder);
    const fifo = await get(base(), '/pipe.js');
    expect(fifo.status).toBe(404);
    expectSecurityHeaders(await get(base(), '/missing.js'));
  });

  it('a client that goes away mid-file leaves the server answering', async () => {
    const url = new URL(base());
    await new Promise<void>((done) => {
      const req = request({ host: url.hostname, port: url.port, path: '/big.bin' }, (res) => {
        res.once('data', () => {
          req.destroy();
          done();
        });
      });
      req.on('error', () => undefined);
      req.end();
    });
    const again = await get(base(), '/big.bin', 'HEAD');
    expect(again.status).toBe(200);
    expect(again.headers['content-length']).toBe(String(8 * 1024 * 1024));
    const whole = await get(base(), '/big.bin');
    expect(whole.body.length).toBe(8 * 1024 * 1024);
  });
});

describe('the drill server API', () => {
  it('carries the security headers too, errors included', async () => {
    for (const path of ['/api/health', '/api/nothing-here', '/api/drills']) {
      const a = await get(drill!.base, path);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(a.headers[name], `${path} ${name}`).toBe(value);
    }
  });
});
