// The owner of one joint drill, on the server's main thread: it owns the
// drill's clock, its worker thread and its terminals, and it is the only
// writer of the drill's log. Order of events for anything that changes the
// drill: the worker accepts it → it is appended to the log → then (and only
// then) the sender hears "accepted" and the terminals see its effect. So a
// crash loses nothing anyone was told about, and a restart rebuilds the same
// drill from the log (DrillOwner.open with the log read back).
import { Worker } from 'node:worker_threads';
import type { Command } from '../../src/model/commands.ts';
import { COMMANDS, commandShapeError } from '../../src/response/commands.ts';
import { DEPARTMENTS, isSeat, seatPolicy, type Seat } from '../../src/model/seats.ts';
import type { FromThread, ToThread } from './drill-thread.ts';
import type { Lang } from '../../src/scoring/i18n.ts';
import { mayAsk, MAX_SPEED, MIN_SPEED, QUESTIONS, type ClockState, type ControlAction, type Question, type Refusal, type ServerMessage } from './protocol.ts';
import { directorStopAfter, generationsAfter } from './director-stop.ts';
import { isNotOwner, NotOwnerError, type DrillRecord, type DrillStore, type LogEntry, type LogKind } from './store.ts';

/** A connected terminal, as the owner sees it; the seat and mode come from its token. */
export interface Terminal {
  readonly id: number;
  readonly seat: Seat;
  readonly mode: 'play' | 'watch';
  readonly gen: number;
  send(text: string): void;
  close(code: number, reason: string): void;
}

export type SeatPlayer = 'person' | 'doctrine' | 'nobody';

/** The clock ticks this often; each tick advances the drill by speed × elapsed wall time. */
export const TICK_MS = 100;
/** A state hash goes into a checkpoint at most this often (a hash costs a few ms). */
const HASH_EVERY_MS = 2000;

export interface OwnerOptions {
  store: DrillStore;
  scenarioPath: string;
  /** Where the report is written as a file as well (null: only in the store). */
  reportDir: string | null;
  clockMs?: () => number;
  log?: (line: string) => void;
  /** Highest speed allowed (default MAX_SPEED, 600×; tests and benchmarks may go faster). */
  maxSpeed?: number;
  /**
   * An engine snapshot is kept every this many simulated seconds (and when
   * the drill is paused or stops at the director's time), so recovery
   * replays only what came after it. 0: only at pause and stop.
   */
  snapshotEverySec?: number;
  /** The WebSocket addresses of every live server process sharing the drills (empty: just this one). */
  peers?: () => string[];
  /**
   * This server process's id: every append is fenced with it, so a process
   * that stalled past its lease and lost the drill to another writes nothing
   * more to its log (store.append's `owner`).
   */
  processId: string;
  /** Called once when an append finds another process owns the drill now: this owner has let it go. */
  onLost?: (owner: DrillOwner) => void;
}

/** Default snapshot interval: 30 simulated minutes (30 s of wall time at 60×; a Jishishan snapshot is about 160 kB and takes some 15 ms to encode). */
export const SNAPSHOT_EVERY_SEC = 1800;

export interface Recovery {
  /** The log's last checkpoint, where the drill resumed. */
  atSec: number;
  /** Checkpoint hashes compared on the way (all must match). */
  checked: number;
  mismatches: { tSec: number; logged: string; rebuilt: string }[];
  commands: number;
  /** The stored snapshot the drill resumed from (null: replayed from T0), and why a snapshot could not be used. */
  fromSnapshotSec: number | null;
  snapshotError: string | null;
  /** Logged commands replayed on top of the snapshot (all of them without one). */
  replayedCommands: number;
  ms: number;
}

type Pending = { resolve: (msg: Extract<FromThread, { req: number }>) => void; reject: (err: Error) => void };

/** Where an ended drill ended, from the report written then: a reopened drill is rebuilt to exactly this. */
export interface EndedDrill {
  untilSec: number;
  finalStateHash: string;
}

/** The refusal a sender gets when the drill has moved to another server process (its terminal reconnects to the new owner). */
type Moved = { ok: false; code: 'drillMoving'; error: string };

/** What a terminal hears back for a command or a late evaluation. */
export type CommandResult = { ok: true; tSec: number } | { ok: false; code: Refusal; error: string };

/**
 * A command a terminal named with its client key (protocol.ts COMMAND_KEY):
 * what it was (type and args as JSON, to tell a key used again for another
 * command) and the ack it got, or will get while it is still being logged.
 */
interface KeyedCommand {
  type: string;
  what: string;
  result: Promise<CommandResult>;
}

/** Keys are the seat's own: two seats may use the same key. */
const keySlot = (seat: string, key: string) => `${seat} ${key}`;
const commandWhat = (type: string, args: unknown) => JSON.stringify([type, args]);


