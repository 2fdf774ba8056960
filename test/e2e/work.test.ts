// Not losing work: a question before Restart, a new seed or another scenario
// wipes a drill in progress; the drill log autosaved in IndexedDB and offered
// back after a refresh, live, reaching the same end; Save and Load say what
// they did.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.ts';
import type { Command } from '../../src/model/commands.ts';
import { clickSite, finalHash, jishishan, jump } from './drive.ts';
import { appReady, simTime, startApp, watchedPage, type App } from './harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const confirmShown = (page: Page) => page.isVisible('[data-testid=confirm]');

/** The autosaved drill's reached time in the page's IndexedDB, or -1 when there is none. */
const autosavedReachedSec = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('drilltwin', 1);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('autosave')) return resolve(-1);
          const get = db.transaction('autosave').objectStore('autosave').get('current');
          get.onsuccess = () => resolve(get.result?.drill?.reachedSec ?? -1);
        };
        req.onerror = () => resolve(-1);
      }),
  );

describe('work in progress', () => {
  it('asks before Restart, a new seed or another scenario wipes a drill that has run, and keeps it on "no"', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7`);
    await appReady(page);
    // A drill at T0 with no orders has nothing to lose: no question.
    await page.click('[data-testid=restart]');
    await page.waitForTimeout(300);
    expect(await confirmShown(page)).toBe(false);

    await jump(page, '1:00', 3600);
    await page.click('[data-testid=restart]');
    await page.locator('[data-testid=confirm]').waitFor();
    expect(await page.textContent('[data-testid=confirm-body]')).toContain('T+1:00:00');
    await page.click('[data-testid=confirm-cancel]');
    expect(await confirmShown(page)).toBe(false);
    expect(await simTime(page)).toBe(3600);

    await page.fill('[data-testid=seed]', '8');
    await page.locator('[data-testid=seed]').dispatchEvent('change');
    await page.locator('[data-testid=confirm]').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.inputValue('[data-testid=seed]')).toBe('7');
    expect(await simTime(page)).toBe(3600);

    await page.selectOption('[data-testid=scenario-select]', 'mountain-flood');
    await page.locator('[data-testid=confirm]').waitFor();
    await page.click('[data-testid=confirm-cancel]');
    expect(await page.inputValue('[data-testid=scenario-select]')).toBe('jishishan-2023');
    expect(await simTime(page)).toBe(3600);
    expect(await page.textContent('[data-testid=status]')).toContain('积石山');

    // "Yes" does what was asked.
    await page.click('[data-testid=restart]');
    await page.click('[data-testid=confirm-ok]');
    await expect.poll(() => simTime(page)).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('autosaves the drill log and, after a refresh, picks the drill up live where it was, reaching the Node hash', async () => {
    const w = jishishan();
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=cmcc`);
    await appReady(page);
    await jump(page, '2:00', 7200);
    const site = w.sites.ids.findIndex((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0);
    await clickSite(page, site);
    await page.click('[data-testid=send-command]');
    await expect.poll(() => page.textContent('[data-testid=command-answer]')).toContain('T+2:00:01');
    await page.click('[data-testid=step]');
    await expect.poll(() => simTime(page)).toBe(7260);
    // The autosave lands within a few seconds.
    await expect.poll(() => autosavedReachedSec(page), { timeout: 10_000 }).toBe(7260);

    await page.reload();
    await appReady(page);
    await page.locator('[data-testid=confirm]').waitFor();
    expect(await page.textContent('[data-testid=confirm-body]')).toContain('T+2:01:00');
    await page.click('[data-testid=recover-yes]');
    await expect.poll(() => simTime(page)).toBe(7260);
    expect(await page.textContent('[data-testid=mode]')).toBe('实时演练');
    expect(await page.inputValue('[data-testid=seat-select]')).toBe('cmcc');
    await expect.poll(() => page.textContent('[data-testid=toast]')).toContain('T+2:01:00');
    const log = await page.evaluate(() => (window as any).drilltwin.session.getLog());
    expect(log.commands).toEqual([{ tSec: 7201, seat: 'cmcc', type: 'hookGenerator', args: { siteId: w.sites.ids[site], poolId: 'gp-cmcc' } }]);

    await page.selectOption('[data-testid=speed]', 'max');
    await page.click('[data-testid=play]');
    const hash = await finalHash(page);
    expect(hash).toBe(runScenario(w, { seed: 7, untilSec: w.durationSec, commands: log.commands as Command[], doctrineSeats: log.doctrineSeats }).report.finalStateHash);
    expect(consoleErrors).toEqual([]);

    // Refusing the offer throws the autosave away: no question after the next refresh.
    await page.evaluate(() => indexedDB.deleteDatabase('drilltwin'));
    await page.context().close();
  });

  it('offers nothing to recover once the autosaved drill is discarded', async () => {
    const { page } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7`);
    await appReady(page);
    await jump(page, '0:30', 1800);
    await page.click('[data-testid=step]');
    await expect.poll(() => autosavedReachedSec(page), { timeout: 10_000 }).toBe(1860);
    await page.reload();
    await appReady(page);
    await page.locator('[data-testid=confirm]').waitFor();
    await page.click('[data-testid=recover-no]');
    expect(await simTime(page)).toBe(0);
    // "No" deletes the record; reloading before the delete commits would test the browser, not the console.
    await expect.poll(() => autosavedReachedSec(page), { timeout: 10_000 }).toBe(-1);
    await page.reload();
    await appReady(page);
    await page.waitForTimeout(800);
    expect(await confirmShown(page)).toBe(false);
    await page.context().close();
  });

  it('says what Save and Load did', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&lang=en`);
    await appReady(page);
    await jump(page, '1:30', 5400);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=save-drill]')]);
    await expect.poll(() => page.textContent('[data-testid=toast]')).toContain('drill-jishishan-2023-seed7-T5400.json');
    expect(await page.textContent('[data-testid=toast]')).toContain('T+1:30:00');
    const drill = readFileSync((await download.path())!, 'utf8');
    await page.setInputFiles('[data-testid=file-input]', { name: 'drill.json', mimeType: 'application/json', buffer: Buffer.from(drill) });
    // Loading a drill ends the live one: asked first.
    await page.click('[data-testid=confirm-ok]');
    await expect.poll(() => page.textContent('[data-testid=toast]')).toContain('Drill loaded');
    expect(await page.textContent('[data-testid=mode]')).toBe('Replay');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
