// Teams, tasks, UAVs, the gate and the doctrine on small hand-made worlds.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/engine/run.ts';
import { Sim } from '../src/engine/sim.ts';
import { POWER_SOURCE, TEAM_STATUS, UAV_STATUS } from '../src/model/state.ts';
import { decodeSnapshotFile, encodeSnapshotFile } from '../src/engine/snapshot-file.ts';
import { tripFeeder } from '../src/infra/power.ts';
import { blockRoad, forgetRoad } from '../src/infra/roads.ts';
import { replanJourneys } from '../src/response/teams.ts';
import { loadWorld, ROOT, tinyWorld } from './helpers.ts';
import { join } from 'node:path';
import { DrillDriver } from '../src/engine/driver.ts';
import { makeProjection } from '../src/core/geo.ts';
import * as townships from '../src/infra/townships.ts';
import { refreshSite } from '../src/infra/sites.ts';
import { DOCTRINE_EPICENTRAL_PRIORITY } from '../src/response/doctrine.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Docs = Record<string, any>;

/** The tiny world with a base beside township t-a, teams and UAVs. */
function withForces(extra: (d: Docs) => void = () => {}) {
  return tinyWorld((d) => {
    d['scenario.json'].layers.bases = 'layers/bases.geojson';
    d['layers/bases.geojson'] = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [103.0, 35.0] }, properties: { id: 'b-county', nameZh: '县城' } }],
    };
    d['scenario.json'].resources.teams = [
      { id: 'cmcc-crew', nameZh: '移动抢修队', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-county', activationDelaySec: 600, crew: 4, modes: ['road', 'foot'], loadout: { generators: 2, fuelHours: 2, spares: 1 } },
      { id: 'cmcc-truck', nameZh: '移动应急车', org: 'cmcc', level: 'county', kind: 'operatorCrew', base: 'b-county', activationDelaySec: 600, crew: 3, modes: ['road'], loadout: { generators: 1 } },
      { id: 'national-comms', nameZh: '国家应急通信队', org: 'emhq', level: 'national', kind: 'commsTeam', base: 'b-county', origin: [108.9, 34.3], activationDelaySec: 3600, crew: 20, modes: ['road'], loadout: { satPhones: 4, beidou: 4 } },
    ];
    d['scenario.json'].resources.uavs = [{ id: 'uav-medium', org: 'emhq', class: 'mediumHelicopter', airfield: [103.5, 35.0] }];
    extra(d);
  });
}

const siteIndex = (w: ReturnType<typeof withForces>, id: string) => w.sites.ids.indexOf(id);
const roadIndex = (w: ReturnType<typeof withForces>, id: string) => w.roads.ids.indexOf(id);

