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
    // Vite's default minifier (Oxc). An earlier mismatch blamed on it (the
    // imported example county's browser hash 0b726a4075778d95) was the Node
    // final hash of an older engine: the bundle and the Node expectation came
    // from different sources in the shared working tree. Oxc builds give the
    // CLI's hashes (test/e2e/import.test.ts, app.test.ts); the harness now
    // refuses a run whose sources changed while the app was built.
    // The build is small; a report of how long each plugin took is noise here.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // The console, the drill server's director page (joint drills) and the what-if planner (sweeps in Web Workers).
      input: {
        index: fileURLToPath(new URL('./web/index.html', import.meta.url)),
        director: fileURLToPath(new URL('./web/director.html', import.meta.url)),
        planner: fileURLToPath(new URL('./web/planner.html', import.meta.url)),
      },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', fs: { allow: [repoRoot] } },
  preview: { host: '127.0.0.1' },
});