export class DrillOwner {
  private worker: Worker | null = null;
  private seq = 0;
  private reachedSec = -1;
  /** The furthest time a step has been asked for (the worker reaches it before it reads anything sent later). */
  private postedSec = -1;
  private paused = false;
  private speed = 60;
  private stopAtSec: number | null = null;
  /** The stop time the director set, for the after-action report (director-stop.ts): kept when the clock stops there. */
  private directorStopSec: number | null = null;
  private ended = false;
  private finalStateHash: string | null = null;
  private simClockF = 0;
  private lastTickMs = 0;
  private lastHashMs = 0;
  private inFlight = false;
  private readonly terminals = new Map<number, Terminal>();
  /** Terminals whose full frame is on its way from the worker. */
  private readonly joining = new Set<number>();
  private readonly pending = new Map<number, Pending>();
  private nextReq = 1;
  /** Who plays each department now (from the drill's setup and the assignSeat commands in its log). */
  private readonly seatPlayers = new Map<string, SeatPlayer>();
  /** Released seats' link generation: tokens of an older generation no longer work. */
  private readonly seatGen = new Map<string, number>();
  /** Appends in order, one at a time. */
  private writes: Promise<void> = Promise.resolve();
  /**
   * The client keys of the commands and late evaluations in the log, by seat
   * and key (keySlot), read back with it when the drill is rebuilt: server
   * bookkeeping for exactly-once commands, never part of the engine's
   * command or state, so the run and its hashes do not depend on it.
   */
  private readonly keyed = new Map<string, KeyedCommand>();
  private geometry = '';
  private geometrySha = '';
  private readonly clockMs: () => number;
  /** Figures for the status page and the benchmark. */
  readonly stats = { steps: 0, stepMsMax: 0, commands: 0, lastStepMs: 0, snapshots: 0, lastSnapshotSec: -1 };
  /** Simulated time of the last snapshot asked for (the interval counts from there). */
  private snapshotAskedSec = -1;
  private snapshotting = false;
  private snapshotAgain = false;
  private snapshotWrite: Promise<void> = Promise.resolve();
  recovery: Recovery | null = null;
  private failure: string | null = null;
  /** When the drill last had a terminal (or was opened), and when its end was complete: for endedIdleForMs. */
  private lastTerminalMs: number;
  private endedAtMs = 0;

  private constructor(
    readonly record: DrillRecord,
    private readonly options: OwnerOptions,
  ) {
    this.clockMs = options.clockMs ?? Date.now;
    this.lastTerminalMs = this.clockMs();
    for (const seat of DEPARTMENTS) this.seatPlayers.set(seat, record.seats[seat] ?? (record.doctrineSeats.includes(seat) ? 'doctrine' : 'nobody'));
  }

  /**
   * Opens a drill: a new one (empty log) or one to recover (its log read
   * back). Starts its worker and rebuilds the engine to the last checkpoint.
   */
  static async open(record: DrillRecord, options: OwnerOptions, settings: { speed?: number; paused?: boolean; ended?: EndedDrill } = {}): Promise<DrillOwner> {
    const owner = new DrillOwner(record, options);
    if (settings.speed !== undefined) owner.speed = owner.clampSpeed(settings.speed);
    if (settings.paused !== undefined) owner.paused = settings.paused;
    try {
      await owner.start(await options.store.readLog(record.id), settings.ended);
    } catch (err) {
      // Not opened: its worker goes too (a rebuild that failed, or an ended drill that did not come back to its end).
      await owner.close();
      throw err;
    }
    return owner;
  }

  private clampSpeed(speed: number): number {
    return Math.min(this.options.maxSpeed ?? MAX_SPEED, Math.max(MIN_SPEED, speed));
  }

  get id(): string {
    return this.record.id;
  }

