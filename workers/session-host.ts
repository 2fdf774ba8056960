// An interactive drill session around one Sim: load a scenario, start it,
// advance it as the clock of the exercise runs, take commands from the seats,
// and hand the view what changed as structure-of-arrays typed buffers (diffs
// against what was last sent), to be transferred, not cloned, to the page.
//
// A command submitted live applies at the start of the next simulated second
// (processedThroughSec + 1). That is the whole trick that makes a live drill
// and a headless replay of its log identical: the live session and
// runScenario submit the same commands for the same seconds, so the same
// changes happen in the same order, and the state hashes agree.
//
// The same host runs in the browser's Web Worker (browser-worker.ts) and in
// Node (tests), so both run exactly the code the CLI runs.
import { SeatChannel, type Frame } from '../src/drill/channel.ts';
import { mapGeometry, type MapGeometry } from '../src/drill/geometry.ts';
import { DrillDriver } from '../src/engine/driver.ts';
import { batteryNow } from '../src/infra/battery.ts';
import { generatorFuelLeftSec } from '../src/infra/sites.ts';
import { buildWorldIndex, ENGINE_VERSION } from '../src/engine/sim.ts';
import type { Command } from '../src/model/commands.ts';
import type { WorldIndex } from '../src/model/context.ts';
import { DEPARTMENTS, isSeat, SEATS, seesGroundTruth, type Seat } from '../src/model/seats.ts';
import type { ElevationGridDoc } from '../src/model/scenario-format.ts';
import type { World } from '../src/model/world.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { memoryScenarioFiles } from '../src/scenario/memory-files.ts';
import { formatProblem } from '../src/scenario/problems.ts';
import { checkDrillFile, drillProblemsForWorld, DRILL_FORMAT, type DrillFile } from '../src/engine/formats/index.ts';
import type { Lang } from '../src/scoring/i18n.ts';
import { drillAar, drillReport, drillScore, reportContext, type DrillAar, type DrillScore, type ReportContext } from './drill-report.ts';
import { exerciseView, injectTargets, mselSheet, scenarioWithSheet, type ExerciseView } from './exercise-view.ts';
import type { Cell, SheetLang, SheetProblem, SheetRow } from '../src/drill/msel-sheet.ts';

// The drill file format (schema, migrations, checks) lives with the other saved formats.
export { DRILL_FORMAT, type DrillFile };

export type LoadAnswer = { ok: true; geometry: MapGeometry } | { ok: false; problems: string[] };
export type SubmitAnswer = { ok: true; tSec: number } | { ok: false; error: string };

/**
 * Checks a parsed drill file (format, migrations, schema, commands) and,
 * given the loaded world, that it can replay there (engine version, scenario
 * version, times); returns messages naming the field, or [].
 */
export function drillFileProblems(value: unknown, world?: World): string[] {
  const checked = checkDrillFile(value);
  if (!checked.ok) return checked.problems.map(formatProblem);
  return world ? drillProblemsForWorld(checked.doc, world).map(formatProblem) : [];
}

/** The scenario's elevation grid (already validated by the loader), for the map's relief and flood depth. */
export function elevationGridOf(world: World, texts: Record<string, string>): ElevationGridDoc | null {
  const path = world.reliefGridPath;
  if (!path || !(path in texts)) return null;
  try {
    return JSON.parse(texts[path]) as ElevationGridDoc;
  } catch {
    return null;
  }
}

