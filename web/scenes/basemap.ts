// The map's background layers, drawn with the 2D canvas into two DOM canvases
// under the (transparent) Phaser canvas: `base` (intensity zones, roads,
// names) and `live` (feeders and road closures by state, UAV footprints and
// emergency cells, which change as rarely as they do). Each is drawn for a
// region around the view at one pixel per screen pixel and then only moved
// and scaled by a CSS transform as the camera pans and zooms, until the
// camera settles and the region is redrawn. The browser's compositor does the
// per-frame work, so a frame costs no fill in WebGL: in software WebGL
// (headless, no GPU) one full-view textured quad was measured at ~40 ms.
import type { MapGeometry, Polylines } from '../../src/drill/geometry.ts';
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
export const ROAD_STATUS_COLOURS: Record<string, number> = { damaged: 0xf29900, flooded: 0x1a73e8, blocked: 0xd93025 };
export const FEEDER_COLOURS: Record<string, number> = { unknown: 0xb0bec5, up: 0xff8f00, down: 0x8d6e63 };
export const UAV_FOOTPRINT_COLOUR = 0x1a73e8;
export const CELL_COLOUR = 0x00897b;

/** Coverage areas for the live layer, from the seat's picture. */
export interface LiveAreas {
  /** Per UAV: x, y, footprint radius (0 unless on station; NaN x, y on the ground). */
  uavs: Float64Array;
  /** Emergency cells on air: x, y, radius; and kind (cells of kind `uavKind` are drawn as UAV footprints, from `uavs`). */
  cellXYR: Float64Array;
  cellKind: Uint8Array;
  uavKind: number;
}
export const INTENSITY_COLOURS: Record<number, number> = { 5: 0xfff9c4, 6: 0xfff0a0, 7: 0xffcf7a, 8: 0xff9966, 9: 0xf0604a, 10: 0xc0392b, 11: 0x8e2020, 12: 0x5c1010 };
export const ROMAN = ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ', 'Ⅺ', 'Ⅻ'];
export const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", sans-serif';

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

export class BaseMapPainter {
  private readonly roadBoxes: Float64Array;
  private readonly feederBoxes: Float64Array;
  private readonly contours: { level: number; segments: number[] }[];

  constructor(private readonly geo: MapGeometry) {
    this.roadBoxes = lineBoxes(geo.roads.lines);
    this.feederBoxes = lineBoxes(geo.feeders.lines);
    this.contours = geo.intensityGrid ? contourSegments(geo.intensityGrid) : [];
  }

  /** Intensity zones, roads by class, names. */
  drawBase(layer: CanvasLayer, region: Region, labels: Label[]): void {
    const ctx = layer.begin(region, BACKGROUND);
    const geo = this.geo;
    const z = region.zoom;
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
    this.drawLabels(ctx, region, labels);
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
      ctx.globalAlpha = u[i + 2] > 0 ? 1 : 0.45;
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

  /** Names placed greedily, highest priority first, without overlaps. */
  private drawLabels(ctx: CanvasRenderingContext2D, region: Region, labels: Label[]): void {
    const placed: [number, number, number, number][] = [];
    ctx.lineJoin = 'round';
    ctx.textBaseline = 'alphabetic';
    for (const label of labels) {
      const x = (label.x - region.x0) * region.zoom;
      const y = (label.y - region.y0) * region.zoom;
      if (x < -50 || y < -20 || x > region.w + 50 || y > region.h + 20) continue;
      const intensity = label.kind === 'intensity';
      ctx.font = intensity ? `bold 15px ${FONT}` : `13px ${FONT}`;
      const w = ctx.measureText(label.text).width;
      const lx = intensity ? x - w / 2 : x + 5;
      const ly = intensity ? y + 17 : y - 4;
      const box: [number, number, number, number] = [lx - 2, ly - 14, lx + w + 2, ly + 3];
      if (placed.some((p) => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1])) continue;
      placed.push(box);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 3;
      ctx.strokeText(label.text, lx, ly);
      ctx.fillStyle = intensity ? '#9a3b0c' : '#263238';
      ctx.fillText(label.text, lx, ly);
    }
  }

  /** Feeders by state and roads that are not simply open, as far as the seat knows. */
  drawLive(layer: CanvasLayer, region: Region, feederCodes: Uint8Array, roadCodes: Uint8Array, areas: LiveAreas | null = null): void {
    const ctx = layer.begin(region, null);
    const geo = this.geo;
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
