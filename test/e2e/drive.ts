// Driving the console the way a person does, shared by the browser tests:
// jump the clock, click a site or township on the map, wait for the final hash.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { JISHISHAN, loadWorld } from '../helpers.ts';

export const jishishan = () => loadWorld(JISHISHAN);

export async function jump(page: Page, text: string, expectSec: number): Promise<void> {
  await page.fill('[data-testid=jump-input]', text);
  await page.click('[data-testid=jump]');
  await page.waitForFunction((t) => document.querySelector('[data-testid=sim-time]')?.getAttribute('data-tsec') === String(t), expectSec, { timeout: 60_000 });
}

/** Clicks a site on the map (centred and zoomed in first, so the click is unambiguous). */
export async function clickSite(page: Page, site: number, zoomFactor = 16): Promise<void> {
  const id = await page.evaluate((s) => (window as any).drilltwin.session.geometry.sites.ids[s], site);
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.evaluate(([s, z]) => (window as any).drilltwin.scene.focusSite(s, z), [site, zoomFactor]);
    // The map may still be settling into a new size (e.g. after a language switch re-flows the page).
    await page.waitForTimeout(250);
    const at = await page.evaluate((s) => (window as any).drilltwin.scene.siteOnScreen(s), site);
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.mouse.down();
    await page.mouse.up();
    const ok = await page
      .waitForFunction((want) => document.querySelector('[data-testid=selected-site]')?.getAttribute('data-id') === want, id, { timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (ok) return;
  }
  throw new Error(`could not select site ${id} on the map`);
}

/** Clicks a township seat on the map (centred and zoomed in first). */
export async function clickTownship(page: Page, township: number): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const at = await page.evaluate((i) => {
      const dt = (window as any).drilltwin;
      const g = dt.session.geometry;
      const cam = dt.scene.cameras.main;
      cam.setZoom(dt.scene.fitZoom * 8);
      cam.centerOn(g.townships.xM[i], -g.townships.yM[i]);
      return dt.scene.townshipOnScreen(i);
    }, township);
    await page.waitForTimeout(250);
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.mouse.down();
    await page.mouse.up();
    const ok = await page
      .locator('[data-testid=selected-township]')
      .waitFor({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (ok) return;
  }
  throw new Error(`could not select township ${township} on the map`);
}

export async function finalHash(page: Page): Promise<string> {
  const el = page.locator('[data-testid=final-state-hash]');
  await el.waitFor({ state: 'visible', timeout: 170_000 }).catch(async (err) => {
    const state = await page.evaluate(() => {
      const s = (window as any).drilltwin.session;
      return JSON.stringify({ t: s.picture?.tSec, playing: s.playing, inFlight: s.inFlight, speed: s.speed, ended: s.picture?.ended, mode: s.mode });
    });
    throw new Error(`no final hash; session ${state}: ${err}`);
  });
  await page.waitForFunction(() => /^[0-9a-f]{8,}$/.test(document.querySelector('[data-testid=final-state-hash]')?.textContent ?? ''), undefined, { timeout: 170_000 });
  return (await el.textContent())!;
}

/**
 * The director authors an ad-hoc aftershock in the exercise panel (lat, lon
 * as typed; optionally a message to a seat) and waits for it to be accepted.
 */
export async function authorAftershock(page: Page, a: { magnitude: string; lat: string; lon: string; to?: string; text?: string }): Promise<void> {
  await page.locator('[data-testid=adhoc-form]').waitFor();
  await page.selectOption('[data-testid=adhoc-kind]', 'aftershock');
  await page.fill('[data-testid=adhoc-form] [data-arg=magnitude]', a.magnitude);
  await page.fill('[data-testid=adhoc-form] [data-arg=lat]', a.lat);
  await page.fill('[data-testid=adhoc-form] [data-arg=lon]', a.lon);
  if (a.to) await page.selectOption('[data-testid=adhoc-form] [data-arg=to]', a.to);
  if (a.text) await page.fill('[data-testid=adhoc-form] [data-arg=text]', a.text);
  await page.click('[data-testid=adhoc-send]');
  await expect.poll(() => page.getAttribute('[data-testid=exercise-message]', 'data-state')).toBe('ok');
}
