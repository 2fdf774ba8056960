// One joint drill's engine, as its worker thread holds it: the drill driver,
// one seat channel per connected terminal, and the frames for each, encoded
// for the wire here (off the server's main thread). It is told how far to go
// and which commands to queue; it never reads a clock or touches the log —
// the owner on the main thread does both, so the log is the only truth.
import { SeatChannel } from '../../src/drill/channel.ts';
import { mapGeometry } from '../../src/drill/geometry.ts';
import { DrillDriver } from '../../src/engine/driver.ts';
import { decodeSnapshotFile, encodeSnapshotFile } from '../../src/engine/snapshot-file.ts';
import { runScenario, type Report } from '../../src/engine/run.ts';
import { buildWorldIndex } from '../../src/engine/sim.ts';
import type { Command } from '../../src/model/commands.ts';
import type { WorldIndex } from '../../src/model/context.ts';
import type { ReasonCode } from '../../src/model/reasons.ts';
import { isSeat, seatPolicy, type Seat } from '../../src/model/seats.ts';
import { COMMANDS, commandShapeError } from '../../src/response/commands.ts';
import type { World } from '../../src/model/world.ts';
import type { ElevationGridDoc } from '../../src/model/scenario-format.ts';
import type { Lang } from '../../src/scoring/i18n.ts';
import { addLateEvaluation, drillAar, drillReport, drillScore, noLateEvaluations, withLateEvaluations, withLateExercise, type ReportContext } from '../drill-report.ts';
import { exerciseView, injectTargets, mselSheet } from '../exercise-view.ts';
import { withDirectorStop } from './director-stop.ts';
import { encodeMessage, typedReplacer, type Question } from './protocol.ts';

export interface DrillSetup {
  seed: number;
  untilSec: number;
  /** Seats the doctrine plays at T0. */
  doctrineSeats: string[];
}

/** Why an evaluation given after the end is not recorded: the refusal the sender gets, and why (naming the field). */
export interface LateRefusal {
  code: 'drillEnded' | 'badCommand';
  error: string;
}

/**
 * An evaluation's legality reasons that are about one of its fields, by command (a reason code means a field
 * only for the command that gives it): the field, and what its value must be.
 */
const LATE_FIELDS: Partial<Record<string, Partial<Record<ReasonCode, { field: string; what: string }>>>> = {
  recordObservation: {
    unknownInject: { field: 'injectId', what: 'an inject' },
    unknownTarget: { field: 'expectationId', what: 'an expected action' },
  },
};

export interface Advanced {
  tSec: number;
  hash: string | null;
  /** Hourly hashes recorded by this step. */
  hourly: { tSec: number; hash: string }[];
  /** Serialized 'frame' messages, per terminal. */
  frames: [number, string][];
  /** Wall time (ms since the epoch) the step finished, for the update-latency figure. */
  stepAtMs: number;
}

export class JointDrillEngine {
  readonly driver: DrillDriver;
  private readonly channels = new Map<number, SeatChannel>();
  private geometryJson: string | null = null;
  /**
   * The last answer to each question (and language). Kept while the drill
   * stands still, and for the rest of the wall-clock second it was made in:
   * every director's and evaluator's console asks about once a second, so
   * one drill computes each read-out at most once a second however many ask.
   */
  private readonly answers = new Map<string, { reachedSec: number; records: number; stopAtSec: number | null; wallSec: number; json: string }>();
  /** Observations and ratings given after the drill ended (logged apart by the owner; see drill-report.ts). */
  private readonly late = noLateEvaluations();

