// The exercise console in headless Chromium: loads offline and cleanly, runs
// Jishishan to the same final hash as Node, takes a player's command through
// the UI, shows a bad scenario's problems, switches language, saves a drill
// and replays it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewFor } from '../../src/drill/view.ts';
import { runScenario } from '../../src/engine/run.ts';
import { Sim } from '../../src/engine/sim.ts';
import type { Command } from '../../src/model/commands.ts';
import { KPI_NAMES, REASON_CODES } from '../../src/scoring/i18n.ts';
import { JISHISHAN, loadWorld } from '../helpers.ts';
import { clickSite, clickTownship, finalHash, jump } from './drive.ts';
import { appReady, simTime, startApp, watchedPage, type App } from './harness.ts';

const world = () => loadWorld(JISHISHAN);
let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** The doctrine responder plays every seat but the one a person takes in the browser. */
const doctrineWithout = (seat: string) => world().settings.doctrineSeats.filter((s) => s !== seat);

/** A cmcc site that is off air at `tSec` and back on air two hours after a generator is sent then. */
/**
 * A China Mobile site that is dark at tSec and that a pool generator sent then brings back on air within its
 * 2 h lead time, while without it the site would still be dark: the first seed from 1 that has one (which
 * sites qualify depends on the run, and the doctrine sends pool generators to most dark sites itself).
 */
function generatorCandidate(tSec: number): { seed: number; site: number; after: number } {
  const w = world();
  const atSec = tSec + 2 * 3600 + 60;
  for (let seed = 1; seed <= 10; seed++) {
    const at = Sim.create(w, seed, undefined, doctrineWithout('cmcc'));
    at.advanceTo(tSec);
    const before = viewFor(w, at.state, 'cmcc', at.ctx.index).sites;
    at.advanceTo(atSec);
    const without = viewFor(w, at.state, 'cmcc', at.ctx.index).sites;
    for (let s = 0; s < w.sites.ids.length; s++) {
      if (!(w.sites.operatorMask[s] & 1) || before[s] !== 3 || without[s] < 3) continue;
      const sim = Sim.create(w, seed, undefined, doctrineWithout('cmcc'));
      sim.advanceTo(tSec);
      sim.submit({ tSec: tSec + 1, seat: 'cmcc', type: 'hookGenerator', args: { siteId: w.sites.ids[s], poolId: 'gp-cmcc' } });
      sim.advanceTo(atSec);
      const ours = sim.state.commandLog.find((c) => c.tSec === tSec + 1 && c.seat === 'cmcc');
      const after = viewFor(w, sim.state, 'cmcc', sim.ctx.index).sites[s];
      // Back on air (1, or 2 with a mains alarm).
      if (ours && 'ok' in ours.result && (after === 1 || after === 2)) return { seed, site: s, after };
    }
  }
  throw new Error('no cmcc site to test a generator on in seeds 1-10');
}

