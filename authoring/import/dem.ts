// A digital elevation model as an ESRI ASCII grid (.asc, what GDAL writes
// with `gdal_translate -of AAIGrid`): sampled at the assets (elevationM, for
// floods) and written, thinned, as the scenario's relief grid
// (drilltwin/elevation-grid@1).
import type { ElevationGridDoc } from '../../src/model/scenario-format.ts';
import type { LL } from '../kit/index.ts';
import type { InputProblem } from './tables.ts';

export interface AsciiGrid {
  cols: number;
  rows: number;
  /** Lower-left corner of the lower-left cell. */
  xll: number;
  yll: number;
  cell: number;
  /** rows × cols, row-major from the north; NaN where there is no data. */
  values: Float64Array;
}

const HEADER = ['ncols', 'nrows', 'xllcorner', 'yllcorner', 'cellsize'];

export function parseAsciiGrid(file: string, text: string): { grid: AsciiGrid } | { problems: InputProblem[] } {
  const lines = text.split(/\r?\n/);
  const head: Record<string, number> = {};
  let line = 0;
  for (; line < lines.length; line++) {
    const m = /^\s*([A-Za-z_]+)\s+(\S+)\s*$/.exec(lines[line]);
    if (!m) break;
    const v = Number(m[2]);
    if (!Number.isFinite(v)) return { problems: [{ file, at: `line ${line + 1}`, message: `${m[1]} ${JSON.stringify(m[2])} is not a number` }] };
    head[m[1].toLowerCase()] = v;
  }
  // Some writers give the centre of the lower-left cell instead of its corner.
  if (head.xllcenter !== undefined && head.cellsize !== undefined) head.xllcorner = head.xllcenter - head.cellsize / 2;
  if (head.yllcenter !== undefined && head.cellsize !== undefined) head.yllcorner = head.yllcenter - head.cellsize / 2;
  const missing = HEADER.filter((k) => head[k] === undefined);
  if (missing.length) return { problems: [{ file, at: '', message: `is not an ESRI ASCII grid: the header lacks ${missing.join(', ')} (expected ncols, nrows, xllcorner, yllcorner, cellsize, NODATA_value)` }] };
  const cols = head.ncols, rows = head.nrows;
  if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 2 || rows < 2 || cols * rows > 50_000_000) return { problems: [{ file, at: '', message: `${cols} × ${rows} cells is not a grid this importer reads (2 to 50,000,000 cells)` }] };
  const nodata = head.nodata_value;
  const values = new Float64Array(cols * rows);
  let n = 0;
  for (; line < lines.length && n <= values.length; line++) {
    for (const tok of lines[line].trim().split(/\s+/)) {
      if (tok === '') continue;
      const v = Number(tok);
      if (!Number.isFinite(v)) return { problems: [{ file, at: `line ${line + 1}`, message: `${JSON.stringify(tok.slice(0, 20))} is not a number` }] };
      if (n < values.length) values[n] = v === nodata ? NaN : v;
      n++;
    }
  }
  if (n !== values.length) return { problems: [{ file, at: '', message: `has ${n} values, expected ncols × nrows = ${values.length}` }] };
  return { grid: { cols, rows, xll: head.xllcorner, yll: head.yllcorner, cell: head.cellsize, values } };
}

/** Bilinear elevation between cell centres; undefined outside the grid or next to a cell without data. */
export function elevationAt(g: AsciiGrid, p: LL): number | undefined {
  const fx = (p[0] - g.xll) / g.cell - 0.5;
  const fy = g.rows - 0.5 - (p[1] - g.yll) / g.cell; // rows counted from the north
  if (fx < -0.5 || fy < -0.5 || fx > g.cols - 0.5 || fy > g.rows - 0.5) return undefined;
  const x0 = Math.max(0, Math.min(g.cols - 2, Math.floor(fx))), y0 = Math.max(0, Math.min(g.rows - 2, Math.floor(fy)));
  const tx = Math.max(0, Math.min(1, fx - x0)), ty = Math.max(0, Math.min(1, fy - y0));
  const at = (x: number, y: number) => g.values[y * g.cols + x];
  const v = (1 - ty) * ((1 - tx) * at(x0, y0) + tx * at(x0 + 1, y0)) + ty * ((1 - tx) * at(x0, y0 + 1) + tx * at(x0 + 1, y0 + 1));
  return Number.isFinite(v) ? v : undefined;
}

/** The grid thinned to at most `maxCells` a side (every k-th cell), cells without data given the lowest elevation found, as a scenario relief grid. */
export function reliefGrid(g: AsciiGrid, source: string, maxCells = 400): ElevationGridDoc {
  const step = Math.max(1, Math.ceil(Math.max(g.cols, g.rows) / maxCells));
  const cols = Math.floor((g.cols - 1) / step) + 1, rows = Math.floor((g.rows - 1) / step) + 1;
  let lowest = Infinity;
  for (const v of g.values) if (v < lowest) lowest = v;
  const elevationM: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const v = g.values[r * step * g.cols + c * step];
    elevationM.push(Math.round(Number.isFinite(v) ? v : lowest));
  }
  return {
    format: 'drilltwin/elevation-grid@1',
    // Rounded to 1e-9°, so float noise in the corner arithmetic does not reach the file.
    originLon: Math.round((g.xll + g.cell / 2) * 1e9) / 1e9,
    originLat: Math.round((g.yll + (g.rows - 0.5) * g.cell) * 1e9) / 1e9,
    cellDeg: Math.round(g.cell * step * 1e12) / 1e12,
    rows,
    cols,
    elevationM,
    source,
  };
}
