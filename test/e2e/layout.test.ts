// The console at a 1280×720 laptop size, in both languages: the top bar on
// one line, the legend collapsible and, open or not, clear of every marker
// and township name once the view is fitted (measured: rectangles against
// rectangles), overlays above the map's canvases, names off the markers.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, startApp, watchedPage, type App } from './harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

type Box = { left: number; top: number; right: number; bottom: number };

/** Rectangles of the map's overlays, relative to the map canvas. */
async function overlayBoxes(page: Page): Promise<Record<string, Box | null>> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid=map-canvas]')!.getBoundingClientRect();
    const rel = (id: string) => {
      const el = document.getElementById(id);
      if (!el || el.hidden) return null;
      const b = el.getBoundingClientRect();
      return { left: b.left - map.left, top: b.top - map.top, right: b.right - map.left, bottom: b.bottom - map.top };
    };
    return { legend: rel('legend'), status: rel('status'), scalebar: rel('scalebar') };
  });
}

/** Markers and names that an overlay covers (none may be). */
async function covered(page: Page): Promise<string[]> {
  const boxes = await overlayBoxes(page);
  const { markers, labels } = await page.evaluate(() => {
    const dt = (window as any).drilltwin;
    return { markers: dt.scene.markersOnScreen(), labels: dt.scene.labelBoxesOnScreen() };
  });
  const hits: string[] = [];
  for (const [name, b] of Object.entries(boxes)) {
    if (!b) continue;
    for (const m of markers as { kind: string; x: number; y: number; r: number }[]) {
      if (m.x + m.r > b.left && m.x - m.r < b.right && m.y + m.r > b.top && m.y - m.r < b.bottom) hits.push(`${m.kind} under ${name}`);
    }
    for (const l of labels as { text: string; box: number[] }[]) {
      if (l.box[2] > b.left && l.box[0] < b.right && l.box[3] > b.top && l.box[1] < b.bottom) hits.push(`name ${l.text} under ${name}`);
    }
  }
  return hits;
}

/** Waits until the background layers and the names are drawn for the view as it is (they redraw once the camera settles). */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  await page.waitForFunction(() => (window as any).drilltwin.scene.backgroundCurrent(), undefined, { timeout: 10_000 });
}

for (const lang of ['zh', 'en'] as const) {
  describe(`at 1280×720 in ${lang === 'zh' ? 'Chinese' : 'English'}`, () => {
    it('keeps the top bar on one line', async () => {
      const { page } = await watchedPage(app, { width: 1280, height: 720 });
      await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&lang=${lang}`);
      await appReady(page);
      const bar = await page.evaluate(() => {
        const top = document.getElementById('topbar')!;
        const rows = new Set<number>();
        for (const el of top.querySelectorAll('button, select, input:not([hidden]), label, .brand strong')) {
          const b = el.getBoundingClientRect();
          if (b.width > 0) rows.add(Math.round((b.top + b.bottom) / 2 / 8));
        }
        return { height: top.getBoundingClientRect().height, rows: rows.size, overflow: top.scrollWidth - top.clientWidth };
      });
      expect(bar.rows).toBe(1);
      expect(bar.height).toBeLessThanOrEqual(44);
      expect(bar.overflow).toBeLessThanOrEqual(0);
      await page.context().close();
    });

    it('fits the map clear of the legend, open or collapsed, and of the status line and scale bar', async () => {
      const { page } = await watchedPage(app, { width: 1280, height: 720 });
      await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&lang=${lang}`);
      await appReady(page);
      await settle(page);
      // Collapsed by default at this size: a one-line button.
      expect(await page.getAttribute('[data-testid=legend-details]', 'open')).toBeNull();
      expect((await overlayBoxes(page)).legend!.bottom - (await overlayBoxes(page)).legend!.top).toBeLessThan(40);
      expect(await covered(page)).toEqual([]);
      // Opened: the view re-fits beside it.
      await page.click('[data-testid=legend-toggle]');
      await settle(page);
      expect(await page.getAttribute('[data-testid=legend-details]', 'open')).not.toBeNull();
      const legend = (await overlayBoxes(page)).legend!;
      expect(legend.bottom - legend.top).toBeGreaterThan(200);
      expect(await covered(page)).toEqual([]);
      // The legend is above the map's canvases: the point at its middle is the legend's.
      const onTop = await page.evaluate(() => {
        const b = document.getElementById('legend')!.getBoundingClientRect();
        return document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)?.closest('#legend') !== null;
      });
      expect(onTop).toBe(true);
      // The choice is remembered after a reload.
      await page.reload();
      await appReady(page);
      expect(await page.getAttribute('[data-testid=legend-details]', 'open')).not.toBeNull();
      await page.context().close();
    });

    it('places township names clear of the markers and draws them above the markers', async () => {
      const { page } = await watchedPage(app, { width: 1280, height: 720 });
      await page.goto(`${app.url}?scenario=jishishan-2023&seed=7&lang=${lang}`);
      await appReady(page);
      await settle(page);
      const measure = () =>
        page.evaluate(() => {
          const dt = (window as any).drilltwin;
          const markers = dt.scene.markersOnScreen() as { x: number; y: number; r: number }[];
          const labels = dt.scene.labelBoxesOnScreen() as { text: string; x: number; y: number; box: number[] }[];
          const touches = (x: number, y: number, box: number[]) => markers.some((m) => Math.hypot(m.x - x, m.y - y) >= 0.5 && m.x + m.r > box[0] && m.x - m.r < box[2] && m.y + m.r > box[1] && m.y - m.r < box[3]);
          let onMarkers = 0, naive = 0;
          for (const { x, y, box } of labels) {
            if (touches(x, y, box)) onMarkers++;
            // The same name put up and to the right of its seat, as it was before names avoided markers.
            const w = box[2] - box[0];
            if (touches(x, y, [x + 3, y - 18, x + 3 + w, y - 1])) naive++;
          }
          const z = (el: Element) => Number(getComputedStyle(el).zIndex);
          const canvases = [...document.querySelectorAll('#map canvas')];
          const mapCanvas = document.querySelector('[data-testid=map-canvas]')!;
          return { onMarkers, naive, total: labels.length, namesAbove: canvases.some((c) => c !== mapCanvas && z(c) > z(mapCanvas) && z(c) < 4) };
        });
      const fitted = await measure();
      // Names are drawn above the markers, so none is hidden under the county seat's cluster of sites.
      expect(fitted.total).toBeGreaterThan(15);
      expect(fitted.namesAbove).toBe(true);
      // Fitted, the county's core has more sites than room (about half the names touch a marker, drawn over it with a
      // halo); twice as close, most find a place clear of the markers. Either way fewer than if each name went up-right of its seat.
      await page.evaluate(() => {
        const dt = (window as any).drilltwin;
        dt.scene.cameras.main.setZoom(dt.scene.fitZoom * 2);
      });
      await settle(page);
      const zoomed = await measure();
      console.log(`${lang}: names touching a marker: ${fitted.onMarkers} of ${fitted.total} fitted (${fitted.naive} if each were put up-right of its seat), ${zoomed.onMarkers} of ${zoomed.total} at twice the zoom (${zoomed.naive})`);
      expect(fitted.onMarkers).toBeLessThan(fitted.naive);
      expect(zoomed.onMarkers).toBeLessThan(zoomed.naive);
      expect(fitted.onMarkers / fitted.total).toBeLessThan(0.6);
      expect(zoomed.onMarkers / zoomed.total).toBeLessThanOrEqual(0.2);
      await page.context().close();
    });
  });
}
