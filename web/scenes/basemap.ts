// The map's background layers, drawn with the 2D canvas into DOM canvases
// under the (transparent) Phaser canvas: `base` (relief from the scenario's
// elevation grid when it has one, intensity zones, roads) and `live` (flood
// water by depth and the flood zones, feeders and road closures by state, UAV
// footprints and emergency cells, which change as rarely as they do); names go
// on a canvas of their own above the markers. Each is drawn for a
// region around the view at one pixel per screen pixel and then only moved
// and scaled by a CSS transform as the camera pans and zooms, until the
// camera settles and the region is redrawn. The browser's compositor does the
// per-frame work, so a frame costs no fill in WebGL: in software WebGL
// (headless, no GPU) one full-view textured quad was measured at ~40 ms.
import type { MapGeometry, Polylines, TerrainGrid } from '../../src/drill/geometry.ts';
import { contourSegments } from './contours.ts';

/** The part of the world a layer was drawn for, in Phaser world coordinates (x, −y), at `zoom` CSS px per metre. */
export interface Region {
  x0: number;
  y0: number;
  zoom: number;
  /** CSS pixels. */
  w: number;
  h: number;
}

export interface Camera {
  scrollX: number;
  scrollY: number;
  zoom: number;
  width: number;
  height: number;
}

export const BACKGROUND = '#eef1f4';
export const ROAD_COLOURS = [0x8e5b2d, 0xb0764a, 0xc49a6c, 0xa8a29a, 0xc4bfb8];
export const ROAD_WIDTH_PX = [3.2, 2.6, 2.2, 1.6, 1.0];
/** Road classes are drawn while metres per pixel is below these (rural roads vanish when zoomed far out). */
const ROAD_MAX_MPP = [Infinity, Infinity, 600, 300, 150];
export const ROAD_STATUS_COLOURS: Record<string, number> = { damaged: 0xf29900, detour: 0x8e24aa, flooded: 0x1a73e8, blocked: 0xd93025 };
export const FEEDER_COLOURS: Record<string, number> = { unknown: 0xb0bec5, up: 0xff8f00, down: 0x8d6e63 };
export const UAV_FOOTPRINT_COLOUR = 0x1a73e8;
export const CELL_COLOUR = 0x00897b;

/** Coverage areas for the live layer, from the seat's picture. */
export interface LiveAreas {
  /** Per UAV: x, y, footprint radius (0 unless on station; NaN x, y on the ground). */
  uavs: Float64Array;
  /** Per UAV: on station (a reconnaissance aircraft is, with no footprint to draw). */
  uavOnStation: boolean[];
  /** Emergency cells on air: x, y, radius; and kind (cells of kind `uavKind` are drawn as UAV footprints, from `uavs`). */
  cellXYR: Float64Array;
  cellKind: Uint8Array;
  uavKind: number;
}
export const INTENSITY_COLOURS: Record<number, number> = { 5: 0xfff9c4, 6: 0xfff0a0, 7: 0xffcf7a, 8: 0xff9966, 9: 0xf0604a, 10: 0xc0392b, 11: 0x8e2020, 12: 0x5c1010 };
export const ROMAN = ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ', 'Ⅺ', 'Ⅻ'];
export const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", sans-serif';

/** Screen cell of the marker grid used to keep names off markers. */
const CELL_PX = 32;

export const css = (c: number) => '#' + c.toString(16).padStart(6, '0');

/** One DOM canvas that follows the camera. */
export class CanvasLayer {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  region: Region | null = null;

  constructor(parent: HTMLElement, zIndex: number, opaque: boolean) {
    this.canvas = document.createElement('canvas');
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', zIndex: String(zIndex), pointerEvents: 'none', transformOrigin: '0 0', willChange: 'transform' });
    parent.prepend(this.canvas);
    this.ctx = this.canvas.getContext('2d', { alpha: !opaque })!;
  }

