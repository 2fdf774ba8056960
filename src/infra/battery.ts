// A site's backup battery through the weather: a bank gives less in the cold
// (BATTERY_CAPACITY_BY_TEMPERATURE), so while the air is cold it drains at
// loadKw ÷ its share of rated capacity. The share changes only where a
// weather window that gives a temperature starts or ends; between those
// times it is constant, so drain and time left are sums over a few steps.
// The loss is counted as spent: a bank that warms up does not get it back
// (an assumption; much of a cold bank's loss is recoverable).
import { interpolate } from '../model/params/infra.ts';
import { POWER_SOURCE, type SimState } from '../model/state.ts';
import type { World } from '../model/world.ts';

/** Where the share changes (ascending) and the share from each time to the next; 1 before the first. */
interface ShareSteps {
  atSec: number[];
  share: number[];
}

const STEPS = new WeakMap<World, ShareSteps>();

/**
 * The steps of a world's weather, worked out once. Where windows overlap the coldest counts (as the airlift
 * takes the strongest wind); where none gives a temperature the bank gives its rating.
 */
function shareSteps(world: World): ShareSteps {
  let steps = STEPS.get(world);
  if (steps) return steps;
  const table = world.params.infra.BATTERY_CAPACITY_BY_TEMPERATURE.shareByTempC;
  const warm = world.weather.filter((w) => w.airTempC !== undefined);
  const atSec = [...new Set(warm.flatMap((w) => [w.fromSec, w.toSec]))].sort((a, b) => a - b);
  const share = atSec.map((t) => {
    let tempC = Infinity;
    for (const w of warm) if (w.fromSec <= t && t < w.toSec && w.airTempC! < tempC) tempC = w.airTempC!;
    return tempC === Infinity ? 1 : interpolate(table, tempC);
  });
  steps = { atSec, share };
  STEPS.set(world, steps);
  return steps;
}

/** The share a bank gives at `tSec`, and when it may next change (Infinity when never). */
function shareSpan(world: World, tSec: number): { share: number; untilSec: number } {
  const { atSec, share } = shareSteps(world);
  // The last step at or before tSec.
  let lo = 0, hi = atSec.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atSec[mid] <= tSec) lo = mid + 1;
    else hi = mid;
  }
  return { share: lo > 0 ? share[lo - 1] : 1, untilSec: lo < atSec.length ? atSec[lo] : Infinity };
}

/** Seconds of drain at the rated pace that [fromSec, toSec) on battery costs: each second counts 1 ÷ the share then. */
function ratedDrainSec(world: World, fromSec: number, toSec: number): number {
  let drainSec = 0;
  for (let t = fromSec; t < toSec; ) {
    const { share, untilSec } = shareSpan(world, t);
    const end = untilSec < toSec ? untilSec : toSec;
    drainSec += share === 1 ? end - t : (end - t) / share;
    t = end;
  }
  return drainSec;
}

/** Seconds from `fromSec` until a bank holding `kwh` empties under `loadKw`, through the weather ahead. */
export function batteryLastsSec(world: World, fromSec: number, kwh: number, loadKw: number): number {
  let ratedLeftSec = (kwh / loadKw) * 3600;
  if (!(ratedLeftSec > 0)) return 0;
  let t = fromSec;
  for (;;) {
    const { share, untilSec } = shareSpan(world, t);
    const spanRatedSec = share === 1 ? untilSec - t : (untilSec - t) / share;
    if (ratedLeftSec <= spanRatedSec) return t - fromSec + (share === 1 ? ratedLeftSec : ratedLeftSec * share);
    ratedLeftSec -= spanRatedSec;
    t = untilSec;
  }
}

/**
 * Site s's charge at `tSec` under its current power source, from its last settlement: recharging at C/10 on
 * mains or a generator (SITE_POWER), draining on its battery, else as it was.
 */
export function batteryKwhAt(world: World, state: SimState, s: number, tSec: number): number {
  const st = state.sites;
  const dtSec = tSec - st.settledAtSec[s];
  if (!(dtSec > 0)) return st.batteryKwh[s];
  const { SITE_POWER } = world.params.infra;
  switch (st.powerSource[s]) {
    case POWER_SOURCE.MAINS:
    case POWER_SOURCE.GENERATOR: {
      const capacityKwh = world.sites.batteryKwh[s];
      const rechargeKw = capacityKwh / SITE_POWER.rechargeHoursFromEmpty.value;
      return Math.min(capacityKwh, st.batteryKwh[s] + (rechargeKw * dtSec) / 3600);
    }
    case POWER_SOURCE.BATTERY: {
      const left = st.batteryKwh[s] - (world.sites.loadKw[s] * ratedDrainSec(world, st.settledAtSec[s], tSec)) / 3600;
      return left > SITE_POWER.emptyKwh.value ? left : 0;
    }
    default:
      return st.batteryKwh[s];
  }
}

/**
 * A site's battery as it stands at `tSec`, without settling it (the state is settled lazily): its charge, and
 * how long it would last on it from now through the weather ahead (for a site on mains or a generator, as if
 * the bank took over now).
 */
export function batteryNow(world: World, state: SimState, s: number, tSec: number): { kwh: number; lastsSec: number } {
  const kwh = batteryKwhAt(world, state, s, tSec);
  return { kwh, lastsSec: batteryLastsSec(world, tSec, kwh, world.sites.loadKw[s]) };
}
