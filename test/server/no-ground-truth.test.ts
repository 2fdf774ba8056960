// Every message the server sends to a player terminal over a whole drill,
// checked against a headless replay of the drill's log at the same second:
// no outage cause of a site nobody has inspected, no road state the players
// have not seen, no grid, no other department's teams or commands, no hidden
// KPI — and the diffs add up to exactly the seat's view (drill/view.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../src/drill/channel.ts';
import { GRID_VIEW, kpiVisibleTo, KPI_IDS, SITE_VIEW, TEAM_VIEW_HIDDEN, writeRoadView, writeSiteView } from '../../src/drill/view.ts';
import { DrillDriver } from '../../src/engine/driver.ts';
import type { Command } from '../../src/model/commands.ts';
import { ROAD_STATUS } from '../../src/model/state.ts';
import { decodeMessage, QUESTIONS } from '../../workers/server/protocol.ts';
import { JISHISHAN, loadWorld } from '../helpers.ts';
import { linkOf, startTestServer, type TestServer } from './helpers.ts';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

describe('a player terminal over a whole drill', () => {
  it('receives no outage cause of an uninspected site, no road state its seat has not seen, and nothing else it may not see', async () => {
    const created = (await ts.api('POST', '/api/drills', { scenario: 'jishishan-2023', seed: 7, speed: 60_000, paused: true, seats: { cmcc: 'person' } })).body;
    const cmcc = ts.terminal(linkOf(created, 'cmcc'));
    await cmcc.waitFor((m) => m.t === 'frame');
    await ts.api('POST', `/api/drills/${created.drill}/control`, { action: 'resume' });
    await cmcc.reach(2 * 3600);
    await cmcc.command('activateTeam', { teamId: 'tm-cmcc-gansu-em' });
    await cmcc.command('assignTask', { teamId: 'tm-cmcc-jss-1', task: 'inspectSite', targetId: 's-jss-002' });
    // Asking for the score, the report or the script gets a refusal, not the answer (every text is scanned below too).
    for (const what of Object.keys(QUESTIONS)) expect(await cmcc.ask(what, 'en')).toMatchObject({ ok: false, code: 'controlCellOnly' });
    await cmcc.waitFor((m) => m.t === 'ended', 60_000, 'the end', true);
    expect(cmcc.texts.filter((t) => decodeMessage(t).t === 'answer').map((t) => (decodeMessage(t) as { ok: boolean }).ok)).toEqual(Object.keys(QUESTIONS).map(() => false));

    const world = loadWorld(JISHISHAN);
    const report = (await ts.api('GET', `/api/drills/${created.drill}/report`)).body;
    expect(report.untilSec).toBe(world.durationSec);
    const commands: Command[] = report.commands.filter((c: { by?: string }) => c.by !== 'doctrine').map(({ tSec, seat, type, args }: Command) => ({ tSec, seat, type, args }));
    const driver = DrillDriver.start(world, report.seed, { doctrineSeats: report.doctrineSeats });
    for (const c of commands) driver.submit(c);

    const nSites = world.sites.ids.length, nRoads = world.roads.ids.length;
    const sites = new Uint8Array(nSites).fill(255), roads = new Uint8Array(nRoads).fill(255);
    const viewSites = new Uint8Array(nSites), viewRoads = new Uint8Array(nRoads);
    let frames = 0, causesShown = 0, unknownRoadsWhileDamaged = 0, roadsShownKnown = 0;
    const ownTeams = world.teams.map((t) => t.org === 'cmcc');
    for (const text of cmcc.texts) {
      // Nothing in any message names the engine's ground-truth fields.
      expect(text).not.toMatch(/"(outCause|damageState|powerSource|inspected|fuelSec|energised|maxIntensity)"/);
      const m = decodeMessage(text);
      if (m.t !== 'frame') continue;
      const f = m.frame as Frame;
      frames++;
      if (f.tSec > driver.reachedSec) driver.advanceTo(f.tSec);
      expect(driver.reachedSec).toBe(f.tSec);
      const state = driver.sim.state;
      for (let i = 0; i < f.siteIdx.length; i++) sites[f.siteIdx[i]] = f.siteCode[i];
      for (let i = 0; i < f.roadIdx.length; i++) roads[f.roadIdx[i]] = f.roadCode[i];
      for (let s = 0; s < nSites; s++) {
        const code = sites[s];
        expect(code === SITE_VIEW.UP_BATTERY || code === SITE_VIEW.UP_GENERATOR).toBe(false);
        if (code >= SITE_VIEW.DOWN_POWER) {
          causesShown++;
          expect(state.sites.inspected[s], `site ${world.sites.ids[s]} shown with a cause at T+${f.tSec} before anyone inspected it`).toBeTruthy();
        }
      }
      for (let r = 0; r < nRoads; r++) {
        expect(roads[r], `road ${world.roads.ids[r]} at T+${f.tSec}`).toBe(state.roads.known[r]);
        if (roads[r] !== 0) roadsShownKnown++;
        else if (state.roads.status[r] !== ROAD_STATUS.OPEN) unknownRoadsWhileDamaged++;
      }
      // The picture the diffs add up to is exactly the seat's view.
      expect(Array.from(sites)).toEqual(Array.from(writeSiteView(world, state, 'cmcc', viewSites)));
      expect(Array.from(roads)).toEqual(Array.from(writeRoadView(state, 'cmcc', viewRoads)));
      expect(f.feederCode.every((c) => c === GRID_VIEW.UNKNOWN) && f.substationCode.every((c) => c === GRID_VIEW.UNKNOWN)).toBe(true);
      KPI_IDS.forEach((id, k) => {
        if (!kpiVisibleTo('cmcc', id)) expect(Number.isNaN(f.kpis[k]), `KPI ${id}`).toBe(true);
      });
      for (let t = 0; t < world.teams.length; t++) if (!ownTeams[t]) expect(f.teamStatus[t]).toBe(TEAM_VIEW_HIDDEN);
      for (const e of f.log) expect(e.seat).toBe('cmcc');
      for (const task of f.teamTasks) expect(ownTeams[task.team]).toBe(true);
      f.poolsLeft.forEach((left, p) => {
        if (world.generatorPools[p].org !== 'cmcc') expect(left).toBe(-1);
      });
    }
    // The drill gave the checks something to bite on: causes revealed by inspections, roads damaged but unknown.
    expect(frames).toBeGreaterThan(20);
    expect(causesShown).toBeGreaterThan(0);
    expect(unknownRoadsWhileDamaged).toBeGreaterThan(0);
    expect(roadsShownKnown).toBeGreaterThan(0);
    expect(driver.hash()).toBe(report.finalStateHash);
  });
});