  /** Clears and sizes the canvas for a region; drawing is then in the region's CSS pixels. */
  begin(region: Region, fill: string | null): CanvasRenderingContext2D {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.ceil(region.w * dpr), h = Math.ceil(region.h * dpr);
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${region.w}px`;
      this.canvas.style.height = `${region.h}px`;
    }
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fillRect(0, 0, region.w, region.h);
    } else ctx.clearRect(0, 0, region.w, region.h);
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    this.region = region;
    return ctx;
  }

  /** Moves the drawn region to where the camera now shows it. */
  follow(cam: Camera): void {
    const r = this.region;
    if (!r) return;
    const s = cam.zoom / r.zoom;
    const tx = (r.x0 - cam.scrollX - cam.width / 2) * cam.zoom + cam.width / 2;
    const ty = (r.y0 - cam.scrollY - cam.height / 2) * cam.zoom + cam.height / 2;
    this.canvas.style.transform = `translate(${tx}px, ${ty}px) scale(${s})`;
  }

  destroy(): void {
    this.canvas.remove();
  }
}

/** Per-polyline bounding boxes, for culling. */
export function lineBoxes(lines: Polylines): Float64Array {
  const { offsets, coords } = lines;
  const n = offsets.length - 1;
  const boxes = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const x = coords[2 * k], y = -coords[2 * k + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    boxes.set([minX, minY, maxX, maxY], i * 4);
  }
  return boxes;
}

function inRegion(boxes: Float64Array, i: number, r: Region): boolean {
  const x1 = r.x0 + r.w / r.zoom, y1 = r.y0 + r.h / r.zoom;
  return boxes[i * 4 + 2] >= r.x0 && boxes[i * 4] <= x1 && boxes[i * 4 + 3] >= r.y0 && boxes[i * 4 + 1] <= y1;
}

/** Adds polyline i to the current path, skipping vertices within a pixel of the last one kept. */
function tracePolyline(ctx: CanvasRenderingContext2D, lines: Polylines, i: number, r: Region, close = false): void {
  const { offsets, coords } = lines;
  const a = offsets[i], b = offsets[i + 1];
  if (b - a < 2) return;
  const z = r.zoom;
  let lx = (coords[2 * a] - r.x0) * z, ly = (-coords[2 * a + 1] - r.y0) * z;
  ctx.moveTo(lx, ly);
  for (let k = a + 1; k < b; k++) {
    const x = (coords[2 * k] - r.x0) * z, y = (-coords[2 * k + 1] - r.y0) * z;
    if (k < b - 1 && Math.abs(x - lx) + Math.abs(y - ly) < 1.2) continue;
    ctx.lineTo(x, y);
    lx = x;
    ly = y;
  }
  if (close) ctx.closePath();
}

export interface Label {
  text: string;
  /** Phaser world coordinates. */
  x: number;
  y: number;
  priority: number;
  kind: 'township' | 'intensity';
}

export function labelsFor(geo: MapGeometry, lang: 'zh' | 'en'): Label[] {
  const labels: Label[] = [];
  const t = geo.townships;
  for (let i = 0; i < t.ids.length; i++) {
    labels.push({ text: lang === 'en' && t.nameEn[i] ? t.nameEn[i] : t.nameZh[i], x: t.xM[i], y: -t.yM[i], priority: t.population[i], kind: 'township' });
  }
  for (const eq of geo.earthquakes) {
    for (const zone of eq.isoseismals) {
      // Each zone is labelled at its northernmost vertex.
      const { offsets, coords } = zone.rings;
      let best = -1;
      for (let k = offsets[0]; k < offsets[1]; k++) if (best < 0 || coords[2 * k + 1] > coords[2 * best + 1]) best = k;
      if (best >= 0) labels.push({ text: ROMAN[Math.round(zone.intensity)] ?? String(zone.intensity), x: coords[2 * best], y: -coords[2 * best + 1], priority: Infinity, kind: 'intensity' });
    }
  }
  return labels.sort((a, b) => b.priority - a.priority);
}

export const WATER_SHALLOW = 0x6baed6;
/** Water pixels per elevation-grid cell, each way. */
const WATER_SUB = 4;
export const WATER_DEEP = 0x08519c;
export const FLOOD_ZONE_COLOUR = 0x1c64b4;
/** Rivers and lakes (the scenario's rivers layer). */
export const RIVER_COLOUR = 0x3d85c6;
const LAKE_FILL = 0xa9cbe8;
/** Line width of a river, px, by kind; streams thinner. */
const RIVER_WIDTH_PX: Record<string, number> = { river: 3, stream: 1.5 };
/** Depth at which water is drawn in its deepest colour. */
const DEEP_M = 3;

/** Where an image of the terrain grid (one pixel per cell) goes in a region. */
function gridPlacement(t: TerrainGrid, region: Region): [number, number, number, number] {
  const z = region.zoom;
  return [(t.x0M - 0.5 * t.cellXM - region.x0) * z, (-(t.y0M + 0.5 * t.cellYM) - region.y0) * z, t.cols * t.cellXM * z, t.rows * t.cellYM * z];
}

/** Whether (x, y) is inside the rings (even-odd), metres. */
function insideRings(lines: Polylines, x: number, y: number): boolean {
  const { offsets, coords } = lines;
  let inside = false;
  for (let ring = 0; ring < offsets.length - 1; ring++) {
    for (let k = offsets[ring], j = offsets[ring + 1] - 1; k < offsets[ring + 1]; j = k++) {
      const xi = coords[2 * k], yi = coords[2 * k + 1], xj = coords[2 * j], yj = coords[2 * j + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Relief: hillshade (light from the north-west) over a hypsometric tint, one
 * pixel per cell of the scenario's elevation grid, drawn smoothed under
 * everything else.
 */
function reliefImage(t: TerrainGrid): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = t.cols;
  c.height = t.rows;
  const ctx = c.getContext('2d')!;
  const img = ctx.createImageData(t.cols, t.rows);
  const e = t.elevationM;
  let lo = Infinity, hi = -Infinity;
  for (const v of e) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const at = (r: number, col: number) => e[Math.max(0, Math.min(t.rows - 1, r)) * t.cols + Math.max(0, Math.min(t.cols - 1, col))];
  const L = [-0.5, 0.5, Math.SQRT1_2];
  // Coarse grids flatten slopes: the coarser the cells, the more the shading exaggerates them (×1 at 150 m cells, at most ×4).
  const exaggeration = Math.min(4, Math.max(1, Math.min(t.cellXM, t.cellYM) / 150));
  const low = [214, 229, 198], high = [233, 219, 196];
  for (let r = 0; r < t.rows; r++) {
    for (let col = 0; col < t.cols; col++) {
      const dzdx = (exaggeration * (at(r, col + 1) - at(r, col - 1))) / (2 * t.cellXM);
      const dzdy = (exaggeration * (at(r - 1, col) - at(r + 1, col))) / (2 * t.cellYM); // rows run south: r − 1 is north
      const n = Math.hypot(dzdx, dzdy, 1);
      const shade = Math.max(0, (-dzdx * L[0] - dzdy * L[1] + L[2]) / n);
      const f = hi > lo ? (at(r, col) - lo) / (hi - lo) : 0;
      const k = 0.42 + 0.78 * shade;
      const o = 4 * (r * t.cols + col);
      for (let ch = 0; ch < 3; ch++) img.data[o + ch] = Math.min(255, (low[ch] + f * (high[ch] - low[ch])) * k);
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

export class BaseMapPainter {
  private readonly roadBoxes: Float64Array;
  private readonly feederBoxes: Float64Array;
  private readonly contours: { level: number; segments: number[] }[];
  private readonly relief: HTMLCanvasElement | null;
  /** Per flood zone (index into the frame's floodLevelsM): the terrain cells inside it. */
  private readonly zoneCells: { zone: number; cells: Int32Array; groundM: Float32Array }[] = [];
  /** Water over the terrain grid at the levels the seat knows, WATER_SUB² pixels per cell. */
  private water: HTMLCanvasElement | null = null;
  private waterKey = '';
  /** Per flood zone, the water level the seat knows (NaN: none). */
  private levelsM = new Float64Array(0);

  /** Language of the names the painter draws itself (rivers); township names come in as labels. */
  lang: 'zh' | 'en' = 'zh';

  constructor(private readonly geo: MapGeometry) {
    this.roadBoxes = lineBoxes(geo.roads.lines);
    this.feederBoxes = lineBoxes(geo.feeders.lines);
    this.contours = geo.intensityGrid ? contourSegments(geo.intensityGrid) : [];
    const t = geo.terrain;
    this.relief = t ? reliefImage(t) : null;
    if (t && geo.floods.length) {
      // Water is drawn WATER_SUB× finer than the grid: the zone's outline and the ground between cell centres (bilinear) shape it.
      const w = t.cols * WATER_SUB, hgt = t.rows * WATER_SUB;
      const e = t.elevationM;
      const ground = (c: number, r: number) => {
        c = Math.max(0, Math.min(t.cols - 1.001, c));
        r = Math.max(0, Math.min(t.rows - 1.001, r));
        const c0 = Math.floor(c), r0 = Math.floor(r), fc = c - c0, fr = r - r0;
        const at = (rr: number, cc: number) => e[rr * t.cols + cc];
        return (at(r0, c0) * (1 - fc) + at(r0, c0 + 1) * fc) * (1 - fr) + (at(r0 + 1, c0) * (1 - fc) + at(r0 + 1, c0 + 1) * fc) * fr;
      };
      let zoneIndex = 0;
      geo.floods.forEach((f) =>
        f.zones.forEach((z) => {
          const cells: number[] = [], groundM: number[] = [];
          for (let j = 0; j < hgt; j++) {
            for (let i = 0; i < w; i++) {
              const x = t.x0M - 0.5 * t.cellXM + ((i + 0.5) * t.cellXM) / WATER_SUB, y = t.y0M + 0.5 * t.cellYM - ((j + 0.5) * t.cellYM) / WATER_SUB;
              if (!insideRings(z.rings, x, y)) continue;
              cells.push(j * w + i);
              groundM.push(ground((x - t.x0M) / t.cellXM, (t.y0M - y) / t.cellYM));
            }
          }
          this.zoneCells.push({ zone: zoneIndex++, cells: Int32Array.from(cells), groundM: Float32Array.from(groundM) });
        }),
      );
      this.water = document.createElement('canvas');
      this.water.width = w;
      this.water.height = hgt;
    }
  }

  /** The water levels the seat knows, per flood zone (from its frames); true when the water drawn changes (by a centimetre). */
  setFloodLevels(levelsM: Float64Array): boolean {
    const key = Array.from(levelsM, (v) => (Number.isNaN(v) ? '-' : Math.round(v * 100))).join();
    if (key === this.waterKey) return false;
    this.waterKey = key;
    this.levelsM = levelsM.slice();
    this.paintWater();
    return true;
  }

  /** Depth of water over each terrain cell inside a flood zone, as colour: pale shallow, deep blue from 3 m. */
  private paintWater(): void {
    if (!this.water) return;
    const ctx = this.water.getContext('2d')!;
    const img = ctx.createImageData(this.water.width, this.water.height);
    const a = [(WATER_SHALLOW >> 16) & 255, (WATER_SHALLOW >> 8) & 255, WATER_SHALLOW & 255];
    const b = [(WATER_DEEP >> 16) & 255, (WATER_DEEP >> 8) & 255, WATER_DEEP & 255];
    for (const { zone, cells, groundM } of this.zoneCells) {
      const level = this.levelsM[zone];
      if (!(level > -Infinity)) continue; // NaN: the seat knows of no water here
      for (let k = 0; k < cells.length; k++) {
        const depth = level - groundM[k];
        if (depth <= 0.05) continue;
        const f = Math.min(1, depth / DEEP_M);
        const o = 4 * cells[k];
        const alpha = 200 + 55 * f;
        if (img.data[o + 3] >= alpha) continue; // overlapping zones: the deeper water
        for (let ch = 0; ch < 3; ch++) img.data[o + ch] = a[ch] + f * (b[ch] - a[ch]);
        img.data[o + 3] = alpha;
      }
    }
    ctx.putImageData(img, 0, 0);
  }

  /** Flood zones (outlined) and the water in them now. Without an elevation grid a zone is tinted by how far its level has risen. */
  private drawFlood(ctx: CanvasRenderingContext2D, region: Region): void {
    if (this.geo.floods.length === 0) return;
    const t = this.geo.terrain;
    if (t && this.water) {
      ctx.imageSmoothingEnabled = true;
      const [dx, dy, dw, dh] = gridPlacement(t, region);
      ctx.drawImage(this.water, dx, dy, dw, dh);
    }
    let zoneIndex = 0;
    for (const f of this.geo.floods) {
      for (const z of f.zones) {
        const level = this.levelsM[zoneIndex++];
        ctx.beginPath();
        for (let ring = 0; ring < z.rings.offsets.length - 1; ring++) tracePolyline(ctx, z.rings, ring, region, true);
        if (!t) {
          const rise = z.peakM > z.baseM && level > z.baseM ? Math.min(1, (level - z.baseM) / (z.peakM - z.baseM)) : 0;
          if (rise > 0) {
            ctx.globalAlpha = 0.15 + 0.45 * rise;
            ctx.fillStyle = css(WATER_DEEP);
            ctx.fill('evenodd');
          }
        }
        ctx.globalAlpha = 0.8;
        ctx.setLineDash([5, 4]);
        ctx.strokeStyle = css(FLOOD_ZONE_COLOUR);
        ctx.lineWidth = 1.2;
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.globalAlpha = 1;
      }
    }
  }

  /** Intensity zones, roads by class, names. */
  /** Where the last drawBase put each name, in the region's CSS pixels (for layout tests). */
  placedLabels: { text: string; x: number; y: number; box: [number, number, number, number] }[] = [];

  /**
   * `free`: the part of the region (its CSS px) not under the map's overlays;
   * names are placed inside it where they can be.
   */
  drawBase(layer: CanvasLayer, region: Region, labels: Label[], markerRadiusPx = 5, nameLayer: CanvasLayer | null = null, free: [number, number, number, number] | null = null): void {
    const ctx = layer.begin(region, BACKGROUND);
    const geo = this.geo;
    const z = region.zoom;
    if (this.relief && geo.terrain) {
      ctx.imageSmoothingEnabled = true;
      const [dx, dy, dw, dh] = gridPlacement(geo.terrain, region);
      ctx.drawImage(this.relief, dx, dy, dw, dh);
    }
    const zones = geo.earthquakes.flatMap((eq) => eq.isoseismals).sort((a, b) => a.intensity - b.intensity);
    for (const zone of zones) {
      ctx.beginPath();
      for (let ring = 0; ring < zone.rings.offsets.length - 1; ring++) tracePolyline(ctx, zone.rings, ring, region, true);
      ctx.globalAlpha = 0.45;
      ctx.fillStyle = css(INTENSITY_COLOURS[Math.round(zone.intensity)] ?? 0xffe0b0);
      ctx.fill('evenodd');
      ctx.globalAlpha = 0.8;
      ctx.strokeStyle = '#b35a1f';
      ctx.lineWidth = 1.6;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    if (this.contours.length) {
      ctx.strokeStyle = '#b35a1f';
      ctx.lineWidth = 1.6;
      ctx.globalAlpha = 0.8;
      ctx.beginPath();
      for (const { segments } of this.contours) {
        for (let k = 0; k < segments.length; k += 4) {
          ctx.moveTo((segments[k] - region.x0) * z, (-segments[k + 1] - region.y0) * z);
          ctx.lineTo((segments[k + 2] - region.x0) * z, (-segments[k + 3] - region.y0) * z);
        }
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    this.drawRivers(ctx, region, free);
    // Roads, minor classes first; each class is one path. Bridges get a dark casing.
    const roads = geo.roads;
    const mpp = 1 / z;
    for (let cls = ROAD_WIDTH_PX.length - 1; cls >= 0; cls--) {
      if (mpp >= ROAD_MAX_MPP[cls]) continue;
      const members: number[] = [];
      for (let i = 0; i < roads.ids.length; i++) if (roads.roadClass[i] === cls && inRegion(this.roadBoxes, i, region)) members.push(i);
      if (members.length === 0) continue;
      const bridges = members.filter((i) => roads.bridge[i]);
      if (bridges.length) {
        ctx.beginPath();
        for (const i of bridges) tracePolyline(ctx, roads.lines, i, region);
        ctx.strokeStyle = '#455a64';
        ctx.lineWidth = ROAD_WIDTH_PX[cls] + 2.5;
        ctx.stroke();
      }
      ctx.beginPath();
      for (const i of members) tracePolyline(ctx, roads.lines, i, region);
      ctx.strokeStyle = css(ROAD_COLOURS[cls] ?? 0xaaaaaa);
      ctx.lineWidth = ROAD_WIDTH_PX[cls];
      ctx.stroke();
    }
    this.drawLabels(nameLayer ? nameLayer.begin(region, null) : ctx, region, labels, markerRadiusPx, free);
  }

  /** Rivers and water bodies from the scenario's rivers layer, named once each where they cross the view. */
  private drawRivers(ctx: CanvasRenderingContext2D, region: Region, free: [number, number, number, number] | null): void {
    const rv = this.geo.rivers;
    if (rv.ids.length === 0) return;
    const z = region.zoom;
    if (rv.areas.offsets.length > 1) {
      ctx.beginPath();
      for (let ring = 0; ring < rv.areas.offsets.length - 1; ring++) tracePolyline(ctx, rv.areas, ring, region, true);
      ctx.fillStyle = css(LAKE_FILL);
      ctx.fill('evenodd');
      ctx.strokeStyle = css(RIVER_COLOUR);
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = css(RIVER_COLOUR);
    for (let line = 0; line < rv.lines.offsets.length - 1; line++) {
      ctx.beginPath();
      tracePolyline(ctx, rv.lines, line, region);
      ctx.lineWidth = RIVER_WIDTH_PX[rv.kind[rv.lineFeature[line]]] ?? 2;
      ctx.stroke();
    }
    // Each river's name once, in the free part of the view: at the vertex nearest the middle of the view that is 40 px clear of
    // every site and township seat (markers would hide it), else at the clearest vertex.
    ctx.font = `italic 600 12px ${FONT}`;
    ctx.fillStyle = css(RIVER_COLOUR);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    const points = [this.geo.sites, this.geo.townships];
    const clearance = (sx: number, sy: number): number => {
      let d = Infinity;
      for (const p of points) for (let i = 0; i < p.xM.length; i++) d = Math.min(d, Math.hypot((p.xM[i] - region.x0) * z - sx, (-p.yM[i] - region.y0) * z - sy));
      return d;
    };
    rv.ids.forEach((_, f) => {
      let best = -Infinity, bx = 0, by = 0;
      for (let line = 0; line < rv.lines.offsets.length - 1; line++) {
        if (rv.lineFeature[line] !== f) continue;
        for (let k = rv.lines.offsets[line]; k < rv.lines.offsets[line + 1]; k++) {
          const sx = (rv.lines.coords[2 * k] - region.x0) * z, sy = (-rv.lines.coords[2 * k + 1] - region.y0) * z;
          const [fx0, fy0, fx1, fy1] = free ?? [0, 0, region.w, region.h];
          if (sx < fx0 + 40 || sy < fy0 + 40 || sx > fx1 - 40 || sy > fy1 - 40) continue;
          const score = Math.min(40, clearance(sx, sy)) * 1e4 - Math.hypot(sx - (fx0 + fx1) / 2, sy - (fy0 + fy1) / 2);
          if (score > best) [best, bx, by] = [score, sx, sy];
        }
      }
      if (best === -Infinity) return;
      const name = (this.lang === 'en' && rv.nameEn[f]) || rv.nameZh[f];
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.strokeText(name, bx, by - 4);
      ctx.fillText(name, bx, by - 4);
    });
    ctx.textAlign = 'start';
    ctx.textBaseline = 'alphabetic';
  }

  /** Emergency cells and UAV footprints as translucent circles; a UAV on its way shows as a faded mark at its station. */
  private drawAreas(ctx: CanvasRenderingContext2D, region: Region, areas: LiveAreas): void {
    const z = region.zoom;
    const circle = (x: number, y: number, r: number) => {
      const sx = (x - region.x0) * z, sy = (-y - region.y0) * z, sr = Math.max(2, r * z);
      if (sx + sr < 0 || sy + sr < 0 || sx - sr > region.w || sy - sr > region.h) return false;
      ctx.moveTo(sx + sr, sy);
      ctx.arc(sx, sy, sr, 0, 2 * Math.PI);
      return true;
    };
    ctx.beginPath();
    let any = false;
    for (let i = 0; i < areas.cellKind.length; i++) {
      if (areas.cellKind[i] === areas.uavKind) continue;
      any = circle(areas.cellXYR[3 * i], areas.cellXYR[3 * i + 1], areas.cellXYR[3 * i + 2]) || any;
    }
    if (any) {
      ctx.fillStyle = css(CELL_COLOUR);
      ctx.globalAlpha = 0.16;
      ctx.fill();
      ctx.globalAlpha = 0.8;
      ctx.strokeStyle = css(CELL_COLOUR);
      ctx.lineWidth = 1.2;
      ctx.stroke();
    }
    const u = areas.uavs;
    ctx.beginPath();
    any = false;
    for (let i = 0; i < u.length; i += 3) if (u[i + 2] > 0) any = circle(u[i], u[i + 1], u[i + 2]) || any;
    if (any) {
      ctx.fillStyle = css(UAV_FOOTPRINT_COLOUR);
      ctx.globalAlpha = 0.1;
      ctx.fill();
      ctx.globalAlpha = 0.85;
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = css(UAV_FOOTPRINT_COLOUR);
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.setLineDash([]);
    }
    // The aircraft: a small cross at its station (faded while it is not there yet or leaving).
    for (let i = 0; i < u.length; i += 3) {
      if (Number.isNaN(u[i])) continue;
      const sx = (u[i] - region.x0) * z, sy = (-u[i + 1] - region.y0) * z;
      if (sx < -10 || sy < -10 || sx > region.w + 10 || sy > region.h + 10) continue;
      ctx.globalAlpha = areas.uavOnStation[i / 3] ? 1 : 0.45;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 4;
      ctx.beginPath();
      ctx.moveTo(sx - 6, sy);
      ctx.lineTo(sx + 6, sy);
      ctx.moveTo(sx, sy - 6);
      ctx.lineTo(sx, sy + 6);
      ctx.stroke();
      ctx.strokeStyle = css(UAV_FOOTPRINT_COLOUR);
      ctx.lineWidth = 2;
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  /**
   * Names placed greedily, highest priority first, without overlapping one
   * another or the point markers (sites, substations, township seats): a
   * township's name goes right of its seat, else left, above or below,
   * whichever first covers no marker; when every place covers one, the place
   * covering fewest.
   */
  private drawLabels(ctx: CanvasRenderingContext2D, region: Region, labels: Label[], markerRadiusPx: number, free: [number, number, number, number] | null): void {
    const placed: [number, number, number, number][] = [];
    this.placedLabels = [];
    const markers = this.markerGrid(region);
    const r = markerRadiusPx + 1;
    const coveredMarkers = (box: [number, number, number, number], ownX: number, ownY: number) => {
      let n = 0;
      for (let cx = Math.floor((box[0] - r) / CELL_PX); cx <= Math.floor((box[2] + r) / CELL_PX); cx++) {
        for (let cy = Math.floor((box[1] - r) / CELL_PX); cy <= Math.floor((box[3] + r) / CELL_PX); cy++) {
          const cell = markers.get(cx * 100003 + cy);
          if (!cell) continue;
          for (let k = 0; k < cell.length; k += 2) {
            const mx = cell[k], my = cell[k + 1];
            if (mx === ownX && my === ownY) continue;
            const dx = Math.max(box[0] - mx, 0, mx - box[2]), dy = Math.max(box[1] - my, 0, my - box[3]);
            if (dx * dx + dy * dy < r * r) n++;
          }
        }
      }
      return n;
    };
    ctx.lineJoin = 'round';
    ctx.textBaseline = 'alphabetic';
    for (const label of labels) {
      const x = (label.x - region.x0) * region.zoom;
      const y = (label.y - region.y0) * region.zoom;
      if (x < -50 || y < -20 || x > region.w + 50 || y > region.h + 20) continue;
      const intensity = label.kind === 'intensity';
      ctx.font = intensity ? `bold 15px ${FONT}` : `13px ${FONT}`;
      const w = ctx.measureText(label.text).width;
      // Baseline positions: right of the point, left, above, below, then the diagonals, then twice as far
      // (an intensity numeral: under its ring's top).
      const candidates: [number, number][] = [];
      if (intensity) candidates.push([x - w / 2, y + 17]);
      else {
        for (const gap of [markerRadiusPx + 3, 2 * markerRadiusPx + 8]) {
          candidates.push([x + gap, y + 5], [x - gap - w, y + 5], [x - w / 2, y - gap - 2], [x - w / 2, y + gap + 12]);
          candidates.push([x + gap, y - gap], [x + gap, y + gap + 10], [x - gap - w, y - gap], [x - gap - w, y + gap + 10]);
        }
      }
      let best: { lx: number; ly: number; box: [number, number, number, number]; covers: number } | null = null;
      for (const [lx, ly] of candidates) {
        const box: [number, number, number, number] = [lx - 2, ly - 13, lx + w + 2, ly + 3];
        if (placed.some((p) => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1])) continue;
        const outside = free !== null && (box[0] < free[0] || box[1] < free[1] || box[2] > free[2] || box[3] > free[3]);
        const covers = (intensity ? 0 : coveredMarkers(box, x, y)) + (outside ? 1000 : 0);
        if (!best || covers < best.covers) best = { lx, ly, box, covers };
        if (covers === 0) break;
      }
      if (!best) continue;
      placed.push(best.box);
      this.placedLabels.push({ text: label.text, x, y, box: best.box });
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 3;
      ctx.strokeText(label.text, best.lx, best.ly);
      ctx.fillStyle = intensity ? '#9a3b0c' : '#263238';
      ctx.fillText(label.text, best.lx, best.ly);
    }
  }

  /** The point markers within a region, bucketed by screen cell: x, y pairs in the region's CSS pixels. */
  private markerGrid(region: Region): Map<number, number[]> {
    const grid = new Map<number, number[]>();
    const z = region.zoom;
    for (const table of [this.geo.sites, this.geo.substations, this.geo.townships]) {
      for (let i = 0; i < table.xM.length; i++) {
        const x = (table.xM[i] - region.x0) * z, y = (-table.yM[i] - region.y0) * z;
        if (x < -20 || y < -20 || x > region.w + 20 || y > region.h + 20) continue;
        const key = Math.floor(x / CELL_PX) * 100003 + Math.floor(y / CELL_PX);
        let cell = grid.get(key);
        if (!cell) grid.set(key, (cell = []));
        cell.push(x, y);
      }
    }
    return grid;
  }

  /** Feeders by state and roads that are not simply open, as far as the seat knows. */
  drawLive(layer: CanvasLayer, region: Region, feederCodes: Uint8Array, roadCodes: Uint8Array, areas: LiveAreas | null = null): void {
    const ctx = layer.begin(region, null);
    const geo = this.geo;
    this.drawFlood(ctx, region);
    if (areas) this.drawAreas(ctx, region, areas);
    const names = geo.gridViewNames;
    for (const pass of ['unknown', 'down', 'up']) {
      const code = names.indexOf(pass);
      ctx.beginPath();
      let any = false;
      for (let f = 0; f < geo.feeders.ids.length; f++) {
        if (feederCodes[f] !== code || !inRegion(this.feederBoxes, f, region)) continue;
        tracePolyline(ctx, geo.feeders.lines, f, region);
        any = true;
      }
      if (!any) continue;
      ctx.globalAlpha = pass === 'unknown' ? 0.6 : 0.95;
      ctx.strokeStyle = css(FEEDER_COLOURS[pass]);
      ctx.lineWidth = pass === 'up' ? 1.8 : 1.4;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    const roadNames = geo.roadViewNames;
    for (const [status, colour] of Object.entries(ROAD_STATUS_COLOURS)) {
      const code = roadNames.indexOf(status);
      for (let cls = 0; cls < ROAD_WIDTH_PX.length; cls++) {
        ctx.beginPath();
        let any = false;
        for (let r = 0; r < geo.roads.ids.length; r++) {
          if (roadCodes[r] !== code || geo.roads.roadClass[r] !== cls || !inRegion(this.roadBoxes, r, region)) continue;
          tracePolyline(ctx, geo.roads.lines, r, region);
          any = true;
        }
        if (!any) continue;
        ctx.globalAlpha = 0.9;
        ctx.strokeStyle = css(colour);
        ctx.lineWidth = ROAD_WIDTH_PX[cls] + 2.5;
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
    }
  }
}
