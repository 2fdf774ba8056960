// The earthquake as a hazard module: main shocks and their drawn aftershocks,
// damage on the intensity field (earthquake-damage.ts), the report summary
// (summary.ts) and the after-action report's line.
import type { HazardModule, HazardTextFormat, ReportedHazard } from './registry.ts';
import { onAftershock, onEarthquake, scheduleHazards } from './earthquake-damage.ts';
import { summariseEarthquake, type EarthquakeSummary } from './summary.ts';
import type { EarthquakeSpec } from '../model/world.ts';

// What a scenario earthquake amounted to depends on it alone, and measuring
// its areas on a grid costs a fifth of a short run: once per earthquake.
const summaries = new WeakMap<EarthquakeSpec, EarthquakeSummary>();
function earthquakeSummary(eq: EarthquakeSpec): EarthquakeSummary {
  let summary = summaries.get(eq);
  if (!summary) summaries.set(eq, (summary = summariseEarthquake(eq)));
  return summary;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function describe(h: ReportedHazard, f: HazardTextFormat): string {
  const when = f.elapsed(h.tSec);
  const magnitude = typeof h.magnitude === 'number' ? h.magnitude : undefined;
  const mag = magnitude !== undefined ? `${typeof h.magnitudeType === 'string' ? h.magnitudeType : 'M'} ${f.number(magnitude, 1)}` : '';
  const epicenter = Array.isArray(h.epicenter) && typeof h.epicenter[0] === 'number' && typeof h.epicenter[1] === 'number' ? (h.epicenter as [number, number]) : null;
  const epi = epicenter
    ? f.lang === 'zh'
      ? `，震中北纬${f.number(epicenter[1], 2)}°、东经${f.number(epicenter[0], 2)}°`
      : `, epicentre ${f.number(epicenter[1], 2)}°N ${f.number(epicenter[0], 2)}°E`
    : '';
  const depthKm = typeof h.depthKm === 'number' ? h.depthKm : undefined;
  const depth = depthKm !== undefined ? (f.lang === 'zh' ? `，震源深度${f.number(depthKm, 0)}千米` : `, depth ${f.number(depthKm, 0)} km`) : '';
  const a = h.areasKm2 !== null && typeof h.areasKm2 === 'object' ? (h.areasKm2 as Record<string, number>) : {};
  const degrees = Object.keys(a)
    .map(Number)
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 12 && a[String(d)] > 0)
    .sort((x, y) => x - y);
  let areas = '';
  if (degrees.length) {
    const lo = degrees[0], hi = degrees[degrees.length - 1];
    areas =
      f.lang === 'zh'
        ? `；${ROMAN[lo]}度及以上面积 ${f.number(a[String(lo)], 0)} 平方千米，最高 ${ROMAN[hi]} 度（${f.number(a[String(hi)], 0)} 平方千米）`
        : `; intensity ${ROMAN[lo]}+ over ${f.number(a[String(lo)], 0)} km², maximum ${ROMAN[hi]} (${f.number(a[String(hi)], 0)} km²)`;
  }
  return f.lang === 'zh' ? `${when} ${mag}级地震${epi}${depth}${areas}` : `${mag} earthquake at ${when}${epi}${depth}${areas}`;
}

export const EARTHQUAKE: HazardModule = {
  type: 'earthquake',
  schedule: scheduleHazards,
  handlers: { earthquake: onEarthquake, aftershock: onAftershock },
  summarise: (ctx) => ctx.world.earthquakes.map((eq) => structuredClone(earthquakeSummary(eq)) as unknown as ReportedHazard),
  describe,
};
