// When a named road section is through again (the observed quantity
// roadSectionOpenHours): the record gives times for named stretches ("G544's
// last blockage cleared at about 17:30"), not shares of the network, so the
// hindcast reads each section's segments from the running state at every KPI
// sample (runScenario's onProgress with progressEverySec = the KPI interval;
// it only reads the state).
//
// A section is through when every one of its segments is passable to road
// vehicles: open, or damaged and passable (a damaged bridge, a detour). The
// value is the first such time after any segment was first impassable, so a
// later aftershock slide does not move it; 0 when none ever was.
import type { Ctx } from '../model/context.ts';
import type { ObservedPoint } from '../model/scenario-format.ts';
import { ROAD_STATUS } from '../model/state.ts';

/** Per observed point id: hours after the start when its section was through again, or null (never, in this run). */
export type SectionOpenHours = Record<string, number | null>;

/** Can a road vehicle pass the segment now? */
function passable(ctx: Ctx, r: number): boolean {
  const s = ctx.state.roads.status[r];
  return s === ROAD_STATUS.OPEN || s === ROAD_STATUS.DAMAGED;
}

/**
 * Hand `onProgress` to runScenario (with progressEverySec set to the KPI interval), then `values()`. Points of
 * other quantities are ignored; road ids are resolved against the world when the first sample comes.
 */
export function roadSectionRecorder(points: readonly ObservedPoint[]): { onProgress: (tSec: number, untilSec: number, ctx: Ctx) => void; values: () => SectionOpenHours } {
  const sections = points.filter((p) => p.quantity === 'roadSectionOpenHours' && p.roadIds?.length);
  let segments: number[][] | null = null;
  const cut = sections.map(() => false);
  const throughSec: (number | null)[] = sections.map(() => null);
  return {
    onProgress: (tSec, _untilSec, ctx) => {
      if (!segments) {
        const index = new Map(ctx.world.roads.ids.map((id, r) => [id, r] as const));
        // The loader has checked every id against the roads layer.
        segments = sections.map((p) => p.roadIds!.map((id) => index.get(id)!));
      }
      segments.forEach((rs, k) => {
        if (throughSec[k] !== null) return;
        const open = rs.every((r) => passable(ctx, r));
        if (!open) cut[k] = true;
        else if (cut[k]) throughSec[k] = tSec;
      });
    },
    values: () => Object.fromEntries(sections.map((p, k) => [p.id, !cut[k] ? 0 : throughSec[k] === null ? null : throughSec[k]! / 3600])),
  };
}
