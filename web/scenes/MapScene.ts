// The map: drawn from the scenario's own geometry (no tiles). World units are
// metres, x east and y north (Phaser's y is flipped: y_phaser = −yM).
//
// Layers, bottom to top:
//   base     – intensity zones, roads, names } 2D canvases under the Phaser
//   live     – feeders and road closures     } canvas (basemap.ts): drawn for the
//              view at one pixel per screen pixel, moved by CSS transforms while
//              the camera moves, redrawn when it settles (live: when states change)
//   markers  – sites, substations, township seats, epicentres: one Extern
//              drawing GL points (PointLayer.ts), one draw call; a status change
//              edits a few bytes
//   overlay  – the selection ring (tiny Graphics)
// Rendering is on demand: a frame in which nothing in WebGL changed is not
// drawn at all (the canvas keeps its last image). Both choices come from
// measuring in software WebGL (headless Chromium, no GPU), where fill is what
// costs; on a real GPU they cost nothing either. The scene only draws and
// reports pointer intent; it never simulates.
import * as Phaser from 'phaser';
import type { MapGeometry } from '../../workers/session-host.ts';
import { PointLayer, SHAPE } from './PointLayer.ts';
import { BaseMapPainter, CanvasLayer, labelsFor, type Label, type Region } from './basemap.ts';
export { FEEDER_COLOURS, INTENSITY_COLOURS, ROAD_COLOURS, ROAD_STATUS_COLOURS } from './basemap.ts';

export type MapTarget = { kind: 'site'; index: number } | { kind: 'substation'; index: number };

export interface MapCallbacks {
  hover(target: MapTarget | null, screenX: number, screenY: number): void;
  select(target: MapTarget | null): void;
  /** Camera moved or zoomed: metres per screen pixel. */
  view(metresPerPixel: number): void;
}

/** Colours by status name (SITE_VIEW / GRID_VIEW names from the worker). */
export const SITE_COLOURS: Record<string, number> = {
  unknown: 0x9aa0a6,
  up: 0x2e9d48,
  upMainsAlarm: 0xf2a900,
  down: 0xd93025,
  upBattery: 0xf2a900,
  upGenerator: 0x1a73e8,
  downPower: 0xd93025,
  downTransport: 0x9334e6,
  downDamage: 0x202124,
};
export const SUBSTATION_COLOURS: Record<string, number> = { unknown: 0x90a4ae, up: 0x00897b, down: 0xd84315 };

const SITE_PX = 10;
const SUPER_SITE_PX = 14;
const SUBSTATION_PX = 12;
const TOWNSHIP_PX = 7;
const EPICENTRE_PX = 18;
const HIT_PX = 9;

function hex(c: number): string {
  return '#' + c.toString(16).padStart(6, '0');
}

