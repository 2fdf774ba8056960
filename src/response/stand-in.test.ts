// A destroyed or badly damaged site stood in for by an emergency cell set up
// at it: operators count such a station as restored (a portable station or a
// vehicle in its place), so the share of failed sites restored does too, and
// the doctrine sends one where a repair would take long or is impossible.
import { describe, expect, it } from 'vitest';
import { damageSite, tinyWorldWithTeams } from '../../test/helpers.ts';
import { Sim } from '../engine/sim.ts';
import { refreshSite } from '../infra/sites.ts';
import { standInValue } from './doctrine.ts';
import { OUT_CAUSE } from '../model/state.ts';
import { KPI_REPORTERS } from '../scoring/kpis.ts';
import { TASK_DURATION_SEC } from '../model/params/tasks.ts';

const restoredFrac = (sim: Sim) => KPI_REPORTERS.find((k) => k.id === 'sitesRestoredFrac')!.read(sim.ctx);

function world(doctrine: boolean, stations = 1) {
  // A China Mobile emergency team with portable stations (one unless told) at a base beside s-2; nothing else happens
  // (the tiny fixture's quake is moved past the end).
  return tinyWorldWithTeams([103.1, 35.0], [
    {
      id: 'cmcc-em', nameZh: '移动应急通信保障队', org: 'cmcc', level: 'county', kind: 'commsTeam', base: 'b-1',
      activationDelaySec: 600, activeAtStart: true, crew: 6, modes: ['road', 'foot'], loadout: { portableBaseStations: stations },
    },
  ], (d) => {
    if (doctrine) d['scenario.json'].settings.doctrineSeats = ['cmcc'];
  });
}

const damage = damageSite;

