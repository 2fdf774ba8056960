// Frame-time measurement in headless Chromium while the simulation runs.
//   node --import tsx test/e2e/perf.ts [SCENARIO_DIR] [--speed 600] [--seconds 20] [--from H]
// Without SCENARIO_DIR it measures the shipped Jishishan scenario; with one
// (e.g. a generated 20,000-site province: tools/gen-province.ts) the folder's
// scenario.json and layers are opened through the page's file input, as a user
// would. Prints median / p95 / max of: the interval between animation frames,
// the main-thread time spent applying each worker frame, and the worker's
// round trip; plus how many frames were actually rendered.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { appReady, startApp } from './harness.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const speed = flag('--speed', 600);
const seconds = flag('--seconds', 20);
const fromHours = flag('--from', 0);

function files(root: string): { name: string; mimeType: string; buffer: Buffer }[] {
  const out: { name: string; mimeType: string; buffer: Buffer }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(json|geojson)$/.test(name)) out.push({ name: relative(root, full).replace(/\//g, '_'), mimeType: 'application/json', buffer: readFileSync(full) });
    }
  };
  walk(root);
  return out;
}

function summary(values: number[]): string {
  if (values.length === 0) return 'n 0';
  const v = values.slice().sort((a, b) => a - b);
  const at = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))].toFixed(1);
  return `n ${v.length}  median ${at(0.5)} ms  p95 ${at(0.95)} ms  max ${v[v.length - 1].toFixed(1)} ms`;
}

const app = await startApp();
try {
  const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${app.url}?scenario=jishishan-2023&seed=7`);
  await appReady(page);
  if (dir) {
    const t0 = Date.now();
    const before = await page.textContent('[data-testid=status]');
    // Loose files: the page matches layers to the scenario's references by file name.
    const list = files(dir).map((f) => ({ ...f, name: f.name.replace(/^layers_/, '') }));
    await page.setInputFiles('[data-testid=file-input]', list);
    await page.waitForFunction((b) => document.querySelector('[data-testid=status]')?.textContent !== b && !document.querySelector('[data-testid=problems]:not([hidden])'), before, { timeout: 600_000 });
    const problems = await page.locator('[data-testid=problems]:not([hidden]) li').allTextContents();
    if (problems.length) throw new Error(`the scenario did not load:\n${problems.join('\n')}`);
    console.log(`loaded ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s (files read, validated and normalised in the worker, geometry sent once)`);
  }
  const info = await page.evaluate(() => {
    const g = (window as any).drilltwin.session.geometry;
    return { sites: g.sites.ids.length, feeders: g.feeders.ids.length, roads: g.roads.ids.length, townships: g.townships.ids.length };
  });
  console.log(`scenario: ${JSON.stringify(info)}; speed ${speed}×; measuring ${seconds} s of wall time`);
  if (fromHours > 0) {
    const totalMin = Math.round(fromHours * 60);
    await page.fill('[data-testid=jump-input]', `${Math.floor(totalMin / 60)}:${String(totalMin % 60).padStart(2, '0')}`);
    await page.click('[data-testid=jump]');
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid=sim-time]')?.getAttribute('data-tsec')) >= t, fromHours * 3600, { timeout: 600_000 });
  }
  await page.selectOption('[data-testid=speed]', String(speed));
  const t0 = await page.evaluate(() => {
    const dt = (window as any).drilltwin;
    dt.scene.renderStats.rendered = dt.scene.renderStats.skipped = 0;
    dt.scene.renderStats.stepMs.length = dt.scene.renderStats.layerMs.length = 0;
    dt.session.record(true);
    dt.session.play();
    return dt.session.picture.tSec;
  });
  await page.waitForTimeout(seconds * 1000);
  const result = await page.evaluate(() => {
    const dt = (window as any).drilltwin;
    dt.session.pause();
    dt.session.record(false);
    return { stats: dt.session.stats, renders: dt.scene.renderStats, tSec: dt.session.picture.tSec };
  });
  console.log(`simulated T+${(t0 / 3600).toFixed(2)} h → T+${(result.tSec / 3600).toFixed(2)} h`);
  console.log(`frame interval        ${summary(result.stats.frameMs)}`);
  console.log(`apply worker frame    ${summary(result.stats.applyMs)}`);
  console.log(`worker round trip     ${summary(result.stats.advanceMs)}`);
  console.log(`frames rendered ${result.renders.rendered}, skipped (nothing changed) ${result.renders.skipped}`);
  console.log(`Phaser step when rendering ${summary(result.renders.stepMs)}`);
  console.log(`map layers redrawn    ${summary(result.renders.layerMs)}`);
  const over50 = result.stats.frameMs.map((f: number, i: number) => [i, f]).filter(([, f]: number[]) => f > 50);
  console.log(`frames over 50 ms: ${over50.length} of ${result.stats.frameMs.length}${over50.length ? ` (frame #: ms) ${over50.map(([i, f]: number[]) => `${i}: ${f.toFixed(0)}`).join(', ')}` : ''}`);
} finally {
  await app.close();
}
