import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld } from '../../test/helpers.ts';
import { Sim } from '../engine/sim.ts';
import { OPERATORS } from '../scenario/world.ts';
import { SEATS, type Seat } from './seats.ts';
import { GRID_VIEW, KPI_IDS, ROAD_VIEW, SITE_VIEW, viewFor } from './view.ts';

const PLAYERS = SEATS.filter((s) => s !== 'director' && s !== 'evaluator');

/** Jishishan, seed 7, six hours in, with one command each from cmcc and tower and one refused; no doctrine responder. */
function sixHoursIn(): Sim {
  const world = loadWorld(JISHISHAN);
  const sim = Sim.create(world, 7, undefined, []);
  const cmccSite = world.sites.ids.find((_, i) => world.sites.operatorMask[i] & 1)!;
  sim.submit({ tSec: 1800, seat: 'cmcc', type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } });
  sim.submit({ tSec: 1900, seat: 'cucc', type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } });
  sim.submit({ tSec: 2000, seat: 'tower', type: 'hookGenerator', args: { siteId: world.sites.ids[5], poolId: 'gp-tower' } });
  sim.advanceTo(6 * 3600);
  return sim;
}

const isDown = (code: number) => code === SITE_VIEW.DOWN || code >= SITE_VIEW.DOWN_POWER;

describe('viewFor', () => {
  const sim = sixHoursIn();
  const { world, state } = sim;
  const view = (seat: Seat) => viewFor(world, state, seat, sim.ctx.index);

  it('shows directors and evaluators the true outage cause of every site', () => {
    const truth = view('director');
    expect(view('evaluator').sites).toEqual(truth.sites);
    const counts = new Map<number, number>();
    for (const code of truth.sites) counts.set(code, (counts.get(code) ?? 0) + 1);
    expect(counts.get(SITE_VIEW.DOWN_POWER) ?? 0).toBe(state.sitesByCause[1]);
    expect(counts.get(SITE_VIEW.DOWN_DAMAGE) ?? 0).toBe(state.sitesByCause[3]);
    expect((counts.get(SITE_VIEW.DOWN_POWER) ?? 0) + (counts.get(SITE_VIEW.DOWN_DAMAGE) ?? 0)).toBeGreaterThan(0);
    expect(counts.get(SITE_VIEW.UP_BATTERY) ?? 0).toBeGreaterThan(0);
    expect(counts.has(SITE_VIEW.DOWN) || counts.has(SITE_VIEW.UNKNOWN) || counts.has(SITE_VIEW.UP_MAINS_ALARM)).toBe(false);
  });

  it('tells player seats that a site is down but never why', () => {
    const truth = view('director').sites;
    for (const seat of PLAYERS) {
      const sites = view(seat).sites;
      for (let s = 0; s < sites.length; s++) {
        expect(sites[s]).toBeLessThanOrEqual(SITE_VIEW.DOWN);
        expect(isDown(sites[s])).toBe(isDown(truth[s]));
      }
    }
  });

  it('shows an operator the mains-failure alarms of its own sites only, and the tower company all of them', () => {
    const truth = view('director').sites;
    const onBackup = (s: number) => truth[s] === SITE_VIEW.UP_BATTERY || truth[s] === SITE_VIEW.UP_GENERATOR;
    OPERATORS.forEach((op, bit) => {
      const sites = view(op as Seat).sites;
      for (let s = 0; s < sites.length; s++) {
        const own = (world.sites.operatorMask[s] & (1 << bit)) !== 0;
        expect(sites[s] === SITE_VIEW.UP_MAINS_ALARM).toBe(own && onBackup(s));
      }
    });
    const tower = view('tower').sites;
    for (let s = 0; s < tower.length; s++) expect(tower[s] === SITE_VIEW.UP_MAINS_ALARM).toBe(onBackup(s));
    expect(view('fire').sites.includes(SITE_VIEW.UP_MAINS_ALARM)).toBe(false);
  });

  it('shows the grid to the power company and the headquarters, not to an operator', () => {
    for (const seat of ['power', 'emhq', 'director'] as Seat[]) {
      const v = view(seat);
      expect(Array.from(v.feeders)).toEqual(Array.from(state.feeders.energised, (e) => (e ? GRID_VIEW.UP : GRID_VIEW.DOWN)));
      expect(Array.from(v.substations)).toEqual(Array.from(state.substations.energised, (e) => (e ? GRID_VIEW.UP : GRID_VIEW.DOWN)));
    }
    expect(view('power').feeders.includes(GRID_VIEW.DOWN)).toBe(true);
    const cmcc = view('cmcc');
    expect(cmcc.feeders.every((c) => c === GRID_VIEW.UNKNOWN)).toBe(true);
    expect(cmcc.substations.every((c) => c === GRID_VIEW.UNKNOWN)).toBe(true);
  });

  it('shows the roads to transport and the headquarters only', () => {
    const truth = Array.from(state.roads.status, (st) => st + ROAD_VIEW.OPEN);
    expect(Array.from(view('transport').roads)).toEqual(truth);
    expect(Array.from(view('emhq').roads)).toEqual(truth);
    expect(view('cmcc').roads.every((c) => c === ROAD_VIEW.UNKNOWN)).toBe(true);
    expect(view('fire').roads.every((c) => c === ROAD_VIEW.UNKNOWN)).toBe(true);
  });

  it('hides KPIs that would reveal causes from players, and the on-air count matches their picture', () => {
    const at = (id: string) => KPI_IDS.indexOf(id);
    const director = view('director').kpis;
    expect(director.every(Number.isFinite)).toBe(true);
    const cmcc = view('cmcc');
    expect(cmcc.kpis[at('sitesOutDamage')]).toBeNaN();
    expect(cmcc.kpis[at('sitesOutPower')]).toBeNaN();
    expect(cmcc.kpis[at('feedersDown')]).toBeNaN();
    expect(view('power').kpis[at('feedersDown')]).toBe(director[at('feedersDown')]);
    const onAir = Array.from(cmcc.sites).filter((c) => !isDown(c)).length;
    expect(cmcc.kpis[at('sitesOnAir')]).toBe(onAir);
    expect(cmcc.kpis[at('populationServedFrac')]).toBe(director[at('populationServedFrac')]);
    expect(cmcc.kpis[at('populationServedFrac_cmcc')]).toBe(director[at('populationServedFrac_cmcc')]);
    expect(cmcc.kpis[at('populationServedFrac_cucc')]).toBeNaN();
  });

  it('shows each player its own commands and injects, and the director everything', () => {
    expect(view('director').log.map((c) => c.seat)).toEqual(['cmcc', 'cucc', 'tower']);
    const cucc = view('cucc').log;
    expect(cucc).toHaveLength(1);
    expect(cucc[0]).toMatchObject({ index: 1, seat: 'cucc', result: { rejected: 'notPermitted' } });
    expect(view('fire').log).toEqual([]);
    expect(view('cmcc').injects.map((i) => i.id)).toEqual(['inj-002-alarms-cmcc']);
    expect(view('director').injects.length).toBe(world.msel.length);
    const pools = view('cmcc').poolsLeft;
    world.generatorPools.forEach((p, i) => expect(pools[i]).toBe(p.org === 'cmcc' ? p.count - 1 : -1));
  });

  it('is pure: it leaves the state hash unchanged and gives the same view twice', () => {
    const before = sim.hash();
    const a = view('cmcc');
    const b = view('cmcc');
    a.log.length = 0;
    expect(sim.hash()).toBe(before);
    expect(b.sites).toEqual(view('cmcc').sites);
    expect(view('cmcc').log).toHaveLength(1);
  });
});