describe('a site stood in for by an emergency cell', () => {
  it('counts as restored while it is itself still off air, once and only once', () => {
    const sim = Sim.create(world(false), 1);
    sim.advanceTo(60);
    const s2 = damage(sim, 's-2', 4);
    const s1 = damage(sim, 's-1', 2);
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.DAMAGE);
    // Two failed, none back: 0 of 2.
    expect(sim.state.sitesEverOut).toBe(2);
    expect(restoredFrac(sim)).toBe(0);
    sim.submit({ tSec: 120, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-em', task: 'deployPortableStation', targetId: 's-2' } });
    sim.advanceTo(6 * 3600);
    const task = sim.state.tasks[0];
    expect(task.status).toBe('done');
    // Set up in an hour once there (TASK_DURATION_SEC.deployPortableStation).
    expect(task.doneAtSec - task.arrivedAtSec).toBe(TASK_DURATION_SEC.deployPortableStation.value);
    expect(sim.state.cells).toHaveLength(1);
    // Still destroyed, and counted as restored: 1 of 2.
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.DAMAGE);
    expect(sim.state.sites.standIn[s2]).toBe(1);
    expect(restoredFrac(sim)).toBe(0.5);
    // Its own state changing again does not count it twice or take it away: repaired, then broken again.
    sim.state.sites.damageState[s2] = 0;
    refreshSite(sim.ctx, s2);
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.NONE);
    expect(restoredFrac(sim)).toBe(0.5);
    damage(sim, 's-2', 3);
    expect(restoredFrac(sim)).toBe(0.5);
    // The other site repaired: 2 of 2.
    sim.state.sites.damageState[s1] = 0;
    refreshSite(sim.ctx, s1);
    expect(restoredFrac(sim)).toBe(1);
  });

  it('a cell set up at a township centre stands in for no site', () => {
    const sim = Sim.create(world(false), 1);
    sim.advanceTo(60);
    damage(sim, 's-2', 4);
    sim.submit({ tSec: 120, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-em', task: 'deployPortableStation', targetId: 't-b' } });
    sim.advanceTo(6 * 3600);
    expect(sim.state.tasks[0].status).toBe('done');
    expect(sim.state.cells).toHaveLength(1);
    expect(Array.from(sim.state.sites.standIn)).toEqual([0, 0, 0]);
    expect(restoredFrac(sim)).toBe(0);
  });

  it('the doctrine sends the portable station to the destroyed site, not to the township, and the site counts as restored', () => {
    const sim = Sim.create(world(true), 1);
    sim.advanceTo(30);
    const s2 = damage(sim, 's-2', 4);
    sim.advanceTo(6 * 3600);
    const cells = sim.state.tasks.filter((t) => t.type === 'deployPortableStation');
    expect(cells.map((t) => [t.target, t.status])).toEqual([['s-2', 'done']]);
    expect(sim.state.sites.standIn[s2]).toBe(1);
    expect(restoredFrac(sim)).toBe(1);
  });

  it('the doctrine leaves a site with moderate damage to the repair crews (a stand-in from extensive damage on)', () => {
    // Two stations, s-1 destroyed and s-2 moderately damaged: s-1 gets one, s-2 none.
    const sim = Sim.create(world(true, 2), 1);
    sim.advanceTo(30);
    damage(sim, 's-1', 4);
    const s2 = damage(sim, 's-2', 2);
    sim.advanceTo(6 * 3600);
    const cells = sim.state.tasks.filter((t) => t.type === 'deployPortableStation');
    expect(cells.some((t) => t.target === 's-1' && t.status === 'done')).toBe(true);
    expect(cells.filter((t) => t.target === 's-2')).toHaveLength(0);
    expect(sim.state.sites.standIn[s2]).toBe(0);
  });
});

describe('one stand-in per site', () => {
  it('sends a station or a vehicle to a destroyed site, not both, when two teams could go', () => {
    const team = (id: string, loadout: Record<string, number>) => ({
      id, nameZh: '移动应急通信保障队', org: 'cmcc', level: 'county', kind: 'commsTeam', base: 'b-1',
      activationDelaySec: 600, activeAtStart: true, crew: 6, modes: ['road', 'foot'], loadout,
    });
    const w = tinyWorldWithTeams([103.1, 35.0], [team('cmcc-em-1', { portableBaseStations: 1 }), team('cmcc-em-2', { commsVehicles: 1 })], (d) => {
      d['scenario.json'].settings.doctrineSeats = ['cmcc'];
    });
    const sim = Sim.create(w, 1);
    sim.advanceTo(30);
    damage(sim, 's-2', 4);
    sim.advanceTo(6 * 3600);
    const atSite = sim.state.tasks.filter((t) => (t.type === 'deployPortableStation' || t.type === 'deployCommsVehicle') && t.target === 's-2');
    expect(atSite).toHaveLength(1);
    expect(restoredFrac(sim)).toBe(1);
  });
});

describe('a stand-in is valued by the site\'s own people', () => {
  it('not by the people of the sites that hang off it: it brings its own cell, not the site\'s transmission', () => {
    // s-1 hangs off s-2 over r-1: s-2 carries 290 + 1,000 people but serves 290 itself; s-1 serves 1,000.
    const w = tinyWorldWithTeams([103.1, 35.0], [], (d) => {
      const sites = d['layers/sites.geojson'].features;
      sites[0].properties.aggregation = 's-2';
      sites[0].properties.fibreRoads = ['r-1'];
    });
    const sim = Sim.create(w, 1);
    const [s1, s2] = [w.sites.ids.indexOf('s-1'), w.sites.ids.indexOf('s-2')];
    expect([sim.ctx.index.sitePeople[s1], sim.ctx.index.sitePeople[s2], sim.ctx.index.sitePeopleCarried[s2]]).toEqual([1000, 290, 1290]);
    sim.advanceTo(30);
    damage(sim, 's-2', 3);
    // DS3: 1.6 per person for a station, 1.55 for a vehicle; DS4: 2 and 1.8.
    expect(standInValue(sim.ctx, s2, 'deployPortableStation')).toBeCloseTo(290 * 1.6, 9);
    damage(sim, 's-2', 4);
    expect(standInValue(sim.ctx, s2, 'deployPortableStation')).toBe(290 * 2);
    expect(standInValue(sim.ctx, s2, 'deployCommsVehicle')).toBeCloseTo(290 * 1.8, 9);
    damage(sim, 's-1', 4);
    expect(standInValue(sim.ctx, s1, 'deployPortableStation')).toBeGreaterThan(standInValue(sim.ctx, s2, 'deployPortableStation'));
  });
});
