// The simulation: one World, one SimState, and the systems that change it,
// driven by the event queue. Commands come due at the start of their second,
// before that second's events, so a command log replays into exactly the
// same order of changes however the log was produced.
import { encodeState, decodeState } from '../core/codec.ts';
import { Hasher } from '../core/hash.ts';
import { emptyQueue, peek, pop, type SimEvent } from '../core/queue.ts';
export { buildWorldIndex } from './world-index.ts';
import { RngStreams } from '../core/rng.ts';
import { emptyCoverage } from '../infra/coverage.ts';
import { HAZARDS } from '../hazards/registry.ts';
import { initialisePower, onSubstationRestored, onSupplyTransferred } from '../infra/power.ts';
import { initialiseSites, onGeneratorArrives, onSitePowerCheck } from '../infra/sites.ts';
import { commandShapeError, gateAndLog } from '../response/commands.ts';
import { type Command } from '../model/commands.ts';
import { initialiseInjects, onExpectationDeadline, onInjectDue } from '../response/injects.ts';
import { onDoctrineTick, scheduleDoctrine } from '../response/doctrine.ts';
import type { World } from '../model/world.ts';
import type { Ctx, WorldIndex } from '../model/context.ts';
import { buildWorldIndex } from './world-index.ts';
import { NEVER, type SimState } from '../model/state.ts';
import { initialiseTeams, onTaskDone, onTeamArrives, onTeamReady, onTeamRested, replanJourneys } from '../response/teams.ts';
import { onUavLands, onUavLeaves, onUavOnStation } from '../response/uavs.ts';

/**
 * The engine's behaviour: a saved report, snapshot or drill replays only in the version that made it. Bumped with
 * every change of behaviour; test/golden-hashes.test.ts keeps the golden pins with their version and catches a
 * change that moves a pin, the others need the author's care.
 * 0.2.0: every change after 0.1.0's long life, landing together: the doctrine's backhaul rules, airlift and boat
 * reachability and the ring fibre target (e34e94e, d85658c, c395862, 4a6cb1a).
 * 0.3.0: batteries give less in the cold (weather windows' airTempC) and work on site takes longer above the
 * band of the model's 2,500 m baseline, 3,000 m with the default bands (WORK_AT_ALTITUDE); the doctrine sends a
 * crew to every cut on a site's fibre path at once, not to the first alone, and keeps a job many sites ask for
 * once in its shortlist (neither moved a golden pin).
 */
export const ENGINE_VERSION = '0.3.0';
export const SNAPSHOT_FORMAT = 'drilltwin/snapshot@1';

type Handler = (ctx: Ctx, data: never) => void;

/** Every event kind and the system that handles it; hazards bring their own. */
const HANDLERS: Record<string, Handler> = {
  ...Object.assign({}, ...HAZARDS.map((h) => h.handlers)),
  substationRestored: onSubstationRestored,
  supplyTransferred: onSupplyTransferred,
  sitePowerCheck: onSitePowerCheck,
  generatorArrives: onGeneratorArrives,
  teamReady: onTeamReady,
  teamArrives: onTeamArrives,
  taskDone: onTaskDone,
  teamRested: onTeamRested,
  uavOnStation: onUavOnStation,
  uavLeaves: onUavLeaves,
  uavLands: onUavLands,
  doctrineTick: onDoctrineTick,
  injectDue: onInjectDue,
  expectationDeadline: onExpectationDeadline,
};

/** Every kind of event the queue may hold (a restored snapshot's queue is checked against it). */
export const EVENT_KINDS: readonly string[] = Object.keys(HANDLERS);

