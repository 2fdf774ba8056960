// The console in English: teams, UAVs, substations and the doctrine's
// warnings by name (never an id, never Chinese), lists joined the English
// way, the chart summary and the forms' answers re-rendered on a switch, and
// scenarios listed by name.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCTRINE_WARNINGS } from '../../src/model/warning-texts.ts';
import { clickSite, jishishan, jump } from './drive.ts';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`${app.url}?${query}`);
  await appReady(page);
}

describe('the console in English', () => {
  it('names teams, UAVs and substations in English, not by id', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=emhq&lang=en');
    const names = await page.locator('[data-testid=team-list] .name').allTextContents();
    expect(names.length).toBe(jishishan().teams.length);
    for (const name of names) {
      expect(name).not.toMatch(CJK);
      expect(name).not.toMatch(/\btm-/);
    }
    // The scenario's own English names (scenario.json nameEn), not names composed from ids.
    expect([...names].sort()).toEqual(jishishan().teams.map((t) => t.nameEn).sort());
    expect(names).toContain('China Mobile Jishishan County branch repair crew 1');
    expect(new Set(names).size).toBe(names.length);
    for (const testid of ['task-team', 'uav-select', 'activate-select']) {
      await page.locator(`[data-testid=form-${testid === 'task-team' ? 'assign' : testid === 'uav-select' ? 'uav' : 'activate'}] summary`).click();
      const options = await page.locator(`[data-testid=${testid}] option`).allTextContents();
      expect(options.length).toBeGreaterThan(0);
      for (const o of options) {
        expect(o).not.toMatch(CJK);
        expect(o).not.toMatch(/\b(tm|uav)-/);
      }
    }
    expect((await page.locator('[data-testid=uav-select] option').allTextContents()).some((o) => o.startsWith('Wing Loong-2H emergency UAV (Zigong, Sichuan)'))).toBe(true);
    // A substation, selected on the map.
    await page.evaluate(() => (window as any).drilltwin.scene.select({ kind: 'substation', index: 0 }));
    const card = (await page.textContent('[data-testid=selected-substation]'))!;
    expect(card).not.toMatch(CJK);
    expect(card).toMatch(/\d+ kV substation/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("shows the doctrine's warnings in English and joins operators with a comma", async () => {
    const w = jishishan();
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=director&lang=en');
    await jump(page, '0:30', 1800);
    const warnings = page.locator('[data-testid=feed-list] li[data-kind=command]', { hasText: 'warning (' });
    await expect.poll(() => warnings.count()).toBeGreaterThan(0);
    const text = (await warnings.first().textContent())!;
    expect(text).toContain(DOCTRINE_WARNINGS.quake.headline.en.slice(0, 40));
    expect(text).not.toMatch(CJK);
    const shared = w.sites.ids.findIndex((_, i) => w.sites.operatorMask[i] === 0b111);
    await clickSite(page, shared);
    const card = (await page.textContent('[data-testid=selected-site]').then(() => page.locator('#commands .site').textContent()))!;
    expect(card).toMatch(/\w, \w/);
    expect(card).not.toContain('、');
    await page.context().close();
  });

  it('re-renders the chart summary and the forms\' answers on a language switch', async () => {
    const w = jishishan();
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7&seat=cmcc');
    await jump(page, '3:00', 3 * 3600);
    await expect.poll(() => page.textContent('[data-testid=kpi-summary]')).toContain('最低');
    await clickSite(page, w.sites.ids.findIndex((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0));
    await page.click('[data-testid=send-command]');
    await expect.poll(() => page.textContent('[data-testid=command-answer]')).toContain('已下达');
    await page.click('[data-testid=lang-switch]');
    await expect.poll(() => page.textContent('[data-testid=kpi-summary]')).toContain('lowest');
    expect(await page.textContent('[data-testid=command-answer]')).toContain('applies at');
    await page.context().close();
  });

  it('lists the shipped scenarios by name, in the language shown', async () => {
    const { page } = await watchedPage(app);
    await open(page, 'scenario=jishishan-2023&seed=7');
    const option = page.locator('[data-testid=scenario-select] option[value=jishishan-2023]');
    expect(await option.textContent()).toBe(jishishan().name.zh);
    await page.click('[data-testid=lang-switch]');
    expect(await option.textContent()).toBe(jishishan().name.en);
    expect(await page.locator('[data-testid=scenario-select] option[value=mountain-flood]').textContent()).toMatch(/flood/i);
    await page.context().close();
  });
});
