// The running totals behind the KPIs must always equal a full recount.
import { describe, expect, it } from 'vitest';
import { Sim } from '../src/engine/sim.ts';
import { OUT_CAUSE } from '../src/model/state.ts';
import { servedPeopleAt } from '../src/infra/coverage.ts';
import { JISHISHAN, loadWorld } from './helpers.ts';

function recount(sim: Sim) {
  const st = sim.state;
  const byPower = [0, 0, 0, 0];
  st.sites.powerSource.forEach((v) => byPower[v]++);
  const byCause = [0, 0, 0, 0];
  st.sites.outCause.forEach((v) => byCause[v]++);
  const byRoad = [0, 0, 0, 0];
  st.roads.status.forEach((v) => byRoad[v]++);
  let customersOut = 0;
  st.feeders.energised.forEach((e, f) => (customersOut += e ? 0 : sim.ctx.index.feederCustomers[f]));
  st.substations.energised.forEach((e, ss) => (customersOut += e ? 0 : sim.ctx.index.substationOwnCustomers[ss]));
  let served = 0;
  for (let p = 0; p < sim.world.population.ids.length; p++) served += servedPeopleAt(sim.ctx.index.coverage, st.coverage, p, st.flags.emergencyRoaming);
  return {
    byPower,
    byCause,
    byRoad,
    fibreCuts: st.roads.fibreCut.reduce((a, b) => a + b, 0),
    substationsOut: st.substations.inService.filter((v) => v === 0).length,
    feedersDown: st.feeders.energised.filter((v) => v === 0).length,
    customersOut,
    served,
  };
}

describe('running totals', () => {
  it('match a full recount throughout the Jishishan run, with commands', () => {
    const world = loadWorld(JISHISHAN);
    const sim = Sim.create(world, 7);
    sim.submit({ tSec: 4 * 3600, seat: 'emhq', type: 'setEmergencyRoaming', args: { enabled: true } });
    for (let h = 0; h <= 72; h += 3) {
      sim.advanceTo(h * 3600);
      const c = sim.state.counts;
      const r = recount(sim);
      expect(Array.from(c.sitesByPowerSource)).toEqual(r.byPower);
      expect(Array.from(sim.state.sitesByCause)).toEqual(r.byCause);
      expect(Array.from(c.roadsByStatus)).toEqual(r.byRoad);
      expect([c.fibreCuts, c.substationsOut, c.feedersDown, c.powerCustomersOut]).toEqual([r.fibreCuts, r.substationsOut, r.feedersDown, r.customersOut]);
      const own = sim.state.coverage;
      const totalServed = sim.state.flags.emergencyRoaming ? own.servedAny.reduce((a, b) => a + b) : own.servedOwn.reduce((a, b) => a + b);
      expect(totalServed).toBe(r.served);
    }
    expect(sim.state.sitesByCause[OUT_CAUSE.NONE]).toBeGreaterThan(0);
  });
});
