// Screenshots for the README, taken from the built app in headless Chromium:
//   node --import tsx test/e2e/screenshots.ts
// writes docs/screenshots/{map-mid-drill,scoreboard,player-seat-en}.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { appReady, startApp } from './harness.ts';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

async function jump(page: Page, text: string): Promise<void> {
  const before = await page.getAttribute('[data-testid=sim-time]', 'data-tsec');
  await page.fill('[data-testid=jump-input]', text);
  await page.click('[data-testid=jump]');
  await page.waitForFunction((b) => document.querySelector('[data-testid=sim-time]')?.getAttribute('data-tsec') !== b, before);
  await page.waitForTimeout(600); // the map redraws once the panels settle
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const app = await startApp();
  try {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();

    // Director, six hours in, one site selected, the teams on the map (the doctrine plays every department).
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=director`);
    await appReady(page);
    await jump(page, '6:00');
    const at = await page.evaluate(() => {
      const dt = (window as any).drilltwin;
      const ids: string[] = dt.session.geometry.sites.ids;
      return dt.scene.siteOnScreen(ids.indexOf('s-jss-011'));
    });
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    // Hover a team on its way somewhere, so its tooltip (name, status, task) shows.
    const team = await page.evaluate(() => {
      const dt = (window as any).drilltwin;
      const p = dt.session.picture;
      const travelling = p.geometry.teamStatusNames.indexOf('travelling');
      for (let i = 0; i < p.teamStatus.length; i++) if (p.teamStatus[i] === travelling && dt.scene.teamOnScreen(i)) return dt.scene.teamOnScreen(i);
      return null;
    });
    if (team) await page.mouse.move(box.x + team.x, box.y + team.y);
    else await page.mouse.move(box.x + at.x + 60, box.y + at.y + 50);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(OUT, 'map-mid-drill.png') });

    // The scoreboard after a day.
    await jump(page, '24:00');
    await page.locator('[data-testid=scoreboard]').screenshot({ path: join(OUT, 'scoreboard.png') });

    // A player seat (China Mobile), in English: alarms only, no causes.
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=cmcc&lang=en`);
    await appReady(page);
    await jump(page, '6:00');
    await page.screenshot({ path: join(OUT, 'player-seat-en.png') });
    await context.close();
  } finally {
    await app.close();
  }
  console.log(`screenshots written to ${OUT}`);
}

await main();
