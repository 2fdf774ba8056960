// The terminal protocol of a joint drill: JSON text messages over one
// WebSocket. Pure (no Node, no DOM), shared by the server, the console's
// remote session and the tests.
//
// terminal → server
//   {t:'join', token, have?}        first message; `have` = geometry sha256 already held
//   {t:'cmd', id, type, args, key?} a command for the seat in the token (never a seat here);
//                                   `key` (COMMAND_KEY) makes it exactly-once: sent again
//                                   with the same key, it gets its first ack, not a second entry
//   {t:'control', id, action, …}    director only: pause | resume | speed | stopAt | release | end
//   {t:'ask', id, what, lang?}      the control cell's and evaluators' read-outs (QUESTIONS below)
//   {t:'ping', id}
// server → terminal
//   {t:'welcome', drill, scenario, seed, seat, mode, policy, doctrineSeats, clock, geometry|null, peers?}
//   {t:'frame', frame, stepAtMs}    a seat's frame (full after a join), typed arrays in base64
//                                   (stepAtMs: wall time the engine step finished, for latency)
//   {t:'clock', clock}              paused, speed, stop time changed
//   {t:'ack', id, ok:true, tSec} | {t:'ack', id, ok:false, error, code}
//   {t:'answer', id, ok:true, what, value} | {t:'answer', id, ok:false, code, error}
//   {t:'refused', code, message}    a message that was not acted on (counted by the server)
//   {t:'ended', finalStateHash}
//   {t:'pong', id}
import type { Frame } from '../../src/drill/channel.ts';
import type { MapGeometry } from '../../src/drill/geometry.ts';
import type { SeatPolicy } from '../../src/model/seats.ts';
import type { Lang } from '../../src/scoring/i18n.ts';

/** A message larger than this is refused (the socket is closed): commands are small. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export interface ClockState {
  tSec: number;
  paused: boolean;
  /** Simulated seconds per wall second. */
  speed: number;
  /** The clock pauses by itself on reaching this time (null: runs to the end). */
  stopAtSec: number | null;
  /** The drill ends here (report written). */
  untilSec: number;
  ended: boolean;
}

export const MIN_SPEED = 1;
export const MAX_SPEED = 600;

export type ControlAction =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'speed'; speed: number }
  | { action: 'stopAt'; tSec: number | null }
  /** Hands a department's seat back to the doctrine (or to nobody); its links stop working. */
  | { action: 'release'; seat: string; to?: 'doctrine' | 'nobody' }
  /** Ends the drill now and writes its report. */
  | { action: 'end' };

/**
 * What a terminal may ask of the drill's engine, and who may ask it. The
 * score, the after-action report and the exercise state (inject states,
 * expected actions, observations, ratings) are the control cell's and the
 * evaluators' (HSEEP: players do not see the evaluation while they play);
 * the list of things an ad-hoc inject may act on is the director's alone.
 */
export const QUESTIONS = {
  /** The drill's score so far against the scenario's target profile. */
  score: 'evaluation',
  /** The after-action report of the drill as far as it has run, one printable HTML page. */
  aar: 'evaluation',
  /** Inject states, expected actions, observations and ratings so far. */
  exercise: 'evaluation',
  /** The scenario's MSEL as spreadsheet rows (to export). */
  mselSheet: 'evaluation',
  /** Names of the roads, sites, substations and flood zones an ad-hoc inject may act on. */
  injectTargets: 'control',
} as const satisfies Record<string, 'evaluation' | 'control'>;
export type Question = keyof typeof QUESTIONS;

export function isQuestion(value: unknown): value is Question {
  return typeof value === 'string' && Object.hasOwn(QUESTIONS, value);
}

/** May a seat with this policy ask the question? (The server decides; the console asks only when it may.) */
export function mayAsk(policy: Pick<SeatPolicy, 'actsForAll' | 'observer'>, what: Question): boolean {
  return QUESTIONS[what] === 'control' ? policy.actsForAll : policy.actsForAll || policy.observer;
}

export type ClientMessage =
  | { t: 'join'; token: string; have?: string }
  | { t: 'cmd'; id: number; type: string; args: Record<string, unknown>; seat?: string; key?: string }
  | ({ t: 'control'; id: number } & ControlAction)
  | { t: 'ask'; id: number; what: Question; lang?: Lang }
  | { t: 'ping'; id: number };

/**
 * A command's client key: a terminal names each command with a key of its own
 * making (unique per page load and command), so that a command sent again
 * after a lost connection (its ack never arrived) is recorded once. The
 * server keeps the keys it has logged, per drill and seat, in the log entry
 * beside the command (never in the engine's command); a command whose key is
 * there already gets the first ack again, its original second.
 */
export const COMMAND_KEY_MAX_CHARS = 64;
const COMMAND_KEY = /^[A-Za-z0-9_-]+$/;

/** Why `key` is not a command key (null: it is one). */
export function commandKeyError(key: unknown): string | null {
  if (typeof key === 'string' && key.length >= 1 && key.length <= COMMAND_KEY_MAX_CHARS && COMMAND_KEY.test(key)) return null;
  const bad = typeof key === 'string' ? /[^A-Za-z0-9_-]/u.exec(key)?.[0] : undefined;
  const given =
    typeof key !== 'string' ? (key === null ? 'null' : Array.isArray(key) ? 'an array' : typeof key === 'object' ? 'an object' : `a ${typeof key}`)
    : key.length === 0 || key.length > COMMAND_KEY_MAX_CHARS ? `${key.length} characters`
    : `the character ${JSON.stringify(bad)}`;
  return `key: expected 1 to ${COMMAND_KEY_MAX_CHARS} characters, each a letter A-Z or a-z, a digit, _ or -; got ${given}`;
}

