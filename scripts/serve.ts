// `npm start`: build the browser app with Vite, then serve dist/ on
// 127.0.0.1 (PORT, default 5173; the next free port if it is taken) and
// print the address. Everything is served from this machine: the app makes
// no request anywhere else. `--no-build` serves an existing dist/.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requestPath, securityHeaders, serveFile } from '../workers/static-files.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST = join(ROOT, 'dist');

/** Builds web/ into dist/ with Vite's JS API (vite.config.ts). */
export async function buildApp(options: { outDir?: string; quiet?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: options.quiet ? 'warn' : 'info',
    build: options.outDir ? { outDir: options.outDir, emptyOutDir: true } : {},
  });
}

/** Serves a folder on 127.0.0.1, trying the next ports when one is busy. */
export async function serveDir(dir: string, port: number, tries = 20): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    securityHeaders(res);
    const path = requestPath(req.url);
    if (path === null) res.writeHead(400).end('bad path');
    else serveFile(root, path, res, req.method);
  });
  for (let p = port, i = 0; i < tries; i++, p++) {
    const ok = await new Promise<boolean>((done) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES') done(false);
        else throw err;
      };
      const onListening = () => {
        server.off('error', onError);
        done(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, '127.0.0.1');
    });
    if (ok) {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : p;
      return { server, url: `http://127.0.0.1:${actual}/` };
    }
  }
  throw new Error(`no free port from ${port} to ${port + tries - 1}`);
}

/**
 * `npm start`: builds the console, then starts the drill server, which serves
 * it (solo drills run in the browser as before) and hosts joint drills, with
 * its log in ./data (SQLite: nothing to install). Arguments go to
 * `drilltwin serve` (--host, --port, --data); `--no-build` serves an existing dist/.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('--no-build')) await buildApp();
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/index.html is missing: run without --no-build');
  const { serve } = await import('../workers/server/main.ts');
  const server = await serve(
    args.filter((a) => a !== '--no-build'),
    { log: (s) => console.log(s), err: (s) => console.error(s) },
    { consoleDir: DIST },
  );
  console.log(`  kiosk / test run: ${server.url}?scenario=jishishan-2023&seed=7&autorun=1&speed=max`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
