// A KPI added as one reporter (terminalsDelivered) is sampled, reported and
// shown only to the seats its reporter names.
import { describe, expect, it } from 'vitest';
import { Sim } from '../engine/sim.ts';
import { runScenario } from '../engine/run.ts';
import { kpiVisibleTo, KPI_IDS, writeKpis } from '../drill/view.ts';
import { tinyWorldWithTeams } from '../../test/helpers.ts';
import { KPI_REPORTERS } from './kpis.ts';
import { openCell, setCellOn } from '../infra/cells.ts';

function world() {
  return tinyWorldWithTeams([103.1, 35.0], [
    { id: 'fire-1', nameZh: '消防救援队', org: 'fire', level: 'county', kind: 'fireSquad', base: 'b-1', activationDelaySec: 600, crew: 8, modes: ['road', 'foot'], loadout: { satPhones: 3, beidou: 2 } },
  ]);
}

describe('terminalsDelivered, a KPI added as one reporter', () => {
  it('counts terminals handed over, in the report series, and only truth seats read it', () => {
    const w = world();
    const commands = [{ tSec: 700, seat: 'fire', type: 'assignTask', args: { teamId: 'fire-1', task: 'deliverTerminals', targetId: 't-a' } }];
    const { report } = runScenario(w, { seed: 1, untilSec: 4 * 3600, commands });
    const series = report.kpis.series.terminalsDelivered;
    expect(series[0]).toBe(0);
    // Two per delivery (TERMINALS_PER_DELIVERY).
    expect(series[series.length - 1]).toBe(2);

    const sim = Sim.create(w, 1);
    const out = writeKpis(w, sim.ctx.index, sim.state, 'fire', new Float64Array(KPI_IDS.length));
    expect(Number.isNaN(out[KPI_IDS.indexOf('terminalsDelivered')])).toBe(true);
    expect(kpiVisibleTo('director', 'terminalsDelivered')).toBe(true);
    expect(kpiVisibleTo('evaluator', 'terminalsDelivered')).toBe(true);
  });

  it('lets each reporter say who sees it', () => {
    expect(kpiVisibleTo('transport', 'roadsBlocked')).toBe(true);
    expect(kpiVisibleTo('cmcc', 'roadsBlocked')).toBe(false);
    expect(kpiVisibleTo('power', 'feedersDown')).toBe(true);
    expect(kpiVisibleTo('cmcc', 'populationServedFrac_cmcc')).toBe(true);
    expect(kpiVisibleTo('cucc', 'populationServedFrac_cmcc')).toBe(false);
    expect(kpiVisibleTo('fire', 'populationServedFrac')).toBe(true);
    expect(kpiVisibleTo('fire', 'sitesOutPower')).toBe(false);
    const headline = KPI_REPORTERS.filter((k) => k.headline).map((k) => k.headline);
    expect(new Set(headline).size).toBe(headline.length);
  });
});

describe('uavBaseStationsDeployed', () => {
  it('counts each tethered set or aircraft that has been on air once, and keeps counting it after it comes down', () => {
    const sim = Sim.create(world(), 1);
    sim.advanceTo(60);
    const read = () => KPI_REPORTERS.find((k) => k.id === 'uavBaseStationsDeployed')!.read(sim.ctx);
    expect(read()).toBe(0);
    const at = { xM: sim.world.sites.xM[0], yM: sim.world.sites.yM[0], radiusM: 1000, operatorMask: 1 };
    const first = openCell(sim.ctx, { id: 'c1', kind: 'tetheredUav', by: 'team-a', ...at });
    openCell(sim.ctx, { id: 'c2', kind: 'portableStation', by: 'team-a', ...at });
    expect(read()).toBe(1);
    setCellOn(sim.ctx, first, false);
    openCell(sim.ctx, { id: 'c3', kind: 'tetheredUav', by: 'team-a', ...at }); // the same set, put up again
    openCell(sim.ctx, { id: 'c4', kind: 'uav', by: 'wing-loong', ...at });
    expect(read()).toBe(2);
  });
});
