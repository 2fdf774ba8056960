// Helicopter airlift between landing zones. A team with 'helicopter' among
// its modes can be lifted: it makes its way to the landing zone nearest to it,
// flies to the landing zone nearest its target, and walks the rest. The trip
// is refused when there is no free helicopter, no landing zone near enough,
// the team is bigger than the aircraft, or the weather exceeds the aircraft's
// limit at any time during the flight. For display the whole trip is drawn as
// a straight line from start to target.
import type { Ctx } from '../model/context.ts';
import type { WeatherDoc } from '../model/scenario-format.ts';
import type { RouteOk, TravelOk } from '../model/travel.ts';

export type AirliftRefusal = 'noHelicopter' | 'noLandingZone' | 'tooBigForHelicopter' | 'groundedByWeather';

function nearestLandingZone(ctx: Ctx, xM: number, yM: number): { index: number; distM: number } {
  const lz = ctx.world.landingZones;
  let best = -1, bestD2 = Infinity;
  for (let i = 0; i < lz.ids.length; i++) {
    const d2 = (lz.xM[i] - xM) ** 2 + (lz.yM[i] - yM) ** 2;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return { index: best, distM: Math.sqrt(bestD2) };
}

function windDuring(weather: readonly WeatherDoc[], fromSec: number, toSec: number): number {
  let worst = 0;
  for (const w of weather) if (w.fromSec < toSec && w.toSec > fromSec) worst = Math.max(worst, w.windForce);
  return worst;
}

const EMPTY_ROUTE: RouteOk = { ok: true, mode: 'foot', nodes: new Int32Array(0), edges: new Int32Array(0), legSec: new Float64Array(0), reachSec: new Float64Array(0), totalSec: 0, distM: 0 };

/** Plans an airlift for a team of `crew` from (x0, y0) to (x1, y1) starting now. */
export function planAirlift(
  ctx: Ctx,
  crew: number,
  fromXM: number,
  fromYM: number,
  toXM: number,
  toYM: number,
): { ok: true; trip: TravelOk; helicopter: number; busyUntilSec: number } | { ok: false; reason: AirliftRefusal } {
  const helicopters = ctx.world.helicopters;
  const isFree = (h: number) => ctx.state.helicopterBusyUntilSec[h] <= ctx.state.clockSec;
  // The first free aircraft big enough for the crew: a smaller one free first does not ground the lift.
  const free = helicopters.findIndex((heli, h) => isFree(h) && crew <= heli.capacity);
  if (free < 0) return { ok: false, reason: helicopters.some((_, h) => isFree(h)) ? 'tooBigForHelicopter' : 'noHelicopter' };
  const heli = helicopters[free];
  const pickUp = nearestLandingZone(ctx, fromXM, fromYM);
  const dropOff = nearestLandingZone(ctx, toXM, toYM);
  const { AIRLIFT } = ctx.world.params.airlift;
  const maxD = AIRLIFT.maxLandingZoneDistM.value;
  if (pickUp.index < 0 || pickUp.distM > maxD || dropOff.distM > maxD) return { ok: false, reason: 'noLandingZone' };
  const lz = ctx.world.landingZones;
  const flightM = Math.sqrt((lz.xM[dropOff.index] - lz.xM[pickUp.index]) ** 2 + (lz.yM[dropOff.index] - lz.yM[pickUp.index]) ** 2);
  const approachSec = Math.ceil((pickUp.distM / 1000 / AIRLIFT.approachKmh.value) * 3600);
  const flightSec = Math.ceil((flightM / 1000 / heli.speedKmh) * 3600) + AIRLIFT.overheadSec.value;
  const walkSec = Math.ceil((dropOff.distM / 1000 / AIRLIFT.walkKmh.value) * 3600);
  const departSec = ctx.state.clockSec + approachSec;
  if (windDuring(ctx.world.weather, departSec, departSec + 2 * flightSec) > heli.windLimit) return { ok: false, reason: 'groundedByWeather' };
  const totalSec = approachSec + flightSec + walkSec;
  const distM = pickUp.distM + flightM + dropOff.distM;
  const trip: TravelOk = {
    ok: true,
    mode: 'helicopter' as never,
    fromXM,
    fromYM,
    toXM,
    toYM,
    direct: true,
    accessM: distM,
    accessSec: totalSec,
    route: EMPTY_ROUTE,
    egressM: 0,
    egressSec: 0,
    totalSec,
    distM,
  };
  // The aircraft flies back empty after the drop.
  return { ok: true, trip, helicopter: free, busyUntilSec: departSec + 2 * flightSec };
}
