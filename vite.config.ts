// The browser app: root web/, built to dist/. Scenarios are bundled from
// scenarios/ (outside the root), the engine runs in an ES-module Web Worker,
// and nothing is fetched from outside the served folder.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Phaser alone is about 1.4 MB minified.
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
    // esbuild's minifier, not the default (Oxc): the Oxc-minified engine worker
    // computed different states from the same scenario than Node does (the
    // imported example county diverged from T+0; unminified and
    // esbuild-minified builds match Node at every hour). The browser must give
    // the CLI's final hashes (test/e2e/import.test.ts, app.test.ts).
    minify: 'esbuild',
    // The build is small; a report of how long each plugin took is noise here.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // The console, and the drill server's director page (joint drills).
      input: { index: fileURLToPath(new URL('./web/index.html', import.meta.url)), director: fileURLToPath(new URL('./web/director.html', import.meta.url)) },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', fs: { allow: [repoRoot] } },
  preview: { host: '127.0.0.1' },
});