/** A uniform grid over points, for hit-testing the pointer. */
class PointGrid {
  private readonly cells = new Map<number, number[]>();
  constructor(
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
    private readonly cellM: number,
  ) {
    for (let i = 0; i < xs.length; i++) {
      const key = this.key(Math.floor(xs[i] / cellM), Math.floor(ys[i] / cellM));
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = []));
      cell.push(i);
    }
  }
  private key(cx: number, cy: number): number {
    return (cx + 32768) * 65536 + (cy + 32768);
  }
  nearest(x: number, y: number, radiusM: number): { index: number; distM: number } | null {
    const c = this.cellM;
    const span = Math.min(50, Math.ceil(radiusM / c));
    const cx = Math.floor(x / c), cy = Math.floor(y / c);
    let best = -1, bestD = radiusM * radiusM;
    for (let dx = -span; dx <= span; dx++) {
      for (let dy = -span; dy <= span; dy++) {
        const cell = this.cells.get(this.key(cx + dx, cy + dy));
        if (!cell) continue;
        for (const i of cell) {
          const ex = this.xs[i] - x, ey = this.ys[i] - y;
          const d = ex * ex + ey * ey;
          if (d <= bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best < 0 ? null : { index: best, distM: Math.sqrt(bestD) };
  }
}

const MARGIN = 0.25; // the background layers reach this fraction of the view beyond each edge
const SETTLE_MS = 140;
const LIVE_REDRAW_MS = 250;
/** Status changes reach the screen at most this often (10 a second is plenty at any speed, and keeps software WebGL from drawing every frame). */
const DATA_RENDER_MS = 100;

export class MapScene extends Phaser.Scene {
  private geometry: MapGeometry | null = null;
  private callbacks: MapCallbacks | null = null;
  private readyResolve!: () => void;
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));

  private base: CanvasLayer | null = null;
  private live: CanvasLayer | null = null;
  private painter: BaseMapPainter | null = null;
  private labels: Label[] = [];
  private markers: PointLayer | null = null;
  private overlay: Phaser.GameObjects.Graphics | null = null;
  private fitZoom = 1;

  // Markers, in draw order: sites, township seats, substations, epicentres.
  private nSites = 0;
  private nTownships = 0;

  private siteGrid: PointGrid | null = null;
  private substationGrid: PointGrid | null = null;
  private feederCodes = new Uint8Array(0);
  private roadCodes = new Uint8Array(0);
  private liveDirty = false;
  private liveDrawnAt = 0;
  private selected: MapTarget | null = null;
  private lang: 'zh' | 'en' = 'zh';

  private dragFrom: { x: number; y: number; scrollX: number; scrollY: number } | null = null;
  private dragged = false;
  private lastCam = { zoom: 0, scrollX: NaN, scrollY: NaN, w: 0, h: 0 };
  private movedAt = 0;
  private needsRender = true;
  /** Renders done and skipped, for the performance measurement. */
  readonly renderStats = { rendered: 0, skipped: 0, stepMs: [] as number[], layerMs: [] as number[] };

  constructor() {
    super({ key: 'map' });
  }

  setCallbacks(callbacks: MapCallbacks): void {
    this.callbacks = callbacks;
  }

  create(): void {
    // No camera background: the canvas is transparent over the background layers.
    this.scale.on('resize', (size: Phaser.Structs.Size) => {
      this.cameras.main.setSize(size.width, size.height);
      if (this.base) this.base.region = null;
      this.invalidate();
    });
    const parent = this.game.canvas.parentElement!;
    Object.assign(this.game.canvas.style, { position: 'absolute', left: '0', top: '0', zIndex: '2' });
    this.game.canvas.dataset.testid = 'map-canvas';
    this.live = new CanvasLayer(parent, 1, false);
    this.base = new CanvasLayer(parent, 0, true);
    this.overlay = this.add.graphics().setDepth(50);

    this.input.on('pointerdown', (p: Phaser.Input.Pointer) => {
      const cam = this.cameras.main;
      this.dragFrom = { x: p.x, y: p.y, scrollX: cam.scrollX, scrollY: cam.scrollY };
      this.dragged = false;
    });
    this.input.on('pointermove', (p: Phaser.Input.Pointer) => {
      const cam = this.cameras.main;
      if (this.dragFrom && p.isDown) {
        const dx = p.x - this.dragFrom.x, dy = p.y - this.dragFrom.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) this.dragged = true;
        if (this.dragged) {
          cam.scrollX = this.dragFrom.scrollX - dx / cam.zoom;
          cam.scrollY = this.dragFrom.scrollY - dy / cam.zoom;
          this.callbacks?.hover(null, p.x, p.y);
          return;
        }
      }
      this.callbacks?.hover(this.pick(p.x, p.y), p.x, p.y);
    });
    this.input.on('pointerup', (p: Phaser.Input.Pointer) => {
      if (this.dragFrom && !this.dragged) this.select(this.pick(p.x, p.y));
      this.dragFrom = null;
    });
    this.input.on('gameout', () => this.callbacks?.hover(null, 0, 0));
    this.input.on('wheel', (p: Phaser.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
      this.zoomAround(p.x, p.y, Math.pow(1.0015, -dy));
    });
    this.readyResolve();
  }

  /**
   * Replaces the game loop's step: update every frame (input, camera), but
   * render only when something visible changed since the last render.
   */
  private renderOnDemand = false;
  private installRenderOnDemand(): void {
    // Called from the first update: the game loop has started by then (it sets
    // its own callback when it starts, after the scene's create()).
    this.renderOnDemand = true;
    const game = this.game;
    const loop = game.loop as unknown as { callback: (time: number, delta: number) => void };
    loop.callback = (time: number, delta: number) => {
      // Status changes are drawn at most DATA_RENDER_MS apart; camera moves and selections at once.
      const dataDue = this.dataDirty && time - this.dataRenderedAt >= DATA_RENDER_MS;
      if (this.needsRender || dataDue || (game as unknown as { pendingDestroy: boolean }).pendingDestroy) {
        this.needsRender = false;
        if (this.dataDirty) {
          this.dataDirty = false;
          this.dataRenderedAt = time;
        }
        this.renderStats.rendered++;
        const t0 = performance.now();
        game.step(time, delta);
        this.renderStats.stepMs.push(performance.now() - t0);
        return;
      }
      this.renderStats.skipped++;
      game.events.emit(Phaser.Core.Events.PRE_STEP, time, delta);
      game.events.emit(Phaser.Core.Events.STEP, time, delta);
      game.scene.update(time, delta);
      game.events.emit(Phaser.Core.Events.POST_STEP, time, delta);
    };
  }

  /** Asks for the next frame to be drawn. */
  invalidate(): void {
    this.needsRender = true;
  }

  /** Marker states changed: draw them soon (rate-limited, see DATA_RENDER_MS). */
  private invalidateData(): void {
    this.dataDirty = true;
  }
  private dataDirty = false;
  private dataRenderedAt = 0;

  /** Keeps the world point under (sx, sy) fixed while zooming by `factor`. */
  zoomAround(sx: number, sy: number, factor: number): void {
    const cam = this.cameras.main;
    const w = cam.width, h = cam.height;
    const oldZoom = cam.zoom;
    const zoom = Phaser.Math.Clamp(oldZoom * factor, this.fitZoom / 4, this.fitZoom * 64);
    const worldX = cam.scrollX + w / 2 + (sx - w / 2) / oldZoom;
    const worldY = cam.scrollY + h / 2 + (sy - h / 2) / oldZoom;
    cam.setZoom(zoom);
    cam.scrollX = worldX - (sx - w / 2) / zoom - w / 2;
    cam.scrollY = worldY - (sy - h / 2) / zoom - h / 2;
  }

  /** Screen point → world metres (x east, y north). */
  screenToWorld(sx: number, sy: number): { xM: number; yM: number } {
    const cam = this.cameras.main;
    const x = cam.scrollX + cam.width / 2 + (sx - cam.width / 2) / cam.zoom;
    const y = cam.scrollY + cam.height / 2 + (sy - cam.height / 2) / cam.zoom;
    return { xM: x, yM: -y };
  }

  worldToScreen(xM: number, yM: number): { x: number; y: number } {
    const cam = this.cameras.main;
    return { x: (xM - cam.scrollX - cam.width / 2) * cam.zoom + cam.width / 2, y: (-yM - cam.scrollY - cam.height / 2) * cam.zoom + cam.height / 2 };
  }

  /** Centres the view on a site, zoomed in at least `zoomFactor` × the fitted zoom; returns its screen position. */
  focusSite(site: number, zoomFactor = 8): { x: number; y: number } | null {
    const g = this.geometry;
    if (!g || !(site >= 0 && site < g.sites.ids.length)) return null;
    const cam = this.cameras.main;
    cam.setZoom(Math.min(this.fitZoom * 64, Math.max(cam.zoom, this.fitZoom * zoomFactor)));
    cam.centerOn(g.sites.xM[site], -g.sites.yM[site]);
    return this.worldToScreen(g.sites.xM[site], g.sites.yM[site]);
  }

  /** Screen position of a site (for tests and tours). */
  siteOnScreen(site: number): { x: number; y: number } | null {
    const g = this.geometry;
    return g && site >= 0 && site < g.sites.ids.length ? this.worldToScreen(g.sites.xM[site], g.sites.yM[site]) : null;
  }

  private pick(sx: number, sy: number): MapTarget | null {
    if (!this.geometry) return null;
    const { xM, yM } = this.screenToWorld(sx, sy);
    const r = HIT_PX / this.cameras.main.zoom;
    const site = this.siteGrid?.nearest(xM, yM, r);
    const sub = this.substationGrid?.nearest(xM, yM, r);
    if (sub && (!site || sub.distM < site.distM)) return { kind: 'substation', index: sub.index };
    return site ? { kind: 'site', index: site.index } : null;
  }

  select(target: MapTarget | null): void {
    this.selected = target;
    this.drawOverlay();
    this.callbacks?.select(target);
  }

  getSelected(): MapTarget | null {
    return this.selected;
  }

  setLanguage(lang: 'zh' | 'en'): void {
    this.lang = lang;
    if (this.geometry) {
      this.labels = labelsFor(this.geometry, lang);
      if (this.base) this.base.region = null;
    }
  }

  /** Builds every layer for a newly loaded scenario and fits the camera to it. */
  setGeometry(geometry: MapGeometry): void {
    this.geometry = geometry;
    const [minX, minY, maxX, maxY] = geometry.bbox;
    const padM = Math.max(maxX - minX, maxY - minY) * 0.04 + 500;
    const cam = this.cameras.main;
    this.fitZoom = Math.min(cam.width / (maxX - minX + 2 * padM), cam.height / (maxY - minY + 2 * padM));
    cam.setZoom(this.fitZoom);
    cam.centerOn((minX + maxX) / 2, -(minY + maxY) / 2);

    this.feederCodes = new Uint8Array(geometry.feeders.ids.length);
    this.roadCodes = new Uint8Array(geometry.roads.ids.length);
    const cellM = Math.max(200, Math.max(maxX - minX, maxY - minY) / 128);
    this.siteGrid = new PointGrid(geometry.sites.xM, geometry.sites.yM, cellM);
    this.substationGrid = new PointGrid(geometry.substations.xM, geometry.substations.yM, cellM);
    this.painter = new BaseMapPainter(geometry);
    this.labels = labelsFor(geometry, this.lang);
    if (this.base) this.base.region = null;
    this.makeMarkers();
    this.selected = null;
    this.drawOverlay();
    this.invalidate();
  }

  fit(): void {
    if (!this.geometry) return;
    const [minX, minY, maxX, maxY] = this.geometry.bbox;
    this.cameras.main.setZoom(this.fitZoom);
    this.cameras.main.centerOn((minX + maxX) / 2, -(minY + maxY) / 2);
  }

  /** The region around the current view that the background layers should cover. */
  private currentRegion(): Region {
    const cam = this.cameras.main;
    const w = Math.ceil(cam.width * (1 + 2 * MARGIN)), h = Math.ceil(cam.height * (1 + 2 * MARGIN));
    const zoom = cam.zoom;
    const midX = cam.scrollX + cam.width / 2, midY = cam.scrollY + cam.height / 2;
    return { x0: midX - w / 2 / zoom, y0: midY - h / 2 / zoom, zoom, w, h };
  }

  private drawLive(region: Region): void {
    this.painter!.drawLive(this.live!, region, this.feederCodes, this.roadCodes);
    this.live!.follow(this.cameras.main);
    this.liveDirty = false;
    this.liveDrawnAt = performance.now();
  }

  /** Shrinks markers where they are dense on screen: about 60 % of the mean spacing between sites, at most full size. */
  private scaleMarkers(): void {
    if (!this.markers || this.nSites === 0) return;
    const cam = this.cameras.main;
    const [minX, minY, maxX, maxY] = this.geometry!.bbox;
    const spacingPx = Math.sqrt(((maxX - minX) * (maxY - minY)) / this.nSites) * cam.zoom;
    this.markers.sizeScale = Math.min(1, Math.max(0.3, (0.6 * spacingPx) / SITE_PX));
  }

  private makeMarkers(): void {
    const geo = this.geometry!;
    this.nSites = geo.sites.ids.length;
    this.nTownships = geo.townships.ids.length;
    const nSubstations = geo.substations.ids.length;
    const layer = (this.markers ??= new PointLayer(this).setDepth(10));
    layer.setCount(this.nSites + this.nTownships + nSubstations + geo.earthquakes.length);
    const superClass = 2; // SITE_CLASSES: macro, small, super
    let m = 0;
    for (let s = 0; s < this.nSites; s++, m++) {
      layer.setPoint(m, geo.sites.xM[s], -geo.sites.yM[s], geo.sites.siteClass[s] === superClass ? SUPER_SITE_PX : SITE_PX);
      layer.setStyle(m, SITE_COLOURS.unknown, SHAPE.CIRCLE);
    }
    for (let i = 0; i < this.nTownships; i++, m++) {
      layer.setPoint(m, geo.townships.xM[i], -geo.townships.yM[i], TOWNSHIP_PX);
      layer.setStyle(m, 0x37474f, SHAPE.SQUARE);
    }
    for (let i = 0; i < nSubstations; i++, m++) {
      layer.setPoint(m, geo.substations.xM[i], -geo.substations.yM[i], SUBSTATION_PX);
      layer.setStyle(m, SUBSTATION_COLOURS.unknown, SHAPE.SQUARE);
    }
    this.scaleMarkers();
    for (const eq of geo.earthquakes) {
      layer.setPoint(m, eq.xM, -eq.yM, EPICENTRE_PX);
      layer.setStyle(m++, 0xe8222a, SHAPE.DIAMOND);
    }
  }

  /** Applies status changes of sites (SITE_VIEW codes). */
  updateSites(idx: Int32Array, codes: Uint8Array): void {
    const layer = this.markers;
    const names = this.geometry?.siteViewNames;
    if (!layer || !names || idx.length === 0) return;
    for (let i = 0; i < idx.length; i++) {
      const name = names[codes[i]] ?? 'unknown';
      const shape = name === 'upMainsAlarm' || name === 'upBattery' ? SHAPE.CIRCLE_DOT : name === 'downDamage' ? SHAPE.CIRCLE_RED_RING : SHAPE.CIRCLE;
      layer.setStyle(idx[i], SITE_COLOURS[name] ?? SITE_COLOURS.unknown, shape);
    }
    this.invalidateData();
  }

  updateSubstations(idx: Int32Array, codes: Uint8Array): void {
    const layer = this.markers;
    const names = this.geometry?.gridViewNames;
    if (!layer || !names || idx.length === 0) return;
    const first = this.nSites + this.nTownships;
    for (let i = 0; i < idx.length; i++) {
      const name = names[codes[i]] ?? 'unknown';
      layer.setStyle(first + idx[i], SUBSTATION_COLOURS[name] ?? SUBSTATION_COLOURS.unknown, name === 'down' ? SHAPE.SQUARE_CROSS : SHAPE.SQUARE);
    }
    this.invalidateData();
  }

  updateFeeders(idx: Int32Array, codes: Uint8Array): void {
    for (let i = 0; i < idx.length; i++) {
      if (this.feederCodes[idx[i]] !== codes[i]) {
        this.feederCodes[idx[i]] = codes[i];
        this.liveDirty = true;
      }
    }
  }

  updateRoads(idx: Int32Array, codes: Uint8Array): void {
    for (let i = 0; i < idx.length; i++) {
      if (this.roadCodes[idx[i]] !== codes[i]) {
        this.roadCodes[idx[i]] = codes[i];
        this.liveDirty = true;
      }
    }
  }

  private drawOverlay(): void {
    const g = this.overlay;
    const geo = this.geometry;
    if (!g) return;
    g.clear();
    this.invalidate();
    if (!geo || !this.selected) return;
    const zoom = this.cameras.main.zoom;
    const { kind, index } = this.selected;
    const x = kind === 'site' ? geo.sites.xM[index] : geo.substations.xM[index];
    const y = kind === 'site' ? geo.sites.yM[index] : geo.substations.yM[index];
    g.lineStyle(3 / zoom, 0x0b57d0, 1);
    g.strokeCircle(x, -y, 11 / zoom);
    g.lineStyle(1.5 / zoom, 0xffffff, 1);
    g.strokeCircle(x, -y, 13.5 / zoom);
  }

  override update(time: number): void {
    if (!this.renderOnDemand) this.installRenderOnDemand();
    const cam = this.cameras.main;
    const last = this.lastCam;
    const moved = cam.zoom !== last.zoom || cam.scrollX !== last.scrollX || cam.scrollY !== last.scrollY || cam.width !== last.w || cam.height !== last.h;
    if (moved) {
      if (cam.zoom !== last.zoom) {
        this.drawOverlay();
        this.scaleMarkers();
      }
      this.lastCam = { zoom: cam.zoom, scrollX: cam.scrollX, scrollY: cam.scrollY, w: cam.width, h: cam.height };
      this.movedAt = time;
      this.invalidate();
      this.callbacks?.view(1 / cam.zoom);
    }
    if (!this.geometry || !this.base || !this.live) return;
    if (moved) {
      this.base.follow(cam);
      this.live.follow(cam);
    }
    const settled = time - this.movedAt > SETTLE_MS;
    const region = this.base.region;
    const current = this.currentRegion();
    const here = region !== null && region.zoom === cam.zoom && region.w === current.w && region.h === current.h && Math.abs(region.x0 - current.x0) * cam.zoom < 0.5 && Math.abs(region.y0 - current.y0) * cam.zoom < 0.5;
    const t0 = performance.now();
    // Redraw the background for the new view once the camera has settled
    // (or at once when nothing is drawn yet).
    if ((settled || !region) && !here) {
      this.painter!.drawBase(this.base, current, this.labels);
      this.base.follow(cam);
      this.drawLive(current);
      this.renderStats.layerMs.push(performance.now() - t0);
    } else if (this.liveDirty && this.live.region && performance.now() - this.liveDrawnAt > LIVE_REDRAW_MS) {
      // State changes redraw the live layer for the region it already covers.
      this.drawLive(this.live.region);
      this.renderStats.layerMs.push(performance.now() - t0);
    }
  }
}