describe('teams on the damaged road network', () => {
  it('reaches a site on foot when the road is cut, and a road-only team is refused with noRoute', () => {
    const w = withForces();
    const sim = Sim.create(w, 1);
    sim.advanceTo(700); // county teams ready at 600 s
    blockRoad(sim.ctx, roadIndex(w, 'r-2'));
    sim.submit({ tSec: 701, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-truck', task: 'inspectSite', targetId: 's-3' } });
    sim.submit({ tSec: 702, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'inspectSite', targetId: 's-3' } });
    sim.advanceTo(702);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ rejected: 'noRoute' }, { ok: true }]);
    const journey = sim.state.journeys[w.teams.findIndex((t) => t.id === 'cmcc-crew')]!;
    expect(journey.trip.mode).toBe('foot');
    sim.advanceTo(journey.arriveSec + 1800);
    expect(sim.state.sites.inspected[siteIndex(w, 's-3')]).toBe(1);
    expect(sim.state.tasks[0].status).toBe('done');
  });

  it('fails a journey mid-trip when the road ahead is cut and no mode can go on', () => {
    const w = withForces();
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 601, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-truck', task: 'inspectSite', targetId: 's-3' } });
    sim.advanceTo(900);
    const t = w.teams.findIndex((x) => x.id === 'cmcc-truck');
    expect(sim.state.teams.status[t]).toBe(TEAM_STATUS.TRAVELLING);
    // Cut the far road while the truck is on the first one; the engine re-plans after any event that changes roads.
    blockRoad(sim.ctx, roadIndex(w, 'r-2'));
    replanJourneys(sim.ctx);
    expect(sim.state.tasks[0].status).toBe('failed');
    expect(sim.state.tasks[0].reason).toBe('noRoute');
  });

  it('hooks a generator that runs the site until its fuel ends, then the battery takes over', () => {
    const w = withForces();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    tripFeeder(sim.ctx, w.feeders.ids.indexOf('f-2'), 3600); // s-2: 19 kWh at 4.6 kW
    sim.submit({ tSec: 601, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'hookGenerator', targetId: 's-2' } });
    sim.advanceTo(601);
    const arrive = sim.state.journeys[w.teams.findIndex((x) => x.id === 'cmcc-crew')]!.arriveSec;
    const hooked = arrive + 1800;
    sim.advanceTo(hooked);
    const s = siteIndex(w, 's-2');
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.GENERATOR);
    sim.advanceTo(hooked + 2 * 3600 - 1);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.GENERATOR);
    sim.advanceTo(hooked + 2 * 3600);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.BATTERY);
  });

  it('brings a cross-regional team after activation plus its long haul', () => {
    const w = withForces();
    const t = w.teams.findIndex((x) => x.id === 'national-comms');
    // Xi'an (108.9E 34.3N) to the county: about 540 km at 60 km/h ≈ 9 h.
    expect(w.teams[t].longHaulSec / 3600).toBeGreaterThan(8.5);
    expect(w.teams[t].longHaulSec / 3600).toBeLessThan(9.5);
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 10, seat: 'cmcc', type: 'activateTeam', args: { teamId: 'national-comms' } });
    sim.submit({ tSec: 11, seat: 'emhq', type: 'activateTeam', args: { teamId: 'national-comms' } });
    sim.advanceTo(11);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ rejected: 'notPermitted' }, { ok: true }]);
    expect(sim.state.teams.readyAtSec[t]).toBe(11 + 3600 + w.teams[t].longHaulSec);
  });

  it('refuses commands for permission and for legality with reason codes', () => {
    const w = withForces();
    const sim = Sim.create(w, 1);
    const cmds = [
      { seat: 'cucc', args: { teamId: 'cmcc-crew', task: 'inspectSite', targetId: 's-1' } }, // not cucc's team
      { seat: 'cmcc', args: { teamId: 'cmcc-crew', task: 'repairSite', targetId: 's-1' } }, // nothing damaged
      { seat: 'cmcc', args: { teamId: 'cmcc-crew', task: 'clearRoad', targetId: 'r-1' } }, // not a crew's job
      { seat: 'evaluator', args: { teamId: 'cmcc-crew', task: 'inspectSite', targetId: 's-1' } },
    ];
    cmds.forEach((c, i) => sim.submit({ tSec: 700 + i, type: 'assignTask', ...c }));
    sim.advanceTo(800);
    expect(sim.state.commandLog.map((c) => c.result)).toEqual([
      { rejected: 'notPermitted' },
      { rejected: 'nothingToDo' },
      { rejected: 'wrongTeamKind' },
      { rejected: 'notPermitted' },
    ]);
  });
});

describe('helicopter airlift', () => {
  const airWorld = (wind: number) =>
    withForces((d) => {
      d['scenario.json'].layers.landingZones = 'layers/lz.geojson';
      d['layers/lz.geojson'] = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: [103.01, 35.0] }, properties: { id: 'lz-county' } },
          { type: 'Feature', geometry: { type: 'Point', coordinates: [103.55, 35.44] }, properties: { id: 'lz-far' } },
        ],
      };
      d['scenario.json'].resources.helicopters = [{ id: 'heli-1', org: 'emhq', capacity: 12, windLimit: 6 }];
      d['scenario.json'].resources.teams[1].modes = ['helicopter']; // the truck's crew flies
      d['scenario.json'].weather = wind ? [{ fromSec: 0, toSec: 6 * 3600, windForce: wind }] : [];
    });

  it('lifts a team between landing zones when the weather allows, and the aircraft is busy meanwhile', () => {
    const w = airWorld(0);
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 700, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-truck', task: 'inspectSite', targetId: 's-3' } });
    sim.advanceTo(700);
    expect(sim.state.commandLog[0].result).toEqual({ ok: true });
    const journey = sim.state.journeys[w.teams.findIndex((t) => t.id === 'cmcc-truck')]!;
    expect(journey.trip.mode).toBe('helicopter');
    // ~64 km at 220 km/h plus 30 min overhead plus short legs: well under 2 h.
    expect(journey.arriveSec - 700).toBeLessThan(2 * 3600);
    expect(sim.state.helicopterBusyUntilSec[0]).toBeGreaterThan(700);
  });

  it('is grounded by wind above the aircraft limit', () => {
    const sim = Sim.create(airWorld(8), 1);
    sim.submit({ tSec: 700, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-truck', task: 'inspectSite', targetId: 's-3' } });
    sim.advanceTo(700);
    expect(sim.state.commandLog[0].result).toEqual({ rejected: 'groundedByWeather' });
  });
});

