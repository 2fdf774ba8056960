// Flood stage hydrographs: water-surface level over time, piecewise linear
// between the scenario's points, held at the first level before the first
// point and at the last after the last (so a receding curve should end at or
// below the ground). Depth at an asset = level − ground.

/** Water level (m a.s.l.) at time tSec from ascending times and levels. */
export function levelAt(timesSec: Float64Array, levelsM: Float64Array, tSec: number): number {
  const n = timesSec.length;
  if (tSec <= timesSec[0]) return levelsM[0];
  if (tSec >= timesSec[n - 1]) return levelsM[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (timesSec[mid] <= tSec) lo = mid;
    else hi = mid;
  }
  const f = (tSec - timesSec[lo]) / (timesSec[hi] - timesSec[lo]);
  return levelsM[lo] + f * (levelsM[hi] - levelsM[lo]);
}

export function depthAt(timesSec: Float64Array, levelsM: Float64Array, groundM: number, tSec: number): number {
  const depth = levelAt(timesSec, levelsM, tSec) - groundM;
  return depth > 0 ? depth : 0;
}
