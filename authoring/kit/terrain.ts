// The land under a built scenario, for the map: a river course read from a
// GMT multi-segment extract and moved, where it must be, to the side of each
// feature the scenario puts on one bank or the other; and an elevation grid
// sampled from a function of position (measured or approximate: the caller
// says which in the grid's `source`).
import type { ElevationGridDoc } from '../../src/model/scenario-format.ts';
import { round5, type LL } from './geometry.ts';

/** Segments of a GMT multi-segment text file ("lon lat" lines; '>' starts a segment; '#' lines are comments). */
export function readGmtSegments(text: string): LL[][] {
  const segments: LL[][] = [];
  let current: LL[] | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('>')) {
      current = [];
      segments.push(current);
      return;
    }
    const [lon, lat] = line.split(/\s+/).map(Number);
    if (!current || !Number.isFinite(lon) || !Number.isFinite(lat)) throw new Error(`GMT segments, line ${i + 1}: expected "lon lat" inside a segment`);
    current.push([lon, lat]);
  });
  return segments;
}

/**
 * One line from segments split at tile edges: starts with the segment whose
 * first point lies furthest west, then appends each segment that starts where
 * the line ends (within `joinDeg`). Stubs of fewer than three points (tile
 * edge markers) are dropped; any other segment left over is refused.
 */
export function chainSegments(segments: readonly LL[][], joinDeg = 0.002): LL[] {
  const left = segments.filter((s) => s.length >= 3);
  if (left.length === 0) throw new Error('no segment of three points or more');
  left.sort((a, b) => a[0][0] - b[0][0]);
  const line = [...left.shift()!];
  for (;;) {
    const end = line[line.length - 1];
    const k = left.findIndex((s) => Math.abs(s[0][0] - end[0]) <= joinDeg && Math.abs(s[0][1] - end[1]) <= joinDeg);
    if (k < 0) break;
    line.push(...left.splice(k, 1)[0].slice(1));
  }
  if (left.length) throw new Error(`${left.length} segment(s) do not join the line (first starts at ${left[0][0].join(',')})`);
  return line;
}

/** A feature the river must pass on one side of: south of it (the point is on the south bank) or north, by at least marginDeg of latitude. */
export interface BankPoint {
  at: LL;
  bank: 'south' | 'north';
  marginDeg: number;
  what: string;
}

/** Latitude of the line at `lon` on its first stretch that spans `lon`, or NaN. */
function latAt(line: readonly LL[], lon: number, lastIndex: number): number {
  for (let i = 1; i <= lastIndex; i++) {
    const [x0, y0] = line[i - 1];
    const [x1, y1] = line[i];
    if ((x0 <= lon && lon <= x1) || (x1 <= lon && lon <= x0)) return x0 === x1 ? y0 : y0 + ((lon - x0) / (x1 - x0)) * (y1 - y0);
  }
  return NaN;
}

/**
 * A smooth sequence within [lo[k], hi[k]] at each k (either bound may be
 * infinite): the least move that satisfies the bounds, then repeated
 * three-point averaging clamped back into them, so knots without bounds
 * follow their neighbours instead of dropping to zero.
 */
function smoothWithin(lo: readonly number[], hi: readonly number[]): number[] {
  const n = lo.length;
  const clamp = (v: number, k: number) => Math.min(Math.max(v, lo[k]), hi[k]);
  let s = lo.map((_, k) => clamp(0, k));
  const bounded = s.map((_, k) => Number.isFinite(lo[k]) || Number.isFinite(hi[k]));
  // Unbounded knots start on the line between their bounded neighbours (flat beyond the outermost).
  const anchors = s.flatMap((_, k) => (bounded[k] ? [k] : []));
  if (anchors.length === 0) return s.map(() => 0);
  s = s.map((v, k) => {
    if (bounded[k]) return v;
    const before = anchors.filter((a) => a < k).at(-1);
    const after = anchors.find((a) => a > k);
    if (before === undefined) return s[after!];
    if (after === undefined) return s[before];
    return s[before] + ((k - before) / (after - before)) * (s[after] - s[before]);
  });
  for (let round = 0; round < 200; round++) s = s.map((v, k) => clamp(k === 0 || k === n - 1 ? v : (s[k - 1] + v + s[k + 1]) / 3, k));
  return s;
}

/**
 * Moves the line north or south (a shift of latitude that varies smoothly with
 * longitude, linear between knots `knotDeg` apart from `fromLon` to `toLon`,
 * zero at `toLon`) as little as it can so that every bank point is on its side
 * with its margin. The line must run west to east over [fromLon, toLon]; east
 * of toLon it is left as it is. Refuses points it cannot satisfy.
 */
