// A joint drill's worker thread: one JointDrillEngine behind a small message
// protocol with its owner on the server's main thread (drill-owner.ts). One
// thread per drill, so a drill's steps never hold up another drill's or the
// server's sockets, and a drill that throws takes only itself down.
import type { ElevationGridDoc } from '../../src/model/scenario-format.ts';
import { parentPort } from 'node:worker_threads';
import { loadScenario } from '../../src/scenario/load.ts';
import { formatProblem } from '../../src/scenario/problems.ts';
import type { Seat } from '../../src/model/seats.ts';
import type { Command } from '../../src/model/commands.ts';
import { diskScenarioFiles } from '../disk-files.ts';
import { diskReportContext } from './report-context.ts';
import type { ReportContext } from '../drill-report.ts';
import { JointDrillEngine, type DrillSetup, type LateRefusal } from './drill-engine.ts';
import type { Question } from './protocol.ts';
import type { Lang } from '../../src/scoring/i18n.ts';

export type ToThread =
  /** snapshot: the latest stored one, to resume from (its time ≤ toSec); every logged command is sent, those after it are replayed. */
  | { op: 'init'; scenarioPath: string; scenarioSha256: string; setup: DrillSetup; commands: Command[]; toSec: number; hashAt: number[]; snapshot?: { tSec: number; text: string } }
  | { op: 'snapshot' }
  | { op: 'attach'; conn: number; seat: Seat }
  | { op: 'detach'; conn: number }
  | { op: 'queue'; command: Command }
  | { op: 'advance'; toSec: number; withHash: boolean }
  | { op: 'report'; req: number; commands: Command[]; untilSec: number }
  /** stopAtSec: the director's stop time (control stopAt), for the after-action report; null: none set. */
  | { op: 'ask'; req: number; what: Question; lang: Lang; stopAtSec: number | null }
  /** May an observation or rating given after the end be recorded (the gate's rules, against the ended drill)? */
  | { op: 'checkLate'; req: number; command: Command }
  /** An observation or rating given after the end (checked, and logged by the owner as kind 'evaluation'). */
  | { op: 'late'; command: Command };

export type FromThread =
  | { op: 'ready'; reachedSec: number; hash: string; hashes: { tSec: number; hash: string }[]; geometry: string; durationSec: number; loadMs: number; fromSnapshotSec: number | null; snapshotError: string | null }
  | { op: 'snapshot'; tSec: number; hash: string; text: string }
  | { op: 'failed'; error: string }
  | { op: 'attached'; conn: number; message: string }
  | { op: 'advanced'; tSec: number; hash: string | null; hourly: { tSec: number; hash: string }[]; frames: [number, string][]; stepAtMs: number; stepMs: number }
  | { op: 'report'; req: number; report: string; finalStateHash: string; liveHash: string }
  /** json: the answer as JSON text; error: why there is none (the drill goes on either way). */
  | { op: 'answer'; req: number; json: string | null; error: string | null }
  /** refusal: why the late evaluation may not be recorded (null: it may); error: why it could not be checked. */
  | { op: 'lateChecked'; req: number; refusal: LateRefusal | null; error: string | null };

const port = parentPort;
if (!port) throw new Error('drill-thread.ts must run inside a worker thread');
const nowMs = () => performance.timeOrigin + performance.now();
let engine: JointDrillEngine | null = null;
/** The scenario's target profile and names, for the score and the report (read once, at init). */
let reportCtx: ReportContext | null = null;

function send(message: FromThread): void {
  port!.postMessage(message);
}

port.on('message', (msg: ToThread) => {
  try {
    handle(msg);
  } catch (err) {
    send({ op: 'failed', error: (err as Error)?.stack ?? String(err) });
  }
});

function handle(msg: ToThread): void {
  if (msg.op === 'init') {
    const t0 = nowMs();
    const files = diskScenarioFiles(msg.scenarioPath);
    const loaded = loadScenario(files);
    if (!loaded.ok) return send({ op: 'failed', error: loaded.problems.map(formatProblem).join('\n') });
    if (loaded.world.sha256 !== msg.scenarioSha256) return send({ op: 'failed', error: `the scenario ${loaded.world.scenarioId} has changed since the drill was created (sha256 differs)` });
    const gridPath = loaded.world.reliefGridPath;
    const grid = gridPath ? (JSON.parse(files.read(gridPath)) as ElevationGridDoc) : null;
    let snapshotError: string | null = null;
    if (msg.snapshot) {
      try {
        engine = new JointDrillEngine(loaded.world, msg.setup, undefined, grid, msg.snapshot.text);
      } catch (err) {
        // A snapshot this engine cannot restore (another engine version, a damaged row): the whole log replays instead.
        snapshotError = (err as Error).message.split('\n')[0];
      }
    }
    engine ??= new JointDrillEngine(loaded.world, msg.setup, undefined, grid);
    // A profile that cannot be read leaves the drill running; its score says why there is none.
    reportCtx = diskReportContext(msg.scenarioPath, loaded.world);
    const fromSnapshotSec = msg.snapshot && !snapshotError ? engine.reachedSec : null;
    const hashes = engine.replayLog(msg.commands, msg.toSec, msg.hashAt);
    return send({ op: 'ready', reachedSec: engine.reachedSec, hash: engine.hash(), hashes, geometry: engine.geometry(), durationSec: loaded.world.durationSec, loadMs: nowMs() - t0, fromSnapshotSec, snapshotError });
  }
  if (!engine) throw new Error(`${msg.op} before init`);
  switch (msg.op) {
    case 'attach':
      return send({ op: 'attached', conn: msg.conn, message: engine.attach(msg.conn, msg.seat, nowMs()) });
    case 'detach':
      return engine.detach(msg.conn);
    case 'snapshot':
      return send({ op: 'snapshot', tSec: engine.reachedSec, hash: engine.hash(), text: engine.snapshotText() });
    case 'queue':
      return engine.queue(msg.command);
    case 'advance': {
      const t0 = nowMs();
      const a = engine.advance(msg.toSec, msg.withHash, nowMs);
      return send({ op: 'advanced', ...a, stepMs: a.stepAtMs - t0 });
    }
    case 'checkLate': {
      // A check that throws refuses that evaluation, not the drill.
      try {
        return send({ op: 'lateChecked', req: msg.req, refusal: engine.checkLate(msg.command), error: null });
      } catch (err) {
        return send({ op: 'lateChecked', req: msg.req, refusal: null, error: (err as Error).message });
      }
    }
    case 'late':
      return engine.addLate(msg.command);
    case 'ask': {
      // A read-out that throws is that question's failure, not the drill's.
      try {
        return send({ op: 'answer', req: msg.req, json: engine.answer(msg.what, msg.lang, reportCtx!, nowMs(), msg.stopAtSec), error: null });
      } catch (err) {
        return send({ op: 'answer', req: msg.req, json: null, error: (err as Error).message });
      }
    }
    case 'report': {
      const report = engine.report(msg.commands, msg.untilSec);
      return send({ op: 'report', req: msg.req, report: JSON.stringify(report, null, 1) + '\n', finalStateHash: report.finalStateHash, liveHash: engine.hash() });
    }
  }
}