describe('UAVs', () => {
  it('covers its footprint while on station, leaves when its endurance runs out, and the coverage goes with it', () => {
    const w = withForces();
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 100, seat: 'emhq', type: 'deployUav', args: { uavId: 'uav-medium', townshipId: 't-a' } });
    sim.advanceTo(100);
    const onStation = sim.state.uavs.onStationAtSec[0];
    const leave = sim.state.uavs.leaveAtSec[0];
    expect(leave - onStation).toBeGreaterThan(2 * 3600); // 4 h sortie less two short transits
    sim.advanceTo(onStation);
    expect(sim.state.uavs.status[0]).toBe(UAV_STATUS.ON_STATION);
    expect(sim.state.cells.filter((c) => c.on).length).toBe(1);
    sim.advanceTo(leave);
    expect(sim.state.cells.filter((c) => c.on).length).toBe(0);
  });

  it('with a reconnaissance payload: on station it sees the roads beneath it, opens no cell and is not counted as a UAV base-station sortie', () => {
    const recon = () => withForces((d) => (d['scenario.json'].resources.uavs[0].payload = 'reconnaissance'));
    const w = recon();
    // Over the middle of r-1: its midpoint is under the footprint.
    const over = makeProjection(w.origin.lon, w.origin.lat).toLonLat(w.roads.midXM[0], w.roads.midYM[0]);
    expect(w.uavs[0].payload).toBe('reconnaissance');
    expect(withForces().uavs[0].payload).toBe('baseStation');
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 100, seat: 'emhq', type: 'deployUav', args: { uavId: 'uav-medium', at: over } });
    sim.advanceTo(100);
    // The same sortie as a base-station payload's: only what it does on station differs.
    const base = Sim.create(withForces(), 1);
    base.submit({ tSec: 100, seat: 'emhq', type: 'deployUav', args: { uavId: 'uav-medium', at: over } });
    base.advanceTo(100);
    expect(sim.state.uavs.onStationAtSec[0]).toBe(base.state.uavs.onStationAtSec[0]);
    const onStation = sim.state.uavs.onStationAtSec[0];
    // Nobody has seen the roads (as after a shock of VI or more).
    sim.advanceTo(onStation - 1);
    w.roads.ids.forEach((_, r) => forgetRoad(sim.ctx, r));
    const unseen = w.roads.ids.length;
    sim.advanceTo(onStation);
    expect(sim.state.uavs.status[0]).toBe(UAV_STATUS.ON_STATION);
    expect(sim.state.uavSortiesOnStation).toBe(0); // not a UAV base station's sortie
    expect(sim.state.cells.length).toBe(0);
    expect(Array.from(sim.state.roads.known).filter((k) => k === 0).length).toBeLessThan(unseen);
    base.advanceTo(onStation);
    expect(base.state.cells.filter((c) => c.on).length).toBe(1);
  });

  it('with a reconnaissance payload does not answer a department\'s request for a UAV base station; a base-station UAV does', () => {
    for (const [payload, answered] of [['reconnaissance', false], ['baseStation', true]] as const) {
      const sim = Sim.create(withForces((d) => (d['scenario.json'].resources.uavs[0].payload = payload)), 1);
      sim.submit({ tSec: 50, seat: 'cmcc', type: 'requestSupport', args: { kind: 'uav', townshipId: 't-a' } });
      sim.submit({ tSec: 100, seat: 'emhq', type: 'deployUav', args: { uavId: 'uav-medium', townshipId: 't-a' } });
      sim.advanceTo(100);
      expect(sim.state.commandLog.map((c) => c.result)).toEqual([{ ok: true }, { ok: true }]);
      expect(sim.state.requests[0].actionedAtSec >= 0, payload).toBe(answered);
    }
  });

  it('is refused while grounded by weather that outlasts the longest wait', () => {
    const w = withForces((d) => (d['scenario.json'].weather = [{ fromSec: 0, toSec: 48 * 3600, windForce: 9 }]));
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 100, seat: 'emhq', type: 'deployUav', args: { uavId: 'uav-medium', townshipId: 't-a' } });
    sim.advanceTo(100);
    expect(sim.state.commandLog[0].result).toEqual({ rejected: 'groundedByWeather' });
  });
});