  /**
   * May this observation or rating, given after the end, be recorded? The
   * gate's rules, against the drill as it ended: only the commands the gate
   * lets observers give, and after the end only from the evaluators and the
   * director; the shape; and the command's own legality (the inject or the
   * expected action it names must be this drill's). Null: yes (the owner
   * logs it, then hands it to addLate).
   */
  checkLate(command: Command): LateRefusal | null {
    const spec = Object.hasOwn(COMMANDS, command.type) ? COMMANDS[command.type] : undefined;
    const policy = isSeat(command.seat) ? seatPolicy(command.seat) : null;
    if (spec?.observers !== true || !policy || !(policy.observer || policy.actsForAll)) {
      return { code: 'drillEnded', error: 'the drill has ended: only the evaluators and the director still record observations and ratings' };
    }
    const shape = commandShapeError(command);
    if (shape) return { code: 'badCommand', error: shape };
    const reason = spec.legality(this.driver.sim.ctx, command.args);
    if (!reason) return null;
    const about = LATE_FIELDS[command.type]?.[reason];
    const value = about ? command.args[about.field] : undefined;
    return { code: 'badCommand', error: about && value !== undefined ? `args.${about.field}: ${JSON.stringify(value)} is not ${about.what} of this drill` : `refused by the gate: ${reason}` };
  }

  /** An evaluation given after the end (checkLate has passed it, and it is in the log): it shows in the score, the report and the exercise state from now on. */
  addLate(command: Command): void {
    addLateEvaluation(this.late, command);
  }

  constructor(
    readonly world: World,
    readonly setup: DrillSetup,
    index: WorldIndex = buildWorldIndex(world),
    /** The scenario's elevation grid, for the terminals' relief and flood depth (the loader has validated it). */
    private readonly elevationGrid: ElevationGridDoc | null = null,
    /**
     * A snapshot@1 file's text to resume from instead of T0 (the drill's own,
     * taken by snapshotText). Checked by the one gate of every restore.
     */
    snapshot?: string,
  ) {
    if (snapshot === undefined) {
      this.driver = DrillDriver.start(world, setup.seed, { index, doctrineSeats: setup.doctrineSeats });
      return;
    }
    const file = decodeSnapshotFile(snapshot);
    if (file.snapshot.seed !== setup.seed) throw new Error(`the snapshot's seed ${file.snapshot.seed} is not the drill's ${setup.seed}`);
    this.driver = DrillDriver.resume(world, file.snapshot, file.observations, index);
    // Commands not yet due when the snapshot was taken come back from the
    // log (replayLog queues every logged command after the snapshot's time),
    // in the log's order: dropped here so none is queued twice.
    this.driver.sim.state.pendingCommands.length = 0;
  }

  /** The drill now as a snapshot@1 file (engine state and what the observers recorded), for recovery. */
  snapshotText(): string {
    return encodeSnapshotFile({ snapshot: this.driver.sim.snapshot(), observations: this.driver.observations });
  }

  /**
   * Rebuilds a drill from its log: the same commands queued for the same
   * seconds, run to where the log's last checkpoint says the drill was.
   * Returns the hashes at the checkpoints asked about, to compare.
   */
  replayLog(commands: Command[], toSec: number, hashAt: number[] = []): { tSec: number; hash: string }[] {
    // From a snapshot: the commands up to its time are in its state already.
    const fromSec = this.driver.reachedSec;
    for (const [i, cmd] of commands.entries()) {
      if (cmd.tSec <= fromSec) continue;
      const r = this.driver.submit(cmd);
      if ('error' in r) throw new Error(`logged command ${i + 1} does not replay: ${r.error}`);
    }
    const wanted = [...new Set(hashAt.filter((t) => t >= 0 && t >= fromSec && t <= toSec))].sort((a, b) => a - b);
    const out: { tSec: number; hash: string }[] = [];
    for (const t of wanted) {
      this.driver.advanceTo(t);
      out.push({ tSec: t, hash: this.driver.hash() });
    }
    if (toSec > this.driver.reachedSec) this.driver.advanceTo(toSec);
    return out;
  }

  get reachedSec(): number {
    return this.driver.reachedSec;
  }

  geometry(): string {
    return (this.geometryJson ??= JSON.stringify(mapGeometry(this.world, { elevationGrid: this.elevationGrid }), typedReplacer));
  }

  private frameMessage(channel: SeatChannel, full: boolean, stepAtMs: number): string {
    const d = this.driver;
    const frame = channel.frame({ world: d.world, index: d.sim.ctx.index, state: d.sim.state, series: d.observations.series }, full);
    return encodeMessage({ t: 'frame', frame, stepAtMs });
  }

