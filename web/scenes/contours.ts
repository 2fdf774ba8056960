// Intensity contours by marching squares over the coarse grid the worker
// sends when a scenario has no published isoseismals. Display only.
import type { IntensityGrid } from '../../src/drill/geometry.ts';

/** For each whole degree from VI up to the grid's maximum: line segments x0,y0,x1,y1,... in metres. */
export function contourSegments(grid: IntensityGrid): { level: number; segments: number[] }[] {
  const { nx, ny, values, x0M, y0M, cellM } = grid;
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const out: { level: number; segments: number[] }[] = [];
  for (let level = 6; level <= Math.floor(max); level++) {
    const segments: number[] = [];
    const at = (i: number, j: number) => values[j * nx + i];
    // Point where the level crosses the edge between two corners.
    const cross = (xa: number, ya: number, va: number, xb: number, yb: number, vb: number): [number, number] => {
      const f = va === vb ? 0.5 : (level - va) / (vb - va);
      return [xa + (xb - xa) * f, ya + (yb - ya) * f];
    };
    for (let j = 0; j < ny - 1; j++) {
      for (let i = 0; i < nx - 1; i++) {
        const x = x0M + i * cellM, y = y0M + j * cellM;
        const v00 = at(i, j), v10 = at(i + 1, j), v11 = at(i + 1, j + 1), v01 = at(i, j + 1);
        const mask = (v00 >= level ? 1 : 0) | (v10 >= level ? 2 : 0) | (v11 >= level ? 4 : 0) | (v01 >= level ? 8 : 0);
        if (mask === 0 || mask === 15) continue;
        const bottom = () => cross(x, y, v00, x + cellM, y, v10);
        const right = () => cross(x + cellM, y, v10, x + cellM, y + cellM, v11);
        const top = () => cross(x, y + cellM, v01, x + cellM, y + cellM, v11);
        const left = () => cross(x, y, v00, x, y + cellM, v01);
        const seg = (a: [number, number], b: [number, number]) => segments.push(a[0], a[1], b[0], b[1]);
        switch (mask) {
          case 1: case 14: seg(left(), bottom()); break;
          case 2: case 13: seg(bottom(), right()); break;
          case 3: case 12: seg(left(), right()); break;
          case 4: case 11: seg(top(), right()); break;
          case 6: case 9: seg(bottom(), top()); break;
          case 7: case 8: seg(left(), top()); break;
          case 5: seg(left(), top()); seg(bottom(), right()); break;
          case 10: seg(left(), bottom()); seg(top(), right()); break;
        }
      }
    }
    out.push({ level, segments });
  }
  return out;
}
