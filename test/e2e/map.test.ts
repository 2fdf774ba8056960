// The land and the water: relief shaded from the scenario's elevation grid,
// and a flood drawn over time — zones outlined, water by depth where the
// stage hydrograph lifts the water above the ground.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jump } from './drive.ts';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('the map of a flood', () => {
  it('shades the relief and draws the water rising in the flood zones', async () => {
    const { page, consoleErrors } = await watchedPage(app, { width: 1280, height: 720 });
    await page.goto(`${app.url}?scenario=mountain-flood&lang=en`);
    await appReady(page);
    // A grid cell inside a flood zone, dry before the flood and under water at its peak.
    const spot = await page.evaluate(() => {
      const g = (window as any).drilltwin.session.geometry;
      const t = g.terrain;
      const inside = (rings: { offsets: Int32Array; coords: Float64Array }, x: number, y: number) => {
        let ins = false;
        for (let r = 0; r < rings.offsets.length - 1; r++)
          for (let k = rings.offsets[r], j = rings.offsets[r + 1] - 1; k < rings.offsets[r + 1]; j = k++) {
            const xi = rings.coords[2 * k], yi = rings.coords[2 * k + 1], xj = rings.coords[2 * j], yj = rings.coords[2 * j + 1];
            if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) ins = !ins;
          }
        return ins;
      };
      let best: { x: number; y: number; depth: number; peakSec: number } | null = null;
      for (const z of g.floods[0].zones) {
        let peak = 0;
        for (let i = 1; i < z.levelsM.length; i++) if (z.levelsM[i] > z.levelsM[peak]) peak = i;
        for (let r = 1; r < t.rows - 1; r++)
          for (let c = 1; c < t.cols - 1; c++) {
            const x = t.x0M + c * t.cellXM, y = t.y0M - r * t.cellYM, e = t.elevationM[r * t.cols + c];
            const depth = z.levelsM[peak] - e;
            if (e > z.levelsM[0] + 0.3 && depth > 0.8 && inside(z.rings, x, y) && (!best || depth > best.depth)) best = { x, y, depth, peakSec: z.timesSec[peak] };
          }
      }
      return { best, relief: t !== null };
    });
    expect(spot.relief).toBe(true);
    expect(spot.best).not.toBeNull();
    const { x, y, peakSec } = spot.best!;
    const pixel = (layer: 'live' | 'base') => page.evaluate(([l, px, py]) => (window as any).drilltwin.scene.layerPixel(l, px, py), [layer, x, y] as const);
    await page.waitForTimeout(600);
    const before = (await pixel('live'))!;
    expect(before[3]).toBeLessThan(100); // dry: nothing drawn there but perhaps a zone's outline
    // Relief: the ground is shaded, not the flat background.
    const ground = (await pixel('base'))!;
    expect(ground.slice(0, 3)).not.toEqual([0xee, 0xf1, 0xf4]);

    const h = Math.floor(peakSec / 3600), m = Math.floor((peakSec % 3600) / 60);
    await jump(page, `${h}:${String(m).padStart(2, '0')}`, h * 3600 + m * 60);
    await expect
      .poll(async () => {
        const [r, gg, b, a] = (await pixel('live'))!;
        return a > 150 && b > r + 60 && b > gg;
      }, { timeout: 10_000 })
      .toBe(true);
    // The legend says what the blue is.
    await page.click('[data-testid=legend-toggle]');
    expect(await page.textContent('#legend')).toContain('flood zone');
    expect(await page.textContent('#legend')).toContain('deep water');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