export function createSessionHost() {
  let world: World | null = null;
  /** The scenario's files as loaded (the target profile is among them), and what the report needs of them, made on first use. */
  let texts: Record<string, string> = {};
  let reportCtx: ReportContext | null = null;
  let index: WorldIndex | null = null;
  let driver: DrillDriver | null = null;
  /** The terminal's one seat channel (the solo console); a joint-drill host keeps one per terminal. */
  let channel: SeatChannel | null = null;
  let seed = 0;
  let seat: Seat = 'director';
  let mode: 'live' | 'replay' = 'live';
  /** Every command submitted (live) or loaded (replay), in submission order. */
  let submitted: Command[] = [];
  /** Seats the doctrine played when the drill began (it takes them back when a person leaves them). */
  let doctrineAtStart: string[] = [];

  function need<T>(value: T | null, what: string): T {
    if (value === null) throw new Error(`no ${what}: ${what === 'scenario' ? 'call load() first' : 'call start() first'}`);
    return value;
  }

  function begin(newSeed: number, commands: Command[], doctrineSeats: string[]): void {
    const w = need(world, 'scenario');
    seed = newSeed;
    driver = DrillDriver.start(w, seed, { index: need(index, 'scenario'), doctrineSeats });
    doctrineAtStart = [...doctrineSeats];
    submitted = [];
    for (const cmd of commands) {
      const result = driver.submit(cmd);
      if ('error' in result) throw new Error(`command ${submitted.length}: ${result.error}`);
      submitted.push({ tSec: cmd.tSec, seat: cmd.seat, type: cmd.type, args: { ...cmd.args } });
    }
    channel = new SeatChannel(w, seat);
  }

  /** Queues a director's command for the next second, as part of the drill's log. */
  function submitAsDirector(type: string, args: Record<string, unknown>): void {
    const d = need(driver, 'drill');
    const tSec = d.reachedSec + 1;
    if (tSec > d.world.durationSec) return;
    const command: Command = { tSec, seat: 'director', type, args };
    if ('ok' in d.submit(command)) submitted.push(command);
  }

  /**
   * The person at this terminal moves from one seat to another: they take the
   * new seat from the doctrine, and the doctrine takes back the seat they left
   * if it played it when the drill began. Both are logged commands, so a
   * replay hands the seats over at the same second.
   */
  function handOver(from: Seat, to: Seat): void {
    const d = need(driver, 'drill');
    const pending = d.sim.state.pendingCommands;
    const playedSoon = (s: string) => {
      let played = d.sim.state.doctrineSeats.includes(s);
      for (const c of pending) if (c.type === 'assignSeat' && c.args.seat === s) played = c.args.player === 'doctrine';
      return played;
    };
    if (DEPARTMENTS.includes(to) && playedSoon(to)) submitAsDirector('assignSeat', { seat: to, player: 'person' });
    if (DEPARTMENTS.includes(from) && doctrineAtStart.includes(from) && !playedSoon(from)) submitAsDirector('assignSeat', { seat: from, player: 'doctrine' });
  }

  function frame(full: boolean): Frame {
    const d = need(driver, 'drill');
    return need(channel, 'drill').frame({ world: d.world, index: d.sim.ctx.index, state: d.sim.state, series: d.observations.series }, full);
  }

  return {
    /** Loads a scenario from its file texts (paths relative to the scenario folder); geometry is sent once, here. */
    load(scenarioId: string, scenarioTexts: Record<string, string>): LoadAnswer {
      let result;
      try {
        result = loadScenario(memoryScenarioFiles(scenarioId, scenarioTexts));
      } catch (err) {
        return { ok: false, problems: [`scenario.json: could not be loaded (${(err as Error).message})`] };
      }
      if (!result.ok) return { ok: false, problems: result.problems.map(formatProblem) };
      world = result.world;
      texts = scenarioTexts;
      reportCtx = null;
      index = buildWorldIndex(world);
      driver = null;
      channel = null;
      return { ok: true, geometry: mapGeometry(world, { elevationGrid: elevationGridOf(world, scenarioTexts) }) };
    },

    /**
     * Starts a live drill from T0 (nothing processed yet); returns the full
     * first frame. The doctrine responder plays `doctrineSeats`; by default the
     * scenario's seats except the one taken here by a person.
     */
    start(newSeed?: number, startSeat?: Seat, doctrineSeats?: string[]): Frame {
      const w = need(world, 'scenario');
      if (startSeat !== undefined) this.setSeat(startSeat);
      mode = 'live';
      begin(newSeed ?? w.defaultSeed, [], doctrineSeats ?? w.settings.doctrineSeats.filter((s) => s !== seat));
      return frame(true);
    },

    /** Switches the seat the frames are computed for; returns a full frame. */
    setSeat(newSeat: Seat): Frame | null {
      if (!isSeat(newSeat)) throw new Error(`not a seat: ${String(newSeat)}, expected one of ${SEATS.join(', ')}`);
      const previous = seat;
      seat = newSeat;
      if (!channel) return null;
      if (mode === 'live' && previous !== newSeat) handOver(previous, newSeat);
      channel.setSeat(seat);
      return frame(true);
    },

    /** Advances to toSec (clamped to the scenario's end) and returns what changed. */
    advance(toSec: number): Frame {
      const d = need(driver, 'drill');
      const target = Math.min(Math.floor(toSec), d.world.durationSec);
      if (target > d.reachedSec) d.advanceTo(target);
      return frame(false);
    },

    /** Moves to any time of a replayed drill, backwards by replaying from T0; returns a full frame. */
    seek(toSec: number): Frame {
      const d = need(driver, 'drill');
      const target = Math.max(0, Math.min(Math.floor(toSec), d.world.durationSec));
      if (target < d.reachedSec) {
        if (mode !== 'replay') throw new Error('a live drill cannot go back in time; save it and load it as a replay');
        begin(seed, submitted, doctrineAtStart);
      }
      need(driver, 'drill').advanceTo(target);
      return frame(true);
    },

    /** Queues a command for the next simulated second. The gate's verdict arrives in a later frame's log. */
    submit(cmd: { seat?: string; type: string; args: Record<string, unknown> }): SubmitAnswer {
      const d = need(driver, 'drill');
      if (mode === 'replay') return { ok: false, error: 'replaying a saved drill: its command log is fixed' };
      const tSec = d.reachedSec + 1;
      if (tSec > d.world.durationSec) return { ok: false, error: 'the drill has ended' };
      const command: Command = { tSec, seat: cmd.seat ?? seat, type: cmd.type, args: { ...cmd.args } };
      const result = d.submit(command);
      if ('error' in result) return { ok: false, error: result.error };
      submitted.push(command);
      return { ok: true, tSec };
    },

    /**
     * Queues a command for a later second (the director schedules a seat
     * hand-over, say); the same log entry as a command given then, so a replay
     * agrees. Not earlier than the next second, not after the end.
     */
    submitAt(cmd: { seat?: string; type: string; args: Record<string, unknown> }, atSec: number): SubmitAnswer {
      const d = need(driver, 'drill');
      if (mode === 'replay') return { ok: false, error: 'replaying a saved drill: its command log is fixed' };
      const tSec = Math.floor(atSec);
      if (!(tSec >= d.reachedSec + 1)) return { ok: false, error: `T+${tSec} s has passed: the earliest second is ${d.reachedSec + 1}` };
      if (tSec > d.world.durationSec) return { ok: false, error: 'after the end of the drill' };
      const command: Command = { tSec, seat: cmd.seat ?? seat, type: cmd.type, args: { ...cmd.args } };
      const result = d.submit(command);
      if ('error' in result) return { ok: false, error: result.error };
      submitted.push(command);
      return { ok: true, tSec };
    },

    /** Scenario reference, seed and command log: everything needed to replay the drill. */
    getLog(): DrillFile {
      const d = need(driver, 'drill');
      return {
        format: DRILL_FORMAT,
        engineVersion: ENGINE_VERSION,
        scenario: { id: d.world.scenarioId, sha256: d.world.sha256 },
        seed,
        reachedSec: Math.max(0, d.reachedSec),
        commands: submitted.map((c) => ({ ...c, args: { ...c.args } })),
        // Who the doctrine played at T0: the log's assignSeat commands hand seats over from there.
        doctrineSeats: [...doctrineAtStart].sort(),
        stateHashes: d.observations.stateHashes.slice(),
        stateHash: d.hash(),
      };
    },

    /** Loads a saved drill for replay (its scenario must be loaded); returns the first frame or the problems. */
    loadDrill(file: unknown): { ok: true; frame: Frame; reachedSec: number } | { ok: false; problems: string[] } {
      const w = need(world, 'scenario');
      // Another engine or scenario version is refused here, before the running drill is touched.
      const problems = drillFileProblems(file, w);
      if (problems.length) return { ok: false, problems };
      const drill = file as DrillFile;
      mode = 'replay';
      begin(drill.seed, [...drill.commands].sort((a, b) => a.tSec - b.tSec), Array.isArray(drill.doctrineSeats) ? drill.doctrineSeats : w.settings.doctrineSeats);
      need(driver, 'drill').advanceTo(0);
      return { ok: true, frame: frame(true), reachedSec: typeof drill.reachedSec === 'number' ? drill.reachedSec : w.durationSec };
    },

    /**
     * Picks a saved (or autosaved) drill up where it was, live: the same
     * seed, doctrine seats and command log, run to the time it had reached;
     * then it goes on taking commands. Returns the frame there, or the problems.
     */
    resume(file: unknown): { ok: true; frame: Frame; reachedSec: number } | { ok: false; problems: string[] } {
      const w = need(world, 'scenario');
      const problems = drillFileProblems(file, w);
      if (problems.length) return { ok: false, problems };
      const drill = file as DrillFile;
      mode = 'live';
      begin(drill.seed, [...drill.commands].sort((a, b) => a.tSec - b.tSec), Array.isArray(drill.doctrineSeats) ? drill.doctrineSeats : w.settings.doctrineSeats);
      const reached = Math.max(0, Math.min(typeof drill.reachedSec === 'number' ? drill.reachedSec : 0, w.durationSec));
      need(driver, 'drill').advanceTo(reached);
      return { ok: true, frame: frame(true), reachedSec: reached };
    },

    /** The drill's score so far against the scenario's target profile (the live score panel). */
    score(): DrillScore {
      const d = need(driver, 'drill');
      reportCtx ??= reportContext(d.world, texts);
      return drillScore(drillReport(d, seed, doctrineAtStart, reportCtx), reportCtx);
    },

    /** The after-action report of the drill as far as it has run, as one printable HTML page. */
    aar(lang: Lang): DrillAar {
      const d = need(driver, 'drill');
      reportCtx ??= reportContext(d.world, texts);
      return drillAar(drillReport(d, seed, doctrineAtStart, reportCtx), reportCtx, lang === 'en' ? 'en' : 'zh');
    },

    /** Inject states, expected actions, observations and ratings so far: what the control cell's and evaluators' panels draw. */
    exercise(): ExerciseView {
      const d = need(driver, 'drill');
      reportCtx ??= reportContext(d.world, texts);
      return exerciseView(d.world, d.sim.state, reportCtx.names, reportCtx.profile);
    },

    /** Names of the roads, sites, substations and flood zones an ad-hoc inject may act on. */
    injectTargets() {
      const w = need(world, 'scenario');
      reportCtx ??= reportContext(w, texts);
      return injectTargets(w, reportCtx.names);
    },

    /** The loaded scenario's MSEL as spreadsheet rows. */
    mselSheet(lang: SheetLang): { header: string[]; rows: string[][] } {
      return mselSheet(need(world, 'scenario'), lang);
    },

    /**
     * Replaces the scenario's MSEL with a spreadsheet's (as drilltwin msel
     * import writes it) and loads the scenario again; the page then starts a
     * new drill on it. Refused with every problem by row and column.
     */
    importMsel(scenarioId: string, header: Cell[], rows: SheetRow[]): LoadAnswer | { ok: false; sheetProblems: SheetProblem[] } {
      const w = need(world, 'scenario');
      const main = 'scenario.json';
      if (!(main in texts)) return { ok: false, problems: ['the loaded scenario has no scenario.json to put the MSEL in'] };
      const made = scenarioWithSheet(w, texts[main], header, rows);
      if (!made.ok) return { ok: false, sheetProblems: made.problems };
      return this.load(scenarioId, { ...texts, [main]: made.text });
    },

    /** Canonical state hash now (at the end of a run: the finalStateHash of `drilltwin run`). */
    finalHash(): string {
      return need(driver, 'drill').hash();
    },

    /** Details of one site as the current seat may know them, for the info panel. */
    siteDetail(s: number): Record<string, number | string | boolean> | null {
      const sm = need(driver, 'drill').sim;
      const w = sm.world;
      if (!(s >= 0 && s < w.sites.ids.length)) return null;
      const detail: Record<string, number | string | boolean> = { id: w.sites.ids[s] };
      if (seesGroundTruth(seat)) {
        const st = sm.state.sites;
        detail.damageState = st.damageState[s];
        detail.maxIntensity = Math.round(st.maxIntensity[s] * 10) / 10;
        const battery = batteryNow(w, sm.state, s, sm.state.clockSec);
        detail.batteryKwh = Math.round(battery.kwh * 10) / 10;
        detail.batteryHoursLeft = Math.round((battery.lastsSec / 3600) * 10) / 10;
        detail.fuelHoursLeft = Math.round((generatorFuelLeftSec(sm.ctx, s) / 3600) * 10) / 10;
        detail.hasGenerator = st.hasGenerator[s] === 1;
        detail.generatorInbound = st.generatorInbound[s] === 1;
        detail.feederEnergised = sm.state.feeders.energised[w.sites.feeder[s]] === 1;
        // An emergency cell set up at it stands in for it: counted as restored while itself off air.
        detail.standIn = st.standIn[s] === 1;
      }
      return detail;
    },

    info(): { mode: 'live' | 'replay'; seat: Seat; seed: number; tSec: number; started: boolean; doctrineSeats: string[] } {
      return { mode, seat, seed, tSec: driver ? Math.max(0, driver.reachedSec) : 0, started: driver !== null, doctrineSeats: driver ? [...driver.sim.state.doctrineSeats] : [] };
    },
  };
}

export type SessionHost = ReturnType<typeof createSessionHost>;
