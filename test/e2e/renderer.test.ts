// Computers without WebGL (no working GPU driver; headless Firefox): the
// console falls back to Phaser's Canvas renderer, says so, draws the site
// markers, takes clicks, and runs the drill to the same final hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runScenario } from '../../src/engine/run.ts';
import { clickSite, finalHash, jishishan } from './drive.ts';
import { appReady, launchBrowser, NO_WEBGL_ARGS, startApp, watchedPage, type App } from './harness.ts';

let app: App;
let noWebgl: Browser;

beforeAll(async () => {
  app = await startApp();
  noWebgl = await launchBrowser(NO_WEBGL_ARGS);
});

afterAll(async () => {
  await noWebgl?.close();
  await app?.close();
});

/** The colour drawn at a site's place on the map canvas (the Canvas renderer's 2D context). */
async function pixelAtSite(page: import('playwright-core').Page, site: number): Promise<number[]> {
  return page.evaluate((s) => {
    const dt = (window as any).drilltwin;
    const at = dt.scene.siteOnScreen(s);
    const ctx = (dt.scene.game.canvas as HTMLCanvasElement).getContext('2d')!;
    return Array.from(ctx.getImageData(Math.round(at.x), Math.round(at.y), 1, 1).data);
  }, site);
}

describe('the console without WebGL', () => {
  it('boots in a browser with WebGL disabled, says it draws with the Canvas renderer, draws and picks sites, and runs to the Node hash', async () => {
    const w = jishishan();
    const { page, consoleErrors } = await watchedPage(app, undefined, noWebgl);
    expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl'))).toBe(false);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7`);
    await appReady(page);
    expect(await page.evaluate(() => (window as any).drilltwin.renderer)).toBe('canvas');
    await expect.poll(() => page.isVisible('[data-testid=renderer-note]')).toBe(true);
    expect(await page.textContent('[data-testid=renderer-note]')).toContain('WebGL');

    // A site marker is drawn (green: on air at T0) where the site is, and a click selects it.
    const site = w.sites.ids.indexOf('s-jss-015');
    await clickSite(page, site);
    await page.waitForTimeout(300);
    const [r, g, b, a] = await pixelAtSite(page, site);
    expect(a).toBe(255);
    expect(g).toBeGreaterThan(r + 40);
    expect(g).toBeGreaterThan(b + 40);

    await page.selectOption('[data-testid=speed]', 'max');
    await page.click('[data-testid=play]');
    expect(await finalHash(page)).toBe(runScenario(w, { seed: 7, untilSec: w.durationSec }).report.finalStateHash);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('uses the Canvas renderer on request (?renderer=canvas) and WebGL otherwise, with no note', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&renderer=canvas`);
    await appReady(page);
    expect(await page.evaluate(() => (window as any).drilltwin.renderer)).toBe('canvas');
    expect(await page.isVisible('[data-testid=renderer-note]')).toBe(true);
    if (process.env.E2E_NO_WEBGL !== '1') {
      await page.goto(`${app.url}?scenario=jishishan-2023&seed=7`);
      await appReady(page);
      expect(await page.evaluate(() => (window as any).drilltwin.renderer)).toBe('webgl');
      expect(await page.isVisible('[data-testid=renderer-note]')).toBe(false);
    }
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
