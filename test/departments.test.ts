// A department added as one row of the seat table (China Satcom, 中国卫通):
// scenarios may field its teams, it commands them and no one else's, and the
// doctrine plays it by the generic procedure when no person does.
import { describe, expect, it } from 'vitest';
import { Sim } from '../src/engine/sim.ts';
import { DEPARTMENTS, isSeat, SEATS } from '../src/model/seats.ts';
import { SEAT_NAMES } from '../src/scoring/i18n.ts';
import { tinyWorldWithTeams } from './helpers.ts';

function world(quakeAtSec: number) {
  return tinyWorldWithTeams([103.0, 35.0], [
    { id: 'satcom-1', nameZh: '卫通应急分队', org: 'satcom', level: 'city', kind: 'commsTeam', base: 'b-1', activationDelaySec: 600, crew: 6, modes: ['road', 'foot'], loadout: { satPhones: 6, beidou: 6, vsat: 2, portableBaseStations: 1 } },
  ], (d) => {
    d['scenario.json'].hazards[0].tSec = quakeAtSec;
  });
}

describe('the satcom department', () => {
  it('is a seat and a department with names in both languages', () => {
    expect(isSeat('satcom')).toBe(true);
    expect(DEPARTMENTS).toContain('satcom');
    expect(SEATS.indexOf('satcom')).toBeGreaterThan(SEATS.indexOf('fire'));
    expect(SEAT_NAMES.satcom).toEqual({ zh: '中国卫通', en: 'China Satcom' });
  });

  it('commands its own team through the gate; another department is refused', () => {
    const w = world(12 * 3600);
    const sim = Sim.create(w, 1, undefined, []);
    sim.submit({ tSec: 700, seat: 'cmcc', type: 'assignTask', args: { teamId: 'satcom-1', task: 'deliverTerminals', targetId: 't-b' } });
    sim.submit({ tSec: 701, seat: 'satcom', type: 'assignTask', args: { teamId: 'satcom-1', task: 'deliverTerminals', targetId: 't-b' } });
    sim.advanceTo(701);
    expect(sim.state.commandLog.map((c) => [c.seat, c.result])).toEqual([
      ['cmcc', { rejected: 'notPermitted' }],
      ['satcom', { ok: true }],
    ]);
  });

  it('is played by the doctrine, through the gate, when no person plays it', () => {
    const w = world(600);
    const sim = Sim.create(w, 1, undefined, ['satcom']);
    sim.advanceTo(6 * 3600);
    const mine = sim.state.commandLog.filter((c) => c.seat === 'satcom' && c.by === 'doctrine');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.type === 'assignTask')).toBe(true);
    expect(mine.some((c) => 'ok' in c.result)).toBe(true);
  });
});
