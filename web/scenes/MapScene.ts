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
//   names    – township names and intensity numerals, a DOM canvas above the
//              markers (placed clear of them where possible), drawn with `base`
//   teams    – response teams, a DOM canvas above the WebGL one, redrawn
//              while they glide between frames (team-layer.ts, team-motion.ts);
//              UAV footprints and emergency cells are circles in `live`
// Rendering is on demand: a frame in which nothing in WebGL changed is not
// drawn at all (the canvas keeps its last image). Both choices come from
// measuring in software WebGL (headless Chromium, no GPU), where fill is what
// costs; on a real GPU they cost nothing either. The scene only draws and
// reports pointer intent; it never simulates.
import * as Phaser from 'phaser';
import type { MapGeometry } from '../../src/drill/geometry.ts';
import { PointLayer, SHAPE } from './PointLayer.ts';
import { BaseMapPainter, CanvasLayer, labelsFor, type Label, type LiveAreas, type Region } from './basemap.ts';
import { PointGrid, SegmentGrid } from './hit.ts';
import { TeamLayer, type TeamShape } from './team-layer.ts';
import { TeamMotion } from './team-motion.ts';
export { CELL_COLOUR, FEEDER_COLOURS, INTENSITY_COLOURS, ROAD_COLOURS, ROAD_STATUS_COLOURS, UAV_FOOTPRINT_COLOUR } from './basemap.ts';

