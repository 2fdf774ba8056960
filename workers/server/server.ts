// The joint-drill server: one process that serves the console, a small JSON
// API for the director, and a WebSocket endpoint for terminals. Each drill's
// engine runs in its own worker thread (drill-owner.ts); every change is in
// the durable log (store.ts) before anyone hears of it.
//
// WebSockets through `ws`: Node 20 has no WebSocket server of its own, and ws
// is the small, dependency-free, long-maintained one most Node servers sit on;
// it enforces a maximum message size before buffering a message, which is the
// first line of defence here. Socket.IO would add a second protocol (and
// long-polling) that a drill on an exercise LAN does not need.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DEPARTMENTS, isSeat, SEATS, type Seat } from '../../src/model/seats.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { diskScenarioFiles } from '../disk-files.ts';
import { diskReportContext } from './report-context.ts';
import { addLateEvaluation, noLateEvaluations, storedDrillAar, type DrillAar, type LateEvaluations, type ReportContext } from '../drill-report.ts';
import type { Command } from '../../src/model/commands.ts';
import type { World } from '../../src/model/world.ts';
import type { Lang } from '../../src/scoring/i18n.ts';
import { seedFromText } from '../../src/model/run-choices.ts';
import { CONTENT_SECURITY_POLICY, requestPath, securityHeaders, serveFile } from '../static-files.ts';
import { DrillOwner, SNAPSHOT_EVERY_SEC, TICK_MS, type EndedDrill, type Recovery, type Terminal } from './drill-owner.ts';
import { directorStopAfter, generationsAfter, withDirectorStop } from './director-stop.ts';
import type { ScoredReport } from '../../src/scoring/evaluate.ts';
import { commandKeyError, isQuestion, joinUrl, MAX_MESSAGE_BYTES, MAX_SPEED, MIN_SPEED, QUESTIONS, REFUSALS, type ControlAction, type Refusal, type ServerMessage } from './protocol.ts';
import type { DrillRecord, DrillStore } from './store.ts';
import { ThreadedSqliteStore } from './store-threaded.ts';
import { newServerKey, signToken, verifyToken, type TokenClaims } from './tokens.ts';
import { Relay, type RelayMessage } from './relay.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ServerOptions {
  host?: string;
  /** 0: any free port. */
  port?: number;
  /** Data folder: the SQLite log and the reports (default ./data). */
  dataDir?: string;
  /** A store to use instead of SQLite in dataDir. */
  store?: DrillStore;
  /** The built console to serve (default ./dist; nothing is served when it is missing). */
  consoleDir?: string | null;
  scenariosDir?: string;
  /** Messages per second a terminal may send (sustained), and the burst allowed. */
  rateLimit?: { perSec: number; burst: number };
  log?: (line: string) => void;
  /** Highest clock speed a director may set (default 600×); tests and benchmarks may allow more. */
  maxSpeed?: number;
  /** PostgreSQL instead of SQLite (default: DATABASE_URL), and the schema to use in it (default: DRILLTWIN_PG_SCHEMA or public). */
  databaseUrl?: string;
  pgSchema?: string;
  /** Redis, to relay terminals between server processes (default: REDIS_URL). */
  redisUrl?: string;
  /**
   * The owner lease (default: DRILLTWIN_LEASE_MS or OWNER_LEASE_MS): with
   * several processes, another takes a drill over when its owner has not
   * renewed the lease for this long; each process renews it every third of it.
   */
  leaseMs?: number;
  /** An engine snapshot every this many simulated minutes (default: DRILLTWIN_SNAPSHOT_EVERY_MIN or 30; 0: only at pause and stop). */
  snapshotEveryMin?: number;
  /**
   * An ended drill with no terminal for this long is unloaded: its engine's
   * worker stopped, the drill no longer held in memory (default:
   * DRILLTWIN_ENDED_IDLE_MS or ENDED_IDLE_MS, 10 minutes). A terminal joining
   * it later reopens it from its log, as after a restart.
   */
  endedIdleMs?: number;
}

/**
 * Default owner lease: 3 s, renewed every second. Shorter means a quicker
 * take-over after a process dies, but a process whose event loop stalls
 * longer than the lease would lose its drills to another (the server's
 * loop delay p99 is about 20 ms under the benchmark's load).
 */
export const OWNER_LEASE_MS = 3000;
/** Lease bounds accepted from options and the environment. */
export const LEASE_MS_RANGE = { min: 500, max: 600_000 };

function leaseFrom(option: number | undefined): number {
  const raw = option ?? (process.env.DRILLTWIN_LEASE_MS !== undefined ? Number(process.env.DRILLTWIN_LEASE_MS) : OWNER_LEASE_MS);
  if (!Number.isInteger(raw) || raw < LEASE_MS_RANGE.min || raw > LEASE_MS_RANGE.max) throw new Error(`lease: ${raw} ms is out of range, expected a whole number of ms from ${LEASE_MS_RANGE.min} to ${LEASE_MS_RANGE.max}`);
  return raw;
}

/**
 * Default idle time before an ended drill is unloaded: 10 minutes. Each drill
 * loaded holds its engine's worker thread (about 95 MB for Jishishan); reopening one
 * from its log takes a few seconds, so an evaluator who steps away for a
 * while finds it again at once, and one who comes back the next day waits
 * for the rebuild.
 */
const ENDED_IDLE_MS = 10 * 60_000;
/** Bounds accepted from options and the environment: 100 ms (tests) to 7 days. */
const ENDED_IDLE_MS_RANGE = { min: 100, max: 7 * 24 * 3600_000 };

function endedIdleFrom(option: number | undefined): number {
  const env = process.env.DRILLTWIN_ENDED_IDLE_MS;
  const raw = option ?? (env !== undefined ? Number(env) : ENDED_IDLE_MS);
  if (!Number.isInteger(raw) || raw < ENDED_IDLE_MS_RANGE.min || raw > ENDED_IDLE_MS_RANGE.max) {
    const given = option !== undefined ? `${option} ms` : `DRILLTWIN_ENDED_IDLE_MS=${JSON.stringify(env)}`;
    throw new Error(`ended-drill idle time: ${given} is out of range, expected a whole number of ms from ${ENDED_IDLE_MS_RANGE.min} to ${ENDED_IDLE_MS_RANGE.max} (7 days)`);
  }
  return raw;
}

