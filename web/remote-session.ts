// A terminal of a joint drill: the console's session, but the engine is the
// drill server's and so is the clock. It speaks the WebSocket protocol
// (workers/server/protocol.ts), feeds the page the same frames the in-browser
// worker would, and reconnects by itself when the server goes away (a fresh
// full picture on each join; meanwhile the page's connection line says so,
// through onConnection). The seat comes from the link's token; only the
// director's terminal runs the clock (pause, resume, speed).
//
// Every command carries a client key (random per page load, then a counter).
// A command whose ack has not come when the connection is lost is not given
// up: it is sent again, with the same key, once the terminal is welcomed
// again, and the server, which keeps the keys it has logged, records it once
// and acks it with its first second. A command given while disconnected
// waits for the rejoin the same way.
//
// It stands in for Session (web/session.ts) where main.ts creates one
// (openSession below): the panels call the same members. Its mode is
// 'joint': neither 'live' (nothing to autosave: the server keeps the log)
// nor 'replay' (the command forms stay open). The director's and the
// evaluators' terminals ask the server's engine for the score, the
// after-action report and the exercise state ({t:'ask'}); the exercise
// panel's commands go through the same gate as in a solo drill.
import type { Frame } from '../src/drill/channel.ts';
import type { MapGeometry } from '../src/drill/geometry.ts';
import type { Seat, SeatPolicy } from '../src/model/seats.ts';
import type { DrillAar, DrillScore } from '../workers/drill-report.ts';
import type { ExerciseView, injectTargets } from '../workers/exercise-view.ts';
import { decodeMessage, mayAsk, type ClockState, type Question, type ServerMessage } from '../workers/server/protocol.ts';
import { getLang, t } from './i18n.ts';
import { Picture } from './picture.ts';
import { Session, type ConnectionState, type ErrorSource, type SessionEvents, type Speed, type Stats } from './session.ts';
import './remote-session.css';

const TEXT = {
  zh: {
    seatFromLink: '本终端由演练链接确定席位（{seat}），不能切换',
    notHere: '联合演练由导演部控制，本终端不能{what}',
    notSent: '指令未发送：{why}',
    unconfirmed: '服务器未确认该指令（{why}），它可能已被记录，请查看本席位的日志',
    terminalClosed: '本终端已关闭',
    linkBad: '演练链接无效或已过期：{message}',
    refused: '服务器拒绝了该消息：{message}',
    evaluationNotHere: '联合演练中，评分与复盘报告由导演部和评估员查看',
    notAnswered: '服务器未能给出{what}：{message}',
  },
  en: {
    seatFromLink: 'This terminal plays the seat its link names ({seat}); it cannot switch',
    notHere: 'The exercise control runs a joint drill; this terminal cannot {what}',
    notSent: 'The command was not sent: {why}',
    unconfirmed: "The drill server did not confirm the command ({why}); it may have been recorded, see the seat's log",
    terminalClosed: 'this terminal was closed',
    linkBad: 'The drill link is not valid or has expired: {message}',
    refused: 'The server refused a message: {message}',
    evaluationNotHere: 'In a joint drill the score and the after-action report are for the control cell and the evaluators',
    notAnswered: 'The server could not give the {what}: {message}',
  },
} as const;

