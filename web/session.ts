// The page's side of the session: the worker behind Comlink, the seat's
// picture, and the exercise clock that asks the worker to advance as wall
// time passes (speed × elapsed), one request in flight at a time.
import * as Comlink from 'comlink';
import type { Cell, SheetRow } from '../src/drill/msel-sheet.ts';
import type { Seat } from '../src/model/seats.ts';
import type { BrowserSession } from '../workers/browser-worker.ts';
import type { DrillFile } from '../workers/session-host.ts';
import type { Frame } from '../src/drill/channel.ts';
import type { MapGeometry } from '../src/drill/geometry.ts';
import { Picture, type FrameChanges } from './picture.ts';

export type Speed = number | 'max';
/**
 * Why the page gets a whole new picture: a drill started or loaded, another seat, a jump in time, or (a joint
 * drill's terminal) the same drill and seat again after a lost connection, where what the page said about the
 * seat's commands still holds.
 */
export type ResetKind = 'start' | 'seat' | 'seek' | 'rejoin';
export type ErrorSource = 'server' | 'terminal';
export type ConnectionState = 'lost' | 'back' | 'stopped';

export interface SessionEvents {
  /**
   * A new picture: redraw everything. `start`: a new drill (started, loaded,
   * recovered) — what belonged to the old one goes; `seat`: the seat changed;
   * `seek`: the same drill at another time.
   */
  onReset(picture: Picture, kind: ResetKind): void;
  /** A frame was applied. */
  onFrame(picture: Picture, changes: FrameChanges, frame: Frame): void;
  /** The clock started, stopped or changed speed. */
  onClock(): void;
  /**
   * Something did not work. `from`, in a joint drill: the drill server said
   * so (a refusal, a question it could not answer), or this terminal does not
   * do that; unset: the solo console (its engine, a drill file).
   */
  onError(message: string, from?: ErrorSource): void;
  /**
   * A joint drill's connection to the drill server: `lost` (reconnecting by
   * itself), `back` (welcomed again), `stopped` (no longer trying: the link
   * was refused, and onError says why). Not called by the solo console; a
   * page without it is told of a lost connection through onError.
   */
  onConnection?(state: ConnectionState): void;
  /** A command was queued (the drill log grew). */
  onSubmitted(): void;
}

/** Frame timing for the performance measurement (read by the e2e test). */
export interface Stats {
  frameMs: number[];
  applyMs: number[];
  advanceMs: number[];
}

export class Session {
  private readonly remote: Comlink.Remote<BrowserSession>;
  picture: Picture | null = null;
  geometry: MapGeometry | null = null;
  seat: Seat = 'director';
  seed = 0;
  /** Seats the doctrine responder plays; undefined = the scenario's, minus the seat a person takes. */
  doctrineSeats: string[] | undefined = undefined;
  mode: 'live' | 'replay' = 'live';
  playing = false;
  speed: Speed = 60;
  private inFlight = false;
  private simClockF = 0;
  private lastWallMs = 0;
  private maxChunkSec = 900;
  readonly stats: Stats = { frameMs: [], applyMs: [], advanceMs: [] };
  private lastRafMs = 0;
  private recording = false;

