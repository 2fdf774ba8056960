// Takes the README's screenshots (only when asked: E2E_SCREENSHOTS=1), and
// checks they are what the README says: 1280×720, both languages.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeScreenshots, SCREEN } from './screenshots.ts';
import { startApp, type App } from './harness.ts';

const wanted = process.env.E2E_SCREENSHOTS === '1';
let app: App;

beforeAll(async () => {
  if (wanted) app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe.runIf(wanted)('README screenshots', () => {
  it('are taken at 1280×720 in Chinese and English', async () => {
    const files = await takeScreenshots(app.browser, app.url);
    for (const lang of ['zh', 'en']) for (const what of ['jishishan', 'flood']) expect(files.some((f) => f.endsWith(`console-${what}-${lang}.png`))).toBe(true);
    for (const f of files.filter((f) => f.includes('console-'))) {
      const png = readFileSync(f);
      // PNG IHDR: width and height, big-endian, at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([SCREEN.width, SCREEN.height]);
    }
  });
});