function emptyState(world: World): SimState {
  const nSites = world.sites.ids.length;
  const nSubs = world.substations.ids.length;
  const nFeeders = world.feeders.ids.length;
  const nRoads = world.roads.ids.length;
  const nTeams = world.teams.length;
  const nUavs = world.uavs.length;
  return {
    clockSec: 0,
    processedThroughSec: -1,
    eventsProcessed: 0,
    queue: emptyQueue(),
    rng: {},
    sites: {
      damageState: new Uint8Array(nSites),
      maxIntensity: new Float64Array(nSites),
      powerSource: new Uint8Array(nSites),
      batteryKwh: new Float64Array(nSites),
      fuelSec: new Float64Array(nSites),
      hasGenerator: new Uint8Array(nSites),
      generatorInbound: new Uint8Array(nSites),
      settledAtSec: new Float64Array(nSites),
      powerEpoch: new Int32Array(nSites),
      outCause: new Uint8Array(nSites),
      inspected: new Uint8Array(nSites),
      satelliteBackhaul: new Uint8Array(nSites),
      everOut: new Uint8Array(nSites),
      standIn: new Uint8Array(nSites),
    },
    substations: {
      damageState: new Uint8Array(nSubs),
      inService: new Uint8Array(nSubs),
      energised: new Uint8Array(nSubs),
      restoreAtSec: new Float64Array(nSubs),
      flooded: new Uint8Array(nSubs),
      transferred: new Uint8Array(nSubs),
      transferAtSec: new Float64Array(nSubs),
    },
    feeders: {
      tripped: new Uint8Array(nFeeders),
      energised: new Uint8Array(nFeeders),
      repairSec: new Float64Array(nFeeders),
    },
    roads: {
      status: new Uint8Array(nRoads),
      blocked: new Uint8Array(nRoads),
      debrisM3: new Float64Array(nRoads),
      bridgeDamage: new Uint8Array(nRoads),
      fibreCut: new Uint8Array(nRoads),
      fibreDamagedM: new Float64Array(nRoads),
      detour: new Uint8Array(nRoads),
      clearDueSec: new Float64Array(nRoads).fill(NEVER),
      waterDepthM: new Float64Array(nRoads),
      known: new Uint8Array(nRoads).fill(1),
    },
    flags: { emergencyRoaming: world.settings.emergencyRoaming, prioritySupplyForComms: world.settings.prioritySupplyForComms },
    warnings: [],
    populationWaterDepthM: new Float64Array(world.population.ids.length),
    ...(world.floods.length
      ? {
          floodDraws: {
            stageFactor: new Float64Array(world.floods.reduce((n, f) => n + f.zones.length, 0)),
            thresholdM: new Float64Array(world.floods.reduce((n, f) => n + f.exposures.length, 0)),
          },
        }
      : {}),
    aftershocks: [],
    townships: {
      affected: new Uint8Array(world.townships.ids.length),
      affectedAtSec: new Float64Array(world.townships.ids.length).fill(NEVER),
      terminals: new Int32Array(world.townships.ids.length),
    },
    cells: [],
    teams: {
      status: new Uint8Array(nTeams),
      xM: new Float64Array(nTeams),
      yM: new Float64Array(nTeams),
      readyAtSec: new Float64Array(nTeams),
      task: new Int32Array(nTeams),
      epoch: new Int32Array(nTeams),
      shiftSec: new Float64Array(nTeams),
      generators: new Int32Array(nTeams),
      portableBaseStations: new Int32Array(nTeams),
      commsVehicles: new Int32Array(nTeams),
      vsat: new Int32Array(nTeams),
      terminals: new Int32Array(nTeams),
      spares: new Int32Array(nTeams),
      tetheredUavs: new Int32Array(nTeams),
      firstDispatchSec: new Float64Array(nTeams),
    },
    journeys: world.teams.map(() => null),
    tasks: [],
    uavs: {
      status: new Uint8Array(nUavs),
      requestedAtSec: new Float64Array(nUavs).fill(NEVER),
      onStationAtSec: new Float64Array(nUavs).fill(NEVER),
      leaveAtSec: new Float64Array(nUavs).fill(NEVER),
      cell: new Int32Array(nUavs).fill(-1),
      epoch: new Int32Array(nUavs),
      targetXM: new Float64Array(nUavs),
      targetYM: new Float64Array(nUavs),
    },
    requests: [],
    warnedPeople: new Float64Array(world.population.ids.length),
    uavSortiesOrdered: 0,
    uavSortiesOnStation: 0,
    roadsVersion: 0,
    helicopterBusyUntilSec: new Float64Array(world.helicopters.length),
    roadWorsenedAtVersion: new Int32Array(nRoads),
    coverage: emptyCoverage(world),
    sitesByCause: new Int32Array(4),
    sitesEverOut: 0,
    sitesRestored: 0,
    sitesInitialised: false,
    counts: {
      sitesByPowerSource: new Int32Array(4),
      roadsByStatus: Int32Array.from([nRoads, 0, 0, 0]),
      fibreCuts: 0,
      substationsOut: 0,
      feedersDown: 0,
      powerCustomersOut: 0,
    },
    generatorPoolsLeft: Int32Array.from(world.generatorPools, (p) => p.count),
    floodOverrides: [],
    drill: { injects: [], delivered: [], expectations: [], stopAtSec: NEVER, noNotice: false, observations: [], ratings: [] },
    pendingCommands: [],
    doctrineSeats: [],
    commandLog: [],
  };
}

export interface SimSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  engineVersion: string;
  scenarioSha256: string;
  seed: number;
  /** encodeState(SimState) */
  state: string;
}

export class Sim {
  readonly ctx: Ctx;

  private constructor(
    readonly world: World,
    readonly seed: number,
    state: SimState,
    index: WorldIndex,
  ) {
    this.ctx = { world, index, state, rng: new RngStreams(seed, state.rng) };
  }