function snapshotEveryFrom(option: number | undefined): number {
  const raw = option ?? (process.env.DRILLTWIN_SNAPSHOT_EVERY_MIN !== undefined ? Number(process.env.DRILLTWIN_SNAPSHOT_EVERY_MIN) : SNAPSHOT_EVERY_SEC / 60);
  if (!Number.isFinite(raw) || raw < 0 || raw > 7 * 24 * 60) throw new Error(`snapshot interval: ${raw} min is out of range, expected 0 (only at pause and stop) to ${7 * 24 * 60} simulated minutes`);
  return Math.round(raw * 60);
}

/** How a drill came back, for the server's log. */
function recoveryWords(r: Recovery | null): string {
  if (!r) return 'nothing to replay';
  const from = r.fromSnapshotSec !== null ? `from the snapshot at T+${r.fromSnapshotSec} s, ${r.replayedCommands} of ${r.commands} commands replayed` : `from T0, ${r.commands} commands replayed`;
  return `${from}, ${r.checked} hashes checked, ${r.mismatches.length} differ, ${r.ms} ms`;
}

/** Wall-clock helpers (the server is a host: it may read the clock; src/ never does). */
const nowSec = () => Math.floor(Date.now() / 1000);

interface ScenarioInfo {
  id: string;
  path: string;
  name: { zh: string; en?: string };
  sha256: string;
  durationSec: number;
  defaultSeed: number;
  doctrineSeats: string[];
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_MESSAGE_BYTES) {
        fail(new HttpError(413, `the request body is over ${MAX_MESSAGE_BYTES} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return done({});
      try {
        done(JSON.parse(text));
      } catch {
        fail(new HttpError(400, 'the request body is not valid JSON'));
      }
    });
    req.on('error', fail);
  });
}

/** Per-connection token bucket. */
class Bucket {
  private tokens: number;
  private lastMs = Date.now();
  constructor(
    private readonly perSec: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastMs) / 1000) * this.perSec);
    this.lastMs = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface DrillServer {
  url: string;
  port: number;
  /** The director's key: creates and controls every drill (printed at start). */
  adminToken: string;
  owners: Map<string, DrillOwner>;
  /** Messages refused, by reason, since the server started. */
  refusals: Record<Refusal, number>;
  close(): Promise<void>;
}

/** How a refused join's socket is closed: 1013 (try again) while the drill moves between processes, so the terminal finds its new owner; else 4003. */
const joinRefusedClose = (code: Refusal): number => (code === 'drillMoving' ? 1013 : 4003);

export async function startServer(options: ServerOptions = {}): Promise<DrillServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const endedIdleMs = endedIdleFrom(options.endedIdleMs);
  const dataDir = resolve(options.dataDir ?? 'data');
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const store: DrillStore =
    options.store ?? (databaseUrl ? await (await import('./store-pg.ts')).PgStore.open(databaseUrl, options.pgSchema ?? process.env.DRILLTWIN_PG_SCHEMA ?? 'public') : await ThreadedSqliteStore.open(dataDir));
  /** This process, as drill owners are named in the store. */
  const processId = randomBytes(6).toString('hex');
  /** Several processes may share the store (PostgreSQL); the embedded SQLite belongs to one. */
  const shared = store.kind === 'postgres';
  const leaseMs = leaseFrom(options.leaseMs);
  const heartbeatMs = Math.max(100, Math.floor(leaseMs / 3));
  const snapshotEverySec = snapshotEveryFrom(options.snapshotEveryMin);
  const key = await store.initMeta('token-key', newServerKey());
  const consoleDir = options.consoleDir === undefined ? join(ROOT, 'dist') : options.consoleDir;
  const scenariosDir = options.scenariosDir ?? join(ROOT, 'scenarios');
  const maxSpeed = options.maxSpeed ?? MAX_SPEED;
  const rate = options.rateLimit ?? { perSec: 20, burst: 40 };
  const refusals = Object.fromEntries(REFUSALS.map((r) => [r, 0])) as Record<Refusal, number>;
  const owners = new Map<string, DrillOwner>();
  const scenarioCache = new Map<string, ScenarioInfo>();
  // How long the main thread (every drill's sockets and log) keeps events waiting: the server's health figure.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const adminToken = signToken(key, { drill: '*', seat: 'director', mode: 'play', gen: 0, exp: nowSec() + 10 * 365 * 86400 });

  // ---- scenarios

  function scenarioIds(): string[] {
    if (!existsSync(scenariosDir)) return [];
    return readdirSync(scenariosDir)
      .filter((d) => existsSync(join(scenariosDir, d, 'scenario.json')))
      .sort();
  }

  /** The worlds scenarioInfo loaded (one per scenario, loaded once), and their report contexts (target profile, names). */
  const scenarioWorlds = new Map<string, World>();
  const reportContexts = new Map<string, ReportContext>();
  /** The after-action report of an ended drill, from its stored report (no engine: after a restart too). */
  function aarOf(record: DrillRecord, report: ScoredReport, lang: Lang, late: LateEvaluations): DrillAar {
    const info = scenarioInfo(record.scenarioId);
    const world = info ? scenarioWorlds.get(info.id) : undefined;
    if (!info || !world) return { ok: false, problem: `scenario ${record.scenarioId} is not on this server` };
    let ctx = reportContexts.get(info.id);
    if (!ctx) reportContexts.set(info.id, (ctx = diskReportContext(info.path, world)));
    return storedDrillAar(report, world, ctx, lang, late);
  }

  function scenarioInfo(id: string): ScenarioInfo | null {
    if (!/^[A-Za-z0-9_.-]+$/.test(id) || !scenarioIds().includes(id)) return null;
    const cached = scenarioCache.get(id);
    if (cached) return cached;
    const path = join(scenariosDir, id, 'scenario.json');
    const loaded = loadScenario(diskScenarioFiles(path));
    if (!loaded.ok) return null;
    const w = loaded.world;
    const info = { id, path, name: w.name, sha256: w.sha256, durationSec: w.durationSec, defaultSeed: w.defaultSeed, doctrineSeats: w.settings.doctrineSeats };
    scenarioCache.set(id, info);
    scenarioWorlds.set(id, w);
    return info;
  }

  // ---- drills

  /** Drills being opened here (their worker is starting): not to be taken over meanwhile. */
  const opening = new Set<string>();

  async function openOwner(record: DrillRecord, settings: { speed?: number; paused?: boolean; ended?: EndedDrill } = {}): Promise<DrillOwner> {
    const info = scenarioInfo(record.scenarioId);
    if (!info) throw new Error(`scenario ${record.scenarioId} is not on this server`);
    opening.add(record.id);
    try {
      const owner = await DrillOwner.open(
        record,
        {
          store,
          scenarioPath: info.path,
          reportDir: options.store ? null : join(dataDir, 'reports'),
          log,
          maxSpeed,
          snapshotEverySec,
          peers: () => relay?.peers().map((p) => p.wsUrl) ?? [],
          processId,
          // It stalled past its lease and another process took the drill over: its terminals reconnect there.
          onLost: (lost) => {
            if (owners.get(lost.id) === lost) owners.delete(lost.id);
          },
        },
        settings,
      );
      owners.set(record.id, owner);
      return owner;
    } finally {
      opening.delete(record.id);
    }
  }

  /**
   * The claim a process makes on a drill it finds without a live owner: with a
   * shared store, only once the owner's lease has run out (as a take-over
   * does); the embedded SQLite belongs to this process alone.
   */
  const claimStale = (drillId: string) => store.claim(drillId, processId, shared ? Date.now() - leaseMs : Number.MAX_SAFE_INTEGER);

  // Drills that were running when the server stopped (or was killed) carry on from their logs.
  // Rebuilding several can outlast the lease: the claims are kept fresh meanwhile, or another
  // process would take over a drill this one is still opening (the fence would then make one
  // of them let it go, but only after both had started it).
  const recoveryBeat = setInterval(() => void store.heartbeat(processId).catch(() => undefined), heartbeatMs);
  try {
    for (const record of await store.listDrills()) {
      if (record.status !== 'running') continue;
      // Shared: only drills whose owner has gone quiet (the take-over scan catches the rest later).
      if (!(await claimStale(record.id))) continue;
      try {
        const owner = await openOwner(record);
        const r = owner.recovery;
        log(`drill ${record.id} recovered from its log at T+${r?.atSec ?? 0} s (${recoveryWords(r)})`);
      } catch (err) {
        log(`drill ${record.id} could not be recovered: ${(err as Error).message}`);
      }
    }
  } finally {
    clearInterval(recoveryBeat);
  }

  /**
   * Ended drills being unloaded here (their worker stopping, their last log
   * writes landing): a terminal joining meanwhile reopens the drill once that
   * is done, so one drill never has two engines here, nor two writers of its log.
   */
  const unloading = new Map<string, Promise<void>>();

  /** Ended drills being reopened here: a terminal joining meanwhile waits for the same rebuild. */
  const reopening = new Map<string, Promise<{ ok: true; owner: DrillOwner } | { ok: false; code: Refusal; message: string }>>();

  /**
   * An ended drill that is not loaded in this process, reopened on demand (a
   * terminal of it joins) so its evaluators can still record observations
   * and ratings: claimed as a take-over claims a drill (so no other process
   * appends to its log meanwhile), rebuilt from its log by the path of
   * recovery (latest snapshot, the commands after it, every hash after it
   * checked) to where its report says it ended, and held there: no clock,
   * no steps, its report not written again. An ended drill, reopened or not,
   * is unloaded again once no terminal has had it for endedIdleMs
   * (unloadIdleEnded); this process keeps its claim, so a terminal relayed
   * here for it reopens it here.
   */
  function reopenEnded(record: DrillRecord): Promise<{ ok: true; owner: DrillOwner } | { ok: false; code: Refusal; message: string }> {
    const loaded = owners.get(record.id);
    if (loaded) return Promise.resolve({ ok: true, owner: loaded });
    const pending = reopening.get(record.id);
    if (pending) return pending;
    if (opening.has(record.id)) return Promise.resolve({ ok: false, code: 'drillMoving', message: `drill ${record.id} is being rebuilt from its log; reconnecting` });
    const work = (async () => {
      // Unloaded a moment ago and its worker still stopping: opened again once it has stopped.
      await unloading.get(record.id);
      // Another process holds it (its lease is fresh): not opened twice; the terminal tries again, and is relayed there.
      if (!(await claimStale(record.id))) return { ok: false as const, code: 'drillMoving' as const, message: `drill ${record.id} is held by another server process; reconnecting` };
      try {
        const report = await store.getReport(record.id);
        if (!report) throw new Error('it has no report (it is written at the end)');
        const { untilSec, finalStateHash } = JSON.parse(report) as { untilSec: number; finalStateHash: string };
        const owner = await openOwner(record, { ended: { untilSec, finalStateHash } });
        log(`drill ${record.id} reopened from its log at its end, T+${untilSec} s, for late evaluations (${recoveryWords(owner.recovery)})`);
        return { ok: true as const, owner };
      } catch (err) {
        log(`drill ${record.id} could not be reopened: ${(err as Error).message}`);
        return { ok: false as const, code: 'drillEnded' as const, message: `drill ${record.id} has ended and could not be reopened here: ${(err as Error).message}` };
      }
    })().finally(() => reopening.delete(record.id));
    reopening.set(record.id, work);
    return work;
  }

  function linkFor(drill: DrillRecord, seat: string, mode: 'play' | 'watch', gen: number): string {
    return signToken(key, { drill: drill.id, seat, mode, gen, exp: drill.tokenExp });
  }

  async function createDrill(body: Record<string, unknown>, base: string) {
    const info = scenarioInfo(String(body.scenario ?? ''));
    if (!info) throw new HttpError(400, `scenario: expected one of ${scenarioIds().join(', ')}`);
    // The same seeds the CLI and the console accept, refused with the same reason.
    const seedChoice = body.seed === undefined ? { ok: true as const, value: info.defaultSeed } : typeof body.seed === 'number' || typeof body.seed === 'string' ? seedFromText(String(body.seed)) : seedFromText('');
    if (!seedChoice.ok) throw new HttpError(400, `seed: ${seedChoice.reason}`);
    const seed = seedChoice.value;
    const untilSec = body.untilSec === undefined ? info.durationSec : Number(body.untilSec);
    if (!Number.isInteger(untilSec) || untilSec < 1 || untilSec > info.durationSec) throw new HttpError(400, `untilSec: expected 1 to ${info.durationSec}`);
    const seatsIn = (body.seats ?? {}) as Record<string, unknown>;
    if (typeof seatsIn !== 'object' || Array.isArray(seatsIn)) throw new HttpError(400, 'seats: expected {seat: person|doctrine|nobody}');
    const seats: Record<string, 'person' | 'doctrine' | 'nobody'> = {};
    for (const seat of DEPARTMENTS) seats[seat] = info.doctrineSeats.includes(seat) ? 'doctrine' : 'nobody';
    for (const [seat, player] of Object.entries(seatsIn)) {
      if (!DEPARTMENTS.includes(seat as Seat)) throw new HttpError(400, `seats/${seat}: not a department, expected one of ${DEPARTMENTS.join(', ')}`);
      if (player !== 'person' && player !== 'doctrine' && player !== 'nobody') throw new HttpError(400, `seats/${seat}: expected person, doctrine or nobody`);
      seats[seat] = player;
    }
    const speed = body.speed === undefined ? 60 : Number(body.speed);
    if (!(speed >= MIN_SPEED && speed <= maxSpeed)) throw new HttpError(400, `speed: expected ${MIN_SPEED} to ${maxSpeed}`);
    const linkHours = body.linkHours === undefined ? 72 : Number(body.linkHours);
    if (!(linkHours > 0 && linkHours <= 24 * 30)) throw new HttpError(400, 'linkHours: expected more than 0 and at most 720');
    const record: DrillRecord = {
      id: 'd' + randomBytes(5).toString('hex'),
      scenarioId: info.id,
      scenarioSha256: info.sha256,
      seed,
      untilSec,
      doctrineSeats: DEPARTMENTS.filter((s) => seats[s] === 'doctrine'),
      seats,
      createdMs: Date.now(),
      tokenExp: nowSec() + Math.round(linkHours * 3600),
      status: 'running',
    };
    await store.createDrill(record, processId);
    const paused = body.paused === true;
    const owner = await openOwner(record, { speed, paused });
    // The settings the drill starts with are its first control entries.
    await owner.control({ action: 'speed', speed });
    if (paused) await owner.control({ action: 'pause' });
    return { ...drillView(owner), links: linksFor(record, base) };
  }

  /** `gens`: each seat's link generation, for a drill not loaded here (from its log: loggedGenerations). */
  function linksFor(record: DrillRecord, base: string, gens?: Map<string, number>) {
    const owner = owners.get(record.id);
    const links = SEATS.map((seat) => {
      const mode: 'play' | 'watch' = seat === 'evaluator' ? 'watch' : 'play';
      const token = linkFor(record, seat, mode, owner?.generation(seat) ?? gens?.get(seat) ?? 0);
      return { seat, mode, player: seat === 'director' ? 'director' : seat === 'evaluator' ? 'evaluator' : record.seats[seat], token, url: joinUrl(base, token, record.scenarioId) };
    });
    return links;
  }

  /**
   * The link generation of each seat the director released, from the drill's
   * log (as DrillOwner reads it back): the links of a drill not loaded here
   * (an ended drill unloaded, or after a restart) are those its owner would give.
   */
  async function loggedGenerations(id: string): Promise<Map<string, number>> {
    const gens = new Map<string, number>();
    for (const e of await store.readLog(id, 'control')) generationsAfter(gens, e.body);
    return gens;
  }

  function drillView(owner: DrillOwner) {
    const info = owner.info();
    return { drill: owner.id, untilSec: owner.record.untilSec, status: info.clock.ended ? 'ended' : 'running', ...info };
  }

  // ---- HTTP

  function bearer(req: IncomingMessage): TokenClaims | null {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const r = verifyToken(key, m?.[1], nowSec());
    return r.ok ? r.claims : null;
  }

  function requireAdmin(req: IncomingMessage): void {
    const c = bearer(req);
    if (!c || c.drill !== '*') throw new HttpError(401, 'this needs the director key (Authorization: Bearer …)');
  }

  /** The server's director key, or a drill's director (or, for reading, evaluator) link. */
  function requireDrill(req: IncomingMessage, id: string, read: boolean): void {
    const c = bearer(req);
    if (c?.drill === '*') return;
    if (c && c.drill === id && (c.seat === 'director' || (read && c.seat === 'evaluator'))) {
      const owner = owners.get(id);
      if (!owner || c.gen >= owner.generation(c.seat)) return;
    }
    throw new HttpError(401, `this needs the director's link for drill ${id}${read ? " (or an evaluator's)" : ''}`);
  }

  function baseUrl(req: IncomingMessage): string {
    const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : `127.0.0.1:${port}`;
    return `http://${host}/`;
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    if (path[0] === 'health') return sendJson(res, 200, { ok: true, drills: owners.size, store: store.kind });
    if (path[0] === 'stats' && method === 'GET') {
      requireAdmin(req);
      const eventLoopDelayMs = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      if (new URL(req.url ?? '/', 'http://x').searchParams.has('reset')) loopDelay.reset();
      return sendJson(res, 200, { refusals, eventLoopDelayMs, connections: sockets.size, drills: [...owners.values()].map((o) => ({ id: o.id, ...o.info().stats, clock: o.clock() })), memory: process.memoryUsage() });
    }
    if (path[0] === 'scenarios' && method === 'GET') {
      requireAdmin(req);
      const list = scenarioIds()
        .map((id) => scenarioInfo(id))
        .filter((s): s is ScenarioInfo => s !== null)
        .map(({ path: _p, ...s }) => s);
      return sendJson(res, 200, { scenarios: list, departments: DEPARTMENTS });
    }
    if (path[0] !== 'drills') throw new HttpError(404, 'no such API');
    const id = path[1];
    if (!id) {
      requireAdmin(req);
      if (method === 'POST') return sendJson(res, 201, await createDrill((await readBody(req)) as Record<string, unknown>, baseUrl(req)));
      if (method === 'GET') {
        const records = await store.listDrills();
        return sendJson(res, 200, { drills: records.map((r) => (owners.has(r.id) ? drillView(owners.get(r.id)!) : { drill: r.id, scenario: r.scenarioId, seed: r.seed, untilSec: r.untilSec, status: r.status })) });
      }
      throw new HttpError(405, 'GET or POST');
    }
    const record = await store.getDrill(id);
    if (!record) throw new HttpError(404, `no drill ${id}`);
    const owner = owners.get(id);
    const action = path[2] ?? '';
    if (action === '' && method === 'GET') {
      requireDrill(req, id, true);
      return sendJson(res, 200, owner ? drillView(owner) : { drill: id, status: record.status });
    }
    if (action === 'links' && method === 'GET') {
      requireDrill(req, id, false);
      return sendJson(res, 200, { drill: id, links: linksFor(record, baseUrl(req), owner ? undefined : await loggedGenerations(id)) });
    }
    if (action === 'control' && method === 'POST') {
      requireDrill(req, id, false);
      if (!owner && record.status === 'ended') {
        // Ended and not loaded (unloaded, or not reopened since a restart): refused as a loaded ended drill refuses it.
        refusals.drillEnded++;
        return sendJson(res, 400, { ok: false, code: 'drillEnded', error: 'the drill has ended' });
      }
      if (!owner) throw new HttpError(409, `drill ${id} is not running on this server`);
      const r = await owner.control((await readBody(req)) as ControlAction);
      if (!r.ok) refusals[r.code]++;
      return sendJson(res, r.ok ? 200 : 400, r);
    }
    if (action === 'report' && method === 'GET') {
      requireDrill(req, id, true);
      const report = await store.getReport(id);
      if (!report) throw new HttpError(409, `drill ${id} has not ended: its report is written at the end`);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="report-${id}.json"` });
      return void res.end(report);
    }
    if (action === 'aar' && method === 'GET') {
      requireDrill(req, id, true);
      const lang = new URL(req.url ?? '/', 'http://x').searchParams.get('lang') ?? 'zh';
      if (lang !== 'zh' && lang !== 'en') throw new HttpError(400, `lang: "${lang.slice(0, 20)}" is not a language, expected zh or en`);
      const report = await store.getReport(id);
      if (!report) throw new HttpError(409, `drill ${id} has not ended: its after-action report is made from the report written at the end (a terminal of the director or an evaluator shows the drill's so far)`);
      // With the observations and ratings given after the end (the log keeps them apart from the run).
      const late = noLateEvaluations();
      for (const e of await store.readLog(id, 'evaluation')) addLateEvaluation(late, e.body.command as Command);
      // And the director's stop time (the server clock's, so not in the run report's exercise record).
      let stopAtSec: number | null = null;
      for (const e of await store.readLog(id, 'control')) stopAtSec = directorStopAfter(stopAtSec, e.body);
      const aar = aarOf(record, withDirectorStop(JSON.parse(report) as ScoredReport, stopAtSec), lang, late);
      if (!aar.ok) throw new HttpError(409, `drill ${id}: no after-action report: ${aar.problem}`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-disposition': `inline; filename="aar-${id}-${lang}.html"` });
      return void res.end(aar.html);
    }
    if (action === 'log' && method === 'GET') {
      requireDrill(req, id, true);
      return sendJson(res, 200, { drill: record, log: await store.readLog(id) });
    }
    throw new HttpError(404, 'no such API');
  }

  function serveStatic(res: ServerResponse, pathname: string, method: string | undefined): void {
    if (!consoleDir || !existsSync(consoleDir)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('the console is not built (npm run build)');
      return;
    }
    serveFile(consoleDir, pathname, res, method, pagePolicy());
  }

  /**
   * The console's policy, with the other live server processes' WebSocket
   * origins in connect-src: a terminal whose process dies reconnects to one
   * of them (welcome.peers).
   */
  function pagePolicy(): string {
    const peers = relay?.peers().filter((p) => p.wsUrl !== wsUrl) ?? [];
    if (!peers.length) return CONTENT_SECURITY_POLICY;
    return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${peers.map((p) => p.wsUrl.replace(/\/ws$/, '')).join(' ')}`);
  }

  const http: Server = createServer((req, res) => {
    // Every answer, API and errors included, carries the security headers (CSP with frame-ancestors 'none', nosniff, no referrer).
    securityHeaders(res);
    const pathname = requestPath(req.url);
    if (pathname === null) {
      res.writeHead(400).end('bad path');
      return;
    }
    if (pathname.startsWith('/api/')) {
      api(req, res, pathname.slice(5).split('/').filter(Boolean)).catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : 500;
        if (status === 500) log(`API ${req.method} ${pathname}: ${(err as Error).stack ?? err}`);
        if (!res.headersSent) sendJson(res, status, { error: (err as Error).message });
      });
      return;
    }
    serveStatic(res, pathname, req.method);
  });

  // ---- WebSocket terminals

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();
  let nextConn = 1;
  http.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    sockets.add(ws);
    const conn = nextConn++;
    const bucket = new Bucket(rate.perSec, rate.burst);
    let term: Terminal | null = null;
    let owner: DrillOwner | null = null;
    /** The process that owns this terminal's drill, when it is not this one. */
    let remoteOwner: string | null = null;
    let joining = false;
    let dropped = 0;
    let lastNoticeMs = 0;
    const send = (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const refuse = (code: Refusal, message: string, close?: number) => {
      refusals[code]++;
      send({ t: 'refused', code, message });
      if (close) ws.close(close, code);
    };
    const joinTimer = setTimeout(() => {
      if (!term) refuse('notJoined', 'join within 10 s of connecting', 4000);
    }, 10_000);

    ws.on('error', (err: Error & { code?: string }) => {
      // ws refuses a message over maxPayload by closing the socket (1009).
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') refusals.oversized++;
      else refusals.malformed++;
    });
    ws.on('close', () => {
      clearTimeout(joinTimer);
      sockets.delete(ws);
      if (term && owner) owner.leave(term);
      if (remoteOwner && fronted.delete(conn)) relay?.send(remoteOwner, { op: 'leave', from: processId, conn });
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!bucket.take()) {
        dropped++;
        refusals.rateLimited++;
        const now = Date.now();
        if (now - lastNoticeMs > 1000) {
          lastNoticeMs = now;
          send({ t: 'refused', code: 'rateLimited', message: `more than ${rate.perSec} messages a second: ${dropped} dropped` });
        }
        return;
      }
      let msg: Record<string, unknown>;
      try {
        if (isBinary) throw new Error('binary');
        msg = JSON.parse(data.toString());
        if (msg === null || typeof msg !== 'object' || Array.isArray(msg) || typeof msg.t !== 'string') throw new Error('shape');
      } catch {
        return refuse('malformed', 'expected a JSON object {t, …}');
      }
      void handle(msg).catch((err: unknown) => {
        log(`terminal ${conn}: ${(err as Error).stack ?? err}`);
        refuse('malformed', 'the server could not handle that message');
      });
    });

    async function handle(msg: Record<string, unknown>): Promise<void> {
      const id = typeof msg.id === 'number' && Number.isInteger(msg.id) ? msg.id : 0;
      if (msg.t === 'ping') return send({ t: 'pong', id });
      if (msg.t === 'join') {
        if (term || joining || remoteOwner) return refuse('alreadyJoined', 'this connection has joined already');
        const check = verifyToken(key, msg.token, nowSec());
        if (!check.ok) return refuse(check.code, check.code === 'expiredToken' ? 'the link has expired' : 'the link is not valid', 4001);
        const c = check.claims;
        const drillId = c.drill === '*' ? String(msg.drill ?? '') : c.drill;
        if (!isSeat(c.seat)) return refuse('badToken', 'the link names no seat', 4001);
        const have = typeof msg.have === 'string' ? msg.have : undefined;
        let o = owners.get(drillId);
        if (!o) {
          // Another process may own the drill: relay this terminal to it.
          // Being rebuilt here (recovery or a take-over): not unknown, just not ready; the terminal tries again (1013 is not final).
          if (opening.has(drillId) && !reopening.has(drillId)) return refuse('drillMoving', `drill ${drillId} is being rebuilt from its log; reconnecting`, 1013);
          joining = true;
          const record = await store.getDrill(drillId);
          let elsewhere: string | null = null;
          if (record?.status === 'ended') {
            // An ended drill: at the live process that holds it (it ran the drill, or reopened it), else reopened here.
            const holder = relay ? await store.ownerOf(drillId) : null;
            if (relay && holder && holder !== processId && relay.isAlive(holder)) elsewhere = holder;
            else {
              // The rebuild may take longer than the 10 s a terminal has to join: it has joined.
              clearTimeout(joinTimer);
              const opened = await reopenEnded(record);
              if (!opened.ok) {
                joining = false;
                return refuse(opened.code, opened.message, joinRefusedClose(opened.code));
              }
              o = opened.owner;
            }
          } else {
            joining = false;
            elsewhere = relay && record?.status === 'running' ? await store.ownerOf(drillId) : null;
            if (!elsewhere || !relay) return refuse('unknownDrill', `no drill ${drillId} on this server`, 4004);
            if (elsewhere === processId) return refuse('drillMoving', `drill ${drillId} is being rebuilt from its log; reconnecting`, 1013);
            if (!relay.isAlive(elsewhere)) {
              // Its owner has died (a terminal of the dead process came here): take it over
              // as soon as the lease has run out; the terminal tries again meanwhile (1013 is not final).
              void takeOverSoon();
              return refuse('drillMoving', `drill ${drillId} is moving to another server process; reconnecting`, 1013);
            }
          }
          if (elsewhere && relay) {
            joining = false;
            remoteOwner = elsewhere;
            fronted.set(conn, { ws, drill: drillId, owner: elsewhere });
            clearTimeout(joinTimer);
            relay.send(elsewhere, { op: 'join', from: processId, conn, drill: drillId, seat: c.seat, mode: c.mode, gen: c.gen, have });
            return;
          }
          if (!o) return refuse('unknownDrill', `no drill ${drillId} on this server`, 4004);
        }
        joining = true;
        const t: Terminal = {
          id: conn,
          seat: c.seat,
          mode: c.mode,
          gen: c.gen,
          send(text: string) {
            if (ws.readyState !== ws.OPEN) return;
            // A terminal that cannot keep up is dropped; it reconnects and gets a fresh full frame.
            if (ws.bufferedAmount > 8 * 2 ** 20) ws.close(1013, 'too far behind');
            else ws.send(text);
          },
          close: (code, reason) => ws.close(code, reason),
        };
        const r = await o.join(t, have);
        joining = false;
        if (!r.ok) return refuse(r.code, r.message, joinRefusedClose(r.code));
        if (ws.readyState !== ws.OPEN) return o.leave(t);
        term = t;
        owner = o;
        clearTimeout(joinTimer);
        return;
      }
      if (remoteOwner && relay) return relay.send(remoteOwner, { op: 'msg', from: processId, conn, msg });
      if (!term || !owner) return refuse('notJoined', 'join first: {t:"join", token}');
      return drillMessage(owner, term, msg);
    }
  }

  /** A joined terminal's message for its drill (from a socket here, or relayed from another process). */
  async function drillMessage(owner: DrillOwner, term: Terminal, msg: Record<string, unknown>): Promise<void> {
    const id = typeof msg.id === 'number' && Number.isInteger(msg.id) ? msg.id : 0;
    const send = (m: ServerMessage) => term.send(JSON.stringify(m));
    if (msg.t === 'cmd') {
      if (msg.seat !== undefined && msg.seat !== term.seat) {
        refusals.seatMismatch++;
        return send({ t: 'ack', id, ok: false, code: 'seatMismatch', error: `this terminal plays ${term.seat}; a command cannot name another seat` });
      }
      if (typeof msg.type !== 'string' || msg.args === null || typeof msg.args !== 'object' || Array.isArray(msg.args)) {
        refusals.malformed++;
        return send({ t: 'ack', id, ok: false, code: 'malformed', error: 'expected {t:"cmd", id, type, args, key?}' });
      }
      // The client key goes with the command to its owner (a relayed terminal's message is relayed whole).
      const keyError = msg.key === undefined ? null : commandKeyError(msg.key);
      if (keyError) {
        refusals.malformed++;
        return send({ t: 'ack', id, ok: false, code: 'malformed', error: keyError });
      }
      const r = await owner.command(term, msg.type, msg.args as Record<string, unknown>, msg.key as string | undefined);
      if (!r.ok) refusals[r.code]++;
      return send(r.ok ? { t: 'ack', id, ok: true, tSec: r.tSec } : { t: 'ack', id, ok: false, code: r.code, error: r.error });
    }
    if (msg.t === 'control') {
      if (term.seat !== 'director' || term.mode !== 'play') {
        refusals.notDirector++;
        return send({ t: 'ack', id, ok: false, code: 'notDirector', error: 'only the director controls the drill' });
      }
      const { t: _t, id: _id, ...action } = msg;
      const r = await owner.control(action as unknown as ControlAction);
      if (!r.ok) refusals[r.code]++;
      return send(r.ok ? { t: 'ack', id, ok: true, tSec: r.clock.tSec } : { t: 'ack', id, ok: false, code: r.code, error: r.error });
    }
    if (msg.t === 'ask') {
      if (!isQuestion(msg.what) || (msg.lang !== undefined && msg.lang !== 'zh' && msg.lang !== 'en')) {
        refusals.malformed++;
        return send({ t: 'answer', id, ok: false, code: 'malformed', error: `expected {t:"ask", id, what: ${Object.keys(QUESTIONS).join(' | ')}, lang?: zh | en}` });
      }
      const r = await owner.ask(term, msg.what, msg.lang === 'en' ? 'en' : 'zh');
      if (!r.ok) {
        refusals[r.code]++;
        return send({ t: 'answer', id, ok: false, code: r.code, error: r.error });
      }
      // The answer is JSON already (made in the drill's thread): spliced in, not parsed and written again.
      return term.send(`{"t":"answer","id":${id},"ok":true,"what":${JSON.stringify(msg.what)},"value":${r.json}}`);
    }
    if (msg.t === 'ping') return send({ t: 'pong', id });
    refusals.malformed++;
    send({ t: 'refused', code: 'malformed', message: `unknown message type ${JSON.stringify(String(msg.t).slice(0, 40))}` });
  }

  // ---- past one process: terminals relayed between processes (relay.ts), drills owned by one each

  /** Owner side: terminals of other processes joined to drills here, by "process:conn". */
  const relayedTerms = new Map<string, { term: Terminal; owner: DrillOwner; from: string }>();
  /** Front side: sockets here whose drill another process owns. */
  const fronted = new Map<number, { ws: WebSocket; drill: string; owner: string }>();

  async function onRelay(m: RelayMessage): Promise<void> {
    if (m.op === 'out' || m.op === 'close') {
      const f = fronted.get(m.conn);
      if (!f || f.ws.readyState !== f.ws.OPEN) return;
      if (m.op === 'close') f.ws.close(m.code, m.reason);
      else if (f.ws.bufferedAmount > 8 * 2 ** 20) f.ws.close(1013, 'too far behind');
      else f.ws.send(m.text);
      return;
    }
    const keyOf = `${m.from}:${m.conn}`;
    if (m.op === 'leave') {
      const entry = relayedTerms.get(keyOf);
      relayedTerms.delete(keyOf);
      entry?.owner.leave(entry.term);
      return;
    }
    if (m.op === 'msg') {
      const entry = relayedTerms.get(keyOf);
      if (entry) await drillMessage(entry.owner, entry.term, m.msg);
      return;
    }
    // join
    const from = m.from, conn = m.conn;
    const term: Terminal = {
      id: nextConn++,
      seat: m.seat as Seat,
      mode: m.mode,
      gen: m.gen,
      send: (text) => relay!.send(from, { op: 'out', conn, text }),
      close: (code, reason) => relay!.send(from, { op: 'close', conn, code, reason }),
    };
    let o = owners.get(m.drill);
    // An ended drill the store says this process holds, not loaded here: reopened here (it is not reopened elsewhere while this process lives).
    let notReopened: { ok: false; code: Refusal; message: string } | null = null;
    if (!o && isSeat(m.seat)) {
      const record = await store.getDrill(m.drill);
      if (record?.status === 'ended') {
        const opened = await reopenEnded(record);
        if (opened.ok) o = opened.owner;
        else notReopened = opened;
      }
    }
    // The front relayed it here because the store named this process the drill's owner. If it does not
    // run here: another process took it over meanwhile (the terminal tries again and finds it there), or
    // this process holds the claim but could not open the drill (final: it would only be sent here again).
    const notHere = async () =>
      !opening.has(m.drill) && (await store.ownerOf(m.drill)) === processId
        ? ({ ok: false, code: 'unknownDrill', message: `drill ${m.drill} cannot run on this server` } as const)
        : ({ ok: false, code: 'drillMoving', message: `drill ${m.drill} is moving between server processes; reconnecting` } as const);
    const r = notReopened ?? (o && isSeat(m.seat) ? await o.join(term, m.have) : isSeat(m.seat) ? await notHere() : ({ ok: false, code: 'badToken', message: 'the link names no seat' } as const));
    if (!r.ok) {
      refusals[r.code]++;
      term.send(JSON.stringify({ t: 'refused', code: r.code, message: r.message } satisfies ServerMessage));
      term.close(joinRefusedClose(r.code), r.code);
      return;
    }
    relayedTerms.set(keyOf, { term, owner: o!, from });
  }

  let wsUrl = '';
  const relayUrl = options.redisUrl ?? process.env.REDIS_URL;
  // Processes sharing the store share the relay's namespace; others on the same Redis stay apart.
  const deployment = relayUrl ? await store.initMeta('deployment-id', randomBytes(8).toString('hex')) : '';
  const relay = relayUrl ? await Relay.open(relayUrl, processId, deployment, (m) => void onRelay(m).catch((err: unknown) => log(`relay: ${(err as Error).stack ?? err}`))) : null;

  /** One take-over scan at a time (two at once could both claim a drill and open it twice). */
  let scanning: Promise<void> | null = null;
  function takeOverSoon(): Promise<void> {
    scanning ??= takeOver()
      .catch((err: unknown) => log(`take-over: ${(err as Error).message}`))
      .finally(() => (scanning = null));
    return scanning;
  }

  /** Drills whose owner stopped answering (killed, or its machine gone) are taken over from the log. */
  async function takeOver(): Promise<void> {
    for (const record of await store.listDrills()) {
      if (record.status !== 'running' || owners.has(record.id) || opening.has(record.id)) continue;
      if (!(await store.claim(record.id, processId, Date.now() - leaseMs))) continue;
      try {
        const owner = await openOwner(record);
        log(`drill ${record.id} taken over from its log at T+${owner.recovery?.atSec ?? 0} s (${owner.recovery?.mismatches.length ?? 0} hashes differ; ${recoveryWords(owner.recovery)})`);
      } catch (err) {
        log(`drill ${record.id} could not be taken over: ${(err as Error).message}`);
      }
      // Terminals relayed to the old owner reconnect, and find the drill here.
      for (const [conn, f] of fronted) if (f.drill === record.id) {
        fronted.delete(conn);
        f.ws.close(1012, 'drill moved');
      }
    }
  }
  const heartbeat = setInterval(() => {
    // A drill this process held before the beat but no longer owns was taken over while this process
    // stalled: let it go now, even if it is paused and would append nothing that the fence could refuse.
    const held = [...owners.values()];
    void store
      .heartbeat(processId)
      .then((mine) => {
        const owned = new Set(mine);
        for (const o of held) if (!owned.has(o.id)) o.letGo();
      })
      .catch(() => undefined);
    if (relay && wsUrl)
      void relay
        .announce(wsUrl, leaseMs)
        .then(() => {
          dropFrontsOfDeadOwners();
          dropTermsOfDeadFronts();
        })
        .catch(() => undefined);
  }, heartbeatMs);

  /**
   * Sockets here relayed to a process that is no longer alive are closed as
   * "moved" (1012): they reconnect and find their drill where it is now. A
   * running drill's are closed by the take-over too, when it happens here; an
   * ended drill is not taken over by a scan but reopened when a terminal
   * joins it, so without this its terminals here would wait on the dead
   * process for ever.
   */
  function dropFrontsOfDeadOwners(): void {
    for (const [conn, f] of fronted) {
      if (relay?.isAlive(f.owner)) continue;
      fronted.delete(conn);
      f.ws.close(1012, 'drill moved');
    }
  }

  /**
   * Terminals relayed here from a process that is no longer alive leave their
   * drill: that process will send no 'leave' for them, and a terminal that
   * never leaves would keep an ended drill loaded for good. The front is told
   * to close them as "moved" (1012), should it be alive after all, so they
   * rejoin.
   */
  function dropTermsOfDeadFronts(): void {
    for (const [key, entry] of relayedTerms) {
      if (relay?.isAlive(entry.from)) continue;
      relayedTerms.delete(key);
      entry.owner.leave(entry.term);
      entry.term.close(1012, 'drill moved');
    }
  }
  const takeoverScan = shared ? setInterval(() => void takeOverSoon(), heartbeatMs) : null;

  // ---- ended drills, unloaded when idle

  /**
   * An ended drill that no terminal has had for endedIdleMs is unloaded: its
   * worker stopped, gone from `owners`. A running drill never is. Nothing is
   * logged to it (its log and report stay as they are; its report, printed
   * after-action report and log are read from the store), and a terminal
   * joining it later reopens it from its log (reopenEnded), at the same final
   * hash. This process keeps its claim on it: with several processes, a
   * terminal of it joining another is relayed here, and reopens it here.
   */
  function unloadIdleEnded(): void {
    for (const o of [...owners.values()]) {
      const idleMs = o.endedIdleForMs();
      if (idleMs === null || idleMs < endedIdleMs) continue;
      // Gone from `owners` at once: a join from now on goes to reopenEnded, which waits for this.
      owners.delete(o.id);
      const done = o
        .close()
        .then(
          () => log(`drill ${o.id} unloaded: ended, and no terminal for ${(idleMs / 1000).toFixed(1)} s; a terminal joining it reopens it from its log`),
          (err: unknown) => log(`drill ${o.id}: unloading it: ${(err as Error).message}`),
        )
        .finally(() => unloading.delete(o.id));
      unloading.set(o.id, done);
    }
  }
  const idleSweep = setInterval(unloadIdleEnded, Math.min(15_000, Math.max(50, Math.floor(endedIdleMs / 4))));

  // ---- the clock of every drill

  const ticker = setInterval(() => {
    for (const o of owners.values()) o.tick();
  }, TICK_MS);

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(options.port ?? 5173, host, () => done());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  // Terminals learn every live process's address (welcome.peers) and try another when theirs dies.
  wsUrl = url.replace(/^http/, 'ws') + 'ws';
  await relay?.announce(wsUrl, leaseMs);

  return {
    url,
    port,
    adminToken,
    owners,
    refusals,
    async close() {
      clearInterval(ticker);
      clearInterval(heartbeat);
      clearInterval(idleSweep);
      if (takeoverScan) clearInterval(takeoverScan);
      loopDelay.disable();
      if (relay && wsUrl) await relay.withdraw(wsUrl);
      await relay?.close();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await Promise.all([...owners.values()].map((o) => o.close()));
      await Promise.all(unloading.values());
      await new Promise<void>((done) => http.close(() => done()));
      await store.close();
    },
  };
}
