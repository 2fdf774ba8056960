// Cell-broadcast warnings (2027 Opinions, 工信部联信管〔2024〕256号, 五、（十二）: second-level, targeted). A
// warning sent to an area reaches the people there who have mobile service
// at the moment it is sent; handsets receive it a few seconds later.
import { makeProjection, pointInRings } from '../core/geo.ts';
import type { Ctx } from '../model/context.ts';
import type { WarningRecord } from '../model/state.ts';
import { servedPeopleAt } from './coverage.ts';

export interface WarningArea {
  /** Township indices, or null when the area is a polygon. */
  townships: number[] | null;
  polygonLonLat: [number, number][] | null;
}

/** Population points inside the area, ascending. */
export function pointsInArea(ctx: Ctx, area: WarningArea): number[] {
  const pts = ctx.world.population;
  if (area.townships) {
    const wanted = new Set(area.townships);
    const out: number[] = [];
    for (let p = 0; p < pts.ids.length; p++) if (wanted.has(pts.township[p])) out.push(p);
    return out;
  }
  const proj = makeProjection(ctx.world.origin.lon, ctx.world.origin.lat);
  const ring = new Float64Array(area.polygonLonLat!.length * 2 + 2);
  area.polygonLonLat!.forEach(([lon, lat], i) => {
    [ring[2 * i], ring[2 * i + 1]] = proj.toXY(lon, lat);
  });
  ring[ring.length - 2] = ring[0];
  ring[ring.length - 1] = ring[1];
  const out: number[] = [];
  for (let p = 0; p < pts.ids.length; p++) if (pointInRings([ring], pts.xM[p], pts.yM[p])) out.push(p);
  return out;
}

export function sendWarning(
  ctx: Ctx,
  seat: string,
  area: WarningArea,
  message: { severity: WarningRecord['severity']; event: string; headline: string },
): WarningRecord {
  const points = pointsInArea(ctx, area);
  let targetPeople = 0;
  let reachedPeople = 0;
  for (const p of points) {
    targetPeople += ctx.world.population.population[p];
    const reachedHere = servedPeopleAt(ctx.index.coverage, ctx.state.coverage, p, ctx.state.flags.emergencyRoaming);
    reachedPeople += reachedHere;
    ctx.state.warnedPeople[p] = Math.max(ctx.state.warnedPeople[p], reachedHere);
  }
  const towns = area.townships ?? [...new Set(points.map((p) => ctx.world.population.township[p]))].sort((a, b) => a - b);
  const { townships } = ctx.world;
  const record: WarningRecord = {
    id: `w-${ctx.state.warnings.length + 1}`,
    sentAtSec: ctx.state.clockSec,
    deliveredAtSec: ctx.state.clockSec + ctx.world.params.infra.CELL_BROADCAST_LATENCY_SEC.value,
    seat,
    severity: message.severity,
    event: message.event,
    headline: message.headline,
    townships: towns.map((t) => townships.ids[t]),
    areaNames: towns.map((t) => townships.nameZh[t]),
    areaCodes: [...new Set(towns.map((t) => townships.code[t]).filter((c) => c !== ''))].sort(),
    polygon: area.polygonLonLat,
    targetPeople,
    reachedPeople,
  };
  ctx.state.warnings.push(record);
  return record;
}
