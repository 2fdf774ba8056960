// The task registry: a task added as one spec (layTemporaryFibre) works end
// to end through the gate, the teams and the effect, and the derived tables
// the console reads come from the registry.
import { describe, expect, it } from 'vitest';
import { Sim } from '../engine/sim.ts';
import { OUT_CAUSE } from '../model/state.ts';
import { TEMPORARY_FIBRE } from '../model/params/tasks.ts';
import { cutFibre } from '../infra/roads.ts';
import { tinyWorldWithTeams } from '../../test/helpers.ts';
import { TASK_TYPES, taskSpec, tasksByTeamKind } from './tasks.ts';

/** The tiny world with one operator crew beside s-2, whose fibre follows r-1. */
function world() {
  return tinyWorldWithTeams([103.1, 35.0], [
    { id: 'cmcc-crew', nameZh: '移动抢修队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-1', activationDelaySec: 600, crew: 4, modes: ['road', 'foot'], loadout: {} },
  ], (d) => {
    const s2 = d['layers/sites.geojson'].features.find((f: { properties: { id: string } }) => f.properties.id === 's-2');
    s2.properties.fibreRoads = ['r-1'];
  });
}

describe('layTemporaryFibre, a task added as one spec', () => {
  it('restores a cut segment after set-up plus its length at the laying pace, and is refused where there is nothing to do', () => {
    const w = world();
    const sim = Sim.create(w, 1);
    const r1 = w.roads.ids.indexOf('r-1');
    const s2 = w.sites.ids.indexOf('s-2');
    sim.advanceTo(700);
    cutFibre(sim.ctx, r1);
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.TRANSPORT);
    sim.submit({ tSec: 701, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'layTemporaryFibre', targetId: 'r-2' } });
    sim.submit({ tSec: 702, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'layTemporaryFibre', targetId: 'r-1' } });
    sim.advanceTo(702);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ rejected: 'nothingToDo' }, { ok: true }]);

    const task = sim.state.tasks[0];
    sim.advanceTo(4 * 3600);
    expect(task.status).toBe('working');
    // r-1 is about 9.1 km: 30 min set-up + 9.1 km at 1.2 km/h ≈ 8.1 h of work.
    const lengthKm = w.roads.lengthM[r1] / 1000;
    expect(lengthKm).toBeGreaterThan(9);
    expect(lengthKm).toBeLessThan(9.2);
    const workSec = TEMPORARY_FIBRE.setupSec.value + Math.ceil((lengthKm / TEMPORARY_FIBRE.layKmh.value) * 3600);
    sim.advanceTo(task.arrivedAtSec + workSec - 1);
    expect(sim.state.roads.fibreCut[r1]).toBe(1);
    sim.advanceTo(task.arrivedAtSec + workSec);
    expect(task.status).toBe('done');
    expect(sim.state.roads.fibreCut[r1]).toBe(0);
    expect(sim.state.counts.fibreCuts).toBe(0);
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.NONE);
  });

  it('reads its pace from the run\'s parameters: a params override of the laying speed changes the work time', () => {
    const base = world();
    const w = { ...base, params: { ...base.params, tasks: { ...base.params.tasks, TEMPORARY_FIBRE: { ...base.params.tasks.TEMPORARY_FIBRE, layKmh: { value: 2.4, source: 'override: test' } } } } };
    const sim = Sim.create(w, 1);
    const r1 = w.roads.ids.indexOf('r-1');
    sim.advanceTo(700);
    cutFibre(sim.ctx, r1);
    sim.submit({ tSec: 701, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'layTemporaryFibre', targetId: 'r-1' } });
    sim.advanceTo(4 * 3600);
    const task = sim.state.tasks[0];
    const workSec = TEMPORARY_FIBRE.setupSec.value + Math.ceil((w.roads.lengthM[r1] / 1000 / 2.4) * 3600);
    sim.advanceTo(task.arrivedAtSec + workSec - 1);
    expect(sim.state.roads.fibreCut[r1]).toBe(1);
    sim.advanceTo(task.arrivedAtSec + workSec);
    expect(sim.state.roads.fibreCut[r1]).toBe(0);
  });

  it('takes longer at altitude for site and road targets: inspecting s-2 at 4,300 m round(1,800 × 1.37 ÷ 1.13) = 2,182 s, mending r-1\'s cut round(14,400 × 1.37 ÷ 1.13) = 17,458 s', () => {
    const high = (elevationM: number) =>
      tinyWorldWithTeams([103.1, 35.0], [
        { id: 'cmcc-crew', nameZh: '移动抢修队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-1', activationDelaySec: 600, crew: 4, modes: ['road', 'foot'], loadout: {} },
      ], (d) => {
        for (const f of d['layers/sites.geojson'].features) if (f.properties.id === 's-2') Object.assign(f.properties, { fibreRoads: ['r-1'], elevationM });
        for (const f of d['layers/roads.geojson'].features) f.properties.elevationM = elevationM;
      });
    const workSec = (elevationM: number, task: string, targetId: string, cut: boolean) => {
      const w = high(elevationM);
      const sim = Sim.create(w, 1);
      sim.advanceTo(700);
      if (cut) cutFibre(sim.ctx, w.roads.ids.indexOf('r-1'));
      sim.submit({ tSec: 701, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task, targetId } });
      sim.advanceTo(24 * 3600);
      const t = sim.state.tasks[0];
      expect(t.status).toBe('done');
      return t.doneAtSec - t.arrivedAtSec;
    };
    expect(workSec(4300, 'inspectSite', 's-2', false)).toBe(2182);
    expect(workSec(1500, 'inspectSite', 's-2', false)).toBe(1800);
    // A cut at a point: the 4 h of splices alone (no cable lost), at the road's altitude.
    expect(workSec(4300, 'repairFibre', 'r-1', true)).toBe(17_458);
    expect(workSec(1500, 'repairFibre', 'r-1', true)).toBe(14_400);
  });

  it('is offered to the kinds of team its spec names, and a road crew is refused it', () => {
    const byKind = tasksByTeamKind();
    expect(byKind.operatorCrew).toContain('layTemporaryFibre');
    expect(byKind.commsTeam).toContain('layTemporaryFibre');
    expect(byKind.roadCrew).toEqual(['clearRoad']);
    expect(byKind.powerCrew).toEqual(['hookGenerator', 'refuelSite', 'restoreSubstation', 'repairFeeder']);
    expect(TASK_TYPES).toContain('layTemporaryFibre');
    expect(taskSpec('layTemporaryFibre').target).toBe('road');
  });
});
