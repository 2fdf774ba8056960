// The flood as a hazard module: stage hydrographs stepped through time
// (flood-effects.ts), the report summary (summary.ts) and the after-action
// report's line.
import type { HazardModule, HazardTextFormat, ReportedHazard } from './registry.ts';
import { onFloodStep, scheduleFloods } from './flood-effects.ts';
import { summariseFlood } from './summary.ts';

function describe(h: ReportedHazard, f: HazardTextFormat): string {
  const when = f.elapsed(h.tSec);
  const zones = Array.isArray(h.zones) ? (h.zones as { peakLevelM: number }[]) : [];
  const peak = zones.reduce((m, z) => (typeof z?.peakLevelM === 'number' && z.peakLevelM > m ? z.peakLevelM : m), 0);
  const until = typeof h.endSec === 'number' ? f.elapsed(h.endSec) : '';
  return f.lang === 'zh'
    ? `${when}起洪水 ${h.id}${until ? `，持续至${until}` : ''}${zones.length ? `，${zones.length}个淹没区，最高水位 ${f.number(peak, 1)} 米` : ''}`
    : `flood ${h.id} from ${when}${until ? ` to ${until}` : ''}${zones.length ? `, ${zones.length} zones, highest level ${f.number(peak, 1)} m` : ''}`;
}

export const FLOOD: HazardModule = {
  type: 'flood',
  schedule: scheduleFloods,
  handlers: { floodStep: onFloodStep },
  summarise: (ctx) => {
    let z = 0;
    return ctx.world.floods.map((flood) => {
      const factors = Array.from(flood.zones, () => ctx.state.floodDraws?.stageFactor[z++] ?? 1);
      return summariseFlood(flood, factors) as unknown as ReportedHazard;
    });
  },
  describe,
};