  private async start(log: LogEntry[], endedAt?: EndedDrill): Promise<void> {
    const t0 = this.clockMs();
    const commands: Command[] = [];
    /** Evaluations given after the end, to show again (a drill that ended is reopened to take more of them). */
    const late: Command[] = [];
    let lastCheckpoint = -1;
    const hashAt = new Map<number, string>();
    let lastHashed: number | null = null;
    let endLogged = false;
    for (const e of log) {
      this.seq = Math.max(this.seq, e.seq);
      if (e.kind === 'command') {
        const cmd = e.body.command as Command;
        commands.push(cmd);
        this.noteSeatCommand(cmd);
        this.noteKey(e);
      } else if (e.kind === 'control') {
        this.applyControl(e.body as ControlAction & { gen?: number }, e.tSec);
        if (e.body.action === 'end') endLogged = true;
      }
      else if (e.kind === 'evaluation') {
        late.push(e.body.command as Command);
        this.noteKey(e);
      }
      else if (e.kind === 'checkpoint') {
        lastCheckpoint = Math.max(lastCheckpoint, e.tSec);
        for (const h of (e.body.hourly as { tSec: number; hash: string }[] | undefined) ?? []) hashAt.set(h.tSec, h.hash);
        if (typeof e.body.hash === 'string') {
          hashAt.set(e.tSec, e.body.hash);
          lastHashed = e.tSec;
        }
      }
    }
    // The latest snapshot the log's checkpoints reach: the rebuild starts there.
    const snap = lastCheckpoint >= 0 ? await this.options.store.latestSnapshot(this.id, lastCheckpoint) : null;
    if (snap && !hashAt.has(snap.tSec)) hashAt.set(snap.tSec, snap.hash);
    // From a snapshot: every hash logged after it (a few per interval). From
    // T0: every hourly hash and the last hashed checkpoint (a hash costs a few ms).
    const compare = [...hashAt.keys()].filter((t) => (snap ? t >= snap.tSec : t % 3600 === 0 || t === lastHashed));
    if (endedAt) {
      // An ended drill comes back to the state its report was written at: the report's final hash, which the live drill had then.
      hashAt.set(endedAt.untilSec, endedAt.finalStateHash);
      if (!compare.includes(endedAt.untilSec)) compare.push(endedAt.untilSec);
    }
    this.worker = new Worker(new URL('./drill-thread.mjs', import.meta.url), { name: `drill-${this.id}` });
    this.worker.on('message', (m: FromThread) => this.onThread(m));
    this.worker.on('error', (err) => this.fail(`worker: ${err.stack ?? err.message}`));
    // A worker that exits without an error event (out of memory, terminated) answers nothing more either.
    this.worker.on('exit', (code) => {
      if (!this.lost && !this.closing && !this.failure) this.fail(`worker exited (code ${code})`);
    });
    const ready = await new Promise<Extract<FromThread, { op: 'ready' }>>((resolve, reject) => {
      this.onReady = resolve;
      this.onFailed = (e) => reject(new Error(e));
      this.post({
        op: 'init',
        scenarioPath: this.options.scenarioPath,
        scenarioSha256: this.record.scenarioSha256,
        setup: { seed: this.record.seed, untilSec: this.record.untilSec, doctrineSeats: this.record.doctrineSeats },
        commands,
        // A new drill starts at T0 processed, so every frame's time is the state's own.
        // An ended drill is rebuilt to where its report says it ended.
        toSec: endedAt ? endedAt.untilSec : Math.max(0, lastCheckpoint),
        hashAt: compare,
        snapshot: snap ? { tSec: snap.tSec, text: snap.body } : undefined,
      });
    });
    this.onReady = null;
    for (const command of late) this.post({ op: 'late', command });
    this.geometry = ready.geometry;
    this.geometrySha = (JSON.parse(ready.geometry) as { sha256: string }).sha256;
    this.reachedSec = ready.reachedSec;
    this.postedSec = ready.reachedSec;
    this.simClockF = Math.max(0, ready.reachedSec);
    this.snapshotAskedSec = ready.fromSnapshotSec ?? -1;
    if (log.length > 0) {
      const mismatches = ready.hashes.filter((h) => hashAt.get(h.tSec) !== h.hash).map((h) => ({ tSec: h.tSec, logged: hashAt.get(h.tSec)!, rebuilt: h.hash }));
      const fromSec = ready.fromSnapshotSec ?? -1;
      const replayedCommands = commands.filter((c) => c.tSec > fromSec).length;
      this.recovery = {
        atSec: ready.reachedSec,
        checked: ready.hashes.length,
        mismatches,
        commands: commands.length,
        fromSnapshotSec: ready.fromSnapshotSec,
        snapshotError: ready.snapshotError,
        replayedCommands,
        ms: Math.round(this.clockMs() - t0),
      };
      if (ready.snapshotError) this.options.log?.(`drill ${this.id}: the snapshot at T+${snap?.tSec} s could not be restored (${ready.snapshotError}); replayed the whole log instead`);
      if (mismatches.length) this.options.log?.(`drill ${this.id}: rebuilt from its log but ${mismatches.length} hash(es) differ: ${JSON.stringify(mismatches[0])}`);
      await this.append('control', this.reachedSec, {
        // reopened: an ended drill, back to take late evaluations (nothing else changes it).
        action: endedAt ? 'reopened' : 'recovered',
        atSec: ready.reachedSec,
        checked: ready.hashes.length,
        mismatches: mismatches.length,
        fromSnapshotSec: ready.fromSnapshotSec,
        replayedCommands,
        ms: this.recovery.ms,
      });
      if (endedAt && mismatches.length) throw new Error(`it did not come back to the state it ended in (${JSON.stringify(mismatches[0])}), so it takes no evaluations here`);
    }
    if (endedAt) this.holdEnded(endedAt);
    else if (this.reachedSec >= this.record.untilSec || this.record.status === 'ended' || endLogged) await this.end();
  }

  /**
   * An ended drill reopened (after a restart, or by another process): held
   * where it ended, as it was after end(), its report as written then (not
   * written again). The clock does not run, and only what is taken after the
   * end (late evaluations) is.
   */
  private holdEnded(endedAt: EndedDrill): void {
    this.ended = true;
    this.finalStateHash = endedAt.finalStateHash;
    this.endedAtMs = this.clockMs();
  }

  /**
   * How long the drill has stood ended with no terminal: its end complete
   * (the report and the status written, or reopened at its end), no terminal
   * attached or joining, for this many ms. null while it runs or is still
   * ending, while a terminal is attached, and once it is closing or let go.
   * The server unloads a drill idle so for long enough (ServerOptions.endedIdleMs).
   */
  endedIdleForMs(): number | null {
    if (!this.ended || this.finalStateHash === null || this.closing || this.lostDrill || this.terminals.size > 0 || this.joining.size > 0) return null;
    return this.clockMs() - Math.max(this.lastTerminalMs, this.endedAtMs);
  }

  private onReady: ((m: Extract<FromThread, { op: 'ready' }>) => void) | null = null;
  private onFailed: ((error: string) => void) | null = null;

  private post(msg: ToThread): void {
    this.worker?.postMessage(msg);
  }

  private fail(error: string): void {
    this.failure = error;
    this.options.log?.(`drill ${this.id}: ${error}`);
    this.onFailed?.(error);
    this.abandonRequests(`the drill failed: ${error.split('\n')[0]}`);
  }

