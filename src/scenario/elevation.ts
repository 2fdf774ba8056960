// Ground elevation from a scenario's elevation grid, bilinear between cell
// centres, in the local metric plane. NaN outside the grid.
import type { Projection } from '../core/geo.ts';
import type { ElevationGridDoc } from '../model/scenario-format.ts';

export type ElevationSampler = (xM: number, yM: number) => number;

export function elevationSampler(grid: ElevationGridDoc, proj: Projection): ElevationSampler {
  const [x0, y0] = proj.toXY(grid.originLon, grid.originLat);
  const [x1] = proj.toXY(grid.originLon + grid.cellDeg, grid.originLat);
  const [, y1] = proj.toXY(grid.originLon, grid.originLat - grid.cellDeg);
  const cellXM = x1 - x0;
  const cellYM = y0 - y1; // rows run north to south
  const { rows, cols, elevationM } = grid;
  return (xM, yM) => {
    const c = (xM - x0) / cellXM;
    const r = (y0 - yM) / cellYM;
    if (!(c >= 0 && r >= 0 && c <= cols - 1 && r <= rows - 1)) return NaN;
    const c0 = Math.min(Math.floor(c), cols - 2);
    const r0 = Math.min(Math.floor(r), rows - 2);
    const fc = c - c0, fr = r - r0;
    const at = (rr: number, cc: number) => elevationM[rr * cols + cc];
    const top = at(r0, c0) * (1 - fc) + at(r0, c0 + 1) * fc;
    const bottom = at(r0 + 1, c0) * (1 - fc) + at(r0 + 1, c0 + 1) * fc;
    return top * (1 - fr) + bottom * fr;
  };
}
