// The what-if planner page (issue 12) in headless Chromium: base and one
// variant from the page's form on seeds 1..3 in two Web Workers. Every row's
// final hash (indeed every field but the run's wall time) equals the row
// `drilltwin sweep` makes in Node for the same variant and seed, and the
// summary, its CSVs and the report the page offers for download are the
// CLI's files byte for byte. A sweep stopped part-way keeps its rows in
// IndexedDB, and after a reload it resumes with them and only runs the rest.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { SweepRow } from '../../src/sweep/rows.ts';
import { captureOut, JISHISHAN } from '../helpers.ts';
import { startApp, watchedPage, type App } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-planner-'));
let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI's sweep of the same variants file on the same seeds: its rows (by variant and seed) and its four written files. */
async function nodeSweep(variantsText: string, seeds: string, name: string) {
  const variants = join(dir, `${name}.variants.json`);
  writeFileSync(variants, variantsText);
  const out = join(dir, name);
  const c = captureOut();
  const code = await main(['sweep', JISHISHAN, '--variants', variants, '--seeds', seeds, '--workers', '2', '--out', out, '--quiet'], c.io);
  expect(code, c.out.stderr).toBe(0);
  const rows = new Map<string, SweepRow>();
  for (const line of readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n')) {
    const row = JSON.parse(line) as SweepRow;
    rows.set(`${row.variant}/${row.seed}`, row);
  }
  const file = (f: string) => readFileSync(join(out, f), 'utf8');
  return { rows, files: { 'summary.json': file('summary.json'), 'summary.csv': file('summary.csv'), 'charts.csv': file('charts.csv'), 'report.html': file('report.html') } };
}

async function downloaded(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="planner-download-${name}"]`)]);
  expect(download.suggestedFilename()).toBe(name);
  return readFileSync(await download.path(), 'utf8');
}

const pageRows = (page: Page) => page.evaluate(() => (window as unknown as { drilltwinPlanner: { rows(): SweepRow[] } }).drilltwinPlanner.rows());
const withoutWallTime = (r: SweepRow) => ({ ...r, wallMs: 0 });

describe('what-if planner', () => {
  it('runs base and a form variant on seeds 1..3 in 2 Web Workers with the CLI rows and files', async () => {
    const { page, consoleErrors, outsideRequests } = await watchedPage(app);
    // Reached from the console's navigation.
    await page.goto(`${app.url}?lang=en&speed=1`);
    await page.click('[data-testid=planner-open]');
    await page.waitForURL(/planner\.html/);
    await page.goto(`${app.url}planner.html?lang=en`);
    expect(await page.inputValue('[data-testid=planner-scenario]')).toBe('jishishan-2023');
    // The form's default what-if: emergency roaming and priority power, one variant.
    expect(await page.isChecked('[data-testid=planner-use-settings]')).toBe(true);
    const variantsText = await page.inputValue('[data-testid=planner-variants]');
    expect(JSON.parse(variantsText).variants.map((v: { name: string; settings: object }) => [v.name, v.settings])).toEqual([['roaming-priority', { emergencyRoaming: true, prioritySupplyForComms: true }]]);
    await page.fill('[data-testid=planner-seed-from]', '1');
    await page.fill('[data-testid=planner-seed-to]', '3');
    await page.fill('[data-testid=planner-workers]', '2');
    expect(await page.textContent('[data-testid=planner-runs]')).toBe('2 variants × 3 seeds = 6 runs');
    await page.click('[data-testid=planner-run]');
    await expect.poll(() => page.getAttribute('[data-testid=planner-status]', 'data-state'), { timeout: 170_000 }).toBe('done');
    expect(await page.textContent('[data-testid=planner-status]')).toMatch(/^Done: 6 runs in [\d.]+ s \(2 workers\)$/);
    expect(await page.getAttribute('[data-testid=planner-progress]', 'data-done')).toBe('6');
    // The comparison: one table row per variant, 3 runs each; the fan chart and the forest plot are drawn.
    expect(await page.locator('[data-testid=planner-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-variant'), tr.getAttribute('data-runs')]))).toEqual([['base', '3'], ['roaming-priority', '3']]);
    expect(await page.locator('[data-testid=planner-figures] svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid=planner-figures] svg[aria-label="forest plot of paired differences"]').count()).toBe(1);

    const node = await nodeSweep(variantsText, '1..3', 'first');
    const rows = await pageRows(page);
    expect(rows.map((r) => `${r.variant}/${r.seed}`)).toEqual(['base/1', 'base/2', 'base/3', 'roaming-priority/1', 'roaming-priority/2', 'roaming-priority/3']);
    for (const row of rows) {
      const expected = node.rows.get(`${row.variant}/${row.seed}`)!;
      expect(row.finalStateHash, `${row.variant} seed ${row.seed}`).toBe(expected.finalStateHash);
      expect(withoutWallTime(row)).toEqual(withoutWallTime(expected));
    }
    // The variant changes the outcome: not every final hash is the base's.
    expect(new Set(rows.map((r) => r.finalStateHash)).size).toBe(6);
    // The downloads are the CLI's files (the summary holds no wall time; runs.jsonl differs only in wallMs and line order).
    for (const name of ['summary.json', 'summary.csv', 'charts.csv', 'report.html'] as const) expect(await downloaded(page, name), name).toBe(node.files[name]);
    const jsonl = (await downloaded(page, 'runs.jsonl')).trim().split('\n').map((l) => withoutWallTime(JSON.parse(l)));
    expect(jsonl).toEqual(rows.map(withoutWallTime));

    // Chinese labels through the console's i18n.
    await page.click('[data-testid=lang-switch]');
    expect(await page.textContent('[data-testid=planner-status]')).toMatch(/^完成：6 次推演/);
    expect(consoleErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  });

  it('stops part-way, keeps the rows done in IndexedDB and resumes after a reload with only the rest', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    const plan = async () => {
      await page.goto(`${app.url}planner.html?lang=en`);
      await page.fill('[data-testid=planner-seed-from]', '4');
      await page.fill('[data-testid=planner-seed-to]', '7');
      await page.fill('[data-testid=planner-workers]', '1');
    };
    await plan();
    await page.click('[data-testid=planner-run]');
    await expect.poll(async () => Number(await page.getAttribute('[data-testid=planner-progress]', 'data-done')), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
    await page.click('[data-testid=planner-stop]');
    await expect.poll(() => page.getAttribute('[data-testid=planner-status]', 'data-state')).toBe('stopped');
    const kept = (await pageRows(page)).length;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(8);
    expect(await page.textContent('[data-testid=planner-run]')).toBe('Resume');

    await plan(); // a reload: the rows come back from IndexedDB
    await page.click('[data-testid=planner-run]');
    await expect.poll(() => page.getAttribute('[data-testid=planner-status]', 'data-state'), { timeout: 170_000 }).toBe('done');
    expect(await page.textContent('[data-testid=planner-status]')).toContain(`(${kept} of them kept from before)`);
    const rows = await pageRows(page);
    expect(rows).toHaveLength(8);
    const node = await nodeSweep(await page.inputValue('[data-testid=planner-variants]'), '4..7', 'resumed');
    for (const row of rows) expect(withoutWallTime(row), `${row.variant} seed ${row.seed}`).toEqual(withoutWallTime(node.rows.get(`${row.variant}/${row.seed}`)!));
    expect(await downloaded(page, 'summary.json')).toBe(node.files['summary.json']);
    expect(consoleErrors).toEqual([]);
  });
});
