// Hit-testing the pointer against what the map draws: points (sites,
// substations, township seats) and polylines (road segments), each through a
// uniform grid so a hover costs a few cells, not a scan of every feature.
import type { Polylines } from '../../src/drill/geometry.ts';

function cellKey(cx: number, cy: number): number {
  return (cx + 32768) * 65536 + (cy + 32768);
}

/** A uniform grid over points. */
export class PointGrid {
  private readonly cells = new Map<number, number[]>();
  constructor(
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
    private readonly cellM: number,
  ) {
    for (let i = 0; i < xs.length; i++) {
      const key = cellKey(Math.floor(xs[i] / cellM), Math.floor(ys[i] / cellM));
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = []));
      cell.push(i);
    }
  }

  nearest(x: number, y: number, radiusM: number): { index: number; distM: number } | null {
    const c = this.cellM;
    const span = Math.min(50, Math.ceil(radiusM / c));
    const cx = Math.floor(x / c), cy = Math.floor(y / c);
    let best = -1, bestD = radiusM * radiusM;
    for (let dx = -span; dx <= span; dx++) {
      for (let dy = -span; dy <= span; dy++) {
        const cell = this.cells.get(cellKey(cx + dx, cy + dy));
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

/** A uniform grid over the segments of polylines (x east, y north, metres). */
export class SegmentGrid {
  /** Per cell: pairs of (line, first vertex of the segment). */
  private readonly cells = new Map<number, number[]>();
  constructor(
    private readonly lines: Polylines,
    private readonly cellM: number,
  ) {
    const { offsets, coords } = lines;
    for (let line = 0; line < offsets.length - 1; line++) {
      for (let k = offsets[line]; k < offsets[line + 1] - 1; k++) {
        const x0 = Math.floor(Math.min(coords[2 * k], coords[2 * k + 2]) / cellM), x1 = Math.floor(Math.max(coords[2 * k], coords[2 * k + 2]) / cellM);
        const y0 = Math.floor(Math.min(coords[2 * k + 1], coords[2 * k + 3]) / cellM), y1 = Math.floor(Math.max(coords[2 * k + 1], coords[2 * k + 3]) / cellM);
        // Long segments spanning many cells are rare (roads are densely noded); cap the work anyway.
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > 4096) continue;
        for (let cx = x0; cx <= x1; cx++) {
          for (let cy = y0; cy <= y1; cy++) {
            const key = cellKey(cx, cy);
            let cell = this.cells.get(key);
            if (!cell) this.cells.set(key, (cell = []));
            cell.push(line, k);
          }
        }
      }
    }
  }

  nearest(x: number, y: number, radiusM: number): { index: number; distM: number } | null {
    const c = this.cellM;
    const coords = this.lines.coords;
    const span = Math.min(20, Math.ceil(radiusM / c));
    const cx = Math.floor(x / c), cy = Math.floor(y / c);
    let best = -1, bestD = radiusM * radiusM;
    for (let dx = -span; dx <= span; dx++) {
      for (let dy = -span; dy <= span; dy++) {
        const cell = this.cells.get(cellKey(cx + dx, cy + dy));
        if (!cell) continue;
        for (let i = 0; i < cell.length; i += 2) {
          const k = cell[i + 1];
          const ax = coords[2 * k], ay = coords[2 * k + 1], bx = coords[2 * k + 2], by = coords[2 * k + 3];
          const vx = bx - ax, vy = by - ay;
          const len2 = vx * vx + vy * vy;
          const u = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / len2)) : 0;
          const ex = ax + u * vx - x, ey = ay + u * vy - y;
          const d = ex * ex + ey * ey;
          if (d <= bestD) {
            bestD = d;
            best = cell[i];
          }
        }
      }
    }
    return best < 0 ? null : { index: best, distM: Math.sqrt(bestD) };
  }
}