  constructor(private readonly events: SessionEvents) {
    const worker = new Worker(new URL('../workers/browser-worker.ts', import.meta.url), { type: 'module', name: 'drilltwin-engine' });
    worker.addEventListener('error', (e) => events.onError(`engine worker: ${e.message}`));
    this.remote = Comlink.wrap<BrowserSession>(worker);
    const loop = (now: number) => {
      if (this.recording && this.lastRafMs) this.stats.frameMs.push(now - this.lastRafMs);
      this.lastRafMs = now;
      this.tick(now);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  /** Starts or stops recording frame statistics. */
  record(on: boolean): void {
    if (on) {
      this.stats.frameMs.length = 0;
      this.stats.applyMs.length = 0;
      this.stats.advanceMs.length = 0;
    }
    this.recording = on;
  }

  async load(scenarioId: string, texts: Record<string, string>): Promise<{ ok: true; geometry: MapGeometry } | { ok: false; problems: string[] }> {
    const answer = await this.remote.load(scenarioId, texts);
    if (answer.ok) {
      this.pause();
      this.geometry = answer.geometry;
      this.picture = null;
    }
    return answer;
  }

  async start(seed: number): Promise<void> {
    this.pause();
    this.seed = seed;
    this.mode = 'live';
    this.resetWith(await this.remote.start(seed, this.seat, this.doctrineSeats), 'start');
  }

  async setSeat(seat: Seat): Promise<void> {
    this.seat = seat;
    const frame = await this.remote.setSeat(seat);
    if (frame) this.resetWith(frame, 'seat');
  }

  private resetWith(frame: Frame, kind: ResetKind): void {
    this.picture = new Picture(this.geometry!);
    this.picture.apply(frame);
    this.simClockF = this.picture.tSec;
    this.events.onReset(this.picture, kind);
  }

  private applyFrame(frame: Frame): void {
    const t0 = performance.now();
    const changes = this.picture!.apply(frame);
    this.events.onFrame(this.picture!, changes, frame);
    if (this.recording) this.stats.applyMs.push(performance.now() - t0);
  }

  play(): void {
    if (!this.picture || this.picture.ended) return;
    this.playing = true;
    this.lastWallMs = 0;
    this.simClockF = this.picture.tSec;
    this.events.onClock();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.events.onClock();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.lastWallMs = 0;
    this.events.onClock();
  }

  /** Advances to an absolute time (forward only when live). */
  async advanceTo(tSec: number): Promise<void> {
    if (!this.picture || this.inFlight) return;
    this.inFlight = true;
    try {
      const frame = await this.remote.advance(tSec);
      this.simClockF = frame.tSec;
      this.applyFrame(frame);
    } finally {
      this.inFlight = false;
    }
  }

  /** Replay only: any time, backwards included. */
  async seek(tSec: number): Promise<void> {
    if (!this.picture) return;
    while (this.inFlight) await new Promise((r) => setTimeout(r, 5));
    this.inFlight = true;
    try {
      const frame = await this.remote.seek(tSec);
      this.simClockF = frame.tSec;
      this.picture = new Picture(this.geometry!);
      this.picture.apply(frame);
      this.events.onReset(this.picture, 'seek');
    } finally {
      this.inFlight = false;
    }
  }

  private tick(nowMs: number): void {
    const picture = this.picture;
    if (!this.playing || !picture || this.inFlight) {
      this.lastWallMs = nowMs;
      return;
    }
    if (picture.ended) {
      this.playing = false;
      this.events.onClock();
      return;
    }
    const dtSec = this.lastWallMs ? Math.min(nowMs - this.lastWallMs, 250) / 1000 : 0;
    this.lastWallMs = nowMs;
    let target: number;
    if (this.speed === 'max') {
      target = picture.tSec + this.maxChunkSec;
    } else {
      // Never run more than a quarter second of wall time ahead of the engine.
      this.simClockF = Math.min(this.simClockF + dtSec * this.speed, picture.tSec + this.speed * 0.25 + 1);
      target = Math.floor(this.simClockF);
      if (target <= picture.tSec) return;
    }
    const sentAt = performance.now();
    this.inFlight = true;
    this.remote
      .advance(target)
      .then((frame) => {
        const took = performance.now() - sentAt;
        if (this.recording) this.stats.advanceMs.push(took);
        // At max speed, size the next chunk so a round trip takes about 50 ms.
        if (this.speed === 'max') this.maxChunkSec = Math.max(60, Math.min(6 * 3600, Math.round(this.maxChunkSec * Math.min(2, Math.max(0.5, 50 / Math.max(1, took))))));
        this.applyFrame(frame);
        if (frame.ended) {
          this.playing = false;
          this.events.onClock();
        }
      })
      .catch((err: unknown) => {
        this.playing = false;
        this.events.onError(String((err as Error)?.message ?? err));
        this.events.onClock();
      })
      .finally(() => {
        this.inFlight = false;
      });
  }

  async submit(cmd: { type: string; args: Record<string, unknown> }) {
    const answer = await this.remote.submit({ seat: this.seat, ...cmd });
    if (answer.ok) this.events.onSubmitted();
    return answer;
  }

  /** Queues a command for a later second (a scheduled seat hand-over). */
  async submitAt(cmd: { type: string; args: Record<string, unknown> }, atSec: number) {
    const answer = await this.remote.submitAt({ seat: this.seat, ...cmd }, atSec);
    if (answer.ok) this.events.onSubmitted();
    return answer;
  }

  getLog(): Promise<DrillFile> {
    return this.remote.getLog();
  }

  /** The problems of a drill file, checked in the worker without touching the running drill (against `scenario` when given). */
  checkDrill(file: unknown, scenario: { id: string; texts: Record<string, string> } | null): Promise<string[]> {
    return this.remote.checkDrill(file, scenario);
  }

  async loadDrill(file: unknown): Promise<{ ok: true; reachedSec: number } | { ok: false; problems: string[] }> {
    this.pause();
    const answer = await this.remote.loadDrill(file);
    if (!answer.ok) return answer;
    this.mode = 'replay';
    this.seed = (file as DrillFile).seed;
    this.resetWith(answer.frame, 'start');
    return { ok: true, reachedSec: answer.reachedSec };
  }

  /** Picks a saved drill up live where it was (after a refresh): the seat first, then the log run to its time. */
  async resume(file: DrillFile, seat: Seat): Promise<{ ok: true } | { ok: false; problems: string[] }> {
    this.pause();
    this.seat = seat;
    await this.remote.setSeat(seat);
    const answer = await this.remote.resume(file);
    if (!answer.ok) return answer;
    this.mode = 'live';
    this.seed = file.seed;
    this.resetWith(answer.frame, 'start');
    return { ok: true };
  }

  finalHash(): Promise<string> {
    return this.remote.finalHash();
  }

  /** The drill's score so far against the scenario's targets, computed in the worker. */
  score() {
    return this.remote.score();
  }

  /** The after-action report of the drill so far, rendered in the worker. */
  aar(lang: 'zh' | 'en') {
    return this.remote.aar(lang);
  }

  /** Inject states, expected actions, observations and ratings (the control cell's and evaluators' panels). */
  exercise() {
    return this.remote.exercise();
  }

  injectTargets() {
    return this.remote.injectTargets();
  }

  mselSheet(lang: 'zh' | 'en') {
    return this.remote.mselSheet(lang);
  }

  /** Loads the scenario again with a spreadsheet's MSEL; the caller starts the new drill. */
  async importMsel(scenarioId: string, header: Cell[], rows: SheetRow[]) {
    const answer = await this.remote.importMsel(scenarioId, header, rows);
    if (answer.ok) {
      this.pause();
      this.geometry = answer.geometry;
      this.picture = null;
    }
    return answer;
  }

  siteDetail(site: number) {
    return this.remote.siteDetail(site);
  }

  info() {
    return this.remote.info();
  }
}
