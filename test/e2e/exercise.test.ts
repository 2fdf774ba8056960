// Issue 11's drill, end to end in the console: the director imports an MSEL
// spreadsheet, holds one inject, fires an ad-hoc aftershock and stops the
// drill at T+2 h; a player (China Mobile) meets one expected action, the
// headquarters' is missed and its contingency fires; the evaluator records
// two observations; the console's after-action report shows all of it; and
// the saved drill file replays to the same hash with `drilltwin replay`, run
// against a copy of the scenario that `drilltwin msel import` gave the same
// spreadsheet.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mselToRows, rowsToMsel } from '../../src/drill/msel-sheet.ts';
import { Sim } from '../../src/engine/sim.ts';
import type { InjectDoc } from '../../src/model/scenario-format.ts';
import { readSheet, writeSheet } from '../../authoring/msel-file.ts';
import { JISHISHAN, loadWorld, ROOT } from '../helpers.ts';
import { authorAftershock, clickSite, clickTownship, jump } from './drive.ts';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

let app: App;
let dir: string;

beforeAll(async () => {
  app = await startApp();
  dir = mkdtempSync(join(tmpdir(), 'drilltwin-exercise-'));
});

afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The shipped MSEL with two expected actions and their contingencies, as an XLSX file. */
async function mselFile(): Promise<string> {
  const world = loadWorld(JISHISHAN);
  const text = (zh: string, en: string) => ({ zh, en });
  const msel: InjectDoc[] = world.msel.map((inj) => {
    if (inj.id === 'inj-002-alarms-cmcc') return { ...inj, expect: { id: 'exp-cmcc-generator', seat: 'cmcc', command: 'hookGenerator', withinSec: 3600, contingency: 'inj-c1', text: text('移动调派发电机保障基站', 'China Mobile sends a generator to a site') } };
    if (inj.id === 'inj-001-quake-report') return { ...inj, expect: { id: 'exp-emhq-uav', seat: 'emhq', command: 'deployUav', withinSec: 1800, contingency: 'inj-c2', text: text('指挥部派出应急通信无人机', 'The HQ deploys a communications UAV') } };
    return inj;
  });
  msel.push(
    { id: 'inj-c1', tSec: 0, to: 'cmcc', text: text('集团公司询问：发电机为何仍未到位？', 'Group headquarters asks why no generator is on site yet') },
    { id: 'inj-c2', tSec: 0, to: 'emhq', text: text('省应急厅催问：无人机何时到位？', 'The provincial department asks when UAV cover will be up') },
  );
  const { header, rows } = mselToRows(msel, 'en');
  const path = join(dir, 'msel.xlsx');
  writeFileSync(path, await writeSheet('xlsx', header, rows));
  return path;
}

