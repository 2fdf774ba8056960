// The panels as a director and a player meet them: nothing from the last
// drill left on screen after a restart or another scenario, the feed in time
// order after a jump, the command panel telling people's orders from the
// doctrine's and a queued order from its verdict, forms offering only what
// the seat can use, site details in words, KPI units, clicks picking the
// site under the pointer, notes that read as sentences.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sim } from '../../src/engine/sim.ts';
import { REASON_CODES } from '../../src/scoring/i18n.ts';
import { clickSite, jishishan, jump } from './drive.ts';
import { appReady, simTime, startApp, watchedPage, type App } from './harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`${app.url}?${query}`);
  await appReady(page);
}

/** A China Mobile site a generator may be sent to at T+0:10 (not destroyed, no standby generator of its own, none on its way). */
function cmccSiteForGenerator(): number {
  const w = jishishan();
  const sim = Sim.create(w, 7);
  sim.advanceTo(600);
  const s = w.sites.ids.findIndex((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0 && sim.state.sites.damageState[i] < 4 && !sim.state.sites.generatorInbound[i]);
  expect(s).toBeGreaterThanOrEqual(0);
  return s;
}

describe('stale state', () => {
  it('clears the lowest-served summary and the forms\' answers on Restart and on another scenario', async () => {
    const w = jishishan();
    const { page, consoleErrors } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=cmcc');
    await jump(page, '0:10', 600);
    await clickSite(page, cmccSiteForGenerator());
    await page.click('[data-testid=send-command]');
    await page.locator('[data-testid=command-answer]').waitFor();
    await jump(page, '6:00', 6 * 3600);
    const summary = (await page.textContent('[data-testid=kpi-summary]'))!;
    const lowestAt = /T\+\d+:\d\d:\d\d/.exec(summary)![0];
    expect(lowestAt).not.toBe('T+0:00:00');

    await page.click('[data-testid=restart]');
    await page.click('[data-testid=confirm-ok]');
    await expect.poll(() => simTime(page)).toBe(0);
    expect(await page.locator('[data-testid=command-answer]').count()).toBe(0);
    expect(await page.textContent('[data-testid=kpi-summary]')).not.toContain(lowestAt);

    await jump(page, '6:00', 6 * 3600);
    await page.selectOption('[data-testid=scenario-select]', 'mountain-flood');
    await page.click('[data-testid=confirm-ok]');
    await expect.poll(() => page.textContent('[data-testid=status]')).not.toContain(w.name.zh.slice(0, 3));
    expect(await page.textContent('[data-testid=kpi-summary]')).not.toContain(lowestAt);
    expect(await page.locator('[data-testid=selected-site]').count()).toBe(0);
    expect(await page.locator('[data-testid=command-answer]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keeps the feed in time order, newest first, after a jump of hours', async () => {
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7');
    await page.click('[data-testid=step]');
    await expect.poll(() => simTime(page)).toBe(60);
    await jump(page, '3:00', 3 * 3600);
    const times = await page.locator('[data-testid=feed-list] li .time').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-tsec'))));
    expect(times.length).toBeGreaterThan(10);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1]);
    await page.context().close();
  });
});

describe('the command panel', () => {
  it('shows the director the orders people gave, the doctrine\'s apart and folded', async () => {
    const w = jishishan();
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=director');
    await jump(page, '2:00', 7200);
    // Only the doctrine has given orders: none under "orders given by people".
    expect(await page.locator('[data-testid=my-commands] li').count()).toBe(0);
    const doctrine = page.locator('[data-testid=doctrine-commands]');
    expect(await doctrine.getAttribute('open')).toBeNull();
    expect(await page.locator('[data-testid=doctrine-command-list] li').count()).toBeGreaterThan(5);
    // The director hands a site a generator: it is the one line under people's orders.
    await clickSite(page, w.sites.ids.indexOf('s-jss-011'));
    await page.click('[data-testid=send-command]');
    await page.click('[data-testid=step]');
    await expect.poll(() => page.locator('[data-testid=my-commands] li').count()).toBe(1);
    expect(await page.textContent('[data-testid=my-commands]')).toContain('s-jss-011');
    await page.context().close();
  });

  it('turns "sent" into the gate\'s verdict: a refusal replaces it in red', async () => {
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=cmcc&lang=en');
    await jump(page, '0:10', 600);
    await clickSite(page, cmccSiteForGenerator());
    await page.click('[data-testid=send-command]');
    await page.click('[data-testid=step]');
    const answer = page.locator('[data-testid=command-answer]');
    await expect.poll(() => answer.getAttribute('class')).toBe('answer ok');
    expect(await answer.textContent()).toContain('done');
    // The same site again: a generator is already on its way.
    await page.click('[data-testid=send-command]');
    await expect.poll(() => answer.textContent()).toContain('applies at');
    expect(await answer.getAttribute('class')).not.toContain('ok');
    await page.click('[data-testid=step]');
    await expect.poll(() => answer.getAttribute('class')).toBe('answer bad');
    expect(await answer.textContent()).toContain(REASON_CODES.generatorAlreadyThere.en);
    await page.context().close();
  });

  it('refuses, with the reason, a generator for a super base station that has its own and for a destroyed site', async () => {
    const w = jishishan();
    const sim = Sim.create(w, 7);
    sim.advanceTo(600);
    const cmcc = (i: number) => (w.sites.operatorMask[i] & 1) !== 0;
    const ownGenerator = w.sites.ids.findIndex((_, i) => cmcc(i) && w.sites.siteClass[i] === 2 && w.sites.generatorFuelHours[i] > 0 && sim.state.sites.damageState[i] < 4);
    const destroyed = w.sites.ids.findIndex((_, i) => cmcc(i) && sim.state.sites.damageState[i] >= 4);
    expect(ownGenerator).toBeGreaterThanOrEqual(0);
    expect(destroyed).toBeGreaterThanOrEqual(0);
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=cmcc&lang=en');
    await jump(page, '0:10', 600);
    const answer = page.locator('[data-testid=command-answer]');
    for (const [site, reason] of [[ownGenerator, 'siteHasOwnGenerator'], [destroyed, 'siteDestroyed']] as const) {
      await clickSite(page, site);
      await page.click('[data-testid=send-command]');
      await expect.poll(() => answer.textContent()).toContain('applies at');
      await page.click('[data-testid=step]');
      await expect.poll(() => answer.getAttribute('class')).toBe('answer bad');
      expect(await answer.textContent()).toContain(REASON_CODES[reason].en);
    }
    await page.context().close();
  });

  it('offers China Mobile no generator pool for a site without China Mobile equipment', async () => {
    const w = jishishan();
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=cmcc&lang=en');
    const notCmcc = w.sites.ids.findIndex((_, i) => !(w.sites.operatorMask[i] & 1));
    await clickSite(page, notCmcc);
    expect(await page.locator('[data-testid=pool-select]').count()).toBe(0);
    expect(await page.textContent('[data-testid=no-pool-for-site]')).toMatch(/China (Unicom|Telecom)|CUCC|CTCC/);
    await page.context().close();
  });

  it('names the damage state and gives the intensity in Roman numerals; the UAV area has its unit', async () => {
    const w = jishishan();
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=director&lang=en');
    await jump(page, '0:10', 600);
    await clickSite(page, w.sites.ids.indexOf('s-jss-015'));
    const damage = page.locator('[data-detail=damageState]');
    await damage.waitFor();
    expect(await damage.textContent()).toMatch(/(none|slight|moderate|extensive|complete)/);
    expect(await damage.textContent()).not.toMatch(/: \d$/);
    expect(await page.textContent('[data-detail=maxIntensity]')).toMatch(/[ⅤⅥⅦⅧⅨⅩ]/);
    expect(await page.textContent('[data-testid=kpi-uavCoverageKm2]')).toMatch(/km²$/);
    await page.context().close();
  });

  it('says a reconnaissance UAV gives no coverage, and once on station it still covers nothing (Dingri\'s Wing Loong)', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await open(page, 'scenario=dingri-2025&seed=1&seat=emhq&lang=en');
    await page.locator('[data-testid=form-uav] summary').click();
    const label = async () => (await page.locator('[data-testid=uav-select] option').allTextContents()).find((o) => o.startsWith('Wing Loong-2H emergency UAV (Shigatse Peace Airport)'));
    expect(await label()).toContain('(reconnaissance only, no coverage) · ready');
    await page.click('[data-testid=deploy-uav]');
    await page.click('[data-testid=step]');
    await expect.poll(() => page.locator('[data-testid=feed-list] li[data-kind=command][data-result=ok]').count()).toBe(1);
    // No green channel in this scenario: 6 h of approval, 1 h of preparation on standby, then the flight.
    await jump(page, '10:00', 10 * 3600);
    await expect.poll(label).toContain('· on station');
    // Over its township, drawn as an aircraft with no footprint, and no UAV cell on air.
    const seen = await page.evaluate(() => {
      const p = (window as any).drilltwin.session.picture;
      const uavKind = p.geometry.cellKinds.indexOf('uav');
      return { x: p.uavs[0], radius: p.uavs[2], uavCells: Array.from(p.cellKind as Uint8Array).filter((k) => k === uavKind).length };
    });
    expect(Number.isNaN(seen.x)).toBe(false);
    expect(seen.radius).toBe(0);
    expect(seen.uavCells).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('picks the site under the pointer, not a stack of teams beside it', async () => {
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=director');
    await page.click('[data-testid=step]');
    await expect.poll(() => simTime(page)).toBe(60);
    await page.waitForTimeout(300);
    // The site nearest any team on the map, zoomed so the team's marker covers the site's place.
    const pick = await page.evaluate(() => {
      const dt = (window as any).drilltwin;
      const g = dt.session.geometry;
      const p = dt.session.picture;
      let best = { site: -1, d: Infinity };
      for (let i = 0; i < p.teamXM.length; i++) {
        if (!dt.scene.teamOnScreen(i)) continue;
        for (let s = 0; s < g.sites.ids.length; s++) {
          const d = Math.hypot(g.sites.xM[s] - p.teamXM[i], g.sites.yM[s] - p.teamYM[i]);
          if (d > 1 && d < best.d) best = { site: s, d };
        }
      }
      const cam = dt.scene.cameras.main;
      cam.setZoom(5 / best.d); // five pixels between them: inside the team marker's outline
      cam.centerOn(g.sites.xM[best.site], -g.sites.yM[best.site]);
      return { site: best.site, id: g.sites.ids[best.site] };
    });
    await page.waitForTimeout(300);
    const at = await page.evaluate((s) => (window as any).drilltwin.scene.siteOnScreen(s), pick.site);
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.getAttribute('[data-testid=selected-site]', 'data-id')).toBe(pick.id);
    await page.context().close();
  });
});

describe('notes', () => {
  it('says what the chosen seat sees, and lays out "no teams" as a sentence', async () => {
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=director&lang=en');
    expect(await page.textContent('[data-testid=seat-note]')).toContain('ground truth');
    await page.selectOption('[data-testid=seat-select]', 'cmcc');
    await expect.poll(() => page.textContent('[data-testid=seat-note]')).toContain('alarms only');
    await page.selectOption('[data-testid=seat-select]', 'evaluator');
    await expect.poll(() => page.textContent('[data-testid=seat-note]')).toContain('gives no orders');
    // China Satcom fields no teams in this scenario.
    await page.selectOption('[data-testid=seat-select]', 'satcom');
    const none = page.locator('[data-testid=teams-none]');
    await none.waitFor();
    const box = (await none.boundingBox())!;
    const lineHeight = await none.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 17);
    expect(box.height).toBeLessThan(2.5 * lineHeight);
    await page.context().close();
  });

  it('stops listing a seat as the doctrine\'s once a person has taken it', async () => {
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=director');
    await jump(page, '1:00', 3600);
    expect(await page.getAttribute('[data-testid=status]', 'data-doctrine')).toContain('cmcc');
    await page.selectOption('[data-testid=seat-select]', 'cmcc');
    await page.click('[data-testid=step]');
    await expect.poll(() => page.getAttribute('[data-testid=status]', 'data-doctrine')).not.toContain('cmcc');
    await page.context().close();
  });
});
