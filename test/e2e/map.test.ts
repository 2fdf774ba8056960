// The land and the water: relief shaded from the scenario's elevation grid,
// and a flood drawn over time — zones outlined, water by depth where the
// stage hydrograph lifts the water above the ground, for the seats that see
// it (a player sees only water someone has seen).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, loadWorld } from '../helpers.ts';
import { jump } from './drive.ts';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

const flood = () => loadWorld(join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json')).floods[0];

/** A grid cell inside a flood zone, dry before the flood and deepest under water at its zone's peak (hydrographs from the scenario, grid and outlines from the page). */
async function floodedSpot(page: Page): Promise<{ x: number; y: number; depth: number; peakSec: number } | null> {
  const zones = flood().zones.map((z) => ({ times: Array.from(z.timesSec), levels: Array.from(z.levelsM) }));
  return page.evaluate((zones) => {
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
    g.floods[0].zones.forEach((z: { rings: { offsets: Int32Array; coords: Float64Array } }, zi: number) => {
      const { times, levels } = zones[zi];
      let peak = 0;
      for (let i = 1; i < levels.length; i++) if (levels[i] > levels[peak]) peak = i;
      for (let r = 1; r < t.rows - 1; r++)
        for (let c = 1; c < t.cols - 1; c++) {
          const x = t.x0M + c * t.cellXM, y = t.y0M - r * t.cellYM, e = t.elevationM[r * t.cols + c];
          const depth = levels[peak] - e;
          if (e > levels[0] + 0.3 && depth > 0.8 && inside(z.rings, x, y) && (!best || depth > best.depth)) best = { x, y, depth, peakSec: times[peak] };
        }
    });
    return best;
  }, zones);
}

const pixel = (page: Page, layer: 'live' | 'base', x: number, y: number) => page.evaluate(([l, px, py]) => (window as any).drilltwin.scene.layerPixel(l, px, py), [layer, x, y] as const);
const isWater = ([r, g, b, a]: number[]) => a > 150 && b > r + 60 && b > g;
const hhmm = (sec: number) => `${Math.floor(sec / 3600)}:${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}`;

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
    const relief = await page.evaluate(() => (window as any).drilltwin.session.geometry.terrain !== null);
    const best = await floodedSpot(page);
    expect(relief).toBe(true);
    expect(best).not.toBeNull();
    const { x, y, peakSec } = best!;
    // Relief: the ground is shaded, not the flat background (once the base layer is drawn).
    await expect.poll(async () => (await pixel(page, 'base', x, y))?.slice(0, 3), { timeout: 10_000 }).not.toEqual([0xee, 0xf1, 0xf4]);
    const before = (await pixel(page, 'live', x, y))!;
    expect(before[3]).toBeLessThan(100); // dry: nothing drawn there but perhaps a zone's outline

    await jump(page, hhmm(peakSec), Math.floor(peakSec / 60) * 60);
    await expect.poll(async () => isWater((await pixel(page, 'live', x, y))!), { timeout: 10_000 }).toBe(true);
    // The legend says what the blue is.
    await page.click('[data-testid=legend-toggle]');
    expect(await page.textContent('#legend')).toContain('flood zone');
    expect(await page.textContent('#legend')).toContain('deep water');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("follows the seat's view: a player who has seen no flooded road sees the zones but no water", async () => {
    const { page, consoleErrors } = await watchedPage(app, { width: 1280, height: 720 });
    // No doctrine: nobody drives the valley, so no seat has seen the water (the director still would).
    await page.goto(`${app.url}?scenario=mountain-flood&lang=en&seat=cmcc&doctrine=none`);
    await appReady(page);
    const best = (await floodedSpot(page))!;
    await jump(page, hhmm(best.peakSec), Math.floor(best.peakSec / 60) * 60);
    // The frame says what this seat knows of each zone: nothing.
    await expect.poll(() => page.evaluate(() => Array.from((window as any).drilltwin.session.picture.floodLevelsM as Float64Array).map((v) => Number.isNaN(v)))).toEqual(flood().zones.map(() => true));
    // The live layer is drawn for this time (the zones' outlines are there), and the cell at the deepest water is not blue.
    await expect.poll(async () => (await pixel(page, 'live', best.x, best.y)) !== null).toBe(true);
    expect(isWater((await pixel(page, 'live', best.x, best.y))!)).toBe(false);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('draws Jishishan on its relief with the Yellow River, named, and says so in the legend', async () => {
    const { page, consoleErrors } = await watchedPage(app, { width: 1280, height: 720 });
    await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&lang=en`);
    await appReady(page);
    // A vertex of the river near the middle of the county's stretch, and the county seat's ground.
    const spots = await page.evaluate(() => {
      const g = (window as any).drilltwin.session.geometry;
      const { coords } = g.rivers.lines;
      const seat = g.townships.ids.indexOf('t-chuimatan');
      // Of the vertices in the middle 20 km, the one furthest from any road vertex (so no road is drawn over it).
      const road = g.roads.lines.coords;
      let best = -1, bestGap = -1;
      for (let k = 0; k < coords.length / 2; k++) {
        if (Math.abs(coords[2 * k]) > 10_000) continue;
        let gap = Infinity;
        for (let j = 0; j < road.length; j += 2) gap = Math.min(gap, Math.hypot(road[j] - coords[2 * k], road[j + 1] - coords[2 * k + 1]));
        if (gap > bestGap) [best, bestGap] = [k, gap];
      }
      return { river: [coords[2 * best], coords[2 * best + 1]], names: g.rivers.nameEn, seat: [g.townships.xM[seat] + 1500, g.townships.yM[seat] + 1500], relief: g.terrain !== null };
    });
    expect(spots.relief).toBe(true);
    expect(spots.names).toEqual(['Yellow River']);
    const [rx, ry] = spots.river, [sx, sy] = spots.seat;
    await expect.poll(async () => {
      const [r, g, b] = (await pixel(page, 'base', rx, ry)) ?? [0, 0, 0];
      return b > r + 40 && b > g;
    }, { timeout: 10_000 }).toBe(true);
    expect((await pixel(page, 'base', sx, sy))!.slice(0, 3)).not.toEqual([0xee, 0xf1, 0xf4]);
    if ((await page.getAttribute('[data-testid=legend-details]', 'open')) === null) await page.click('[data-testid=legend-toggle]');
    expect(await page.textContent('[data-testid=legend-river]')).toContain('rivers and water');
    expect(await page.textContent('[data-testid=legend-relief]')).toContain('relief');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
