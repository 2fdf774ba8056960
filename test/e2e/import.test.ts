// The console's import page (issue 13) in headless Chromium, offline: the
// shipped example package (GBK CSV sites, a GBK shapefile in a Gauss-Krüger
// zone, OSM roads, an XLSX population table, a DEM, its mapping) imported
// through the page gives the same scenario files as `drilltwin import`, opens
// as a drill and runs to the same final hash as the engine in Node; a broken
// site list filled in through the mapping form gets its rows and columns named.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importScenario } from '../../cli/import.ts';
import { countyPackage } from '../../tools/import/fixtures.ts';
import { runScenario } from '../../src/engine/run.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { memoryScenarioFiles } from '../../src/scenario/memory-files.ts';
import { finalHash } from './drive.ts';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'tools', 'import', 'example');
const exampleFiles = () => readdirSync(EXAMPLE).map((name) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(join(EXAMPLE, name)) }));

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('import page', () => {
  it('imports the example package like drilltwin import, previews it, downloads it and runs it as a drill to the same final hash', async () => {
    const node = await importScenario(join(EXAMPLE, 'mapping.json'), 'example-county');
    expect(node.ok).toBe(true);
    const loaded = loadScenario(memoryScenarioFiles('example-county', node.texts));
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    const w = loaded.world;

    const { page, consoleErrors, outsideRequests } = await watchedPage(app);
    await page.goto(`${app.url}?speed=max`);
    await appReady(page);
    await page.click('[data-testid=import-open]');
    await page.setInputFiles('[data-testid=import-files]', exampleFiles());
    // The mapping among the files fills the form: files, coordinate systems and the columns found in the headers.
    await expect.poll(() => page.inputValue('[data-testid=import-col-sites-lon]')).toBe('经度');
    expect(await page.inputValue('[data-testid=import-file-townships]')).toBe('townships.zip');
    expect(await page.inputValue('[data-testid=import-crs-townships]')).toBe('GK3:35');
    expect(await page.inputValue('[data-testid=import-col-townships-nameZh]')).toBe('XZQMC');
    await page.fill('[data-testid=import-id]', 'example-county');
    await page.click('[data-testid=import-run]');
    await expect.poll(() => page.getAttribute('[data-testid=import-status]', 'data-state'), { timeout: 60_000 }).toBe('valid');
    expect(await page.locator('[data-testid=import-problems] li').count()).toBe(0);
    const summary = await page.locator('[data-testid=import-summary] li').allTextContents();
    expect(summary).toEqual(node.summary);
    expect(summary.some((s) => /by intensity at the sites and township seats: (VI|VII|VIII|IX)/.test(s))).toBe(true);
    expect(await page.locator('[data-testid=import-warnings] li').allTextContents()).toEqual(node.warnings);
    const preview = page.locator('[data-testid=import-preview]');
    expect(Number(await preview.getAttribute('data-sites'))).toBe(w.sites.ids.length);
    expect(Number(await preview.getAttribute('data-townships'))).toBe(w.townships.ids.length);
    expect(Number(await preview.getAttribute('data-roads'))).toBeGreaterThan(0);

    // The zip holds the folder, byte for byte what the command line writes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=import-download]')]);
    const dir = mkdtempSync(join(tmpdir(), 'drilltwin-import-e2e-'));
    try {
      const zipPath = join(dir, download.suggestedFilename());
      await download.saveAs(zipPath);
      expect(download.suggestedFilename()).toBe('example-county.zip');
      const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
      const texts = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name.replace(/^example-county\//, ''), strFromU8(bytes)]));
      expect(texts).toEqual(node.texts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    await page.click('[data-testid=import-open-drill]');
    await expect.poll(() => page.evaluate(() => (window as any).drilltwin.session.geometry?.sites?.ids?.length)).toBe(w.sites.ids.length);
    await expect.poll(() => page.evaluate(() => (window as any).drilltwin.session.picture?.tSec)).toBe(0);
    const seed = await page.evaluate(() => (window as any).drilltwin.session.seed);
    expect(seed).toBe(w.defaultSeed);
    await page.click('[data-testid=play]');
    const hash = await finalHash(page);
    expect(hash).toBe(runScenario(w, { seed, untilSec: w.durationSec }).report.finalStateHash);
    expect(consoleErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await page.context().close();
  });

  it('lists every problem of a broken site list with its row and column, through the mapping form, and builds nothing', async () => {
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?lang=en`);
    await appReady(page);
    await page.click('[data-testid=import-open]');
    // The site list saved from Chinese Excel (GBK), with a longitude that is not a number (row 3) and a battery in words (row 5).
    const gbk = new TextDecoder('gb18030').decode(readFileSync(join(EXAMPLE, 'sites.csv')));
    const lines = gbk.split(/\r?\n/);
    const cells3 = lines[2].split(',');
    cells3[2] = 'east';
    lines[2] = cells3.join(',');
    const cells5 = lines[4].split(',');
    cells5[5] = 'lots';
    lines[4] = cells5.join(',');
    const broken = Buffer.from(lines.join('\n'), 'utf8');
    const files = exampleFiles().filter((f) => f.name !== 'mapping.json' && f.name !== 'sites.csv');
    // Dropped on the page (a drag and drop, not the file picker); the console's own drop handler leaves them alone.
    const dropped = [...files, { name: 'sites.csv', buffer: broken }].map((f) => ({ name: f.name, b64: f.buffer.toString('base64') }));
    const transfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      return dt;
    }, dropped);
    await page.dispatchEvent('[data-testid=import-drop]', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('[data-testid=import-drop]', 'drop', { dataTransfer: transfer });
    await expect.poll(() => page.locator('[data-testid=import-file-list] li').count()).toBe(dropped.length);
    expect(await page.isHidden('#drop-overlay')).toBe(true);
    expect(await page.isHidden('[data-testid=problems]')).toBe(true);
    // No mapping given: the form guesses each input's file by its name and preselects the columns it knows.
    await expect.poll(() => page.inputValue('[data-testid=import-col-sites-batteryKwh]')).toBe('蓄电池容量');
    expect(await page.inputValue('[data-testid=import-file-sites]')).toBe('sites.csv');
    expect(await page.inputValue('[data-testid=import-col-townships-id]')).toBe('XZQDM');
    // Each file's coordinate system is declared; the townships are in a Gauss-Krüger zone.
    await page.fill('[data-testid=import-crs-townships]', 'GK3:35');
    await page.dispatchEvent('[data-testid=import-crs-townships]', 'change');
    await page.fill('[data-testid=import-epi-lon]', '104.12');
    await page.dispatchEvent('[data-testid=import-epi-lon]', 'change');
    await page.fill('[data-testid=import-epi-lat]', '35.09');
    await page.dispatchEvent('[data-testid=import-epi-lat]', 'change');
    expect(JSON.parse(await page.inputValue('[data-testid=import-mapping]')).inputs.townships.crs).toBe('GK3:35');
    await page.click('[data-testid=import-run]');
    await expect.poll(() => page.getAttribute('[data-testid=import-status]', 'data-state'), { timeout: 60_000 }).toBe('invalid');
    const problems = await page.locator('[data-testid=import-problems] li').allTextContents();
    expect(problems).toContainEqual(expect.stringMatching(/^sites\.csv row 3, column 经度 \(C\): .*"east"/));
    expect(problems).toContainEqual(expect.stringMatching(/^sites\.csv row 5, column 蓄电池容量 \(F\): .*"lots"/));
    expect(await page.textContent('[data-testid=import-status]')).toContain(`${problems.length} problem`);
    expect(await page.isDisabled('[data-testid=import-open-drill]')).toBe(true);
    expect(await page.isDisabled('[data-testid=import-download]')).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('warns when the sites are GCJ-02 but declared WGS-84, and the warning goes once the form declares GCJ-02 (uploaded mapping, English)', async () => {
    const pkg = await countyPackage({ sitesWrittenIn: 'GCJ02', sitesDeclared: 'WGS84' });
    const { page, consoleErrors } = await watchedPage(app);
    await page.goto(`${app.url}?lang=en`);
    await appReady(page);
    await page.click('[data-testid=import-open]');
    expect(await page.textContent('[data-testid=import-run]')).toBe('Check and build');
    await page.setInputFiles('[data-testid=import-files]', Object.entries(pkg.files).map(([name, bytes]) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) })));
    await page.setInputFiles('[data-testid=import-mapping-file]', { name: 'mapping.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pkg.mapping)) });
    await expect.poll(() => page.inputValue('[data-testid=import-crs-sites]')).toBe('WGS84');
    await page.click('[data-testid=import-run]');
    // Wait for the check to end, then name any problem: a bare "invalid" (seen once in CI) says nothing.
    await expect.poll(() => page.getAttribute('[data-testid=import-status]', 'data-state'), { timeout: 60_000 }).toMatch(/^(valid|invalid|error)$/);
    expect(await page.locator('[data-testid=import-problems] li').allTextContents()).toEqual([]);
    expect(await page.getAttribute('[data-testid=import-status]', 'data-state')).toBe('valid');
    const warned = await page.locator('[data-testid=import-warnings] li').allTextContents();
    expect(warned).toContainEqual(expect.stringMatching(/^sites\.csv: \d+ of \d+ sites .*outside the township they claim/));
    // A click on the preview picks the epicentre: the middle of the preview lies inside the county's extent.
    await page.locator('[data-testid=import-preview]').click(); // scrolled into view, clicked in its middle
    await expect.poll(() => page.inputValue('[data-testid=import-epi-lon]')).not.toBe('104.12');
    const picked = JSON.parse(await page.inputValue('[data-testid=import-mapping]')).hazard.epicenter as number[];
    // The fixture county spans 104.0–104.3°E, 35.0–35.2°N; the preview's middle is within 0.05° of its centre.
    expect(Math.abs(picked[0] - 104.15)).toBeLessThan(0.05);
    expect(Math.abs(picked[1] - 35.1)).toBeLessThan(0.05);
    await page.fill('[data-testid=import-crs-sites]', 'GCJ02');
    await page.dispatchEvent('[data-testid=import-crs-sites]', 'change');
    expect(JSON.parse(await page.inputValue('[data-testid=import-mapping]')).inputs.sites.crs).toBe('GCJ02');
    await page.click('[data-testid=import-run]');
    await expect.poll(async () => (await page.getAttribute('[data-testid=import-status]', 'data-state')) === 'valid' && (await page.locator('[data-testid=import-warnings] li').allTextContents()).every((w) => !w.includes('outside the township'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
