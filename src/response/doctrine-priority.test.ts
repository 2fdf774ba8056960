// The doctrine restores the trunk before the branches: a site is worth the
// people of every site whose only backhaul runs through it, not just its own.
import { describe, expect, it } from 'vitest';
import { buildWorldIndex } from '../engine/sim.ts';
import { OUT_CAUSE } from '../model/state.ts';
import { DrillDriver } from '../engine/driver.ts';
import { JISHISHAN, loadWorld } from '../../test/helpers.ts';

describe('restoration priority follows the backhaul', () => {
  const world = loadWorld(JISHISHAN);
  const index = buildWorldIndex(world);
  const { ids, aggregation, hasRing } = world.sites;

  it('counts for each site its own people and those of every single-homed site behind it', () => {
    // Independently of the index's leaf-first sum: walk each site's chain upwards and credit its people to
    // every site it hangs on, stopping above a site with a second path (it stays on air without the parent).
    const expected = Float64Array.from(index.sitePeople);
    for (let s = 0; s < ids.length; s++) {
      let child = s;
      while (aggregation[child] >= 0 && !hasRing[child]) {
        expected[aggregation[child]] += index.sitePeople[s];
        child = aggregation[child];
      }
    }
    for (let s = 0; s < ids.length; s++) expect(index.sitePeopleCarried[s]).toBeCloseTo(expected[s], 6);
    // The county seat's aggregation site carries the county: here more than 50 times its own people.
    const hub = ids.indexOf('s-jss-001');
    expect(index.sitePeopleCarried[hub] / index.sitePeople[hub]).toBeGreaterThan(50);
  });

  it('sends the first repair crew to a damaged aggregation site, and sends one again at once when it fails', () => {
    // Seed 1 leaves s-jss-001, the aggregation site every township's backhaul passes through, slightly
    // damaged (DS1, still on air); an aftershock near T+12 h breaks it (DS2) and about 180 sites behind it
    // go dark. When a site was valued by its own people only, it was not
    // repaired first, and it was still down at T+14 h with those sites dark.
    const hub = ids.indexOf('s-jss-001');
    const driver = DrillDriver.start(world, 1, { doctrineSeats: world.settings.doctrineSeats });
    driver.advanceTo(60, () => {});
    expect(driver.sim.state.sites.damageState[hub]).toBe(1);
    let failedAtSec = -1;
    for (let tSec = 600; tSec <= 14 * 3600 && failedAtSec < 0; tSec += 600) {
      driver.advanceTo(tSec, () => {});
      if (driver.sim.state.sites.outCause[hub] === OUT_CAUSE.DAMAGE) failedAtSec = tSec;
    }
    const repairs = driver.sim.state.tasks.filter((t) => t.type === 'repairSite');
    expect(repairs[0].target).toBe('s-jss-001');
    expect(repairs[0].doneAtSec).toBeLessThan(2 * 3600);
    expect(failedAtSec).toBeGreaterThan(2 * 3600);
    expect(driver.sim.state.sitesByCause[OUT_CAUSE.TRANSPORT]).toBeGreaterThan(100);
    const again = repairs.filter((t) => t.target === 's-jss-001' && t.assignedAtSec >= failedAtSec - 600);
    expect(again.length).toBe(1);
    expect(again[0].assignedAtSec - (failedAtSec - 600)).toBeLessThanOrEqual(600);
  });
});
