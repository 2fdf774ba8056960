// A joint drill in real browser contexts against the drill server: the
// director creates it on the director's page; China Mobile and the power
// company join from their own contexts by their links; China Mobile assigns a
// task through the console, the power company switches on priority supply
// through the console's settings form (and is not offered the solo drill
// this browser had autosaved: a join page is another drill);
// each sees only its own picture, the director sees both; the final hash every
// terminal shows equals `drilltwin replay` of the report written from the log.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { startServer, type DrillServer } from '../../workers/server/server.ts';
import { authorAftershock, clickSite, jishishan } from './drive.ts';
import { appReady, buildConsole, type BuiltConsole } from './harness.ts';

let server: DrillServer;
let built: BuiltConsole | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'drilltwin-joint-e2e-'));
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  built = await buildConsole();
  server = await startServer({ port: 0, consoleDir: built.dir, dataDir, maxSpeed: 100_000, log: () => {} });
});

afterAll(async () => {
  await built?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A page in its own browser context (its own storage: another computer, as
 * far as the app can tell). `autosaved`: this browser had a solo drill
 * autosaved before it opened the link.
 */
async function terminal(url: string, autosaved = false): Promise<{ page: Page; errors: string[] }> {
  const context = await built!.browser.newContext({ viewport: { width: 1400, height: 860 } });
  contexts.push(context);
  const page = await context.newPage();
  if (autosaved) {
    // Any page of the server's origin will do to reach its IndexedDB (this one answers 401).
    await page.goto(`${server.url}api/drills`);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('drilltwin', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('autosave');
          req.onsuccess = () => {
            const tx = req.result.transaction('autosave', 'readwrite');
            const drill = { format: 'drilltwin/drill@1', scenarioId: 'jishishan-2023', seed: 7, reachedSec: 3600, commands: [], doctrineSeats: [] };
            tx.objectStore('autosave').put({ savedAtMs: 1, shippedId: 'jishishan-2023', seat: 'cmcc', drill }, 'current');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
  }
  // Errors counted from the console's page on (not the 401 of the page used to reach IndexedDB).
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, errors };
}

const picture = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).drilltwin.session;
    const p = s.picture;
    return {
      seat: s.seat,
      mode: s.mode,
      tSec: p.tSec,
      feeders: Array.from(p.feederCodes as Uint8Array),
      sites: Array.from(p.siteCodes as Uint8Array),
      log: (p.log as { seat: string; type: string; result: unknown }[]).map((c) => ({ seat: c.seat, type: c.type, result: c.result })),
      finalStateHash: s.finalStateHash as string | null,
    };
  });

