// Which population points each site covers, and who has service. The index is
// built once per world with a uniform grid; the served population is then kept
// incrementally: when a site goes on or off air only the points it covers are
// touched. Counts are integers, so the running total is exact.
import { OPERATORS, type World } from '../model/world.ts';
import type { CoverageIndex } from '../model/context.ts';
import type { CoverageState } from '../model/state.ts';

export function buildCoverageIndex(world: World): CoverageIndex {
  const { population: pts, sites } = world;
  const { OPERATOR_SHARE } = world.params.infra;
  const nPoints = pts.ids.length;
  const peopleByOperator = new Int32Array(nPoints * 3);
  let totalPeople = 0;
  for (let p = 0; p < nPoints; p++) {
    const people = Math.round(pts.population[p]);
    const cmcc = Math.round(people * OPERATOR_SHARE.cmcc);
    const cucc = Math.round(people * OPERATOR_SHARE.cucc);
    peopleByOperator[p * 3] = cmcc;
    peopleByOperator[p * 3 + 1] = cucc;
    peopleByOperator[p * 3 + 2] = people - cmcc - cucc;
    totalPeople += people;
  }

  // Uniform grid of points, cell size = largest radius, so a site looks at 3×3 cells.
  let maxRadius = 1;
  for (let s = 0; s < sites.ids.length; s++) maxRadius = Math.max(maxRadius, sites.coverageRadiusM[s]);
  const cellM = maxRadius;
  const cellKey = (x: number, y: number) => `${Math.floor(x / cellM)},${Math.floor(y / cellM)}`;
  const grid = new Map<string, number[]>();
  for (let p = 0; p < nPoints; p++) {
    const key = cellKey(pts.xM[p], pts.yM[p]);
    let cell = grid.get(key);
    if (!cell) grid.set(key, (cell = []));
    cell.push(p);
  }

  const siteOffsets = new Int32Array(sites.ids.length + 1);
  const covered: number[] = [];
  for (let s = 0; s < sites.ids.length; s++) {
    const x = sites.xM[s], y = sites.yM[s], r = sites.coverageRadiusM[s];
    const cx = Math.floor(x / cellM), cy = Math.floor(y / cellM);
    const found: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const p of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const ex = pts.xM[p] - x, ey = pts.yM[p] - y;
          if (ex * ex + ey * ey <= r * r) found.push(p);
        }
      }
    }
    found.sort((a, b) => a - b);
    covered.push(...found);
    siteOffsets[s + 1] = covered.length;
  }
  const peopleByOperatorTotal = new Float64Array(3);
  for (let p = 0; p < nPoints; p++) for (let o = 0; o < 3; o++) peopleByOperatorTotal[o] += peopleByOperator[p * 3 + o];
  return { siteOffsets, pointsOfSite: Int32Array.from(covered), peopleByOperator, peopleByOperatorTotal, totalPeople };
}

export function emptyCoverage(world: World): CoverageState {
  const n = world.population.ids.length;
  return { onAirCount: new Int32Array(n * 3), onAirAny: new Int32Array(n), servedOwn: new Float64Array(3), servedAny: new Float64Array(3) };
}

/** People with service now, all operators. */
export function servedPeople(cov: CoverageState, roaming: boolean): number {
  const t = roaming ? cov.servedAny : cov.servedOwn;
  return t[0] + t[1] + t[2];
}

/** A site went on air (delta = +1) or off air (delta = -1): update counts and served people. */
export function applySiteCoverage(world: World, index: CoverageIndex, cov: CoverageState, site: number, delta: 1 | -1): void {
  applyPointsCoverage(index, cov, index.pointsOfSite, index.siteOffsets[site], index.siteOffsets[site + 1], world.sites.operatorMask[site], delta);
}

/**
 * Any coverage source (a site, a portable station, a UAV) covering
 * points[from..to) for the operators in `mask` comes on (+1) or goes off (-1).
 */
export function applyPointsCoverage(
  index: CoverageIndex,
  cov: CoverageState,
  points: ArrayLike<number>,
  from: number,
  to: number,
  mask: number,
  delta: 1 | -1,
): void {
  const people = index.peopleByOperator;
  for (let k = from; k < to; k++) {
    const p = points[k];
    const anyBefore = cov.onAirAny[p];
    cov.onAirAny[p] = anyBefore + delta;
    if ((anyBefore === 0 && delta === 1) || (anyBefore === 1 && delta === -1)) {
      for (let o = 0; o < 3; o++) cov.servedAny[o] += delta * people[p * 3 + o];
    }
    for (let o = 0; o < OPERATORS.length; o++) {
      if (!(mask & (1 << o))) continue;
      const before = cov.onAirCount[p * 3 + o];
      cov.onAirCount[p * 3 + o] = before + delta;
      if ((before === 0 && delta === 1) || (before === 1 && delta === -1)) cov.servedOwn[o] += delta * people[p * 3 + o];
    }
  }
}

/** Population points within radiusM of (xM, yM), ascending. A scan: emergency cells are few. */
export function pointsWithin(world: World, xM: number, yM: number, radiusM: number): number[] {
  const pts = world.population;
  const out: number[] = [];
  const r2 = radiusM * radiusM;
  for (let p = 0; p < pts.ids.length; p++) {
    const dx = pts.xM[p] - xM, dy = pts.yM[p] - yM;
    if (dx * dx + dy * dy <= r2) out.push(p);
  }
  return out;
}

function pointPeople(index: CoverageIndex, p: number): number {
  return index.peopleByOperator[p * 3] + index.peopleByOperator[p * 3 + 1] + index.peopleByOperator[p * 3 + 2];
}

/** People at point p served now: by their own operator, or by anyone under roaming. */
export function servedPeopleAt(index: CoverageIndex, cov: CoverageState, p: number, roaming: boolean): number {
  if (roaming) return cov.onAirAny[p] > 0 ? pointPeople(index, p) : 0;
  let served = 0;
  for (let o = 0; o < 3; o++) if (cov.onAirCount[p * 3 + o] > 0) served += index.peopleByOperator[p * 3 + o];
  return served;
}