/** Why a message was refused; each is counted by the server. */
export const REFUSALS = [
  'malformed',
  'oversized',
  'rateLimited',
  'badToken',
  'expiredToken',
  'revokedToken',
  'notJoined',
  'alreadyJoined',
  'seatMismatch',
  'observer',
  'notDirector',
  /** A read-out only the control cell (and, for most, the evaluators) may ask for. */
  'controlCellOnly',
  'badControl',
  'unknownDrill',
  'drillEnded',
  'badCommand',
  /** The drill's owner process has died and another is taking it over: reconnect (the socket closes with 1013). */
  'drillMoving',
] as const;
export type Refusal = (typeof REFUSALS)[number];

export type ServerMessage =
  | { t: 'welcome'; drill: string; scenario: string; seed: number; seat: string; mode: 'play' | 'watch'; policy: SeatPolicy; doctrineSeats: string[]; geometry: MapGeometry | null; clock: ClockState; peers?: string[] }
  | { t: 'frame'; frame: Frame; stepAtMs: number }
  | { t: 'clock'; clock: ClockState }
  | { t: 'ack'; id: number; ok: true; tSec: number }
  | { t: 'ack'; id: number; ok: false; code: Refusal; error: string }
  | { t: 'answer'; id: number; ok: true; what: Question; value: unknown }
  | { t: 'answer'; id: number; ok: false; code: Refusal; error: string }
  | { t: 'refused'; code: Refusal; message: string }
  | { t: 'ended'; finalStateHash: string }
  | { t: 'pong'; id: number };

// ---- typed arrays on the wire: {"$ta": kind, "b": base64 of the bytes}.
// Frames and the map geometry are structure-of-arrays; base64 keeps them a
// third larger than binary instead of four times (JSON numbers), and the text
// frame keeps the protocol one JSON message per event.

type TypedKind = 'i32' | 'u8' | 'f64' | 'f32';
export interface WireArray {
  $ta: TypedKind;
  b: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Uint8Array(128);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

type NodeBuffer = { from(data: ArrayBufferLike | string, offset?: number | string, length?: number): { toString(enc: string): string; buffer: ArrayBufferLike; byteOffset: number; byteLength: number } };
const NodeBuf = (globalThis as unknown as { Buffer?: NodeBuffer }).Buffer;

export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuf) return NodeBuf.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return out;
}

/** Decodes into a fresh, 8-byte-aligned buffer (so any typed array can view it). */
export function base64ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new Error('not base64');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const n = (text.length / 4) * 3 - pad;
  const out = new Uint8Array(n);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const v = (B64_INDEX[text.charCodeAt(i)] << 18) | (B64_INDEX[text.charCodeAt(i + 1)] << 12) | (B64_INDEX[text.charCodeAt(i + 2)] << 6) | B64_INDEX[text.charCodeAt(i + 3)];
    if (o < n) out[o++] = v >> 16;
    if (o < n) out[o++] = (v >> 8) & 255;
    if (o < n) out[o++] = v & 255;
  }
  return out;
}

function kindOf(a: ArrayBufferView): TypedKind | null {
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Uint8Array) return 'u8';
  return null;
}

const SIZE: Record<TypedKind, number> = { u8: 1, i32: 4, f32: 4, f64: 8 };

/** JSON.stringify replacer: typed arrays become {$ta, b}. */
export function typedReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    const kind = kindOf(value);
    if (!kind) throw new Error(`cannot send a ${value.constructor.name}`);
    return { $ta: kind, b: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  return value;
}

/** JSON.parse reviver: {$ta, b} becomes the typed array again (a bad one throws, refusing the message). */
export function typedReviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('$ta' in value)) return value;
  const w = value as WireArray;
  const size = SIZE[w.$ta];
  if (!size) throw new Error(`not a typed-array kind: ${String(w.$ta)}`);
  const bytes = base64ToBytes(w.b);
  if (bytes.byteLength % size !== 0) throw new Error(`a ${w.$ta} array of ${bytes.byteLength} bytes`);
  const n = bytes.byteLength / size;
  switch (w.$ta) {
    case 'u8':
      return bytes;
    case 'i32':
      return new Int32Array(bytes.buffer, 0, n);
    case 'f32':
      return new Float32Array(bytes.buffer, 0, n);
    case 'f64':
      return new Float64Array(bytes.buffer, 0, n);
  }
}

export function encodeMessage(message: ServerMessage | Record<string, unknown>): string {
  return JSON.stringify(message, typedReplacer);
}

export function decodeMessage(text: string): ServerMessage {
  return JSON.parse(text, typedReviver) as ServerMessage;
}

/** The join link a seat's token opens: the console with ?join=TOKEN. */
export function joinUrl(base: string, token: string, scenario?: string): string {
  const u = new URL(base);
  // The scenario is named too, so the console shows the right one while it connects.
  if (scenario) u.searchParams.set('scenario', scenario);
  u.searchParams.set('join', token);
  return u.toString();
}
