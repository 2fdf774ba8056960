// The doctrine restores the trunk before the branches (a site is worth the
// people of every site whose only backhaul runs through it, not just its
// own) and keeps portable generators fuelled.
import { describe, expect, it } from 'vitest';
import { buildWorldIndex } from '../engine/sim.ts';
import { join } from 'node:path';
import { OUT_CAUSE, POWER_SOURCE } from '../model/state.ts';
import { DOCTRINE_REFUEL_AHEAD_SEC } from './doctrine.ts';
import { DrillDriver } from '../engine/driver.ts';
import { refreshSite } from '../infra/sites.ts';
import { JISHISHAN, loadWorld, ROOT } from '../../test/helpers.ts';

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

  it('sends the first repair crew to a damaged aggregation site, and sends one again at once when it fails again', () => {
    // s-jss-001 is the aggregation site every township's backhaul passes through. Broken (DS2) a minute after
    // the shock, and again at T+12 h, it takes about 180 sites dark behind it. When a site was valued by its
    // own people only, it was not repaired first, and in a 2023-like run it was still down at T+14 h.
    const hub = ids.indexOf('s-jss-001');
    const driver = DrillDriver.start(world, 1, { doctrineSeats: world.settings.doctrineSeats });
    const st = driver.sim.state;
    const breakHub = () => {
      st.sites.damageState[hub] = 2;
      refreshSite(driver.sim.ctx, hub);
    };
    driver.advanceTo(60, () => {});
    breakHub();
    expect(st.sites.outCause[hub]).toBe(OUT_CAUSE.DAMAGE);
    expect(st.sitesByCause[OUT_CAUSE.TRANSPORT]).toBeGreaterThan(100);
    driver.advanceTo(12 * 3600, () => {});
    const repairs = st.tasks.filter((t) => t.type === 'repairSite');
    expect(repairs[0].target).toBe('s-jss-001');
    // A moderate repair is 4 h on site (TASK_DURATION_SEC): with the crew's activation and drive, done before T+6 h.
    expect(repairs[0].doneAtSec).toBeLessThan(6 * 3600);
    expect(st.sites.outCause[hub]).toBe(OUT_CAUSE.NONE);
    breakHub();
    driver.advanceTo(12 * 3600 + 600, () => {});
    const again = st.tasks.filter((t) => t.type === 'repairSite' && t.target === 's-jss-001' && t.assignedAtSec >= 12 * 3600);
    expect(again.length).toBe(1);
  });
});

describe('generators are refuelled', () => {
  it('keeps a site off mains on air through three tanks (Dingri, the first of seeds 1–5 with such a site)', () => {
    // A site whose feeder stays down for a day gets a portable generator (8 h tank) and is refuelled before each
    // tank runs dry; before the doctrine refuelled, such a site went dark for good when the tank ran dry.
    const dingri = loadWorld(join(ROOT, 'scenarios', 'dingri-2025', 'scenario.json'));
    let checked = 0;
    for (let seed = 1; seed <= 5 && checked === 0; seed++) {
      const driver = DrillDriver.start(dingri, seed, { doctrineSeats: dingri.settings.doctrineSeats });
      driver.advanceTo(26.9 * 3600, () => {});
      const st = driver.sim.state;
      for (let s = 0; s < dingri.sites.ids.length; s++) {
        const tasks = st.tasks.filter((t) => t.target === dingri.sites.ids[s] && t.status === 'done');
        if (tasks.map((t) => t.type).join() !== 'hookGenerator,refuelSite,refuelSite' || st.sites.powerSource[s] !== POWER_SOURCE.GENERATOR) continue;
        // A site whose equipment is still broken is off air whatever powers it: the claim is about power.
        if (st.sites.damageState[s] >= dingri.params.infra.SITE_OUT_FROM_DAMAGE_STATE.value) continue;
        checked++;
        expect(st.feeders.energised[dingri.sites.feeder[s]]).toBe(0);
        // Each refuel is ordered before the tank runs dry, and less than DOCTRINE_REFUEL_AHEAD_SEC before.
        const tankSec = 8 * 3600;
        let dryAtSec = tasks[0].doneAtSec + tankSec;
        for (const refuel of tasks.slice(1)) {
          expect(dryAtSec - refuel.assignedAtSec).toBeGreaterThan(0);
          expect(dryAtSec - refuel.assignedAtSec).toBeLessThanOrEqual(DOCTRINE_REFUEL_AHEAD_SEC.value);
          dryAtSec = Math.max(dryAtSec, refuel.doneAtSec) + tankSec;
        }
        expect(st.sites.outCause[s]).toBe(OUT_CAUSE.NONE);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('generator pools', () => {
  it('trucks generators from the pools to dark sites no crew is bringing one to (Jishishan, seed 7)', () => {
    const world = loadWorld(JISHISHAN);
    const driver = DrillDriver.start(world, 7, { doctrineSeats: world.settings.doctrineSeats });
    driver.advanceTo(2.5 * 3600, () => {});
    const st = driver.sim.state;
    const fromPools = st.commandLog.filter((c) => c.type === 'hookGenerator' && 'poolId' in c.args && c.by === 'doctrine');
    expect(fromPools.length).toBeGreaterThanOrEqual(3);
    const leftBefore = world.generatorPools.map((p) => p.count);
    for (const c of fromPools) {
      expect(c.result).toEqual({ ok: true });
      const s = world.sites.ids.indexOf(c.args.siteId as string);
      // On its way (the pool's lead time is 2 h), and no crew was sent to hook one up there.
      expect(st.sites.generatorInbound[s] || st.sites.hasGenerator[s]).toBe(1);
      expect(st.tasks.some((t) => t.type === 'hookGenerator' && t.target === c.args.siteId)).toBe(false);
      leftBefore[world.generatorPools.findIndex((p) => p.id === c.args.poolId)]--;
    }
    expect(Array.from(st.generatorPoolsLeft)).toEqual(leftBefore);
  });
});
