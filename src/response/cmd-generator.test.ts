// Generators at the gate: an order that would bring a generator where one
// already stands is refused with a reason a person can read, whether it comes
// from a pool (hookGenerator) or a team (assignTask hookGenerator).
import { describe, expect, it } from 'vitest';
import { Sim } from '../engine/sim.ts';
import { REASON_CODES } from '../scoring/i18n.ts';
import { tinyWorldWithTeams } from '../../test/helpers.ts';

/** The tiny world (s-3 is a super base station with a 72 h standby generator) with one China Mobile crew carrying a generator. */
function world() {
  return tinyWorldWithTeams([103.1, 35.0], [
    { id: 'cmcc-crew', nameZh: '移动抢修队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-1', activationDelaySec: 0, crew: 4, modes: ['road', 'foot'], loadout: { generators: 1, fuelHours: 8 } },
  ]);
}

describe('hookGenerator at the gate', () => {
  it('refuses a pool generator for a super base station that has its own, and accepts one for a site without', () => {
    const w = world();
    const s3 = w.sites.ids.indexOf('s-3');
    expect(w.sites.generatorFuelHours[s3]).toBeGreaterThan(0);
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 60, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 's-3', poolId: 'gp-cmcc' } });
    sim.submit({ tSec: 61, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 's-2', poolId: 'gp-cmcc' } });
    sim.advanceTo(61);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ rejected: 'siteHasOwnGenerator' }, { ok: true }]);
    // The refusal took nothing from the pool: the one generator went to s-2.
    expect(sim.state.generatorPoolsLeft[0]).toBe(0);
  });

  it('refuses a team generator for the super base station, and a second generator for a site that has one hooked up', () => {
    const w = world();
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 60, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'hookGenerator', targetId: 's-3' } });
    sim.submit({ tSec: 61, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 's-2', poolId: 'gp-cmcc' } });
    sim.advanceTo(61);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ rejected: 'siteHasOwnGenerator' }, { ok: true }]);
    // The pool's generator arrives after its 30 min lead time and is hooked up; a team's would be pointless.
    sim.advanceTo(61 + 1800);
    expect(sim.state.sites.hasGenerator[w.sites.ids.indexOf('s-2')]).toBe(1);
    sim.submit({ tSec: 1900, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'hookGenerator', targetId: 's-2' } });
    sim.advanceTo(1900);
    expect(sim.state.commandLog[2].result).toEqual({ rejected: 'generatorAlreadyThere' });
  });

  it('has the refusal in both languages', () => {
    expect(REASON_CODES.siteHasOwnGenerator.zh).toMatch(/自备发电机/);
    expect(REASON_CODES.siteHasOwnGenerator.en).toMatch(/own standby generator/);
  });
});