export function fitLineBetweenBanks(line: readonly LL[], points: readonly BankPoint[], opts: { fromLon: number; toLon: number; knotDeg: number }): { line: LL[]; maxShiftDeg: number } {
  const { fromLon, toLon, knotDeg } = opts;
  let last = line.findIndex((p) => p[0] > toLon);
  if (last < 0) last = line.length - 1;
  const knots: number[] = [];
  for (let lon = fromLon; lon < toLon - 1e-9; lon += knotDeg) knots.push(lon);
  knots.push(toLon);
  const inRange = points.filter((p) => p.at[0] >= fromLon && p.at[0] <= toLon);
  const extra = new Map<BankPoint, number>();
  const shiftAt = (shift: number[], lon: number): number => {
    if (lon <= fromLon) return shift[0];
    if (lon >= toLon) return 0;
    const k = Math.min(knots.length - 2, Math.floor((lon - fromLon) / knotDeg));
    const t = (lon - knots[k]) / (knots[k + 1] - knots[k]);
    return shift[k] * (1 - t) + shift[k + 1] * t;
  };
  for (let round = 0; round < 50; round++) {
    const lo = knots.map(() => -Infinity);
    const hi = knots.map(() => Infinity);
    for (const p of inRange) {
      const base = latAt(line, p.at[0], last);
      const margin = p.marginDeg + (extra.get(p) ?? 0);
      const k = Math.round((p.at[0] - fromLon) / knotDeg);
      const kk = Math.min(knots.length - 1, Math.max(0, k));
      if (p.bank === 'south') lo[kk] = Math.max(lo[kk], p.at[1] + margin - base);
      else hi[kk] = Math.min(hi[kk], p.at[1] - margin - base);
    }
    lo[knots.length - 1] = hi[knots.length - 1] = 0;
    knots.forEach((lon, k) => {
      if (lo[k] > hi[k]) throw new Error(`no river course fits the banks near lon ${lon.toFixed(3)}: needs a shift of at least ${lo[k].toFixed(4)}° and at most ${hi[k].toFixed(4)}°`);
    });
    const shift = smoothWithin(lo, hi);
    // Between knots the shift is interpolated: a point there may still be on the wrong side; widen its margin and try again.
    let bad = 0;
    for (const p of inRange) {
      const lat = latAt(line, p.at[0], last) + shiftAt(shift, p.at[0]);
      const gap = p.bank === 'south' ? lat - p.at[1] : p.at[1] - lat;
      if (gap < p.marginDeg - 1e-9) {
        extra.set(p, (extra.get(p) ?? 0) + (p.marginDeg - gap) + 1e-5);
        bad++;
      }
    }
    if (bad === 0) {
      const out = line.map((p, i): LL => (i <= last ? [p[0], round5(p[1] + shiftAt(shift, p[0]))] : [p[0], p[1]]));
      return { line: out, maxShiftDeg: Math.max(...shift.map(Math.abs)) };
    }
  }
  throw new Error('the river course did not settle between its banks');
}

/** An elevation grid file as the scenarios store it: the header indented, one line of values per row. */
export function elevationGridText(g: ElevationGridDoc): string {
  const rows: string[] = [];
  for (let r = 0; r < g.rows; r++) rows.push(g.elevationM.slice(r * g.cols, (r + 1) * g.cols).join(','));
  const head = JSON.stringify({ ...g, elevationM: [] }, null, 1).replace(/\n}$/, '');
  return `${head.replace('"elevationM": []', `"elevationM": [\n${rows.join(',\n')}\n ]`)}\n}\n`;
}

/** Writes `g` as the scenario's elevation layer (layers/elevation.json, the path the layer list names) and returns that path. */
export function addElevationLayer(texts: Record<string, string>, g: ElevationGridDoc): string {
  const path = 'layers/elevation.json';
  texts[path] = elevationGridText(g);
  return path;
}

/** An elevation grid of `rows` × `cols` cells of `cellDeg`, the north-west cell centred on `origin`, each cell `elevationAt` its centre rounded to 1 m. */
export function elevationGrid(origin: LL, cellDeg: number, rows: number, cols: number, elevationAt: (ll: LL) => number, source: string): ElevationGridDoc {
  const elevationM: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) elevationM.push(Math.round(elevationAt([origin[0] + c * cellDeg, origin[1] - r * cellDeg])));
  return { format: 'drilltwin/elevation-grid@1', originLon: origin[0], originLat: origin[1], cellDeg, rows, cols, elevationM, source };
}