describe('the exercise console', () => {
  it('loads with no console errors and no request outside 127.0.0.1', async () => {
    const { page, consoleErrors, outsideRequests } = await watchedPage(app);
    await page.goto(app.url);
    await appReady(page);
    await expect.poll(() => page.textContent('[data-testid=status]')).toContain('积石山');
    await page.locator('[data-testid=kpi-sitesOnAir]').waitFor();
    expect(await page.getAttribute('[data-testid=kpi-sitesOnAir]', 'data-value')).toBe(String(world().sites.ids.length));
    // Pan and zoom the map a little: still no errors.
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(500);
    expect(consoleErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
    expect(new URL(app.url).hostname).toBe('127.0.0.1');
    await page.context().close();
  });

  it('runs Jishishan to the end at max speed as director, with the same final hash as the engine in Node', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&autorun=1&speed=max`);
    const hash = await finalHash(page);
    const w = world();
    expect(hash).toBe(runScenario(w, { seed: 7, untilSec: w.durationSec }).report.finalStateHash);
    expect(await simTime(page)).toBe(w.durationSec);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('lets a player seat send a generator through the UI, see it in the log and the site come back; the drill saves and replays to the Node hash', async () => {
    const w = world();
    // At T+3 h a dark China Mobile site comes back within 2 h with a pool generator (2 h lead time) that would
    // still be dark without it. The doctrine trucks generators from the pools too, so few such sites are left.
    const T = 3 * 3600;
    const { seed, site, after } = generatorCandidate(T);
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=${seed}&seat=cmcc`);
    await appReady(page);
    await jump(page, '3:00', T);
    await clickSite(page, site);
    expect(await page.textContent('[data-testid=selected-status]')).toBe('退服（原因未知）');
    expect(await page.inputValue('[data-testid=pool-select]')).toBe('gp-cmcc');
    await page.click('[data-testid=send-command]');
    await expect.poll(() => page.textContent('[data-testid=command-answer]')).toContain('T+3:00:01');
    await page.click('[data-testid=step]');
    await page.locator('[data-testid=feed-list] li[data-kind=command][data-result=ok]').first().waitFor();
    expect(await page.textContent('[data-testid=my-commands]')).toContain(w.sites.ids[site]);
    await jump(page, '5:01', T + 2 * 3600 + 60);
    await expect.poll(() => page.textContent('[data-testid=selected-status]')).toBe(after === 2 ? '在网（市电停电告警）' : '在网');

    // Save the drill: scenario reference, seed and command log.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=save-drill]')]);
    const drill = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(drill).toMatchObject({ format: 'drilltwin/drill@1', scenario: { id: 'jishishan-2023', sha256: w.sha256 }, seed, reachedSec: T + 2 * 3600 + 60 });
    expect(drill.commands).toEqual([{ tSec: T + 1, seat: 'cmcc', type: 'hookGenerator', args: { siteId: w.sites.ids[site], poolId: 'gp-cmcc' } }]);
    expect(drill.doctrineSeats).toEqual(doctrineWithout('cmcc').sort());

    // Run the rest of the drill at max speed: the same hash as the command log run in Node.
    await page.selectOption('[data-testid=speed]', 'max');
    await page.click('[data-testid=play]');
    const hash = await finalHash(page);
    const expected = runScenario(w, { seed, untilSec: w.durationSec, commands: drill.commands as Command[], doctrineSeats: drill.doctrineSeats }).report.finalStateHash;
    expect(hash).toBe(expected);
    expect(hash).not.toBe(runScenario(w, { seed, untilSec: w.durationSec, doctrineSeats: drill.doctrineSeats }).report.finalStateHash);

    // Load the saved drill: a replay with a time slider, reaching the same end.
    await page.setInputFiles('[data-testid=file-input]', { name: 'drill.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(drill)) });
    await page.click('[data-testid=confirm-ok]'); // the live drill ends
    await expect.poll(() => page.textContent('[data-testid=mode]')).toBe('回放');
    await expect.poll(() => simTime(page)).toBe(T + 2 * 3600 + 60);
    await page.locator('[data-testid=replay-slider]').fill('7200');
    await expect.poll(() => simTime(page)).toBe(7200);
    await page.locator('[data-testid=replay-slider]').fill(String(w.durationSec));
    await expect.poll(() => simTime(page)).toBe(w.durationSec);
    expect(await finalHash(page)).toBe(expected);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('lets a player seat task one of its teams through the UI and watch it drive there, work, and report the outage cause', async () => {
    const w = world();
    // s-jss-019: a China Mobile site the shock puts out of service (moderate damage), 2.7 km from the county crew's base.
    const site = w.sites.ids.indexOf('s-jss-019');
    const teamId = 'tm-cmcc-jss-1';
    const team = w.teams.findIndex((x) => x.id === teamId);
    expect(w.teams[team]).toMatchObject({ org: 'cmcc', activeAtStart: true });
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=cmcc`);
    await appReady(page);
    const row = page.locator(`[data-testid=team-${teamId}]`);
    await row.waitFor();
    // A department sees its own teams only.
    expect(await page.locator('[data-testid=team-tm-cucc-jss-1]').count()).toBe(0);
    expect(await page.locator('[data-testid=team-list] li[data-testid^=team-tm-cmcc-]').count()).toBe(w.teams.filter((x) => x.org === 'cmcc').length);
    await jump(page, '0:30', 1800);
    await expect.poll(() => row.getAttribute('data-status')).toBe('idle');
    const base = { x: await row.getAttribute('data-x'), y: await row.getAttribute('data-y') };

    await clickSite(page, site);
    expect(await page.textContent('[data-testid=selected-status]')).toBe('退服（原因未知）');
    await page.selectOption('[data-testid=task-team]', teamId);
    await page.selectOption('[data-testid=task-type]', 'inspectSite');
    expect(await page.inputValue('[data-testid=task-target]')).toBe('s-jss-019');
    await page.click('[data-testid=assign-task]');
    await expect.poll(() => page.textContent('[data-testid=answer-assign]')).toContain('T+0:30:01');

    // Run the clock: the team sets off and its marker moves, on the map and in the list.
    await page.selectOption('[data-testid=speed]', '60');
    await page.click('[data-testid=play]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('travelling');
    expect(await row.getAttribute('data-task')).toBe('inspectSite:s-jss-019:travelling');
    const onScreen = () => page.evaluate((i) => (window as any).drilltwin.scene.teamOnScreen(i), team);
    const first = { x: await row.getAttribute('data-x'), y: await row.getAttribute('data-y') };
    const firstOnScreen = await onScreen();
    expect(firstOnScreen).not.toBeNull();
    await expect.poll(async () => JSON.stringify([await row.getAttribute('data-x'), await row.getAttribute('data-y')]), { timeout: 20_000 }).not.toBe(JSON.stringify([first.x, first.y]));
    expect([first.x, first.y]).not.toEqual([null, null]);
    // The map draws the marker on its next frame, which can come just after the list has moved: poll it.
    await expect
      .poll(async () => {
        const later = await onScreen();
        return Math.hypot(later.x - firstOnScreen.x, later.y - firstOnScreen.y);
      }, { timeout: 20_000 })
      .toBeGreaterThan(0.5);
    expect([await row.getAttribute('data-x'), await row.getAttribute('data-y')]).not.toEqual([base.x, base.y]);

    // It arrives and works; then the inspection tells China Mobile why the site is down.
    await page.selectOption('[data-testid=speed]', '600');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('working');
    const atSite = { x: Number(await row.getAttribute('data-x')), y: Number(await row.getAttribute('data-y')) };
    expect(Math.hypot(atSite.x - w.sites.xM[site], atSite.y - w.sites.yM[site])).toBeLessThan(1500);
    await page.locator('[data-testid=feed-list] li[data-kind=task][data-status=working]').first().waitFor();
    // Hovering the marker names the team and its task.
    await page.click('[data-testid=play]'); // pause
    const at = await onScreen();
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.textContent('#tooltip')).toContain(w.teams[team].nameZh);
    expect(await page.textContent('#tooltip')).toContain('作业中');
    await page.click('[data-testid=play]');
    await expect.poll(() => row.getAttribute('data-task'), { timeout: 60_000 }).toBe('inspectSite:s-jss-019:done');
    await expect.poll(() => page.textContent('[data-testid=selected-status]')).toBe('退服·设备损毁');
    await page.click('[data-testid=play]'); // pause
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('lets the headquarters activate a team, send a UAV and a warning to a township picked on the map', async () => {
    const w = world();
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=emhq`);
    await appReady(page);
    // The headquarters sees every team.
    await expect.poll(() => page.locator('[data-testid=team-list] li[data-testid^=team-]').count()).toBe(w.teams.length);
    const town = w.townships.ids.findIndex((_, i) => !w.sites.ids.some((_, s) => Math.hypot(w.sites.xM[s] - w.townships.xM[i], w.sites.yM[s] - w.townships.yM[i]) < 300));
    expect(town).toBeGreaterThanOrEqual(0);
    await clickTownship(page, town);

    const inactive = w.teams.find((x) => !x.activeAtStart)!;
    await page.click('[data-testid=form-activate] summary');
    await page.selectOption('[data-testid=activate-select]', inactive.id);
    await page.click('[data-testid=activate-team]');
    await page.click('[data-testid=form-uav] summary');
    expect(await page.inputValue('[data-testid=uav-township]')).toBe(w.townships.ids[town]);
    await page.click('[data-testid=deploy-uav]');
    await page.click('[data-testid=form-warning] summary');
    expect(await page.locator('[data-testid=warn-townships] option:checked').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual([w.townships.ids[town]]);
    await page.click('[data-testid=send-warning]');
    await expect.poll(() => page.textContent('[data-testid=answer-warning]')).toContain('T+0:00:00');
    await page.click('[data-testid=step]');
    await expect.poll(() => page.locator('[data-testid=feed-list] li[data-kind=command][data-result=ok]').count()).toBe(3);
    await expect.poll(() => page.getAttribute(`[data-testid=team-${inactive.id}]`, 'data-status')).toBe('activating');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('updates the scoreboard as the drill runs', async () => {
    const { page } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&speed=3600`);
    await appReady(page);
    const onAir = () => page.getAttribute('[data-testid=kpi-sitesOnAir]', 'data-value');
    expect(await onAir()).toBe(String(world().sites.ids.length));
    await page.click('[data-testid=play]');
    await expect.poll(() => simTime(page), { timeout: 60_000 }).toBeGreaterThan(3 * 3600);
    await page.click('[data-testid=play]'); // pause
    await expect.poll(onAir).not.toBe(String(world().sites.ids.length));
    expect(await page.textContent('[data-testid=kpi-populationServedFrac]')).toMatch(/%$/);
    expect(await page.textContent('[data-testid=kpi-summary]')).toMatch(/T\+/);
    await page.context().close();
  });

  it('shows every problem of a bad scenario file and keeps running the current drill', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7`);
    await appReady(page);
    await jump(page, '1:00', 3600);
    const doc = JSON.parse(readFileSync(JISHISHAN, 'utf8'));
    doc.durationHours = -5;
    doc.hazards[0].magnitude = 'big';
    await page.setInputFiles('[data-testid=file-input]', [
      { name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) },
      { name: 'sites.geojson', mimeType: 'application/json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') },
    ]);
    await page.click('[data-testid=confirm-ok]'); // opening files would end the drill, if they load
    await page.locator('[data-testid=problems]').waitFor({ state: 'visible' });
    const problems = await page.locator('[data-testid=problem-list] li').allTextContents();
    expect(problems.some((p) => p.includes('#/durationHours'))).toBe(true);
    expect(problems.some((p) => p.includes('#/hazards/0/magnitude'))).toBe(true);
    expect(await page.textContent('[data-testid=problems-title]')).toContain('未通过校验');
    await page.click('[data-testid=problems-close]');
    // The drill underneath is untouched and still runs.
    expect(await simTime(page)).toBe(3600);
    await page.click('[data-testid=step]');
    await expect.poll(() => simTime(page)).toBe(3660);
    // A layer that is not valid JSON is reported by name too.
    const good = JSON.parse(readFileSync(JISHISHAN, 'utf8'));
    await page.setInputFiles('[data-testid=file-input]', [
      { name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) },
      { name: 'sites.geojson', mimeType: 'application/json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') },
    ]);
    await page.click('[data-testid=confirm-ok]');
    await expect.poll(() => page.locator('[data-testid=problem-list] li').allTextContents()).toContainEqual(expect.stringContaining('layers/sites.geojson: not valid JSON'));
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('switches between Chinese and English, refusal reasons included', async () => {
    const w = world();
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=cmcc`);
    await appReady(page);
    expect(await page.textContent('[data-testid=lang-switch]')).toBe('English');
    expect(await page.textContent('[data-testid=play]')).toBe('运行');
    await page.click('[data-testid=lang-switch]');
    expect(await page.textContent('[data-testid=lang-switch]')).toBe('中文');
    expect(await page.textContent('[data-testid=play]')).toBe('Play');
    expect((await page.textContent('[data-testid=kpi-table]'))!.toLowerCase()).toContain(KPI_NAMES.populationServedFrac.en.toLowerCase());
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // A generator sent twice to the same China Mobile site: the second is refused (one is already on its way).
    const sim = Sim.create(w, 7);
    sim.advanceTo(60);
    const site = w.sites.ids.findIndex((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0 && sim.state.sites.damageState[i] < 4);
    await clickSite(page, site);
    await page.click('[data-testid=send-command]');
    await page.click('[data-testid=step]');
    await page.click('[data-testid=send-command]');
    await page.click('[data-testid=step]');
    const refused = page.locator('[data-testid=feed-list] li[data-kind=command][data-result=generatorAlreadyThere]').first();
    await refused.waitFor();
    expect(await refused.textContent()).toContain(`refused: ${REASON_CODES.generatorAlreadyThere.en}`);
    await page.click('[data-testid=lang-switch]');
    expect(await page.locator('[data-testid=feed-list] li[data-result=generatorAlreadyThere]').first().textContent()).toContain(REASON_CODES.generatorAlreadyThere.zh);
    expect(await page.textContent('[data-testid=play]')).toBe('运行');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
