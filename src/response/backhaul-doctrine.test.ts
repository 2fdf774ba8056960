// What the doctrine does for a site off air for want of backhaul: mend the
// cut cable when the path beyond it can carry traffic again, a satellite link
// when it cannot (behind a destroyed aggregation site with no ring round it),
// one crew per cut cable however many sites hang off it, and a crew to every
// cut on the path at once.
import { describe, expect, it } from 'vitest';
import { damageSite, tinyWorldWithTeams } from '../../test/helpers.ts';
import { Sim } from '../engine/sim.ts';
import { cutFibre } from '../infra/roads.ts';
import { pathCanReturn } from '../infra/sites.ts';
import { bestUntaken } from './doctrine.ts';
import { OUT_CAUSE } from '../model/state.ts';

type Doc = Record<string, unknown>;

const crew = (id: string, loadout: Record<string, number>): Doc => ({
  id, nameZh: '移动抢修队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-1',
  activationDelaySec: 0, activeAtStart: true, crew: 4, modes: ['road', 'foot'], loadout,
});

/**
 * s-2 homes on s-1 over r-1 (a ring to the super site s-3 over r-2 when `ring`); `sharedCut` instead has s-1 and
 * s-2 both reach the core over r-1. The doctrine plays China Mobile.
 */
function world(teams: Doc[], o: { ring?: boolean; sharedCut?: boolean } = {}) {
  return tinyWorldWithTeams([103.1, 35.0], teams, (d) => {
    const sites = d['layers/sites.geojson'].features;
    if (o.sharedCut) {
      sites[0].properties.fibreRoads = ['r-1'];
      sites[1].properties.fibreRoads = ['r-1'];
    } else {
      sites[1].properties.aggregation = 's-1';
      sites[1].properties.fibreRoads = ['r-1'];
    }
    if (o.ring) {
      sites[1].properties.ringAggregation = 's-3';
      sites[1].properties.ringFibreRoads = ['r-2'];
    }
    d['scenario.json'].settings.doctrineSeats = ['cmcc'];
  });
}

const damage = damageSite;

const ordered = (sim: Sim) => sim.state.tasks.map((t) => `${t.type} ${t.target}`).sort();

describe('can a site get its backhaul back without a satellite link?', () => {
  it('not behind a destroyed aggregation site; yes behind a damaged one, round a ring, or from a site homed on the core', () => {
    const sim = Sim.create(world([]), 1);
    sim.advanceTo(0);
    const s2 = sim.world.sites.ids.indexOf('s-2');
    damage(sim, 's-1', 3);
    expect(pathCanReturn(sim.ctx, s2, false)).toBe(true);
    damage(sim, 's-1', 4);
    expect(pathCanReturn(sim.ctx, s2, false)).toBe(false);
    expect(pathCanReturn(sim.ctx, s2, true)).toBe(false); // no ring
    expect(pathCanReturn(sim.ctx, sim.world.sites.ids.indexOf('s-3'), false)).toBe(true);
    const ring = Sim.create(world([], { ring: true }), 1);
    ring.advanceTo(0);
    damage(ring, 's-1', 4);
    expect([pathCanReturn(ring.ctx, s2, false), pathCanReturn(ring.ctx, s2, true)]).toEqual([false, true]);
  });
});

