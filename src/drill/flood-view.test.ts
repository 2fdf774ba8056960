// The flood water a seat sees (drill/view.ts writeFloodView): the director
// and evaluators the level as it is; a player only what a road seen under
// water shows, nothing before anyone has looked.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, loadWorld } from '../../test/helpers.ts';
import { Sim } from '../engine/sim.ts';
import { emptySeries } from '../scoring/kpis.ts';
import { levelAt } from '../hazards/flood.ts';
import { scaledLevelM } from '../hazards/flood-effects.ts';
import { observeRoad } from '../infra/roads.ts';
import { ROAD_STATUS } from '../model/state.ts';
import { SeatChannel } from './channel.ts';
import { floodZoneCount, viewFor } from './view.ts';

const MOUNTAIN_FLOOD = join(ROOT, 'scenarios', 'mountain-flood', 'scenario.json');

describe('flood water by seat', () => {
  const world = loadWorld(MOUNTAIN_FLOOD);
  const flood = world.floods[0];
  // The hour of the highest water in the first zone.
  const z0 = flood.zones[0];
  const peakSec = z0.timesSec[z0.levelsM.indexOf(Math.max(...z0.levelsM))];
  const sim = Sim.create(world, 7, undefined, []);
  sim.advanceTo(peakSec);
  const view = (seat: 'director' | 'evaluator' | 'cmcc' | 'emhq') => viewFor(world, sim.state, seat, sim.ctx.index).floodLevelsM;

  it('shows the director and evaluators every zone at its level now', () => {
    expect(floodZoneCount(world)).toBe(flood.zones.length);
    // The run's own water: each zone's hydrograph with the rise this seed drew, not the scenario's nominal curve.
    const truth = flood.zones.map((z, k) => scaledLevelM(z.timesSec, z.levelsM, sim.state.floodDraws!.stageFactor[k], peakSec));
    expect(truth).not.toEqual(flood.zones.map((z) => levelAt(z.timesSec, z.levelsM, peakSec)));
    expect(Array.from(view('director'))).toEqual(truth);
    expect(Array.from(view('evaluator'))).toEqual(truth);
  });

  it('shows a player water only in zones with a road seen under water, no higher than the truth, and the frame carries the same', () => {
    // With no doctrine and no commands nobody has been out: the valley roads were forgotten at the onset.
    const roadsInZones = flood.exposures.filter((e) => e.kind === 'road');
    const before = view('cmcc');
    for (let z = 0; z < flood.zones.length; z++) {
      const seen = roadsInZones.some((e) => e.zone === z && sim.state.roads.known[e.index] === ROAD_STATUS.FLOODED + 1);
      expect(Number.isNaN(before[z])).toBe(!seen);
    }
    // Someone drives the flooded roads of one zone: that zone's water appears for every player, as high as they show.
    const flooded = roadsInZones.filter((e) => sim.state.roads.status[e.index] === ROAD_STATUS.FLOODED);
    expect(flooded.length).toBeGreaterThan(0);
    const zone = flooded[0].zone;
    for (const e of flooded.filter((x) => x.zone === zone)) observeRoad(sim.ctx, e.index);
    const after = view('cmcc');
    const highestSeen = Math.max(...flooded.filter((x) => x.zone === zone).map((e) => e.groundM));
    expect(after[zone]).toBeCloseTo(highestSeen + world.params.infra.AT_GRADE_FAILURE_DEPTH_M.value, 9);
    expect(after[zone]).toBeLessThanOrEqual(view('director')[zone]);
    expect(Array.from(view('emhq'))).toEqual(Array.from(after));
    const frame = new SeatChannel(world, 'cmcc').frame({ world, index: sim.ctx.index, state: sim.state, series: emptySeries() }, true);
    expect(Array.from(frame.floodLevelsM)).toEqual(Array.from(after));
  });
});
