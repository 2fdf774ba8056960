// The README's screenshots of the console, at a 1280×720 laptop size in both
// languages, taken from the built app by the browser test suite:
//   E2E_SCREENSHOTS=1 npx vitest run --config test/e2e/vitest.config.ts test/e2e/screenshots.test.ts
// writes docs/screenshots/console-{jishishan,flood}-{zh,en}.png and scoreboard.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { appReady } from './harness.ts';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
export const SCREEN = { width: 1280, height: 720 };

async function jump(page: Page, text: string): Promise<void> {
  const before = await page.getAttribute('[data-testid=sim-time]', 'data-tsec');
  await page.fill('[data-testid=jump-input]', text);
  await page.click('[data-testid=jump]');
  await page.waitForFunction((b) => document.querySelector('[data-testid=sim-time]')?.getAttribute('data-tsec') !== b, before, { timeout: 60_000 });
  await page.waitForTimeout(900); // the map redraws once the panels settle
}

/** Takes every screenshot; returns the files written. */
export async function takeScreenshots(browser: Browser, url: string, outDir = SCREENSHOT_DIR): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const shot = async (page: Page, name: string) => {
    const path = join(outDir, name);
    await page.screenshot({ path });
    written.push(path);
  };
  for (const lang of ['zh', 'en'] as const) {
    const context = await browser.newContext({ viewport: SCREEN });
    const page = await context.newPage();
    // Jishishan, six hours in, as the director: a site selected, a team's tooltip.
    await page.goto(`${url}?scenario=jishishan-2023&seed=7&seat=director&lang=${lang}`);
    await appReady(page);
    await jump(page, '6:00');
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    const at = await page.evaluate(() => {
      const dt = (window as any).drilltwin;
      return dt.scene.siteOnScreen(dt.session.geometry.sites.ids.indexOf('s-jss-011'));
    });
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.waitForTimeout(500);
    await shot(page, `console-jishishan-${lang}.png`);
    if (lang === 'zh') {
      await jump(page, '24:00');
      const path = join(outDir, 'scoreboard.png');
      await page.locator('[data-testid=scoreboard]').screenshot({ path });
      written.push(path);
    }
    await context.close();
    // The mountain flood at its height: relief, the water by depth, the legend open (a fresh browser profile: no autosaved drill to offer).
    const floodContext = await browser.newContext({ viewport: SCREEN });
    const flood = await floodContext.newPage();
    await flood.goto(`${url}?scenario=mountain-flood&seat=director&lang=${lang}`);
    await appReady(flood);
    await jump(flood, '8:00');
    if ((await flood.getAttribute('[data-testid=legend-details]', 'open')) === null) await flood.click('[data-testid=legend-toggle]');
    await flood.waitForTimeout(900);
    await shot(flood, `console-flood-${lang}.png`);
    await floodContext.close();
  }
  return written;
}
