import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld } from '../../test/helpers.ts';
import { Sim } from '../engine/sim.ts';
import { OPERATORS } from '../model/world.ts';
import { SEATS, type Seat } from '../model/seats.ts';
import { TEAM_STATUS, UAV_STATUS } from '../model/state.ts';
import { CELL_KINDS, GRID_VIEW, KPI_IDS, ROAD_VIEW, SITE_VIEW, TEAM_VIEW_HIDDEN, viewFor } from './view.ts';

const PLAYERS = SEATS.filter((s) => s !== 'director' && s !== 'evaluator');

/** Jishishan, seed 7, six hours in, with one command each from cmcc and tower and one refused; no doctrine responder. */
function sixHoursIn(): Sim {
  const world = loadWorld(JISHISHAN);
  const sim = Sim.create(world, 7, undefined, []);
  // A China Mobile site without a standby generator of its own (the gate refuses one for a site that has one).
  const cmccSite = world.sites.ids.find((_, i) => world.sites.operatorMask[i] & 1 && world.sites.generatorFuelHours[i] === 0)!;
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

  it('tells player seats that a site is down but not why while no one has inspected it', () => {
    expect(state.sites.inspected.every((v) => v === 0)).toBe(true);
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

  it('shows roads as truth to the director, and to players as seen or reported since the quake', () => {
    const truth = Array.from(state.roads.status, (st) => st + ROAD_VIEW.OPEN);
    expect(Array.from(view('director').roads)).toEqual(truth);
    const known = Array.from(state.roads.known);
    for (const seat of PLAYERS) expect(Array.from(view(seat).roads)).toEqual(known);
    // The quake left roads in the shaken area unknown; nobody has driven them six hours in without doctrine.
    expect(known.filter((k) => k === ROAD_VIEW.UNKNOWN).length).toBeGreaterThan(0);
    // No player learns a blockage nobody has seen.
    const blocked = state.roads.status.findIndex((st, r) => st === 3 && known[r] === ROAD_VIEW.UNKNOWN);
    expect(blocked).toBeGreaterThanOrEqual(0);
    expect(view('transport').roads[blocked]).toBe(ROAD_VIEW.UNKNOWN);
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

describe('viewFor, with response forces in the field', () => {
  const world = loadWorld(JISHISHAN);
  const SITE = 's-jss-019'; // a China Mobile site the shock put out of service (moderate damage), 2.7 km from the crew's base
  const site = world.sites.ids.indexOf(SITE);
  const team = world.teams.findIndex((t) => t.id === 'tm-cmcc-jss-1');
  const base = world.teams[team].base;
  const sim = Sim.create(world, 7, undefined, []);
  sim.submit({ tSec: 1800, seat: 'cmcc', type: 'assignTask', args: { teamId: 'tm-cmcc-jss-1', task: 'inspectSite', targetId: SITE } });
  sim.submit({ tSec: 1800, seat: 'emhq', type: 'deployUav', args: { uavId: 'uav-medium-lanzhou', townshipId: world.townships.ids[0] } });
  const view = (seat: Seat) => viewFor(world, sim.state, seat, sim.ctx.index);

  it('shows a department its own teams, the headquarters and the director all of them, each where it is on its journey', () => {
    sim.advanceTo(1800 + 400);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ ok: true }, { ok: true }]);
    const director = view('director');
    expect(director.teamStatus[team]).toBe(TEAM_STATUS.TRAVELLING);
    const [x, y] = [director.teamXM[team], director.teamYM[team]];
    const fromBase = Math.hypot(x - world.bases.xM[base], y - world.bases.yM[base]);
    const toSite = Math.hypot(x - world.sites.xM[site], y - world.sites.yM[site]);
    expect(fromBase).toBeGreaterThan(100);
    expect(toSite).toBeGreaterThan(100);
    expect(director.teamTasks[team]).toMatchObject({ type: 'inspectSite', target: SITE, status: 'travelling' });
    expect(view('emhq').teamXM).toEqual(director.teamXM);
    const cmcc = view('cmcc');
    world.teams.forEach((t, i) => {
      if (t.org === 'cmcc') {
        expect(cmcc.teamStatus[i]).toBe(director.teamStatus[i]);
        expect(cmcc.teamXM[i]).toBe(director.teamXM[i]);
      } else {
        expect(cmcc.teamStatus[i]).toBe(TEAM_VIEW_HIDDEN);
        expect(cmcc.teamXM[i]).toBeNaN();
        expect(cmcc.teamTasks[i]).toBeNull();
      }
    });
    expect(view('cucc').teamTasks[team]).toBeNull();
  });

  it('reveals an outage cause to the players once a team has inspected the site', () => {
    expect(view('cmcc').sites[site]).toBe(SITE_VIEW.DOWN);
    sim.advanceTo(1800 + 3 * 3600);
    expect(sim.state.sites.inspected[site]).toBe(1);
    const truth = view('director').sites[site];
    expect(truth).toBe(SITE_VIEW.DOWN_DAMAGE);
    for (const seat of PLAYERS) expect(view(seat).sites[site]).toBe(truth);
    expect(view('cmcc').teamTasks[team]).toMatchObject({ type: 'inspectSite', status: 'done' });
    expect(view('cmcc').teamStatus[team]).toBe(TEAM_STATUS.IDLE);
    // Sites nobody has visited still show only that they are down.
    const others = view('director').sites;
    const cmcc = view('cmcc').sites;
    for (let s = 0; s < others.length; s++) if (s !== site && others[s] >= SITE_VIEW.DOWN_POWER) expect(cmcc[s]).toBe(SITE_VIEW.DOWN);
  });

  it('shows every seat the UAVs on station and their footprints', () => {
    sim.advanceTo(7 * 3600); // on station from about T+5:23 to T+7:37 (airspace approval, transit)
    const u = world.uavs.findIndex((x) => x.id === 'uav-medium-lanzhou');
    const director = view('director');
    expect(director.uavStatus[u]).toBe(UAV_STATUS.ON_STATION);
    expect(director.uavs[3 * u + 2]).toBeGreaterThan(1000);
    expect(director.uavs[3 * u]).toBeCloseTo(world.townships.xM[0], 3);
    for (const seat of PLAYERS) {
      const v = view(seat);
      expect(Array.from(v.uavs)).toEqual(Array.from(director.uavs));
      expect(Array.from(v.cells.kind)).toContain(CELL_KINDS.indexOf('uav'));
    }
    const grounded = 1 - u;
    expect(director.uavs[3 * grounded]).toBeNaN();
    expect(director.uavs[3 * grounded + 2]).toBe(0);
  });
});