/** A China Mobile site a generator may be sent to at T+0:10. */
function cmccSite(): number {
  const w = loadWorld(JISHISHAN);
  const sim = Sim.create(w, 7);
  sim.advanceTo(600);
  return w.sites.ids.findIndex((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0 && sim.state.sites.damageState[i] < 3 && !sim.state.sites.generatorInbound[i]);
}

const exerciseRow = (page: import('playwright-core').Page, attr: string, id: string) => page.getAttribute(`[data-testid=exercise-panel] [${attr}="${id}"]`, 'data-status');

describe("issue 11's drill in the console", () => {
  it('imports the MSEL, holds, fires an aftershock, stops at T+2 h; met, missed and contingency; two observations; the AAR shows it; the drill replays', async () => {
    const xlsx = await mselFile();
    const { page, consoleErrors, outsideRequests } = await watchedPage(app);
    // The doctrine plays the other departments; China Mobile and the HQ are left to people.
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=director&lang=en&doctrine=cucc,ctcc,tower,power,transport,fire,satcom`);
    await appReady(page);

    // The director imports the spreadsheet: the drill starts again on the new MSEL.
    await page.setInputFiles('[data-testid=msel-import]', xlsx);
    await expect.poll(() => page.locator('[data-testid=msel-table] tr[data-inject=inj-c2]').count(), { timeout: 60_000 }).toBe(1);
    expect(await exerciseRow(page, 'data-inject', 'inj-c1')).toBe('held');

    // Hold the Qinghai report (due T+1:00).
    await page.click('[data-testid=msel-table] tr[data-inject=inj-004-flowslide-zhongchuan] [data-action=holdInject]');
    await jump(page, '0:10', 600);
    await expect.poll(() => exerciseRow(page, 'data-inject', 'inj-004-flowslide-zhongchuan'), { timeout: 30_000 }).toBe('held');

    // A player at China Mobile sends a generator: the expected action is met.
    await page.selectOption('[data-testid=seat-select]', 'cmcc');
    await clickSite(page, cmccSite());
    await page.click('[data-testid=send-command]');
    await page.locator('[data-testid=command-answer]').waitFor();

    // The director fires an ad-hoc Ms 5.5 aftershock near Liugou and sets the stop at T+2:00.
    await page.selectOption('[data-testid=seat-select]', 'director');
    await authorAftershock(page, { magnitude: '5.5', lat: '35.72', lon: '102.80', to: 'emhq', text: 'Ms 5.5 aftershock near Liugou' });
    await page.fill('[data-testid=stop-at]', 'T+2:00');
    await page.click('[data-testid=stop-set]');
    await jump(page, '0:20', 1200);
    await expect.poll(() => page.textContent('[data-testid=stop-shown]'), { timeout: 30_000 }).toContain('T+2:00:00');
    await expect.poll(() => page.locator('[data-testid=msel-table] tr[data-status=delivered] >> text=ad-hoc inject 1').count(), { timeout: 30_000 }).toBe(1);

    // The evaluator records two observations, one about the China Mobile alarm inject.
    await page.selectOption('[data-testid=seat-select]', 'evaluator');
    await page.locator('[data-testid=obs-text]').waitFor();
    await page.selectOption('[data-testid=obs-about]', 'injectId:inj-002-alarms-cmcc');
    await page.fill('[data-testid=obs-text]', 'China Mobile ordered a generator within minutes of the alarms');
    await page.click('[data-testid=obs-send]');
    await jump(page, '0:40', 2400);
    await page.selectOption('[data-testid=obs-about]', '');
    await page.fill('[data-testid=obs-text]', 'No UAV request from the HQ by T+0:30');
    await page.click('[data-testid=obs-send]');
    // Commands apply at the next simulated second: the note shows once the drill runs on.
    await expect.poll(() => page.getAttribute('[data-testid=exercise-message]', 'data-state')).toBe('ok');

    // Run on: the drill stops by itself at T+2:00.
    await page.fill('[data-testid=jump-input]', '3:00');
    await page.click('[data-testid=jump]');
    await expect.poll(() => page.getAttribute('[data-testid=sim-time]', 'data-tsec'), { timeout: 60_000 }).toBe('7200');
    await expect.poll(() => exerciseRow(page, 'data-expectation', 'exp-cmcc-generator'), { timeout: 30_000 }).toBe('met');
    expect(await exerciseRow(page, 'data-expectation', 'exp-emhq-uav')).toBe('missed');
    await expect.poll(() => page.locator('[data-testid=checklist] [data-check=inj-c2]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=observations] li').count(), { timeout: 30_000 }).toBe(2);

    // The after-action report of the drill shows all of it.
    await page.click('[data-testid=aar-open]');
    await expect.poll(() => page.getAttribute('[data-testid=aar-dialog]', 'data-state'), { timeout: 30_000 }).toBe('ready');
    const html = (await page.getAttribute('[data-testid=aar-frame]', 'srcdoc'))!;
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Stop at: T+2 h 00 min');
    expect(text).toMatch(/ad-hoc inject 1 ad hoc Emergency-management HQ Aftershock, Ms 5\.5, 35\.720°N 102\.800°E/);
    expect(text).toMatch(/Qinghai reports a liquefaction mudflow[^]*?T\+1 h 00 min Held/);
    expect(text).toMatch(/China Mobile sends a generator to a site T\+1 h 10 min Met T\+0 h 1\d min inject \d+: Cancelled/);
    expect(text).toMatch(/The HQ deploys a communications UAV T\+0 h 30 min Missed inject \d+: Delivered/);
    expect(text).toContain('Evaluators: China Mobile ordered a generator within minutes of the alarms');
    expect(text).toContain('No UAV request from the HQ by T+0:30');
    expect(text).toMatch(/Players : China Mobile \(1 command\) Control cell and evaluators : Exercise director \(3 commands\); Evaluators \(2 commands\)/);
    for (const id of ['inj-002-alarms-cmcc', 'exp-cmcc-generator', 'adhoc-1', 'inj-c2']) expect(text).not.toContain(id);
    await page.click('[data-testid=aar-close]');

    // The drill file replays to the same hash with the CLI, on a copy of the scenario given the same spreadsheet.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=save-drill]')]);
    const drillPath = join(dir, 'drill.json');
    await download.saveAs(drillPath);
    const drill = JSON.parse(readFileSync(drillPath, 'utf8')) as { stateHash: string; reachedSec: number; commands: { type: string }[] };
    expect(drill.reachedSec).toBe(7200);
    expect(drill.commands.map((c) => c.type)).toEqual(expect.arrayContaining(['holdInject', 'hookGenerator', 'authorInject', 'setStopTime', 'recordObservation']));
    const work = join(dir, 'work');
    cpSync(join(ROOT, 'scenarios', 'jishishan-2023'), join(work, 'scenarios', 'jishishan-2023'), { recursive: true });
    cpSync(join(ROOT, 'scenarios', 'targets'), join(work, 'scenarios', 'targets'), { recursive: true });
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'drilltwin.mjs'), ...args], { cwd: work, encoding: 'utf8' });
    const imported = cli(['msel', 'import', xlsx, '--into', join(work, 'scenarios', 'jishishan-2023', 'scenario.json')]);
    expect(imported.status, imported.stderr).toBe(0);
    const replay = cli(['replay', drillPath]);
    expect(replay.status, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain(drill.stateHash);
    expect(consoleErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  });

  it('exports the MSEL it runs as XLSX and CSV that read back the same, and refuses a bad sheet with row and column', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=director&lang=en`);
    await appReady(page);
    await page.locator('[data-testid=msel-table] tr').first().waitFor();
    const world = loadWorld(JISHISHAN);
    for (const format of ['xlsx', 'csv'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=msel-export-${format}]`)]);
      expect(download.suggestedFilename()).toBe(`msel-jishishan-2023.${format}`);
      const path = join(dir, `export.${format}`);
      await download.saveAs(path);
      const sheet = await readSheet(path, new Uint8Array(readFileSync(path)));
      if ('problems' in sheet) throw new Error(JSON.stringify(sheet.problems));
      const back = rowsToMsel(sheet.header, sheet.rows, { durationSec: world.durationSec, townshipIds: new Set(world.townships.ids) });
      expect(back.ok && back.msel).toEqual(world.msel);
    }
    // An aftershock placed at the township picked on the map.
    const town = world.townships.ids.indexOf('t-liugou') >= 0 ? world.townships.ids.indexOf('t-liugou') : 0;
    await clickTownship(page, town);
    await page.selectOption('[data-testid=adhoc-kind]', 'aftershock');
    await page.click('[data-testid=adhoc-from-map]');
    const lat = Number(await page.inputValue('[data-testid=adhoc-form] [data-arg=lat]'));
    const lon = Number(await page.inputValue('[data-testid=adhoc-form] [data-arg=lon]'));
    expect(Math.abs(lat - 35.6)).toBeLessThan(0.5);
    expect(Math.abs(lon - 102.8)).toBeLessThan(0.5);
    // A sheet with a bad time and an unknown seat: every problem by row and column, and the drill goes on as it was.
    const { header, rows } = mselToRows(world.msel, 'en');
    rows[0][header.indexOf('Scenario time')] = 'soon';
    rows[2][header.indexOf('To')] = 'mayor';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, await writeSheet('csv', header, rows));
    await page.setInputFiles('[data-testid=msel-import]', bad);
    await page.locator('[data-testid=problem-list]').waitFor();
    const problems = await page.locator('[data-testid=problem-list] li').allTextContents();
    expect(problems.some((p) => /bad\.csv: row 2, column [A-Z]+ \(Scenario time\)/.test(p))).toBe(true);
    expect(problems.some((p) => /bad\.csv: row 4, column [A-Z]+ \(To\)/.test(p))).toBe(true);
    expect(await page.locator('[data-testid=msel-table] tr').count()).toBe(world.msel.length);
    expect(consoleErrors).toEqual([]);
  });
});
