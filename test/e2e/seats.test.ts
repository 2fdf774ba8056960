// The director's seat panel: who plays each department seat, and handing a
// seat over now or at a second given ahead — logged, and replayed alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.ts';
import type { Command } from '../../src/model/commands.ts';
import { finalHash, jishishan, jump } from './drive.ts';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe("the director's seat panel", () => {
  it('shows who plays each seat and hands seats over now and at a given second; the log replays to the Node hash', async () => {
    const w = jishishan();
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=director&lang=en`);
    await appReady(page);
    const player = (seat: string) => page.getAttribute(`[data-testid=seat-table] tr[data-seat=${seat}]`, 'data-player');
    await expect.poll(() => player('cmcc')).toBe('doctrine');
    await jump(page, '0:30', 1800);

    // Fire and rescue to nobody, now; China Mobile to nobody at T+2:00.
    await page.selectOption('[data-testid=handover-seat]', 'fire');
    await page.selectOption('[data-testid=handover-player]', 'nobody');
    await page.click('[data-testid=handover]');
    await expect.poll(() => page.textContent('[data-testid=seat-answer]')).toContain('T+0:30:01');
    await page.selectOption('[data-testid=handover-seat]', 'cmcc');
    await page.selectOption('[data-testid=handover-player]', 'nobody');
    await page.fill('[data-testid=handover-at]', '2:00');
    await page.click('[data-testid=handover]');
    await expect.poll(() => page.textContent('[data-testid=seat-scheduled]')).toContain('T+2:00:00');
    await page.click('[data-testid=step]');
    await expect.poll(() => player('fire')).toBe('nobody');
    expect(await player('cmcc')).toBe('doctrine');
    await jump(page, '2:30', 9000);
    await expect.poll(() => player('cmcc')).toBe('nobody');
    expect(await page.getAttribute('[data-testid=status]', 'data-doctrine')).not.toContain('cmcc');
    expect(await page.textContent('[data-testid=seat-scheduled]')).toBe('');

    // A time already past is refused with a reason.
    await page.fill('[data-testid=handover-at]', '1:00');
    await page.click('[data-testid=handover]');
    await expect.poll(() => page.getAttribute('[data-testid=seat-answer]', 'class')).toBe('answer bad');

    const log = await page.evaluate(() => (window as any).drilltwin.session.getLog());
    expect(log.commands).toEqual([
      { tSec: 1801, seat: 'director', type: 'assignSeat', args: { seat: 'fire', player: 'nobody' } },
      { tSec: 7200, seat: 'director', type: 'assignSeat', args: { seat: 'cmcc', player: 'nobody' } },
    ]);
    await page.selectOption('[data-testid=speed]', 'max');
    await page.click('[data-testid=play]');
    const hash = await finalHash(page);
    const expected = runScenario(w, { seed: 7, untilSec: w.durationSec, commands: log.commands as Command[], doctrineSeats: log.doctrineSeats }).report.finalStateHash;
    expect(hash).toBe(expected);
    expect(hash).not.toBe(runScenario(w, { seed: 7, untilSec: w.durationSec }).report.finalStateHash);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('is the director\'s only', async () => {
    const { page } = await watchedPage(app);
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&seat=emhq`);
    await appReady(page);
    expect(await page.isVisible('[data-testid=seats]')).toBe(false);
    await page.selectOption('[data-testid=seat-select]', 'director');
    await expect.poll(() => page.isVisible('[data-testid=seats]')).toBe(true);
    await page.context().close();
  });
});