describe('the doctrine responder', () => {
  it('acts through the gate, and turning it on never changes what the quake breaks', () => {
    const build = () => withForces((d) => (d['scenario.json'].hazards[0].tSec = 600));
    const w = build();
    const off = Sim.create(w, 3, undefined, []);
    const on = Sim.create(build(), 3, undefined, ['emhq', 'cmcc']);
    off.advanceTo(600);
    on.advanceTo(600);
    expect(Array.from(on.state.sites.damageState)).toEqual(Array.from(off.state.sites.damageState));
    expect(Array.from(on.state.substations.damageState)).toEqual(Array.from(off.state.substations.damageState));
    expect(Array.from(on.state.feeders.tripped)).toEqual(Array.from(off.state.feeders.tripped));
    on.advanceTo(3600);
    const doctrine = on.state.commandLog.filter((c) => c.by === 'doctrine');
    expect(doctrine.some((c) => c.type === 'activateTeam' && 'ok' in c.result)).toBe(true);
    expect(off.state.commandLog.length).toBe(0);
  });
});

describe('the doctrine with a reconnaissance UAV (Dingri 2025, seed 1)', () => {
  it('flies the Wing Loong over the hardest-hit township whose roads nobody has seen, and it covers nobody and counts in no UAV-request KPI', () => {
    const world = loadWorld(join(ROOT, 'scenarios', 'dingri-2025', 'scenario.json'));
    expect(world.uavs.map((u) => u.payload)).toEqual(['reconnaissance']);
    const driver = DrillDriver.start(world, 1, { doctrineSeats: world.settings.doctrineSeats });
    driver.advanceTo(120, () => {});
    const st = driver.sim.state;
    const sent = st.commandLog.filter((c) => c.type === 'deployUav');
    expect(sent.length).toBe(1);
    expect(sent[0].result).toEqual({ ok: true });
    // The township's sites felt the strongest degree of any (IX), and roads near its seat are still unseen.
    const t = world.townships.ids.indexOf(sent[0].args.townshipId as string);
    const degreeOf = (tw: number) => Math.max(0, ...world.sites.ids.map((_, s) => (world.sites.township[s] === tw ? Math.floor(st.sites.maxIntensity[s] + 1e-9) : 0)));
    expect(degreeOf(t)).toBe(9);
    expect(Math.max(...world.townships.ids.map((_, tw) => degreeOf(tw)))).toBe(9);
    const radiusM = Math.sqrt((50 * 1e6) / Math.PI); // the Wing Loong class's 50 km² footprint
    const unseenNear = world.roads.ids.map((_, r) => r).filter((r) => st.roads.known[r] === 0 && Math.hypot(world.roads.midXM[r] - world.townships.xM[t], world.roads.midYM[r] - world.townships.yM[t]) <= radiusM);
    expect(unseenNear.length).toBeGreaterThan(0);
    driver.advanceTo(st.uavs.onStationAtSec[0] + 60, () => {});
    expect(driver.sim.state.uavs.status[0]).toBe(UAV_STATUS.ON_STATION);
    expect(driver.sim.state.cells.some((c) => c.kind === 'uav')).toBe(false);
    // What it saw is known now; and its sortie is not a UAV base station's (uavRequests, uavRequestsServed).
    expect(unseenNear.every((r) => driver.sim.state.roads.known[r] !== 0)).toBe(true);
    expect(driver.sim.state.uavSortiesOrdered).toBe(0);
    expect(driver.sim.state.uavSortiesOnStation).toBe(0);
  });
});