  /** A terminal joins (or rejoins): its own channel, and a full frame. */
  attach(conn: number, seat: Seat, nowMs: number): string {
    const channel = new SeatChannel(this.world, seat);
    this.channels.set(conn, channel);
    return this.frameMessage(channel, true, nowMs);
  }

  detach(conn: number): void {
    this.channels.delete(conn);
  }

  /**
   * Queues a command the owner has already logged, for the second it chose
   * (one after the last step it asked for: what makes a live drill and its
   * replay agree). A refusal here is a bug in the owner, not bad input.
   */
  queue(command: Command): void {
    const r = this.driver.submit(command);
    if ('error' in r) throw new Error(`a logged command was refused by the driver: ${r.error}`);
  }

  /** Runs to toSec (clamped to the drill's end) and encodes every terminal's frame. */
  advance(toSec: number, withHash: boolean, clockMs: () => number): Advanced {
    const d = this.driver;
    const target = Math.min(Math.floor(toSec), this.setup.untilSec);
    const hoursBefore = d.observations.stateHashes.length;
    if (target > d.reachedSec) d.advanceTo(target);
    const hourly = d.observations.stateHashes.slice(hoursBefore);
    const stepAtMs = clockMs();
    const frames: [number, string][] = [];
    for (const [conn, channel] of this.channels) frames.push([conn, this.frameMessage(channel, false, stepAtMs)]);
    const atHour = hourly.length > 0 && hourly[hourly.length - 1].tSec === d.reachedSec;
    return { tSec: d.reachedSec, hash: atHour ? hourly[hourly.length - 1].hash : withHash ? d.hash() : null, hourly, frames, stepAtMs };
  }

  hash(): string {
    return this.driver.hash();
  }

  /**
   * A read-out of the drill where it is, as JSON: the same score, report,
   * exercise state and lists the solo console's worker gives
   * (workers/session-host.ts), from the same functions. Only reads the state.
   * `stopAtSec`: the director's stop time (the server clock's, which the
   * engine does not know), shown in the after-action report as the solo
   * console shows the engine's.
   */
  answer(what: Question, lang: Lang, ctx: ReportContext, nowMs: number, stopAtSec: number | null = null): string {
    const d = this.driver;
    // records: commands applied and evaluations given after the end; either changes the answer at once.
    const now = { reachedSec: d.reachedSec, records: d.sim.state.commandLog.length + this.late.observations.length + this.late.ratings.length, stopAtSec, wallSec: Math.floor(nowMs / 1000) };
    const cacheKey = `${what}:${lang}`;
    const cached = this.answers.get(cacheKey);
    // A command applied since shows at once (an observation just recorded), and so does a new stop time; the clock's progress within the second does not.
    if (cached && cached.records === now.records && cached.stopAtSec === now.stopAtSec && (cached.reachedSec === now.reachedSec || cached.wallSec === now.wallSec)) return cached.json;
    const report = () => withDirectorStop(withLateEvaluations(drillReport(d, this.setup.seed, this.setup.doctrineSeats, ctx), this.late), stopAtSec);
    let value: unknown;
    switch (what) {
      case 'score':
        value = drillScore(report(), ctx);
        break;
      case 'aar':
        value = drillAar(report(), ctx, lang);
        break;
      case 'exercise':
        value = withLateExercise(exerciseView(this.world, d.sim.state, ctx.names, ctx.profile), this.late);
        break;
      case 'injectTargets':
        value = injectTargets(this.world, ctx.names);
        break;
      case 'mselSheet':
        value = mselSheet(this.world, lang);
        break;
    }
    const json = JSON.stringify(value);
    this.answers.set(cacheKey, { ...now, json });
    return json;
  }

  /**
   * The drill's report@1, written from the log: a headless run of the same
   * scenario, seed, doctrine seats and logged commands to where the drill
   * stopped — exactly what `drilltwin replay` will check.
   */
  report(commands: Command[], untilSec: number): Report {
    return runScenario(this.world, { seed: this.setup.seed, untilSec, commands, doctrineSeats: this.setup.doctrineSeats, index: this.driver.sim.ctx.index }).report;
  }
}
