// The console's live score against the capability targets and its
// after-action report of the drill in progress: both computed in the engine
// worker by the CLI's own code, so the score at T+2 h is the one a headless
// run of the saved log gives, and the report names things, never ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.ts';
import { evaluateTargets } from '../../src/scoring/evaluate.ts';
import { loadProfile } from '../../src/scoring/profile.ts';
import { JISHISHAN, loadWorld, ROOT } from '../helpers.ts';
import { jump } from './drive.ts';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('score and after-action report in the console', () => {
  it('shows the live score against the targets and renders the AAR of the drill so far, in Chinese and English', async () => {
    const { page, consoleErrors, outsideRequests } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=director`);
    await appReady(page);
    await jump(page, '2:00', 7200);
    // The panel catches up with the drill (it asks the worker about once a second).
    await expect.poll(() => page.getAttribute('[data-testid=score-panel]', 'data-tsec'), { timeout: 30_000 }).toBe('7200');
    const shown = (await page.textContent('[data-testid=score-value]'))!.trim();

    // The same log run headless to T+2 h scores the same.
    const log = await page.evaluate(() => (window as unknown as { drilltwin: { session: { getLog(): Promise<unknown> } } }).drilltwin?.session.getLog());
    const world = loadWorld(JISHISHAN);
    const profilePath = join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json');
    const profile = loadProfile(readFileSync(profilePath, 'utf8'), profilePath);
    if (!profile.ok) throw new Error('profile');
    const drill = log as { seed: number; commands: never[]; doctrineSeats: string[] } | undefined;
    const { report } = runScenario(world, { seed: 7, untilSec: 7200, commands: drill?.commands ?? [], doctrineSeats: drill?.doctrineSeats });
    const ev = evaluateTargets(report, profile.profile);
    expect(shown).toBe(ev.overall.score === null ? '—' : ev.overall.score.toFixed(1));
    // Two hours leave 72-hour indicators unrated: no rating, a provisional score.
    expect(await page.getAttribute('[data-testid=score-panel]', 'data-complete')).toBe('false');
    expect(await page.textContent('[data-testid=score-overall]')).toContain('未完整评定');
    expect(await page.locator('[data-testid=score-indicators] tr').count()).toBe(18);

    await page.click('[data-testid=aar-open]');
    await expect.poll(() => page.getAttribute('[data-testid=aar-dialog]', 'data-state'), { timeout: 30_000 }).toBe('ready');
    const zh = (await page.getAttribute('[data-testid=aar-frame]', 'srcdoc'))!;
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('应急通信演练评估报告与改进计划');
    expect(zh).toContain('条令自动响应');
    expect(zh).toContain('T+2小时00分');
    const frame = page.frameLocator('[data-testid=aar-frame]');
    await expect.poll(() => frame.locator('h1').textContent()).toBe('应急通信演练评估报告与改进计划');

    await page.selectOption('[data-testid=aar-lang]', 'en');
    await expect.poll(() => page.getAttribute('[data-testid=aar-dialog]', 'data-lang'), { timeout: 30_000 }).toBe('en');
    const en = (await page.getAttribute('[data-testid=aar-frame]', 'srcdoc'))!;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('After-Action Report and Improvement Plan');
    for (const id of ['tm-cmcc-gansu-em', 'inj-001-quake-report', 'uavCoverageArea', 'jishishan-2023']) expect(en).not.toMatch(new RegExp(`[>\\s:(]${id}[<\\s,;)]`));

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=aar-save]')]);
    expect(download.suggestedFilename()).toBe('aar-jishishan-2023-T7200-en.html');
    await page.click('[data-testid=aar-close]');
    expect(await page.locator('[data-testid=aar-dialog]').isHidden()).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  });
});
