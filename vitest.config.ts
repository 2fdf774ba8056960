import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'workers/**/*.test.ts', 'cli/**/*.test.ts', 'tools/**/*.test.ts', 'authoring/**/*.test.ts'],
    // Browser tests and drill-server tests have configs of their own (test/e2e, test/server).
    exclude: ['test/e2e/**', 'test/server/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