describe('the doctrine for a site out for want of backhaul', () => {
  it('behind a destroyed aggregation site: a satellite link at the site, not a crew to the cut cable', () => {
    const sim = Sim.create(world([crew('cmcc-1', { vsat: 1 })]), 1);
    sim.advanceTo(30);
    damage(sim, 's-1', 4);
    cutFibre(sim.ctx, sim.world.roads.ids.indexOf('r-1'));
    const s2 = damage(sim, 's-2', 0);
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.TRANSPORT);
    sim.advanceTo(6 * 3600);
    expect(ordered(sim)).toEqual(['deploySatelliteBackhaul s-2']);
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.NONE);
  });

  it('behind a damaged aggregation site that can be repaired: the cut cable is mended', () => {
    const sim = Sim.create(world([crew('cmcc-1', { vsat: 1 })]), 1);
    sim.advanceTo(30);
    damage(sim, 's-1', 1);
    cutFibre(sim.ctx, sim.world.roads.ids.indexOf('r-1'));
    damage(sim, 's-2', 0);
    sim.advanceTo(60);
    expect(ordered(sim)).toContain('repairFibre r-1');
    expect(ordered(sim)).not.toContain('deploySatelliteBackhaul s-2');
  });

  it('on a ring whose main aggregation site is destroyed: the ring\'s cut is mended, not the main path\'s', () => {
    // A city crew: r-2 runs 63 km out to s-3, beyond a county crew's 60 km.
    const sim = Sim.create(world([{ ...crew('cmcc-1', { vsat: 1 }), level: 'city' }], { ring: true }), 1);
    sim.advanceTo(30);
    damage(sim, 's-1', 4);
    cutFibre(sim.ctx, sim.world.roads.ids.indexOf('r-1'));
    cutFibre(sim.ctx, sim.world.roads.ids.indexOf('r-2'));
    const s2 = damage(sim, 's-2', 0);
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.TRANSPORT);
    expect(pathCanReturn(sim.ctx, s2, false)).toBe(false);
    expect(pathCanReturn(sim.ctx, s2, true)).toBe(true);
    sim.advanceTo(60);
    expect(ordered(sim)).toEqual(['repairFibre r-2']);
  });

  it('one crew to a cut cable two sites hang off, not one per site', () => {
    const sim = Sim.create(world([crew('cmcc-1', {}), crew('cmcc-2', {})], { sharedCut: true }), 1);
    sim.advanceTo(30);
    damage(sim, 's-1', 0);
    damage(sim, 's-2', 0);
    cutFibre(sim.ctx, sim.world.roads.ids.indexOf('r-1'));
    expect([0, 1].map((s) => sim.state.sites.outCause[s])).toEqual([OUT_CAUSE.TRANSPORT, OUT_CAUSE.TRANSPORT]);
    sim.advanceTo(120);
    expect(ordered(sim).filter((t) => t === 'repairFibre r-1')).toHaveLength(1);
  });

  it('one cut fifty sites wait on is one job in the shortlist, at its best value: it does not crowd out other work', () => {
    const cut = (value: number) => ({ task: 'repairFibre' as const, targetId: 'r-1', value, xM: 0, yM: 0 });
    const other = { task: 'hookGenerator' as const, targetId: 's-9', value: 10, xM: 0, yM: 0 };
    const candidates = [...Array.from({ length: 50 }, (_, i) => cut(100 + i)), other];
    const shortlist = bestUntaken(candidates, new Map(), 8);
    expect(shortlist.map((c) => `${c.task} ${c.targetId} ${c.value}`)).toEqual(['repairFibre r-1 149', 'hookGenerator s-9 10']);
    // A job that takes two crews (a long blockage worked from both ends) keeps its copies.
    const road = (value: number) => ({ task: 'clearRoad' as const, targetId: 'r-2', value, xM: 0, yM: 0, crews: 2 });
    expect(bestUntaken([road(5), road(4)], new Map(), 8)).toHaveLength(2);
  });

  it('two cuts on one path: a crew to each at once, since mending one alone brings nothing back', () => {
    // s-1 and s-2 reach the core over r-1 and then r-2; both segments are cut. The crews are provincial, so the
    // doctrine's home radius lets them go to r-2's middle, 60-odd km out.
    const provincial = (id: string) => ({ ...crew(id, {}), level: 'provincial' });
    const w = tinyWorldWithTeams([103.1, 35.0], [provincial('cmcc-1'), provincial('cmcc-2'), provincial('cmcc-3')], (d) => {
      const sites = d['layers/sites.geojson'].features;
      sites[0].properties.fibreRoads = ['r-1', 'r-2'];
      sites[1].properties.fibreRoads = ['r-1', 'r-2'];
      d['scenario.json'].settings.doctrineSeats = ['cmcc'];
    });
    const sim = Sim.create(w, 1);
    sim.advanceTo(30);
    damage(sim, 's-1', 0);
    damage(sim, 's-2', 0);
    for (const id of ['r-1', 'r-2']) cutFibre(sim.ctx, w.roads.ids.indexOf(id));
    sim.advanceTo(120);
    // One crew each, in the same doctrine tick (before 0.3.0 only r-1 was offered until it was mended).
    expect(ordered(sim).filter((t) => t.startsWith('repairFibre'))).toEqual(['repairFibre r-1', 'repairFibre r-2']);
    const [a, b] = sim.state.tasks.filter((t) => t.type === 'repairFibre');
    expect(a.assignedAtSec).toBe(b.assignedAtSec);
  });
});