describe('a joint drill in the browser', () => {
  it('director creates it, two departments join by their links and command, each sees its own picture, and the final hash replays', async () => {
    const w = jishishan();
    const director = await terminal(`${server.url}director.html#key=${server.adminToken}`);
    const d = director.page;
    await d.locator('[data-testid=create-drill]').waitFor();
    await d.selectOption('[data-testid=scenario]', 'jishishan-2023');
    await d.fill('[data-testid=seed]', '7');
    await d.fill('[data-testid=hours]', '6');
    await d.selectOption('[data-testid=speed]', '600');
    await d.selectOption('[data-testid=player-cmcc]', 'person');
    await d.selectOption('[data-testid=player-power]', 'person');
    await d.click('[data-testid=create-drill]');
    await d.locator('[data-testid=link-cmcc] svg').waitFor();
    const url = async (seat: string) => (await d.getAttribute(`[data-testid=link-${seat}]`, 'data-url'))!;
    // One card per seat people or the doctrine play, the director's and the evaluators', each with its QR code.
    expect(await d.locator('[data-testid^=link-] svg').count()).toBe(w.settings.doctrineSeats.length + 2);
    const drill = [...server.owners.keys()][0];

    const cmcc = await terminal(await url('cmcc'));
    const power = await terminal(await url('power'), true);
    const control = await terminal(await url('director'));
    for (const t of [cmcc, power, control]) await appReady(t.page);
    expect((await picture(cmcc.page)).seat).toBe('cmcc');
    expect((await picture(power.page)).seat).toBe('power');
    expect((await picture(control.page)).mode).toBe('joint');
    // The power company's browser had a solo drill autosaved: the join page does not offer it.
    await expect.poll(() => power.page.evaluate(() => document.body.dataset.recovery)).toBe('notOnJoin');
    expect(await power.page.isVisible('[data-testid=confirm]')).toBe(false);

    // The director starts the clock from the director's page.
    await d.click(`[data-testid=toggle-${drill}]`);
    await expect.poll(async () => (await picture(cmcc.page)).tSec, { timeout: 30_000 }).toBeGreaterThan(1800);
    await d.click(`[data-testid=toggle-${drill}]`);

    // China Mobile tasks its county crew to inspect a site, through the console's own form.
    const teamId = 'tm-cmcc-jss-1';
    await cmcc.page.locator(`[data-testid=team-${teamId}]`).waitFor();
    expect(await cmcc.page.locator('[data-testid=team-tm-cucc-jss-1]').count()).toBe(0);
    await clickSite(cmcc.page, w.sites.ids.indexOf('s-jss-015'));
    await cmcc.page.selectOption('[data-testid=task-team]', teamId);
    await cmcc.page.selectOption('[data-testid=task-type]', 'inspectSite');
    await cmcc.page.click('[data-testid=assign-task]');
    await expect.poll(() => cmcc.page.textContent('[data-testid=answer-assign]')).toMatch(/T\+/);
    // The power company switches on priority supply for communication sites, through the console's settings form
    // (China Mobile has no such switch; the power company has no emergency roaming, which is the coordinators').
    expect(await cmcc.page.locator('[data-testid=form-settings]').count()).toBe(0);
    await power.page.locator('[data-testid=form-settings] summary').click();
    expect(await power.page.locator('[data-testid=setting-setEmergencyRoaming]').count()).toBe(0);
    await power.page.selectOption('[data-testid=setting-setPrioritySupply]', 'on');
    await power.page.click('[data-testid=send-setPrioritySupply]');
    await expect.poll(() => power.page.textContent('[data-testid=answer-settings]')).toMatch(/T\+/);

    await server.owners.get(drill)!.control({ action: 'speed', speed: 20_000 });
    await d.click(`[data-testid=toggle-${drill}]`);
    for (const t of [cmcc, power, control]) await expect.poll(async () => (await picture(t.page)).finalStateHash, { timeout: 60_000 }).not.toBeNull();
    const [c, p, dir] = [await picture(cmcc.page), await picture(power.page), await picture(control.page)];

    // Each sees only its own picture; the director sees both and the truth.
    expect(c.feeders.every((x) => x === 0)).toBe(true);
    expect(p.feeders.some((x) => x === 2)).toBe(true);
    expect(c.log.every((e) => e.seat === 'cmcc')).toBe(true);
    expect(c.log.some((e) => e.type === 'assignTask')).toBe(true);
    expect(p.log.every((e) => e.seat === 'power')).toBe(true);
    expect(p.log.some((e) => e.type === 'setPrioritySupply')).toBe(true);
    expect(dir.log.some((e) => e.seat === 'cmcc' && e.type === 'assignTask')).toBe(true);
    expect(dir.log.some((e) => e.seat === 'power' && e.type === 'setPrioritySupply')).toBe(true);
    // Battery and generator states (codes 4, 5) are ground truth: the director's only.
    expect(c.sites.some((x) => x === 4 || x === 5)).toBe(false);
    expect(dir.sites.some((x) => x === 4 || x === 5)).toBe(true);

    // Every terminal ends on the same hash, and `drilltwin replay` of the stored report reproduces it.
    expect(new Set([c.finalStateHash, p.finalStateHash, dir.finalStateHash]).size).toBe(1);
    const res = await fetch(`${server.url}api/drills/${drill}/report`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const report = await res.json();
    expect(report.finalStateHash).toBe(c.finalStateHash);
    const file = join(dataDir, 'report.json');
    writeFileSync(file, JSON.stringify(report));
    const out: string[] = [];
    expect(await main(['replay', file], { log: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    expect(out.join('\n')).toContain(c.finalStateHash!);
    // The director's page prints the drill's after-action report once it has ended.
    await d.locator(`[data-testid=aar-${drill}]`).waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([d.waitForEvent('download'), d.click(`[data-testid=aar-${drill}]`)]);
    expect(download.suggestedFilename()).toBe(`aar-${drill}-zh.html`);
    const aarHtml = readFileSync((await download.path())!, 'utf8');
    expect(aarHtml).toMatch(/<html[^>]*lang="zh/);
    expect(aarHtml).toContain(c.finalStateHash!);
    for (const t of [director, cmcc, power, control]) expect(t.errors).toEqual([]);
  });

  it('the control cell runs the script from its terminal and the evaluator scores the drill from its own; a player is not shown the evaluation', async () => {
    const res = await fetch(`${server.url}api/drills`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}` },
      body: JSON.stringify({ scenario: 'jishishan-2023', seed: 5, untilSec: 3 * 3600, speed: 600, paused: true, seats: { cmcc: 'person' } }),
    });
    const created = (await res.json()) as { drill: string; links: { seat: string; url: string }[] };
    const link = (seat: string) => `${created.links.find((l) => l.seat === seat)!.url}&lang=en`;
    const control = await terminal(link('director'));
    const evaluator = await terminal(link('evaluator'));
    const cmcc = await terminal(link('cmcc'));
    for (const t of [control, evaluator, cmcc]) await appReady(t.page);
    const c = control.page;
    const row = (page: Page, id: string) => page.getAttribute(`[data-testid=msel-table] tr[data-inject="${id}"]`, 'data-status');

    // The director's terminal: the MSEL with its states, from the server's engine; it can be exported, not replaced.
    await expect.poll(() => row(c, 'inj-002-alarms-cucc'), { timeout: 30_000 }).toBe('scheduled');
    expect(await c.isVisible('[data-testid=msel-export-xlsx]')).toBe(true);
    expect(await c.isVisible('[data-testid=msel-import-button]')).toBe(false);
    // Paused, a command is queued for the next second the clock runs (as every command in a joint drill).
    await c.click('[data-testid=msel-table] tr[data-inject=inj-002-alarms-cucc] [data-action=holdInject]');
    await expect.poll(() => c.getAttribute('[data-testid=exercise-message]', 'data-state')).toBe('ok');
    // An ad-hoc aftershock, and the stop at T+0:30 (the server's clock pauses there).
    await authorAftershock(c, { magnitude: '5.4', lat: '35.72', lon: '102.80' });
    await c.fill('[data-testid=stop-at]', 'T+0:30');
    await c.click('[data-testid=stop-set]');
    await expect.poll(() => c.getAttribute('[data-testid=exercise-message]', 'data-state')).toBe('ok');
    await expect.poll(() => c.textContent('[data-testid=stop-shown]')).toContain('T+0:30:00');
    await c.click('[data-testid=play]');
    await expect.poll(() => picture(c).then((p) => p.tSec), { timeout: 60_000 }).toBe(1800);
    await expect.poll(() => row(c, 'inj-002-alarms-cucc')).toBe('held');
    await expect.poll(() => c.locator('[data-testid=msel-table] tr[data-status=delivered] >> text=ad-hoc inject 1').count(), { timeout: 30_000 }).toBe(1);

    // The evaluator's terminal: no clock, no command forms but the observation form; it records, and reads the score and the report.
    const e = evaluator.page;
    expect(await e.isVisible('[data-testid=play]')).toBe(false);
    await e.locator('[data-testid=obs-text]').waitFor();
    await e.fill('[data-testid=obs-text]', 'The HQ asked China Mobile for its generator count within minutes');
    await e.click('[data-testid=obs-send]');
    await expect.poll(() => e.getAttribute('[data-testid=exercise-message]', 'data-state')).toBe('ok');
    // Recorded for the next second the clock runs: the director resumes.
    await c.click('[data-testid=play]');
    await expect.poll(() => e.locator('[data-testid=observations] li').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => e.locator('[data-testid=score-body] [data-rating]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await e.click('[data-testid=aar-open]');
    await expect.poll(() => e.getAttribute('[data-testid=aar-dialog]', 'data-state'), { timeout: 30_000 }).toBe('ready');
    const text = (await e.getAttribute('[data-testid=aar-frame]', 'srcdoc'))!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('The HQ asked China Mobile for its generator count within minutes');
    expect(text).toMatch(/ad-hoc inject 1 ad hoc [^]*Aftershock, Ms 5\.4/);
    await e.click('[data-testid=aar-close]');

    // China Mobile's terminal: neither the score nor the script.
    expect(await cmcc.page.isVisible('[data-testid=score-panel]')).toBe(false);
    expect(await cmcc.page.isVisible('[data-testid=exercise-panel]')).toBe(false);

    // After ENDEX the evaluator completes its notes at the same terminal: they are kept, and shown.
    await server.owners.get(created.drill)!.control({ action: 'speed', speed: 20_000 });
    await expect.poll(() => picture(e).then((p) => p.finalStateHash), { timeout: 60_000 }).not.toBeNull();
    await e.fill('[data-testid=obs-text]', 'Hot wash: the HQ wants the alarm inject earlier next time');
    await e.click('[data-testid=obs-send]');
    await expect.poll(() => e.locator('[data-testid=observations] li').count(), { timeout: 30_000 }).toBe(2);

    // What the evaluator and the director did is in the drill's log, as in a solo drill's.
    const log = await (await fetch(`${server.url}api/drills/${created.drill}/log`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json();
    const commands = (log.log as { kind: string; body: { command?: { seat: string; type: string } } }[]).filter((x) => x.kind === 'command').map((x) => `${x.body.command!.seat} ${x.body.command!.type}`);
    expect(commands).toEqual(expect.arrayContaining(['director holdInject', 'director authorInject', 'evaluator recordObservation']));
    expect((log.log as { kind: string }[]).filter((x) => x.kind === 'evaluation')).toHaveLength(1);
    for (const t of [control, evaluator, cmcc]) expect(t.errors).toEqual([]);
  });
});