describe('replay and snapshots with teams on the move', () => {
  const commands = [
    { tSec: 601, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'hookGenerator', targetId: 's-2' } },
    { tSec: 700, seat: 'emhq', type: 'deployUav', args: { uavId: 'uav-medium', townshipId: 't-b' } },
    { tSec: 800, seat: 'emhq', type: 'activateTeam', args: { teamId: 'national-comms' } },
  ];
  it('replays a command log to the same hash, and resumes from a snapshot taken mid-journey to the same hash', () => {
    const build = () => withForces((d) => (d['scenario.json'].hazards[0].tSec = 300));
    const a = runScenario(build(), { seed: 5, untilSec: 12 * 3600, commands, doctrineSeats: ['emhq', 'fire', 'cmcc'] });
    const b = runScenario(build(), { seed: 5, untilSec: 12 * 3600, commands, doctrineSeats: ['emhq', 'fire', 'cmcc'] });
    expect(b.report.finalStateHash).toBe(a.report.finalStateHash);
    const first = runScenario(build(), { seed: 5, untilSec: 12 * 3600, commands, doctrineSeats: ['emhq', 'fire', 'cmcc'], snapshotAtSec: 1200 });
    const file = decodeSnapshotFile(encodeSnapshotFile(first.snapshotFile!));
    const resumed = runScenario(build(), { seed: 5, untilSec: 12 * 3600, commands, from: file });
    expect(resumed.report.stateHashes).toEqual(a.report.stateHashes);
    expect(resumed.report.finalStateHash).toBe(a.report.finalStateHash);
    expect(a.report.commands.filter((c) => c.by === 'doctrine').length).toBeGreaterThan(0);
  });
});


describe('refuelling', () => {
  it('runs a site for exactly the fuel left plus the fuel added, when a second load arrives mid-run', () => {
    const w = withForces();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    tripFeeder(sim.ctx, w.feeders.ids.indexOf('f-2'), 3600);
    const s = siteIndex(w, 's-2');
    // A pool generator (4 h of fuel) arrives at 1800 s; at 2 h into its run the crew adds 2 h more.
    sim.submit({ tSec: 1, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 's-2', poolId: 'gp-cmcc' } });
    sim.advanceTo(1801);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.GENERATOR);
    sim.submit({ tSec: 1801 + 1, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'refuelSite', targetId: 's-2' } });
    sim.advanceTo(1802);
    const doneAt = sim.state.journeys[w.teams.findIndex((t) => t.id === 'cmcc-crew')]!.arriveSec + 1200;
    sim.advanceTo(doneAt);
    // Fuel left then: 4 h − (doneAt − 1801 s); plus 2 h from the crew's load.
    const expectedOut = doneAt + (4 * 3600 - (doneAt - 1801)) + 2 * 3600;
    sim.advanceTo(expectedOut - 1);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.GENERATOR);
    sim.advanceTo(expectedOut);
    expect(sim.state.sites.powerSource[s]).toBe(POWER_SOURCE.BATTERY);
  });
});

describe('what players know', () => {
  it('forgets an inspected cause when the site goes down for a new reason', () => {
    const w = withForces();
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const s = siteIndex(w, 's-1');
    sim.state.sites.inspected[s] = 1; // as after an inspection while on air
    tripFeeder(sim.ctx, w.feeders.ids.indexOf('f-1'), 3600);
    sim.advanceTo(36_000); // battery empty: off air for power, a new cause
    expect(sim.state.sites.outCause[s]).toBe(1);
    expect(sim.state.sites.inspected[s]).toBe(0);
  });
});

