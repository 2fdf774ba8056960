// A terminal in Node: joins a drill with its link's token, keeps the latest
// picture's clock, and reconnects by itself (with backoff) when the server
// goes away — what the console's remote session does in the browser. Used by
// the server's tests and by `drilltwin bench --server`.
import { WebSocket } from 'ws';
import type { Frame } from '../../src/drill/channel.ts';
import { decodeMessage, type ClockState, type ServerMessage } from './protocol.ts';

export interface ClientOptions {
  /** Reconnect after a close that the server did not mean as final (default true). */
  reconnect?: boolean;
  /** Keep every message received (default true). */
  keep?: boolean;
  onMessage?: (m: ServerMessage, receivedAtMs: number) => void;
  /**
   * Skip decoding frames: only their time and step stamp are read (a
   * benchmark's many terminals share one process here; on a real network
   * each decodes its own on its own computer).
   */
  skimFrames?: boolean;
}

const SKIM = /^\{"t":"frame","frame":\{"seat":"[a-z]+","tSec":(\d+),"full":(true|false)[\s\S]*"stepAtMs":([\d.]+)\}$/;

type Ack = Extract<ServerMessage, { t: 'ack' }>;

export class TerminalClient {
  ws: WebSocket | null = null;
  readonly messages: ServerMessage[] = [];
  /** Raw texts as received, for the no-ground-truth audit. */
  readonly texts: string[] = [];
  clock: ClockState | null = null;
  tSec = -1;
  joins = 0;
  closedFinal: { code: number; reason: string } | null = null;
  private nextId = 1;
  private readonly acks = new Map<number, (a: Ack) => void>();
  private waiters: { pred: (m: ServerMessage) => boolean; done: (m: ServerMessage) => void }[] = [];
  private stopped = false;
  private geometrySha: string | undefined;
  /** Where to connect: its own address first, then the other live server processes the last welcome named. */
  private urls: string[];
  private urlIndex = 0;
  /** The address of the current connection, once it has opened. */
  connectedUrl: string | null = null;

  constructor(
    readonly wsUrl: string,
    readonly token: string,
    private readonly options: ClientOptions = {},
    readonly drill?: string,
  ) {
    this.urls = [wsUrl];
  }

  connect(): void {
    if (this.stopped) return;
    const url = this.urls[this.urlIndex % this.urls.length];
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.on('open', () => {
      opened = true;
      this.connectedUrl = url;
      ws.send(JSON.stringify({ t: 'join', token: this.token, have: this.geometrySha, drill: this.drill }));
    });
    ws.on('message', (data) => this.receive(data.toString()));
    ws.on('error', () => {});
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      this.ws = null;
      // 4001–4004: the link is not (or no longer) good; reconnecting would not help.
      if (code >= 4001 && code <= 4004) {
        this.closedFinal = { code, reason: reason.toString() };
        return;
      }
      // A process that does not answer (it died): the next one the server named. One that
      // answered and closed (restarting, or handing the drill over): the same again first.
      if (!opened) this.urlIndex++;
      if (this.options.reconnect !== false && !this.stopped) setTimeout(() => this.connect(), 200);
    });
  }

  private receive(text: string): void {
    const at = Date.now();
    const skim = this.options.skimFrames ? SKIM.exec(text) : null;
    const m = skim
      ? ({ t: 'frame', frame: { tSec: Number(skim[1]), full: skim[2] === 'true' } as Frame, stepAtMs: Number(skim[3]) } as ServerMessage)
      : decodeMessage(text);
    if (this.options.keep !== false) {
      this.messages.push(m);
      this.texts.push(text);
    }
    if (m.t === 'welcome') {
      this.joins++;
      this.clock = m.clock;
      if (m.geometry) this.geometrySha = m.geometry.sha256;
      if (m.peers?.length) {
        const here = this.connectedUrl ?? this.wsUrl;
        this.urls = [here, ...m.peers.filter((u) => u !== here)];
        this.urlIndex = 0;
      }
    } else if (m.t === 'clock') this.clock = m.clock;
    else if (m.t === 'frame') this.tSec = (m.frame as Frame).tSec;
    else if (m.t === 'ack') {
      this.acks.get(m.id)?.(m);
      this.acks.delete(m.id);
    }
    this.options.onMessage?.(m, at);
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(m)) return true;
      w.done(m);
      return false;
    });
  }

  /** Sends raw text (the bad-input tests use this). */
  sendRaw(text: string | Buffer): void {
    this.ws?.send(text);
  }

  send(message: Record<string, unknown>): number {
    const id = this.nextId++;
    this.ws?.send(JSON.stringify({ ...message, id }));
    return id;
  }

  /**
   * Sends a command and waits for the server's ack. `extra` goes into the
   * message as is: `{ key }` names the command with a client key
   * (protocol.ts), so sending it again with the same key, on this connection
   * or after a reconnection, gets the first ack instead of recording it twice.
   */
  command(type: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Ack> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.acks.set(id, done);
      this.ws?.send(JSON.stringify({ t: 'cmd', id, type, args, ...extra }));
    });
  }

  control(action: Record<string, unknown>): Promise<Ack> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.acks.set(id, done);
      this.ws?.send(JSON.stringify({ t: 'control', id, ...action }));
    });
  }

  /** Asks for a read-out (score, aar, exercise, mselSheet, injectTargets) and waits for the answer. */
  ask(what: string, lang?: 'zh' | 'en'): Promise<Extract<ServerMessage, { t: 'answer' }>> {
    const id = this.send({ t: 'ask', what, ...(lang ? { lang } : {}) });
    return this.waitFor((m) => m.t === 'answer' && m.id === id, 30_000, `the answer to ${what}`);
  }

  /** The next message that passes `pred` (or, with `past`, the first one already received). */
  waitFor<T extends ServerMessage>(pred: (m: ServerMessage) => boolean, timeoutMs = 20_000, what = 'a message', past = false): Promise<T> {
    const already = past ? this.messages.find(pred) : undefined;
    if (already) return Promise.resolve(already as T);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what} (last tSec ${this.tSec})`)), timeoutMs);
      this.waiters.push({
        pred,
        done: (m) => {
          clearTimeout(timer);
          done(m as T);
        },
      });
    });
  }

  /** Resolves at the first frame at or after tSec. */
  reach(tSec: number, timeoutMs = 30_000): Promise<ServerMessage> {
    if (this.tSec >= tSec) return Promise.resolve({ t: 'pong', id: 0 });
    return this.waitFor((m) => m.t === 'frame' && (m.frame as Frame).tSec >= tSec, timeoutMs, `T+${tSec}`);
  }

  close(): void {
    this.stopped = true;
    this.ws?.close();
    this.ws = null;
  }
}