  /**
   * A new run at T0. `doctrineSeats` are the seats the doctrine responder
   * plays (the scenario's setting when not given).
   */
  static create(world: World, seed: number, index: WorldIndex = buildWorldIndex(world), doctrineSeats: string[] = world.settings.doctrineSeats): Sim {
    const sim = new Sim(world, seed, emptyState(world), index);
    sim.state.doctrineSeats = [...doctrineSeats].sort();
    initialisePower(sim.ctx);
    initialiseSites(sim.ctx);
    for (const hazard of HAZARDS) hazard.schedule(sim.ctx);
    initialiseTeams(sim.ctx);
    initialiseInjects(sim.ctx);
    scheduleDoctrine(sim.ctx);
    return sim;
  }

  static restore(world: World, snapshot: SimSnapshot, index: WorldIndex = buildWorldIndex(world)): Sim {
    if (snapshot.format !== SNAPSHOT_FORMAT) throw new Error(`not a drilltwin snapshot (format ${JSON.stringify(snapshot.format)})`);
    if (snapshot.scenarioSha256 !== world.sha256) throw new Error('the snapshot was taken from a different scenario (sha256 differs)');
    if (snapshot.engineVersion !== ENGINE_VERSION) {
      throw new Error(`the snapshot was taken by engine ${JSON.stringify(snapshot.engineVersion)} and this is engine "${ENGINE_VERSION}"; a snapshot restores only in the engine version that took it`);
    }
    return new Sim(world, snapshot.seed, decodeState<SimState>(snapshot.state), index);
  }

  get state(): SimState {
    return this.ctx.state;
  }

  /**
   * Queues a command. The shape is checked now (bad shapes are refused with a
   * message naming the field); permission and legality when it comes due.
   */
  submit(cmd: Command): { ok: true } | { error: string } {
    const shape = commandShapeError(cmd);
    if (shape) return { error: shape };
    if (cmd.tSec <= this.state.processedThroughSec) {
      return { error: `tSec: ${cmd.tSec} is in the past, expected a time after ${this.state.processedThroughSec}` };
    }
    const pending = this.state.pendingCommands;
    let i = pending.length;
    while (i > 0 && pending[i - 1].tSec > cmd.tSec) i--;
    pending.splice(i, 0, { tSec: cmd.tSec, seat: cmd.seat, type: cmd.type, args: { ...cmd.args } });
    return { ok: true };
  }

  /** Processes every command and event with tSec ≤ target, then sets the clock to target. */
  advanceTo(targetSec: number): void {
    const state = this.state;
    for (;;) {
      // The director's stop time (setStopTime) ends the drill there, even mid-call.
      const limitSec = this.limitSec(targetSec);
      const nextCmd = state.pendingCommands[0];
      const nextEvent = peek(state.queue);
      const cmdDue = nextCmd !== undefined && nextCmd.tSec <= limitSec;
      const eventDue = nextEvent !== undefined && nextEvent.tSec <= limitSec;
      if (cmdDue && (!eventDue || nextCmd.tSec <= nextEvent.tSec)) {
        state.pendingCommands.shift();
        state.clockSec = nextCmd.tSec;
        const roadsVersion = state.roadsVersion;
        gateAndLog(this.ctx, nextCmd);
        if (state.roadsVersion !== roadsVersion) replanJourneys(this.ctx);
      } else if (eventDue) {
        this.process(pop(state.queue)!);
      } else break;
    }
    const endSec = Math.max(this.limitSec(targetSec), state.processedThroughSec);
    state.clockSec = Math.max(endSec, 0);
    state.processedThroughSec = endSec;
  }

  private limitSec(targetSec: number): number {
    const stop = this.state.drill.stopAtSec;
    return stop !== NEVER && stop < targetSec ? stop : targetSec;
  }

  /** The drill has reached the director's stop time: it goes no further. */
  get stopped(): boolean {
    const stop = this.state.drill.stopAtSec;
    return stop !== NEVER && this.state.processedThroughSec >= stop;
  }

  private process(event: SimEvent): void {
    const handler = HANDLERS[event.kind];
    if (!handler) throw new Error(`no handler for event kind ${event.kind}`);
    this.state.clockSec = event.tSec;
    this.state.eventsProcessed++;
    const roadsVersion = this.state.roadsVersion;
    handler(this.ctx, event.data as never);
    // Teams on the move react to roads that closed or opened under them.
    if (this.state.roadsVersion !== roadsVersion) replanJourneys(this.ctx);
  }

  /**
   * Canonical hash of the state. RNG stream states are synced in first.
   * Pending (not yet due) commands are left out: a live session learns its
   * commands one at a time while a replay may know them all in advance, and
   * both must hash alike. Applied commands, with their results, are hashed.
   */
  hash(): string {
    this.state.rng = this.ctx.rng.save();
    const { pendingCommands: _pending, ...hashed } = this.state;
    const hasher = new Hasher();
    hasher.value(hashed);
    return hasher.digest();
  }

  snapshot(): SimSnapshot {
    this.state.rng = this.ctx.rng.save();
    return {
      format: SNAPSHOT_FORMAT,
      engineVersion: ENGINE_VERSION,
      scenarioSha256: this.world.sha256,
      seed: this.seed,
      state: encodeState(this.state),
    };
  }
}