  private onThread(m: FromThread): void {
    switch (m.op) {
      case 'ready':
        return this.onReady?.(m);
      case 'failed':
        return this.fail(m.error);
      case 'attached': {
        const term = this.terminals.get(m.conn);
        this.joining.delete(m.conn);
        term?.send(m.message);
        return;
      }
      case 'advanced':
        return void this.onAdvanced(m).catch((err: unknown) => (this.moved(err) ? undefined : this.fail(`step at T+${m.tSec}: ${(err as Error).message}`)));
      case 'snapshot':
        return this.keepSnapshot(m);
      case 'report':
      case 'answer':
      case 'lateChecked': {
        const waiter = this.pending.get(m.req);
        this.pending.delete(m.req);
        return waiter?.resolve(m);
      }
    }
  }

  /** Asks the worker; rejects if the worker is gone (failed, or the drill let go) before it answers. */
  private request<T extends Extract<FromThread, { req: number }>>(build: (req: number) => ToThread): Promise<T> {
    if (!this.worker || this.failure) return Promise.reject(new Error(this.failure ?? `drill ${this.id} is not running here`));
    const req = this.nextReq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(req, { resolve: resolve as Pending['resolve'], reject });
      this.post(build(req));
    });
  }

  /** Nothing the worker was asked will be answered: every waiting request fails with `why`. */
  private abandonRequests(why: string): void {
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
  }

  /** Asks the worker for a snapshot of the drill where it is (one at a time; a request meanwhile is served after). */
  private requestSnapshot(): void {
    if (!this.worker || this.failure) return;
    if (this.snapshotting) {
      this.snapshotAgain = true;
      return;
    }
    this.snapshotting = true;
    this.snapshotAskedSec = Math.max(this.snapshotAskedSec, this.postedSec);
    this.post({ op: 'snapshot' });
  }

  /**
   * Stores a snapshot once everything appended before it is in the log (the
   * checkpoint at its time among it: recovery uses only snapshots the log's
   * checkpoints reach). Later appends do not wait for it. A snapshot that
   * cannot be stored costs only recovery time, so it does not fail the drill.
   */
  private keepSnapshot(m: Extract<FromThread, { op: 'snapshot' }>): void {
    const stored = { tSec: m.tSec, wallMs: Math.round(this.clockMs()), hash: m.hash, body: m.text };
    this.snapshotWrite = this.writes
      // A drill let go writes nothing more (its snapshot would be consistent with the log, but it is the new owner's to keep).
      .then(() => (this.lost ? undefined : this.options.store.putSnapshot(this.id, stored)))
      .then(
        () => {
          this.stats.snapshots++;
          this.stats.lastSnapshotSec = m.tSec;
        },
        (err: unknown) => this.options.log?.(`drill ${this.id}: the snapshot at T+${m.tSec} s could not be stored: ${(err as Error).message}`),
      )
      .finally(() => {
        this.snapshotting = false;
        if (this.snapshotAgain) {
          this.snapshotAgain = false;
          this.requestSnapshot();
        }
      });
  }

  /** Appends to the log, after everything appended before it (fenced: only while this process owns the drill). */
  private append(kind: LogKind, tSec: number, body: Record<string, unknown>): Promise<void> {
    const entry: LogEntry = { seq: ++this.seq, kind, tSec, wallMs: Math.round(this.clockMs()), body };
    const write = this.writes.then(() => {
      // Let go already: refused as the store's fence would refuse it.
      if (this.lost) throw new NotOwnerError(this.id, this.options.processId);
      return this.options.store.append(this.id, entry, this.options.processId);
    });
    this.writes = write.catch((err) => (isNotOwner(err) ? this.letGo() : this.lost ? undefined : this.fail(`log append failed: ${(err as Error).message}`)));
    return write;
  }

  private lostDrill = false;
  /** Another process owns the drill now (this one stalled past its lease). */
  get lost(): boolean {
    return this.lostDrill;
  }
  /** Has the drill moved to another server process: let go here, or `err` is the store's fence refusing an append (NotOwnerError)? */
  private moved(err?: unknown): boolean {
    return this.lost || isNotOwner(err);
  }

  /**
   * Does `work` for a sender while this process owns the drill. If the drill
   * has moved to another server process, before or meanwhile, the sender
   * gets the drillMoving refusal instead, `then` saying what to do; any other
   * error is thrown.
   */
  private async unlessMoved<T>(work: () => Promise<T>, then = 'reconnecting'): Promise<T | Moved> {
    const moved: Moved = { ok: false, code: 'drillMoving', error: `drill ${this.id} has moved to another server process; ${then}` };
    if (this.lost) return moved;
    try {
      return await work();
    } catch (err) {
      if (this.moved(err)) return moved;
      throw err;
    }
  }

  /** Set by close(): the worker's exit is expected. */
  private closing = false;

  /**
   * Lets the drill go: nothing more is logged, stepped or acknowledged here;
   * the terminals are closed with "moved" (1012), so they reconnect and find
   * the drill at its new owner, rebuilt from the log this process wrote.
   */
  letGo(): void {
    if (this.lostDrill) return;
    this.lostDrill = true;
    this.options.log?.(`drill ${this.id}: another server process owns it now (this one lost its lease); letting it go`);
    for (const t of this.terminals.values()) t.close(1012, 'drill moved');
    this.terminals.clear();
    this.joining.clear();
    this.abandonRequests(`drill ${this.id} has moved to another server process`);
    void this.worker?.terminate();
    this.worker = null;
    this.options.onLost?.(this);
  }

  clock(): ClockState {
    return { tSec: Math.max(0, this.reachedSec), paused: this.paused, speed: this.speed, stopAtSec: this.stopAtSec, untilSec: this.record.untilSec, ended: this.ended };
  }

  info() {
    return {
      id: this.id,
      scenario: this.record.scenarioId,
      seed: this.record.seed,
      clock: this.clock(),
      seats: Object.fromEntries(this.seatPlayers),
      terminals: [...this.terminals.values()].map((t) => ({ seat: t.seat, mode: t.mode })),
      finalStateHash: this.finalStateHash,
      recovery: this.recovery,
      failure: this.failure,
      stats: { ...this.stats },
    };
  }

  /** The link generation in force for a seat (a released seat's older links are refused). */
  generation(seat: string): number {
    return this.seatGen.get(seat) ?? 0;
  }

  private broadcast(message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const t of this.terminals.values()) t.send(text);
  }

  // ---- the clock

  /** Called every TICK_MS by the server: asks the worker to go as far as the clock says. */
  tick(): void {
    const now = this.clockMs();
    const dtSec = this.lastTickMs ? Math.min(now - this.lastTickMs, 1000) / 1000 : 0;
    this.lastTickMs = now;
    if (this.paused || this.ended || this.inFlight || !this.worker || this.failure) return;
    // Never more than a quarter of a second of wall time ahead of the engine.
    this.simClockF = Math.min(this.simClockF + dtSec * this.speed, this.reachedSec + this.speed * 0.25 + 1);
    let target = Math.floor(this.simClockF);
    if (this.stopAtSec !== null && this.stopAtSec > this.reachedSec) target = Math.min(target, this.stopAtSec);
    target = Math.min(target, this.record.untilSec);
    if (target <= this.reachedSec) return;
    this.inFlight = true;
    const withHash = now - this.lastHashMs >= HASH_EVERY_MS;
    if (withHash) this.lastHashMs = now;
    this.postedSec = target;
    this.post({ op: 'advance', toSec: target, withHash });
  }

  private async onAdvanced(m: Extract<FromThread, { op: 'advanced' }>): Promise<void> {
    this.reachedSec = m.tSec;
    this.stats.steps++;
    this.stats.lastStepMs = m.stepMs;
    this.stats.stepMsMax = Math.max(this.stats.stepMsMax, m.stepMs);
    const body: Record<string, unknown> = {};
    if (m.hash) body.hash = m.hash;
    if (m.hourly.length) body.hourly = m.hourly;
    // The checkpoint is in the log before any terminal sees the time it names.
    await this.append('checkpoint', m.tSec, body);
    for (const [conn, text] of m.frames) if (!this.joining.has(conn)) this.terminals.get(conn)?.send(text);
    // Asked before the next step is posted, so the snapshot is of this second.
    const every = this.options.snapshotEverySec ?? SNAPSHOT_EVERY_SEC;
    if (every > 0 && Math.floor(m.tSec / every) > Math.floor(Math.max(0, this.snapshotAskedSec) / every) && m.tSec < this.record.untilSec) this.requestSnapshot();
    this.inFlight = false;
    if (this.stopAtSec !== null && m.tSec >= this.stopAtSec && !this.paused) {
      this.paused = true;
      this.stopAtSec = null;
      await this.append('control', m.tSec, { action: 'stoppedAt', paused: true });
      this.requestSnapshot();
      this.broadcast({ t: 'clock', clock: this.clock() });
    }
    if (m.tSec >= this.record.untilSec) await this.end();
  }

  // ---- terminals

  /** A terminal joins with a verified token: the geometry (unless it has it), then a full frame. */
  async join(term: Terminal, haveGeometry: string | undefined): Promise<{ ok: true } | { ok: false; code: Refusal; message: string }> {
    const r = await this.unlessMoved(() => this.attach(term, haveGeometry));
    return r.ok ? r : { ok: false, code: r.code, message: r.error };
  }

  private async attach(term: Terminal, haveGeometry: string | undefined): Promise<{ ok: true } | { ok: false; code: Refusal; error: string }> {
    // Shutting down: the terminal tries again, and finds the drill where it is then.
    if (!this.worker) return { ok: false, code: 'drillMoving', error: `drill ${this.id} is not running here; reconnecting` };
    if (term.gen < this.generation(term.seat)) return { ok: false, code: 'revokedToken', error: `the director released the ${term.seat} seat; this link no longer works` };
    // A person takes a department from the doctrine (or from nobody) from the next second.
    if (term.mode === 'play' && DEPARTMENTS.includes(term.seat) && this.seatPlayers.get(term.seat) !== 'person' && !this.ended) {
      const r = await this.submitCommand('director', 'assignSeat', { seat: term.seat, player: 'person' }, { by: 'server', reason: 'join' });
      if (!r.ok) this.options.log?.(`drill ${this.id}: could not hand ${term.seat} to its person: ${r.error}`);
    }
    // Let go while the hand-over was being logged: the terminal joins the new owner instead.
    if (this.lost) throw new NotOwnerError(this.id, this.options.processId);
    this.terminals.set(term.id, term);
    this.joining.add(term.id);
    const geometry = haveGeometry === this.geometrySha ? 'null' : this.geometry;
    const doctrineSeats = DEPARTMENTS.filter((s) => this.seatPlayers.get(s) === 'doctrine');
    const head = { t: 'welcome', drill: this.id, scenario: this.record.scenarioId, seed: this.record.seed, seat: term.seat, mode: term.mode, policy: seatPolicy(term.seat), doctrineSeats, clock: this.clock(), ...this.peersField() };
    // The geometry is serialized once per drill (typed arrays already encoded) and spliced in.
    term.send(`${JSON.stringify(head).slice(0, -1)},"geometry":${geometry}}`);
    this.post({ op: 'attach', conn: term.id, seat: term.seat });
    this.append('terminal', Math.max(0, this.reachedSec), { event: 'join', seat: term.seat, mode: term.mode, conn: term.id }).catch(() => undefined); // a failed write has already failed the drill
    if (this.ended && this.finalStateHash) term.send(JSON.stringify({ t: 'ended', finalStateHash: this.finalStateHash } satisfies ServerMessage));
    return { ok: true };
  }

  /** Where else the terminal may reconnect should this process die (only when there are other processes). */
  private peersField(): { peers?: string[] } {
    const peers = this.options.peers?.() ?? [];
    return peers.length > 1 ? { peers } : {};
  }

  leave(term: Terminal): void {
    if (!this.terminals.delete(term.id)) return;
    this.joining.delete(term.id);
    this.lastTerminalMs = this.clockMs();
    this.post({ op: 'detach', conn: term.id });
    this.append('terminal', Math.max(0, this.reachedSec), { event: 'leave', seat: term.seat, conn: term.id }).catch(() => undefined); // a failed write has already failed the drill
  }

  /** A logged command's or late evaluation's client key, read back: sent again, it gets the ack it got then (its second). */
  private noteKey(e: LogEntry): void {
    const key = (e.body.from as { key?: unknown } | undefined)?.key;
    const cmd = e.body.command as Command;
    if (typeof key !== 'string') return;
    this.keyed.set(keySlot(cmd.seat, key), { type: cmd.type, what: commandWhat(cmd.type, cmd.args), result: Promise.resolve({ ok: true, tSec: e.tSec }) });
  }

  private noteSeatCommand(cmd: Command): void {
    if (cmd.type === 'assignSeat' && cmd.seat === 'director' && isSeat(cmd.args.seat)) this.seatPlayers.set(cmd.args.seat, cmd.args.player as SeatPlayer);
  }

  /**
   * Queues a command for the second after the last step asked of the worker
   * and logs it; resolves once it is in the log (then, and only then, may the
   * sender be told it was accepted). The ack does not wait for the engine:
   * the shape is checked here with the gate's own check, and the worker gets
   * the command before any later step (its effect reaches terminals only in
   * frames released after the log write).
   */
  private async submitCommand(seat: string, type: string, args: Record<string, unknown>, from: Record<string, unknown>): Promise<{ ok: true; tSec: number } | { ok: false; error: string }> {
    const tSec = this.postedSec + 1;
    if (tSec > this.record.untilSec) return { ok: false, error: 'the drill has ended' };
    const command: Command = { tSec, seat, type, args: { ...args } };
    const shape = commandShapeError(command);
    if (shape) return { ok: false, error: shape };
    this.post({ op: 'queue', command });
    this.noteSeatCommand(command);
    this.stats.commands++;
    await this.append('command', tSec, { command, from });
    return { ok: true, tSec };
  }

  /**
   * A command from a terminal, as the seat of its token. An evaluator's
   * terminal watches, but records observations and ratings (the commands
   * the gate lets observers give); any other watching terminal commands nothing.
   */
  async command(term: Terminal, type: string, args: Record<string, unknown>, key?: string): Promise<CommandResult> {
    const evaluator = seatPolicy(term.seat).observer;
    if (evaluator ? COMMANDS[type]?.observers !== true : term.mode !== 'play') {
      return { ok: false, code: 'observer', error: evaluator ? `an evaluator records observations and ratings (recordObservation, rateIndicator) and commands nothing else` : `a watching ${term.seat} terminal commands nothing` };
    }
    // The server's clock stops a joint drill (control stopAt); the engine's own stop would freeze it with the clock still running.
    if (type === 'setStopTime') return { ok: false, code: 'badCommand', error: 'in a joint drill the stop time is the clock\'s: the director sets it with {t:"control", action:"stopAt", tSec}' };
    if (term.gen < this.generation(term.seat)) return { ok: false, code: 'revokedToken', error: 'the director released this seat' };
    // Not in the log, so not acknowledged: the sender resends it where the drill is now.
    return this.unlessMoved(() => (key === undefined ? this.logCommand(term, type, args, undefined) : this.recordOnce(term, type, args, key)), 'the command was not recorded, send it again');
  }

  /** Logs the command (a late evaluation once the drill has ended), its client key beside it. */
  private async logCommand(term: Terminal, type: string, args: Record<string, unknown>, key: string | undefined): Promise<CommandResult> {
    const from = key === undefined ? { conn: term.id } : { conn: term.id, key };
    if (this.ended) return this.lateEvaluation(term, type, args, from);
    const r = await this.submitCommand(term.seat, type, args, from);
    return r.ok ? r : { ok: false, code: 'badCommand', error: r.error };
  }

  /**
   * A keyed command is recorded once per seat and key. Sent again (its ack
   * was lost with the connection, before or after a restart, a take-over by
   * another process or the drill's end), it gets the ack the first one got,
   * with its second, and is not logged again; sent again while the first is
   * still being logged, it waits for that one's ack. A key used again for
   * another command is refused: acking it would say that command was
   * recorded when it was not.
   */
  private recordOnce(term: Terminal, type: string, args: Record<string, unknown>, key: string): Promise<CommandResult> {
    const slot = keySlot(term.seat, key);
    const what = commandWhat(type, args);
    const known = this.keyed.get(slot);
    if (known) {
      if (known.what === what) return known.result;
      return Promise.resolve({ ok: false, code: 'badCommand', error: `key: ${key} already names another command of the ${term.seat} seat (${known.type}); this one was not recorded (a key names one command)` });
    }
    const entry: KeyedCommand = { type, what, result: this.logCommand(term, type, args, key) };
    this.keyed.set(slot, entry);
    // Not logged (refused, or the drill moved meanwhile): the key is free again, so sending it again tries afresh.
    const forget = () => {
      if (this.keyed.get(slot) === entry) this.keyed.delete(slot);
    };
    entry.result.then((r) => (r.ok ? undefined : forget()), forget);
    return entry.result;
  }

  /**
   * After the end only evaluations are recorded: an evaluator's (or the
   * director's) observation or rating, as evaluators complete their guides
   * after ENDEX. The drill's thread checks it by the gate's rules against the
   * ended drill (drill-engine.ts checkLate: who may, the shape, the inject or
   * expected action it names). Logged as kind 'evaluation' at the end's time,
   * apart from the engine's commands (the run report, what replays, stays as
   * written), and shown in the score, the after-action report and the
   * exercise panel.
   */
  private async lateEvaluation(term: Terminal, type: string, args: Record<string, unknown>, from: Record<string, unknown>): Promise<CommandResult> {
    const tSec = Math.max(0, this.reachedSec);
    const command: Command = { tSec, seat: term.seat, type, args: { ...args } };
    let checked: Extract<FromThread, { op: 'lateChecked' }>;
    try {
      checked = await this.request<Extract<FromThread, { op: 'lateChecked' }>>((req) => ({ op: 'checkLate', req, command }));
    } catch (err) {
      if (this.moved(err)) throw err;
      // A failed drill never answers again: sending it again cannot help, so say where the evaluation can go instead.
      if (this.failure) {
        return {
          ok: false,
          code: 'drillEnded',
          error: `the drill failed on this server (${this.failure.split('\n')[0]}), so evaluations can no longer be recorded here; keep this one in an observations file for drilltwin report --observations`,
        };
      }
      // The thread cannot answer (the server is shutting down): nothing was checked, so nothing is recorded.
      return { ok: false, code: 'drillMoving', error: `the drill is not running here, so the evaluation could not be checked and was not recorded (${(err as Error).message}); send it again` };
    }
    if (checked.error !== null) return { ok: false, code: 'badCommand', error: `the evaluation could not be checked, so it was not recorded: ${checked.error}` };
    if (checked.refusal) return { ok: false, ...checked.refusal };
    await this.append('evaluation', tSec, { command, from });
    this.post({ op: 'late', command });
    return { ok: true, tSec };
  }

  /**
   * A read-out of the drill where it is (score, report, exercise state,
   * MSEL, inject targets), for the seats QUESTIONS allows. It only reads
   * the engine's state, so it is not logged; an ended drill still answers.
   */
  async ask(term: Terminal, what: Question, lang: Lang): Promise<{ ok: true; json: string } | { ok: false; code: Refusal; error: string }> {
    if (!mayAsk(seatPolicy(term.seat), what)) return { ok: false, code: 'controlCellOnly', error: QUESTIONS[what] === 'control' ? `only the director asks for ${what}` : `the ${what} is for the control cell and the evaluators, not the players` };
    if (term.gen < this.generation(term.seat)) return { ok: false, code: 'revokedToken', error: 'the director released this seat' };
    const r = await this.unlessMoved(() => this.request<Extract<FromThread, { op: 'answer' }>>((req) => ({ op: 'ask', req, what, lang, stopAtSec: this.directorStopSec }))).catch((err: unknown) => ({
      ok: false as const,
      code: 'drillMoving' as const,
      error: `the drill is not running here: ${(err as Error).message}`,
    }));
    if ('ok' in r) return r;
    return r.json !== null ? { ok: true, json: r.json } : { ok: false, code: 'badCommand', error: `the ${what} could not be computed: ${r.error}` };
  }

  // ---- control

  /** Folds a logged control action into the clock and seat state (also used when reading a log back). */
  private applyControl(c: ControlAction & { gen?: number; paused?: boolean }, tSec: number): void {
    this.directorStopSec = directorStopAfter(this.directorStopSec, c);
    switch (c.action) {
      case 'pause':
        this.paused = true;
        break;
      case 'resume':
        this.paused = false;
        break;
      case 'speed':
        this.speed = this.clampSpeed(c.speed);
        break;
      case 'stopAt':
        this.stopAtSec = c.tSec;
        break;
      case 'release':
        generationsAfter(this.seatGen, c);
        break;
      default:
        if ((c as { action: string }).action === 'stoppedAt') {
          this.paused = true;
          this.stopAtSec = null;
        }
    }
    void tSec;
  }

  /** The director's control action; logged before it takes effect for anyone. */
  async control(c: ControlAction): Promise<{ ok: true; clock: ClockState } | { ok: false; code: Refusal; error: string }> {
    return this.unlessMoved(() => this.applyDirectorControl(c));
  }

  private async applyDirectorControl(c: ControlAction): Promise<{ ok: true; clock: ClockState } | { ok: false; code: Refusal; error: string }> {
    const bad = (error: string) => ({ ok: false as const, code: 'badControl' as const, error });
    if (this.ended) return { ok: false, code: 'drillEnded', error: 'the drill has ended' };
    const t = Math.max(0, this.reachedSec);
    switch (c?.action) {
      case 'pause':
      case 'resume':
        break;
      case 'speed':
        if (typeof c.speed !== 'number' || !Number.isFinite(c.speed) || c.speed < MIN_SPEED || c.speed > (this.options.maxSpeed ?? MAX_SPEED)) return bad(`speed: expected ${MIN_SPEED} to ${this.options.maxSpeed ?? MAX_SPEED}`);
        break;
      case 'stopAt':
        if (c.tSec !== null && (!Number.isInteger(c.tSec) || c.tSec <= this.reachedSec || c.tSec > this.record.untilSec)) return bad(`tSec: expected a whole second after ${t} and up to ${this.record.untilSec}, or null`);
        break;
      case 'release': {
        if (!DEPARTMENTS.includes(c.seat as Seat)) return bad(`seat: expected one of ${DEPARTMENTS.join(', ')}`);
        const to = c.to ?? 'doctrine';
        if (to !== 'doctrine' && to !== 'nobody') return bad('to: expected doctrine or nobody');
        const gen = this.generation(c.seat) + 1;
        await this.append('control', t, { action: 'release', seat: c.seat, to, gen });
        this.seatGen.set(c.seat, gen);
        if (this.seatPlayers.get(c.seat) !== to) {
          const r = await this.submitCommand('director', 'assignSeat', { seat: c.seat, player: to }, { by: 'server', reason: 'release' });
          if (!r.ok) return bad(r.error);
        }
        for (const term of [...this.terminals.values()]) {
          if (term.seat === c.seat && term.gen < gen) {
            term.send(JSON.stringify({ t: 'refused', code: 'revokedToken', message: `the director released the ${c.seat} seat` } satisfies ServerMessage));
            term.close(4003, 'seat released');
            this.leave(term);
          }
        }
        return { ok: true, clock: this.clock() };
      }
      case 'end':
        await this.append('control', t, { action: 'end' });
        await this.end();
        return { ok: true, clock: this.clock() };
      default:
        return bad('action: expected pause, resume, speed, stopAt, release or end');
    }
    await this.append('control', t, { ...c });
    this.applyControl(c, t);
    // A paused drill may stay paused a long while (a break, the next day): kept now, recovery replays nothing.
    if (c.action === 'pause') this.requestSnapshot();
    if (c.action === 'resume' || c.action === 'speed') this.simClockF = Math.max(0, this.reachedSec);
    this.broadcast({ t: 'clock', clock: this.clock() });
    return { ok: true, clock: this.clock() };
  }

  // ---- the end

  /** Ends the drill where it is: the report is written from the log, checked against the live state. */
  private async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    while (this.inFlight) await new Promise((r) => setTimeout(r, 5));
    const untilSec = Math.max(0, this.reachedSec);
    const log = await this.options.store.readLog(this.id);
    const commands = log.filter((e) => e.kind === 'command').map((e) => e.body.command as Command);
    const r = await this.request<Extract<FromThread, { op: 'report' }>>((req) => ({ op: 'report', req, commands, untilSec }));
    if (r.finalStateHash !== r.liveHash) this.fail(`the report's final hash ${r.finalStateHash} differs from the live drill's ${r.liveHash}`);
    await this.options.store.putReport(this.id, r.finalStateHash, r.report, Math.round(this.clockMs()));
    await this.options.store.setStatus(this.id, 'ended');
    if (this.options.reportDir) {
      const { mkdirSync, writeFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      mkdirSync(this.options.reportDir, { recursive: true });
      writeFileSync(join(this.options.reportDir, `${this.id}.json`), r.report);
    }
    this.finalStateHash = r.finalStateHash;
    this.endedAtMs = this.clockMs();
    this.broadcast({ t: 'clock', clock: this.clock() });
    this.broadcast({ t: 'ended', finalStateHash: r.finalStateHash });
  }

  /**
   * Stops the worker (server shutdown, or an ended drill unloaded while no
   * terminal has it); the log holds everything needed to carry on. Nothing is
   * logged for it: the log notes how a drill came back (recovered,
   * reopened), not that a process stopped holding it.
   */
  async close(): Promise<void> {
    this.closing = true;
    await this.writes;
    await this.snapshotWrite;
    for (const t of this.terminals.values()) t.close(1001, 'server shutting down');
    this.terminals.clear();
    this.abandonRequests('the server is shutting down');
    await this.worker?.terminate();
    this.worker = null;
  }
}