describe('road knowledge', () => {
  it('becomes known when a team drives the road, and a road crew reports what it cleared', () => {
    const w = withForces((d) => (d['scenario.json'].hazards[0].tSec = 300));
    const sim = Sim.create(w, 1);
    sim.advanceTo(300);
    const r1 = roadIndex(w, 'r-1');
    // The quake near t-a shook r-1 hard: nobody knows its state now.
    expect(sim.state.roads.known[r1]).toBe(0);
    sim.submit({ tSec: 700, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-crew', task: 'inspectSite', targetId: 's-2' } });
    sim.advanceTo(700);
    const journey = sim.state.journeys[w.teams.findIndex((t) => t.id === 'cmcc-crew')]!;
    expect(Array.from(journey.trip.route.edges)).toEqual([r1]); // by road, along r-1
    sim.advanceTo(journey.arriveSec - 1);
    expect(sim.state.roads.known[r1]).toBe(0);
    sim.advanceTo(journey.arriveSec);
    expect(sim.state.roads.known[r1]).toBe(sim.state.roads.status[r1] + 1);
  });
});

describe('re-planning under a moving team', () => {
  it('takes a detour when the road ahead closes, and its shown position does not jump', async () => {
    const { teamPosition } = await import('../src/response/teams.ts');
    const w = withForces((d) => {
      // A detour from the end of r-1 to s-3 that avoids r-2.
      d['layers/roads.geojson'].features.push(
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[103.1, 35.0], [103.3, 35.3]] }, properties: { id: 'r-5', roadClass: 'county' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[103.3, 35.3], [103.55, 35.45]] }, properties: { id: 'r-6', roadClass: 'county' } },
      );
    });
    const sim = Sim.create(w, 1);
    sim.submit({ tSec: 601, seat: 'cmcc', type: 'assignTask', args: { teamId: 'cmcc-truck', task: 'inspectSite', targetId: 's-3' } });
    sim.advanceTo(900);
    const t = w.teams.findIndex((x) => x.id === 'cmcc-truck');
    const first = sim.state.journeys[t]!;
    expect(Array.from(first.trip.route.edges)).toEqual([roadIndex(w, 'r-1'), roadIndex(w, 'r-2')]);
    const before = teamPosition(sim.ctx, t, 900);
    blockRoad(sim.ctx, roadIndex(w, 'r-2'));
    replanJourneys(sim.ctx);
    const second = sim.state.journeys[t]!;
    expect(sim.state.tasks[0].status).toBe('travelling');
    expect(Array.from(second.trip.route.edges)).toEqual([roadIndex(w, 'r-5'), roadIndex(w, 'r-6')]);
    const after = teamPosition(sim.ctx, t, 900);
    expect(Math.hypot(after.xM - before.xM, after.yM - before.yM)).toBeLessThan(1);
    sim.advanceTo(second.arriveSec);
    expect(sim.state.tasks[0].status).toBe('working');
  });
});

describe('the doctrine brings emergency links to the hardest-hit township first', () => {
  it('sends its one communications vehicle to 500 people who felt VIII before 1,000 who felt VII (3 × 500 > 1,000)', () => {
    const w = tinyWorld((d) => {
      d['scenario.json'].layers.bases = 'layers/bases.geojson';
      // Half-way between t-a (103.0) and t-b (103.1), so distance decides nothing.
      d['layers/bases.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [103.05, 35.0] }, properties: { id: 'b-mid', nameZh: '中点' } }] };
      // A road node at the base: the vehicle cannot be walked in (deployCommsVehicle is not a walk-in task), so it
      // must start on the road, and the tiny county's one 9 km segment from t-a to t-b has no node near the middle.
      const roads = d['layers/roads.geojson'].features;
      const r1 = roads.findIndex((f: { properties: { id: string } }) => f.properties.id === 'r-1');
      const half = (id: string, coordinates: number[][]) => ({ ...roads[r1], geometry: { type: 'LineString', coordinates }, properties: { ...roads[r1].properties, id } });
      roads.splice(r1, 1, half('r-1a', [[103.0, 35.0], [103.05, 35.0]]), half('r-1b', [[103.05, 35.0], [103.1, 35.0]]));
      d['scenario.json'].resources.teams = [
        { id: 'emhq-comms', nameZh: '应急通信队', org: 'emhq', level: 'county', kind: 'commsTeam', base: 'b-mid', activationDelaySec: 600, crew: 6, modes: ['road', 'foot'], loadout: { commsVehicles: 1 } },
      ];
      d['scenario.json'].settings.doctrineSeats = ['emhq'];
    });
    const sim = Sim.create(w, 1);
    sim.advanceTo(0);
    const { markAffected } = townships;
    for (const [id, felt] of [['s-1', 7], ['s-2', 8]] as const) {
      const s = w.sites.ids.indexOf(id);
      sim.state.sites.maxIntensity[s] = felt;
      sim.state.sites.damageState[s] = 4;
      refreshSite(sim.ctx, s);
    }
    markAffected(sim.ctx, w.townships.ids.indexOf('t-a'));
    markAffected(sim.ctx, w.townships.ids.indexOf('t-b'));
    sim.advanceTo(3600);
    const first = sim.state.commandLog.find((c) => c.type === 'assignTask' && c.args.task === 'deployCommsVehicle');
    expect(DOCTRINE_EPICENTRAL_PRIORITY).toMatchObject({ fromIntensity: 8, factor: 3 });
    expect(first?.args.targetId).toBe('t-b');
    expect(first?.result).toEqual({ ok: true });
  });
});