export interface Insets {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type MapTarget =
  | { kind: 'site'; index: number }
  | { kind: 'substation'; index: number }
  | { kind: 'township'; index: number }
  | { kind: 'road'; index: number }
  | { kind: 'team'; index: number };

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
/** Teams are coloured by organisation. */
export const TEAM_COLOURS: Record<string, number> = {
  emhq: 0x283593,
  cmcc: 0x0a84c8,
  cucc: 0xd81b60,
  ctcc: 0x1e3a8a,
  tower: 0x00838f,
  power: 0x558b2f,
  transport: 0x6d4c41,
  fire: 0xe65100,
};
export const TEAM_OTHER_COLOUR = 0x455a64;
/** Shape and opacity by team status name; a team not on the map (not activated, or hidden from the seat) is not drawn. */
export const TEAM_STYLE: Record<string, { shape: TeamShape; alpha: number }> = {
  activating: { shape: 'hexagon', alpha: 0.5 },
  idle: { shape: 'hexagon', alpha: 1 },
  travelling: { shape: 'triangle', alpha: 1 },
  working: { shape: 'plus', alpha: 1 },
  resting: { shape: 'hexagon', alpha: 0.5 },
};

const SITE_PX = 10;
const SUPER_SITE_PX = 14;
const SUBSTATION_PX = 12;
const TOWNSHIP_PX = 7;
const EPICENTRE_PX = 18;
const TEAM_PX = 15;
const HIT_PX = 9;

function hex(c: number): string {
  return '#' + c.toString(16).padStart(6, '0');
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
  private nameLayer: CanvasLayer | null = null;
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
  private townshipGrid: PointGrid | null = null;
  private roadGrid: SegmentGrid | null = null;
  private teams: TeamLayer | null = null;
  private teamsDirty = false;
  private readonly motion = new TeamMotion();
  private teamStatusNames: readonly string[] = [];
  private teamStatus = new Uint8Array(0);
  /** Where each team is drawn now (NaN: not drawn). */
  private teamX = new Float64Array(0);
  private teamY = new Float64Array(0);
  private teamsMoving = false;
  private areas: LiveAreas | null = null;
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
      const wasFitted = this.isFitted();
      this.cameras.main.setSize(size.width, size.height);
      if (wasFitted) this.fit();
      if (this.base) this.base.region = null;
      this.invalidate();
    });
    const parent = this.game.canvas.parentElement!;
    Object.assign(this.game.canvas.style, { position: 'absolute', left: '0', top: '0', zIndex: '2' });
    this.game.canvas.dataset.testid = 'map-canvas';
    this.live = new CanvasLayer(parent, 1, false);
    // Names above the markers (legible where a marker could not be avoided), teams above both.
    this.nameLayer = new CanvasLayer(parent, 3, false);
    this.teams = new TeamLayer(parent, 4, TEAM_PX);
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

  /**
   * What is under the pointer: the nearest of the point features (sites,
   * substations, township seats) and the teams, so that a click on a site
   * beside a stack of teams at a base picks the site; then a road.
   */
  pick(sx: number, sy: number): MapTarget | null {
    if (!this.geometry) return null;
    const { xM, yM } = this.screenToWorld(sx, sy);
    const zoom = this.cameras.main.zoom;
    const r = HIT_PX / zoom;
    let best: MapTarget | null = null, bestD = Infinity;
    for (const [kind, grid] of [['site', this.siteGrid], ['substation', this.substationGrid], ['township', this.townshipGrid]] as const) {
      const hit = grid?.nearest(xM, yM, r);
      if (hit && hit.distM < bestD) {
        bestD = hit.distM;
        best = { kind, index: hit.index };
      }
    }
    // A team marker is bigger than a site's: within its outline it wins unless a point feature is nearer the
    // pointer; a team standing on a site (drawn on top of it) wins the tie.
    const teamR = (TEAM_PX / 2 + 2) / zoom;
    for (let i = 0; i < this.teamX.length; i++) {
      if (!this.teamDrawn(i)) continue;
      const d = Math.hypot(this.teamX[i] - xM, this.teamY[i] - yM);
      if (d <= teamR && d <= bestD) {
        bestD = d;
        best = { kind: 'team', index: i };
      }
    }
    if (best) return best;
    const road = this.roadGrid?.nearest(xM, yM, (0.7 * HIT_PX) / zoom);
    return road ? { kind: 'road', index: road.index } : null;
  }

  /** Selects a map feature (a team is not selected on the map: it is handed to the command panel). */
  select(target: MapTarget | null): void {
    if (target?.kind !== 'team') {
      this.selected = target;
      this.drawOverlay();
    }
    this.callbacks?.select(target);
  }

  private teamDrawn(i: number): boolean {
    return !Number.isNaN(this.teamX[i]) && TEAM_STYLE[this.teamStatusNames[this.teamStatus[i]]] !== undefined;
  }

  /** Screen position of a team as drawn now, or null when it is not on the map (for tests and tours). */
  teamOnScreen(team: number): { x: number; y: number } | null {
    if (!(team >= 0 && team < this.teamX.length) || !this.teamDrawn(team)) return null;
    return this.worldToScreen(this.teamX[team], this.teamY[team]);
  }

  /** Screen position of a township seat. */
  townshipOnScreen(township: number): { x: number; y: number } | null {
    const g = this.geometry;
    return g && township >= 0 && township < g.townships.ids.length ? this.worldToScreen(g.townships.xM[township], g.townships.yM[township]) : null;
  }

  private makeTeams(): void {
    const geo = this.geometry!;
    const n = geo.teams.ids.length;
    this.teamStatusNames = geo.teamStatusNames;
    this.teamStatus = new Uint8Array(n).fill(255);
    this.teamX = new Float64Array(n).fill(NaN);
    this.teamY = new Float64Array(n).fill(NaN);
    this.motion.set(this.teamX, this.teamY, performance.now(), true);
    this.teamsDirty = true;
  }

  private readonly teamStyle = (i: number) => {
    const style = TEAM_STYLE[this.teamStatusNames[this.teamStatus[i]]];
    return style ? { colour: TEAM_COLOURS[this.geometry!.teams.org[i]] ?? TEAM_OTHER_COLOUR, shape: style.shape, alpha: style.alpha } : null;
  };

  /**
   * Team positions and statuses from a frame. Markers glide from where they
   * are drawn to the new positions; `snap` (a full frame) puts them there at once.
   */
  updateTeams(xs: Float64Array, ys: Float64Array, status: Uint8Array, snap: boolean): void {
    if (!this.geometry || xs.length !== this.teamStatus.length) return;
    for (let i = 0; i < status.length && !this.teamsDirty; i++) if (status[i] !== this.teamStatus[i]) this.teamsDirty = true;
    if (snap) this.teamsDirty = true;
    this.teamStatus.set(status);
    this.motion.set(xs, ys, performance.now(), snap);
    this.teamsMoving = true;
  }

  /** The flood water as the seat knows it, per zone (redrawn when a level moves by a centimetre). */
  setFloodLevels(levelsM: Float64Array): void {
    if (this.painter?.setFloodLevels(levelsM)) this.liveDirty = true;
  }

  /** The colour drawn at a world point on a background layer (for tests): `live` or `base`. */
  layerPixel(layer: 'live' | 'base', xM: number, yM: number): number[] | null {
    const l = layer === 'live' ? this.live : this.base;
    const r = l?.region;
    if (!l || !r) return null;
    const dpr = window.devicePixelRatio || 1;
    const x = Math.round((xM - r.x0) * r.zoom * dpr), y = Math.round((-yM - r.y0) * r.zoom * dpr);
    if (x < 0 || y < 0 || x >= l.canvas.width || y >= l.canvas.height) return null;
    return Array.from(l.ctx.getImageData(x, y, 1, 1).data);
  }

  /** UAV footprints and emergency cells (drawn in the live layer). */
  updateAreas(areas: LiveAreas): void {
    this.areas = areas;
    this.liveDirty = true;
  }

  /** Draws the team markers where they are at this moment of their glide (when they or the camera moved). */
  private drawTeams(cameraMoved: boolean): void {
    const layer = this.teams;
    if (!layer || !this.geometry) return;
    if (this.teamsMoving) this.teamsMoving = this.motion.positionsAt(performance.now(), this.teamX, this.teamY);
    else if (!this.teamsDirty && !cameraMoved) return;
    layer.draw(this.cameras.main, this.teamX, this.teamY, this.teamStyle, this.teamsDirty || cameraMoved);
    this.teamsDirty = false;
  }

  getSelected(): MapTarget | null {
    return this.selected;
  }

  setLanguage(lang: 'zh' | 'en'): void {
    this.lang = lang;
    if (this.geometry) {
      this.labels = labelsFor(this.geometry, lang);
      if (this.painter) this.painter.lang = lang;
      if (this.base) this.base.region = null;
    }
  }

  /** Builds every layer for a newly loaded scenario and fits the camera to it. */
  setGeometry(geometry: MapGeometry): void {
    this.geometry = geometry;
    const [minX, minY, maxX, maxY] = geometry.bbox;
    this.fit();

    this.feederCodes = new Uint8Array(geometry.feeders.ids.length);
    this.roadCodes = new Uint8Array(geometry.roads.ids.length);
    const cellM = Math.max(200, Math.max(maxX - minX, maxY - minY) / 128);
    this.siteGrid = new PointGrid(geometry.sites.xM, geometry.sites.yM, cellM);
    this.substationGrid = new PointGrid(geometry.substations.xM, geometry.substations.yM, cellM);
    this.townshipGrid = new PointGrid(geometry.townships.xM, geometry.townships.yM, cellM);
    this.roadGrid = new SegmentGrid(geometry.roads.lines, cellM);
    this.areas = null;
    this.makeTeams();
    this.painter = new BaseMapPainter(geometry);
    this.painter.lang = this.lang;
    this.labels = labelsFor(geometry, this.lang);
    if (this.base) this.base.region = null;
    this.makeMarkers();
    this.selected = null;
    this.drawOverlay();
    this.invalidate();
  }

  /** Screen margins the map's subject is kept out of (the legend, the status line, the scale bar), CSS px. */
  private insets: Insets = { left: 0, top: 0, right: 0, bottom: 0 };
  /** The camera as the last fit left it (a later pan or zoom by the person means "do not re-fit"). */
  private fittedCam: { zoom: number; scrollX: number; scrollY: number } | null = null;

  /** The zoom at which the scenario fits the view inside `insets`. */
  fitZoomFor(insets: Insets): number {
    if (!this.geometry) return 1;
    const [minX, minY, maxX, maxY] = this.geometry.bbox;
    const padM = Math.max(maxX - minX, maxY - minY) * 0.04 + 500;
    const cam = this.cameras.main;
    const w = Math.max(50, cam.width - insets.left - insets.right), h = Math.max(50, cam.height - insets.top - insets.bottom);
    return Math.min(w / (maxX - minX + 2 * padM), h / (maxY - minY + 2 * padM));
  }

  /** Sets the margins to keep clear; re-fits when the view is still as the last fit left it. */
  setInsets(insets: Insets): void {
    const wasFitted = this.isFitted();
    this.insets = insets;
    if (this.base) this.base.region = null;
    if (wasFitted) this.fit();
  }

  isFitted(): boolean {
    const f = this.fittedCam, cam = this.cameras.main;
    return f !== null && f.zoom === cam.zoom && f.scrollX === cam.scrollX && f.scrollY === cam.scrollY;
  }

  /** Fits the scenario into the view, clear of the insets. */
  fit(): void {
    if (!this.geometry) return;
    const [minX, minY, maxX, maxY] = this.geometry.bbox;
    const cam = this.cameras.main;
    const { left, top, right, bottom } = this.insets;
    this.fitZoom = this.fitZoomFor(this.insets);
    cam.setZoom(this.fitZoom);
    // The bbox's centre at the centre of the free area, not of the whole view.
    cam.centerOn((minX + maxX) / 2 - (left - right) / 2 / this.fitZoom, -(minY + maxY) / 2 - (top - bottom) / 2 / this.fitZoom);
    this.fittedCam = { zoom: cam.zoom, scrollX: cam.scrollX, scrollY: cam.scrollY };
  }

  /** Whether the background layers (and the names) are drawn for the view as it is now, not stretched from another. */
  backgroundCurrent(): boolean {
    const r = this.base?.region, cam = this.cameras.main;
    if (!r) return false;
    const current = this.currentRegion();
    return r.zoom === cam.zoom && r.w === current.w && r.h === current.h && Math.abs(r.x0 - current.x0) * cam.zoom < 0.5 && Math.abs(r.y0 - current.y0) * cam.zoom < 0.5;
  }

  /** Township names as last drawn, in screen CSS px (for layout tests). */
  labelBoxesOnScreen(): { text: string; x: number; y: number; box: [number, number, number, number] }[] {
    const r = this.base?.region, cam = this.cameras.main;
    if (!r || !this.painter) return [];
    const s = cam.zoom / r.zoom;
    const tx = (r.x0 - cam.scrollX - cam.width / 2) * cam.zoom + cam.width / 2;
    const ty = (r.y0 - cam.scrollY - cam.height / 2) * cam.zoom + cam.height / 2;
    return this.painter.placedLabels.map(({ text, x, y, box }) => ({ text, x: tx + x * s, y: ty + y * s, box: [tx + box[0] * s, ty + box[1] * s, tx + box[2] * s, ty + box[3] * s] }));
  }

  /** Screen positions and radii of every point marker in view (sites, township seats, substations). */
  markersOnScreen(): { kind: string; x: number; y: number; r: number }[] {
    const g = this.geometry;
    if (!g) return [];
    const out: { kind: string; x: number; y: number; r: number }[] = [];
    const scale = this.markers?.sizeScale ?? 1;
    const cam = this.cameras.main;
    const add = (kind: string, xs: Float64Array, ys: Float64Array, px: (i: number) => number) => {
      for (let i = 0; i < xs.length; i++) {
        const p = this.worldToScreen(xs[i], ys[i]);
        if (p.x >= 0 && p.y >= 0 && p.x <= cam.width && p.y <= cam.height) out.push({ kind, x: p.x, y: p.y, r: Math.max(3, px(i) * scale) / 2 });
      }
    };
    add('site', g.sites.xM, g.sites.yM, (i) => (g.sites.siteClass[i] === 2 ? SUPER_SITE_PX : SITE_PX));
    add('township', g.townships.xM, g.townships.yM, () => TOWNSHIP_PX);
    add('substation', g.substations.xM, g.substations.yM, () => SUBSTATION_PX);
    return out;
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
    this.painter!.drawLive(this.live!, region, this.feederCodes, this.roadCodes, this.areas);
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
    if (kind === 'road') {
      const { offsets, coords } = geo.roads.lines;
      for (const [width, colour] of [[7, 0xffffff], [4, 0x0b57d0]] as const) {
        g.lineStyle(width / zoom, colour, 1);
        g.beginPath();
        for (let k = offsets[index]; k < offsets[index + 1]; k++) {
          if (k === offsets[index]) g.moveTo(coords[2 * k], -coords[2 * k + 1]);
          else g.lineTo(coords[2 * k], -coords[2 * k + 1]);
        }
        g.strokePath();
      }
      return;
    }
    if (kind === 'team') return;
    const table = kind === 'site' ? geo.sites : kind === 'substation' ? geo.substations : geo.townships;
    const x = table.xM[index];
    const y = table.yM[index];
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
    this.drawTeams(moved);
    if (!this.geometry || !this.base || !this.live) return;
    if (moved) {
      this.base.follow(cam);
      this.nameLayer?.follow(cam);
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
      // The view's free area (inside the insets) in the region's pixels: names are kept in it.
      const offX = (current.x0 - cam.scrollX - cam.width / 2) * cam.zoom + cam.width / 2;
      const offY = (current.y0 - cam.scrollY - cam.height / 2) * cam.zoom + cam.height / 2;
      const { left, top, right, bottom } = this.insets;
      const free: [number, number, number, number] = [left - offX, top - offY, cam.width - right - offX, cam.height - bottom - offY];
      this.painter!.drawBase(this.base, current, this.labels, ((this.markers?.sizeScale ?? 1) * SITE_PX) / 2, this.nameLayer, free);
      this.base.follow(cam);
      this.nameLayer?.follow(cam);
      this.drawLive(current);
      this.renderStats.layerMs.push(performance.now() - t0);
    } else if (this.liveDirty && this.live.region && performance.now() - this.liveDrawnAt > LIVE_REDRAW_MS) {
      // State changes redraw the live layer for the region it already covers.
      this.drawLive(this.live.region);
      this.renderStats.layerMs.push(performance.now() - t0);
    }
  }
}