function say(key: keyof (typeof TEXT)['en'], params: Record<string, string> = {}): string {
  return TEXT[getLang() === 'en' ? 'en' : 'zh'][key].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

/** Refusals after which joining again cannot help. */
const FINAL = new Set(['badToken', 'expiredToken', 'revokedToken', 'unknownDrill']);

type Answer = { ok: true; tSec: number } | { ok: false; error: string };
/** The server's reply to a request, matched by the request's id: an ack (cmd, control) or an answer (ask). */
type Reply = Extract<ServerMessage, { t: 'ack' | 'answer' }>;
type InjectTargets = ReturnType<typeof injectTargets>;

/** A command waiting for its ack; kept across a lost connection and sent again, with its key, after the rejoin. */
interface Unacked {
  /** {t:'cmd', type, args, key}: the id is fresh each time it is sent. */
  message: { t: 'cmd'; type: string; args: Record<string, unknown>; key: string };
  /** Sent at least once, so the server may have recorded it (false: given while disconnected, never sent). */
  sent: boolean;
  done: (answer: Answer) => void;
}

/** This page's part of its command keys: random, so two pages (or two loads of one) never share a key. */
function pageKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class RemoteSession {
  picture: Picture | null = null;
  geometry: MapGeometry | null = null;
  seat: Seat = 'director';
  seed = 0;
  doctrineSeats: string[] | undefined = undefined;
  readonly mode = 'joint' as const;
  playing = false;
  speed: Speed = 60;
  readonly stats: Stats = { frameMs: [], applyMs: [], advanceMs: [] };
  /** The server's clock, as last heard. */
  clock: ClockState | null = null;
  policy: SeatPolicy | null = null;
  drill = '';
  scenario = '';
  /** How many times this terminal has joined (reconnections included); for the tests. */
  joins = 0;
  connected = false;
  /** The server process this terminal is connected to (its WebSocket address); for the tests. */
  connectedUrl: string | null = null;
  /**
   * Where to connect: this page's own server first, then the other live
   * server processes the last welcome named (when the page's server dies,
   * the next one that answers; the server's content security policy allows
   * exactly these).
   */
  private urls: string[] = [];
  private urlIndex = 0;
  finalStateHash: string | null = null;
  private ws: WebSocket | null = null;
  private nextId = 1;
  /** Requests sent and not yet replied to, by message id (null: the connection was lost first). */
  private readonly pending = new Map<number, (reply: Reply | null) => void>();
  /** Commands not yet acknowledged, by key, in the order given (the order they are sent again in). */
  private readonly unacked = new Map<string, Unacked>();
  private readonly keyPrefix = pageKey();
  private nextKey = 1;
  private stopped = false;
  /** Why the terminal stopped for good (a final refusal's message, or the page closed it), for the commands given after. */
  private stoppedWhy = '';
  private retryMs = 250;
  private welcomed: Promise<void>;
  private onWelcome!: () => void;
  private firstFrame: Promise<void>;
  private onFirstFrame!: () => void;
  private endedWaiters: ((hash: string) => void)[] = [];
  private loaded = false;

  constructor(
    private readonly events: SessionEvents,
    private readonly token: string,
  ) {
    this.welcomed = new Promise((r) => (this.onWelcome = r));
    this.firstFrame = new Promise((r) => (this.onFirstFrame = r));
    document.body.dataset.joint = '1';
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    const own = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const urls = this.urls.length ? this.urls : [own];
    const url = urls[this.urlIndex % urls.length];
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      // Refused before it started (a content security policy from before that process was up): the next one.
      this.urlIndex++;
      setTimeout(() => this.connect(), this.retryMs);
      return;
    }
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.connectedUrl = url;
      ws.send(JSON.stringify({ t: 'join', token: this.token, have: this.geometry?.sha256 }));
    };
    ws.onmessage = (e) => this.receive(decodeMessage(String(e.data)));
    // A connection the browser blocks (a content security policy) may neither open nor close: given up after 5 s.
    setTimeout(() => {
      if (!opened && this.ws === ws) {
        ws.onclose = null;
        ws.close();
        onClose();
      }
    }, 5000);
    const onClose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      // A server that does not answer (its process died): the next one. One that answered and
      // closed (restarting, or handing the drill to another process): the same one again first.
      if (!opened) this.urlIndex++;
      const wasConnected = this.connected;
      this.connected = false;
      for (const [, done] of this.pending) done(null);
      this.pending.clear();
      if (this.stopped) return;
      if (wasConnected) this.connection('lost');
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 4000);
    };
    ws.onclose = onClose;
  }

  private receive(m: ServerMessage): void {
    switch (m.t) {
      case 'welcome':
        this.joins++;
        this.connected = true;
        this.retryMs = 250;
        this.drill = m.drill;
        if (m.peers?.length) {
          const here = this.connectedUrl!;
          this.urls = [here, ...m.peers.filter((u) => u !== here)];
          this.urlIndex = 0;
        }
        this.scenario = m.scenario;
        this.seed = m.seed;
        this.seat = m.seat as Seat;
        this.policy = m.policy;
        document.body.dataset.joint = this.isDirector() ? 'director' : m.policy.observer ? 'evaluator' : 'player';
        this.doctrineSeats = m.doctrineSeats;
        if (m.geometry) this.geometry = m.geometry;
        this.setClock(m.clock);
        this.onWelcome();
        // A welcome after the first is a rejoin: the connection that was lost is back.
        if (this.joins > 1) this.connection('back');
        // Commands whose ack was lost with the connection, or given while it was down: sent now, with their keys.
        for (const [key, waiting] of this.unacked) this.transmit(key, waiting);
        return;
      case 'frame': {
        const frame = m.frame as Frame;
        if (frame.full || !this.picture) {
          // A join or a rejoin: a new picture from the full frame.
          this.picture = new Picture(this.geometry!);
          this.picture.apply(frame);
          this.onFirstFrame();
          // The page has drawn its first picture (start), so this full frame follows a rejoin: the same drill and
          // seat again (the link decides both).
          if (this.loaded) this.events.onReset(this.picture, 'rejoin');
        } else {
          const t0 = performance.now();
          const changes = this.picture.apply(frame);
          // Until the page has drawn the first picture, frames only bring the picture up to date.
          if (this.loaded) this.events.onFrame(this.picture, changes, frame);
          this.stats.applyMs.push(performance.now() - t0);
        }
        return;
      }
      case 'clock':
        this.setClock(m.clock);
        return;
      case 'ack':
      case 'answer': {
        const done = this.pending.get(m.id);
        this.pending.delete(m.id);
        done?.(m);
        return;
      }
      case 'refused':
        // The drill is moving to another server process: the socket closes and this terminal joins again by
        // itself, as after any lost connection (the connection line says so); nothing for a person to act on.
        if (m.code === 'drillMoving') return;
        if (FINAL.has(m.code)) {
          this.stopped = true;
          this.stoppedWhy = m.message;
          this.connection('stopped');
          this.giveUpCommands(m.message);
          this.events.onError(say('linkBad', { message: m.message }), 'server');
        } else this.events.onError(say('refused', { message: m.message }), 'server');
        return;
      case 'ended':
        this.finalStateHash = m.finalStateHash;
        for (const w of this.endedWaiters.splice(0)) w(m.finalStateHash);
        return;
    }
  }

  private setClock(clock: ClockState): void {
    this.clock = clock;
    this.playing = !clock.paused && !clock.ended;
    this.speed = clock.speed;
    this.events.onClock();
  }

  /** Tells the page how the connection stands (its connection line draws it). */
  private connection(state: ConnectionState): void {
    this.events.onConnection?.(state);
  }

  private isDirector(): boolean {
    return this.seat === 'director' && this.policy?.actsForAll === true;
  }

  /** Sends a message with a fresh id and resolves with the server's reply to it (null: not connected, or the connection was lost first). */
  private request(message: Record<string, unknown>): Promise<Reply | null> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((done) => {
      this.pending.set(id, done);
      ws.send(JSON.stringify({ ...message, id }));
    });
  }

  /** A control action: when it applies, or why not (a control action lost with the connection is not sent again: the director sees the clock as it is and decides). */
  private async act(message: { t: 'control' } & Record<string, unknown>): Promise<Answer> {
    const m = await this.request(message);
    if (m?.t !== 'ack') return { ok: false, error: t('connection.lost') };
    return m.ok ? { ok: true, tSec: m.tSec } : { ok: false, error: m.error };
  }

  /**
   * A command, with a key of its own: resolves with the server's ack, however
   * many connections that takes. Sent now if this terminal is joined, else
   * once it is welcomed again; a connection lost before the ack means it is
   * sent again after the rejoin, with the same key, so the server records it
   * once. Given up only when the terminal stops for good.
   */
  private command(type: string, args: Record<string, unknown>): Promise<Answer> {
    const key = `${this.keyPrefix}-${this.nextKey++}`;
    return new Promise((done) => {
      if (this.stopped) return done({ ok: false, error: say('notSent', { why: this.stoppedWhy }) });
      const waiting: Unacked = { message: { t: 'cmd', type, args: { ...args }, key }, sent: false, done };
      this.unacked.set(key, waiting);
      if (this.connected) this.transmit(key, waiting);
    });
  }

  /** Sends a waiting command on the current connection, if it is open (if not, the next welcome sends it). */
  private transmit(key: string, waiting: Unacked): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    const id = this.nextId++;
    waiting.sent = true;
    this.pending.set(id, (reply) => {
      // Lost with the connection: it waits, and is sent again after the rejoin.
      if (reply?.t !== 'ack') return;
      // Not recorded because the drill is moving (to another server process, or its thread cannot answer here):
      // this connection is closed, which the server does not always do, and the rejoin sends it again.
      if (!reply.ok && reply.code === 'drillMoving') return void ws.close();
      this.unacked.delete(key);
      waiting.done(reply.ok ? { ok: true, tSec: reply.tSec } : { ok: false, error: reply.error });
    });
    ws.send(JSON.stringify({ ...waiting.message, id }));
  }

  /** The terminal has stopped for good: every waiting command is answered, saying whether it may have been recorded. */
  private giveUpCommands(why: string): void {
    for (const waiting of this.unacked.values()) waiting.done({ ok: false, error: say(waiting.sent ? 'unconfirmed' : 'notSent', { why }) });
    this.unacked.clear();
  }

  private control(action: Record<string, unknown>): void {
    if (!this.isDirector()) {
      this.events.onClock();
      return;
    }
    void this.request({ t: 'control', ...action }).then((m) => {
      // Not sent, or the connection went before the reply: the connection line already says so, and the
      // clock is drawn again as the server last gave it (the button pressed did nothing).
      if (m?.t !== 'ack') this.events.onClock();
      else if (!m.ok) this.events.onError(m.error, 'server');
    });
  }

  // ---- what the page calls (the members of Session it uses)

  record(on: boolean): void {
    if (on) this.stats.applyMs.length = 0;
  }

  /** The drill's scenario, as the server sends it (the one asked for is the director's choice, not this page's). */
  async load(_scenarioId?: string, _texts?: Record<string, string>): Promise<{ ok: true; geometry: MapGeometry } | { ok: false; problems: string[] }> {
    if (this.loaded) return { ok: false, problems: [say('notHere', { what: getLang() === 'en' ? 'open another scenario' : '打开其他想定' })] };
    await this.welcomed;
    return { ok: true, geometry: this.geometry! };
  }

  /** The first picture (the server's, at its time). */
  async start(_seed?: number): Promise<void> {
    if (this.loaded) return this.events.onError(say('notHere', { what: getLang() === 'en' ? 'restart the drill' : '重新开始演练' }), 'terminal');
    await this.firstFrame;
    this.loaded = true;
    this.events.onReset(this.picture!, 'start');
  }

  async setSeat(seat: Seat): Promise<void> {
    if (seat !== this.seat) this.events.onError(say('seatFromLink', { seat: this.seat }), 'terminal');
  }

  play(): void {
    this.control({ action: 'resume' });
  }

  pause(): void {
    this.control({ action: 'pause' });
  }

  setSpeed(speed: Speed): void {
    this.control({ action: 'speed', speed: speed === 'max' ? 600 : speed });
  }

  async advanceTo(_tSec: number): Promise<void> {}

  async seek(_tSec: number): Promise<void> {}

  async submit(cmd: { type: string; args: Record<string, unknown> }): Promise<Answer> {
    // The exercise panel's stop time: in a joint drill it is the server clock's (which pauses there), not the engine's.
    if (cmd.type === 'setStopTime' && this.isDirector()) {
      const atSec = cmd.args.atSec as number;
      const a = await this.act({ t: 'control', action: 'stopAt', tSec: atSec });
      // The panel says when it applies: at the stop, not at the clock's time now (what the control ack carries).
      return a.ok ? { ok: true, tSec: atSec } : a;
    }
    const answer = await this.command(cmd.type, cmd.args);
    if (answer.ok) this.events.onSubmitted();
    return answer;
  }

  async submitAt(_cmd: { type: string; args: Record<string, unknown> }, _atSec: number): Promise<Answer> {
    return { ok: false, error: say('notHere', { what: getLang() === 'en' ? 'schedule a command' : '预约指令' }) };
  }

  async getLog(): Promise<never> {
    throw new Error(say('notHere', { what: getLang() === 'en' ? 'save the drill (the server keeps its log)' : '保存演练（日志由服务器保存）' }));
  }

  async checkDrill(_file: unknown, _scenario: unknown): Promise<string[]> {
    return [say('notHere', { what: getLang() === 'en' ? 'load a drill' : '载入演练' })];
  }

  async loadDrill(_file: unknown): Promise<{ ok: false; problems: string[] }> {
    return { ok: false, problems: [say('notHere', { what: getLang() === 'en' ? 'load a drill' : '载入演练' })] };
  }

  async resume(_file: unknown, _seat: Seat): Promise<{ ok: false; problems: string[] }> {
    return { ok: false, problems: [say('notHere', { what: getLang() === 'en' ? 'recover a solo drill' : '恢复单机演练' })] };
  }

  /** May this terminal's seat ask the question (protocol.ts)? Asking anyway is refused by the server. */
  private mayAsk(what: Question): boolean {
    return this.policy !== null && mayAsk(this.policy, what);
  }

  /** Asks the drill's engine on the server for a read-out; the value, or why there is none and who says so (the server, or this terminal that could not ask). */
  private async ask<T>(what: Question, lang?: 'zh' | 'en'): Promise<{ ok: true; value: T } | { ok: false; error: string; from: ErrorSource }> {
    const m = await this.request({ t: 'ask', what, ...(lang ? { lang } : {}) });
    if (m?.t !== 'answer') return { ok: false, error: t('connection.lost'), from: 'terminal' };
    return m.ok ? { ok: true, value: m.value as T } : { ok: false, error: m.error, from: 'server' };
  }

  /** The drill's score so far, from the server's engine: the control cell's and the evaluators'. */
  async score(): Promise<DrillScore> {
    if (!this.mayAsk('score')) return { ok: false, problem: say('evaluationNotHere') };
    const a = await this.ask<DrillScore>('score');
    return a.ok ? a.value : { ok: false, problem: say('notAnswered', { what: getLang() === 'en' ? 'score' : '评分', message: a.error }) };
  }

  /** The after-action report of the drill so far, rendered on the server. */
  async aar(lang: 'zh' | 'en'): Promise<DrillAar> {
    if (!this.mayAsk('aar')) return { ok: false, problem: say('evaluationNotHere') };
    const a = await this.ask<DrillAar>('aar', lang);
    return a.ok ? a.value : { ok: false, problem: say('notAnswered', { what: getLang() === 'en' ? 'after-action report' : '复盘报告', message: a.error }) };
  }

  /** Inject states, expected actions, observations and ratings, for the exercise panel (null: not this seat's, or not now). */
  async exercise(): Promise<ExerciseView | null> {
    if (!this.mayAsk('exercise')) return null;
    const a = await this.ask<ExerciseView>('exercise');
    // The stop time shown is the server clock's (control stopAt), which is what stops a joint drill.
    return a.ok ? { ...a.value, stopAtSec: this.clock?.stopAtSec ?? -1 } : null;
  }

  async injectTargets(): Promise<InjectTargets | null> {
    if (!this.mayAsk('injectTargets')) return null;
    const a = await this.ask<InjectTargets>('injectTargets');
    return a.ok ? a.value : null;
  }

  async mselSheet(lang: 'zh' | 'en'): Promise<{ header: string[]; rows: string[][] } | null> {
    if (!this.mayAsk('mselSheet')) return null;
    const a = await this.ask<{ header: string[]; rows: string[][] }>('mselSheet', lang);
    if (a.ok) return a.value;
    this.events.onError(say('notAnswered', { what: 'MSEL', message: a.error }), a.from);
    return null;
  }

  async importMsel(): Promise<{ ok: false; problems: string[] }> {
    return { ok: false, problems: ['a joint drill terminal cannot change the scenario'] };
  }

  finalHash(): Promise<string> {
    return this.finalStateHash ? Promise.resolve(this.finalStateHash) : new Promise((r) => this.endedWaiters.push(r));
  }

  /** A site's id; the details are ground truth that only the server holds. */
  async siteDetail(site: number): Promise<Record<string, number | string | boolean> | null> {
    const ids = this.geometry?.sites.ids;
    return ids && site >= 0 && site < ids.length ? { id: ids[site] } : null;
  }

  async info() {
    return { mode: this.mode, seat: this.seat, seed: this.seed, tSec: this.picture?.tSec ?? 0, started: this.picture !== null, doctrineSeats: this.doctrineSeats ?? [] };
  }

  close(): void {
    this.stopped = true;
    this.stoppedWhy = say('terminalClosed');
    this.giveUpCommands(this.stoppedWhy);
    this.ws?.close();
  }
}

/** The join link's token when this page is a joint drill's terminal (?join=TOKEN), else null. */
export function joinToken(): string | null {
  return new URLSearchParams(location.search).get('join');
}

/**
 * The page's session: a terminal of a joint drill when the URL carries a
 * link's token (?join=TOKEN), else the solo drill in this browser's worker.
 */
export function openSession(events: SessionEvents): Session {
  const token = joinToken();
  // RemoteSession has every member of Session the page uses (see above).
  return token ? (new RemoteSession(events, token) as unknown as Session) : new Session(events);
}
