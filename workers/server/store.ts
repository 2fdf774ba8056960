// The drill server's durable log. Every accepted command, control action,
// clock checkpoint and terminal join is appended, with simulated and wall
// time, before anyone is told it happened; a drill is rebuilt from it after a
// crash (scenario + seed + command log ⇒ the same state, hash for hash).
//
// Embedded default: SQLite through better-sqlite3 12 (13 needs Node 22), WAL
// mode, one file in the data folder. The schema is a list of numbered
// migrations, applied in order and recorded, written in the SQL that SQLite
// and PostgreSQL share so one list serves both.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** evaluation: an observation or rating given after the drill ended (not the engine's; see drill-report.ts LateEvaluations). */
export type LogKind = 'command' | 'control' | 'checkpoint' | 'terminal' | 'evaluation';

/** Entries no one is told were kept: written without an fsync each (a new kind is durable unless listed here). */
const CHEAP_KINDS: ReadonlySet<LogKind> = new Set(['checkpoint', 'terminal']);

export interface LogEntry {
  seq: number;
  kind: LogKind;
  tSec: number;
  wallMs: number;
  body: Record<string, unknown>;
}

export type DrillStatus = 'running' | 'ended';

/** What a drill was created with; everything else is in its log. */
export interface DrillRecord {
  id: string;
  scenarioId: string;
  scenarioSha256: string;
  seed: number;
  untilSec: number;
  /** Seats the doctrine plays at T0. */
  doctrineSeats: string[];
  /** Who plays each department at T0: person, doctrine or nobody. */
  seats: Record<string, 'person' | 'doctrine' | 'nobody'>;
  createdMs: number;
  /** Unix seconds after which the drill's links stop working. */
  tokenExp: number;
  status: DrillStatus;
}

export interface DrillStore {
  readonly kind: 'sqlite' | 'postgres';
  getMeta(key: string): Promise<string | null>;
  /** Sets the value unless one is there; returns the value in force (so racing processes agree). */
  initMeta(key: string, value: string): Promise<string>;
  /** A new drill, owned by `owner` (the process that creates it) from the start. */
  createDrill(drill: DrillRecord, owner: string): Promise<void>;
  getDrill(id: string): Promise<DrillRecord | null>;
  listDrills(): Promise<DrillRecord[]>;
  setStatus(id: string, status: DrillStatus): Promise<void>;
  /**
   * Appends one entry, fenced by `owner`: only while that process still owns
   * the drill. The check and the insert are one statement, and a take-over's
   * claim waits for an append in flight (PostgreSQL: the drill's row is
   * share-locked). Otherwise it throws NotOwnerError and writes nothing.
   */
  append(drillId: string, entry: LogEntry, owner: string): Promise<void>;
  /** The whole log of a drill in sequence order (only the entries of `kind`, when given). */
  readLog(drillId: string, kind?: LogKind): Promise<LogEntry[]>;
  putReport(drillId: string, finalStateHash: string, report: string, wallMs: number): Promise<void>;
  getReport(drillId: string): Promise<string | null>;
  /**
   * Makes `owner` (a server process) the drill's owner if it has none, has it
   * already, or its owner has not been seen since staleBeforeMs; true if so.
   */
  claim(drillId: string, owner: string, staleBeforeMs: number): Promise<boolean>;
  /** The owner is alive: every drill it owns is marked seen now. Returns the ids of the drills it owns. */
  heartbeat(owner: string): Promise<string[]>;
  ownerOf(drillId: string): Promise<string | null>;
  /**
   * Keeps an engine snapshot (snapshot@1 text) of the drill at tSec, taken
   * after the log's checkpoint at tSec; only the latest SNAPSHOTS_KEPT stay.
   */
  putSnapshot(drillId: string, snap: StoredSnapshot): Promise<void>;
  /** The latest snapshot taken at or before atOrBeforeSec (null: none). */
  latestSnapshot(drillId: string, atOrBeforeSec: number): Promise<StoredSnapshot | null>;
  close(): Promise<void>;
}

/**
 * An append refused because another server process owns the drill now (it
 * took the drill over while this one was stalled). Recognised by its message
 * as well, since errors cross the log writer's thread as text.
 */
export class NotOwnerError extends Error {
  constructor(drillId: string, owner: string) {
    super(`${NOT_OWNER} drill ${drillId} is no longer owned by process ${owner}`);
    this.name = 'NotOwnerError';
  }
}
const NOT_OWNER = 'not the owner:';

export function isNotOwner(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith(NOT_OWNER);
}

/** An engine snapshot kept for recovery: the drill at tSec, its state hash then, and the snapshot@1 file's text. */
export interface StoredSnapshot {
  tSec: number;
  wallMs: number;
  hash: string;
  body: string;
}

/** Two, not one: if the newest cannot be restored (say, after an engine upgrade), the other may be older still, and a full replay is the last resort. */
export const SNAPSHOTS_KEPT = 2;

/** SQL shared by SQLite and PostgreSQL: drops a drill's snapshots older than the newest SNAPSHOTS_KEPT (parameters: drill id twice). */
export const PRUNE_SNAPSHOTS_SQL = `DELETE FROM drill_snapshots WHERE drill_id = $1 AND t_sec < (SELECT MIN(t_sec) FROM (SELECT t_sec FROM drill_snapshots WHERE drill_id = $1 ORDER BY t_sec DESC LIMIT ${SNAPSHOTS_KEPT}) newest)`;

/** Numbered migrations, applied in order, each once. SQL common to SQLite and PostgreSQL. */
export const MIGRATIONS: { version: number; name: string; sql: string[] }[] = [
  {
    version: 1,
    name: 'drills and their log',
    sql: [
      'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
      `CREATE TABLE drills (
        id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_sha256 TEXT NOT NULL, seed BIGINT NOT NULL,
        until_sec INTEGER NOT NULL, doctrine_seats TEXT NOT NULL, seats TEXT NOT NULL,
        created_ms BIGINT NOT NULL, token_exp BIGINT NOT NULL, status TEXT NOT NULL)`,
      `CREATE TABLE drill_log (
        drill_id TEXT NOT NULL REFERENCES drills(id), seq INTEGER NOT NULL, kind TEXT NOT NULL,
        t_sec INTEGER NOT NULL, wall_ms BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (drill_id, seq))`,
    ],
  },
  {
    version: 2,
    name: 'reports written from the log',
    sql: ['CREATE TABLE drill_reports (drill_id TEXT PRIMARY KEY REFERENCES drills(id), final_state_hash TEXT NOT NULL, report TEXT NOT NULL, written_ms BIGINT NOT NULL)'],
  },
  {
    version: 3,
    name: 'each drill owned by one server process',
    sql: ['ALTER TABLE drills ADD COLUMN owner TEXT', 'ALTER TABLE drills ADD COLUMN owner_seen_ms BIGINT'],
  },
  {
    version: 4,
    name: 'engine snapshots at intervals, so recovery replays only what came after the latest',
    sql: ['CREATE TABLE drill_snapshots (drill_id TEXT NOT NULL REFERENCES drills(id), t_sec INTEGER NOT NULL, wall_ms BIGINT NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (drill_id, t_sec))'],
  },
];

interface DrillRow {
  id: string;
  scenario_id: string;
  scenario_sha256: string;
  seed: number;
  until_sec: number;
  doctrine_seats: string;
  seats: string;
  created_ms: number;
  token_exp: number;
  status: string;
}

export function drillFromRow(r: DrillRow): DrillRecord {
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    scenarioSha256: r.scenario_sha256,
    seed: Number(r.seed),
    untilSec: Number(r.until_sec),
    doctrineSeats: JSON.parse(r.doctrine_seats),
    seats: JSON.parse(r.seats),
    createdMs: Number(r.created_ms),
    tokenExp: Number(r.token_exp),
    status: r.status as DrillStatus,
  };
}

export function drillToRow(d: DrillRecord): unknown[] {
  return [d.id, d.scenarioId, d.scenarioSha256, d.seed, d.untilSec, JSON.stringify(d.doctrineSeats), JSON.stringify(d.seats), d.createdMs, d.tokenExp, d.status];
}

export class SqliteStore implements DrillStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly durable: boolean;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'drills.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the process being killed, not a
    // power cut. Every entry acknowledged to people (commands, control
    // actions, late evaluations: any kind not listed in CHEAP_KINDS) is
    // written with FULL (the WAL fsynced before the call returns); clock
    // checkpoints and terminal comings and goings, ten a second per drill,
    // are not worth an fsync each (a lost checkpoint only means the drill
    // resumes a moment earlier, from the same log).
    this.db.pragma('synchronous = NORMAL');
    this.durable = process.env.DRILLTWIN_SQLITE_SYNC !== 'normal';
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.stmts = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      initMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      createDrill: db.prepare('INSERT INTO drills (id, scenario_id, scenario_sha256, seed, until_sec, doctrine_seats, seats, created_ms, token_exp, status, owner, owner_seen_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      getDrill: db.prepare<[string], DrillRow>('SELECT * FROM drills WHERE id = ?'),
      listDrills: db.prepare<[], DrillRow>('SELECT * FROM drills ORDER BY created_ms, id'),
      setStatus: db.prepare('UPDATE drills SET status = ? WHERE id = ?'),
      // Written only while `owner` owns the drill (SQLite runs one writer at a time).
      append: db.prepare('INSERT INTO drill_log (drill_id, seq, kind, t_sec, wall_ms, body) SELECT ?, ?, ?, ?, ?, ? FROM drills WHERE id = ? AND owner = ?'),
      readLog: db.prepare<[string], { seq: number; kind: string; t_sec: number; wall_ms: number; body: string }>('SELECT seq, kind, t_sec, wall_ms, body FROM drill_log WHERE drill_id = ? ORDER BY seq'),
      readLogKind: db.prepare<[string, string], { seq: number; kind: string; t_sec: number; wall_ms: number; body: string }>('SELECT seq, kind, t_sec, wall_ms, body FROM drill_log WHERE drill_id = ? AND kind = ? ORDER BY seq'),
      putReport: db.prepare(
        'INSERT INTO drill_reports (drill_id, final_state_hash, report, written_ms) VALUES (?, ?, ?, ?) ON CONFLICT (drill_id) DO UPDATE SET final_state_hash = excluded.final_state_hash, report = excluded.report, written_ms = excluded.written_ms',
      ),
      getReport: db.prepare<[string], { report: string }>('SELECT report FROM drill_reports WHERE drill_id = ?'),
      claim: db.prepare('UPDATE drills SET owner = ?, owner_seen_ms = ? WHERE id = ? AND (owner IS NULL OR owner = ? OR owner_seen_ms < ?)'),
      heartbeat: db.prepare<[number, string], { id: string }>('UPDATE drills SET owner_seen_ms = ? WHERE owner = ? RETURNING id'),
      ownerOf: db.prepare<[string], { owner: string | null }>('SELECT owner FROM drills WHERE id = ?'),
      putSnapshot: db.prepare(
        'INSERT INTO drill_snapshots (drill_id, t_sec, wall_ms, hash, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (drill_id, t_sec) DO UPDATE SET wall_ms = excluded.wall_ms, hash = excluded.hash, body = excluded.body',
      ),
      // SQLite reads $1 as one named parameter, used twice.
      pruneSnapshots: db.prepare(PRUNE_SNAPSHOTS_SQL.replaceAll('$1', '@drill')),
      latestSnapshot: db.prepare<[string, number], { t_sec: number; wall_ms: number; hash: string; body: string }>(
        'SELECT t_sec, wall_ms, hash, body FROM drill_snapshots WHERE drill_id = ? AND t_sec <= ? ORDER BY t_sec DESC LIMIT 1',
      ),
    };
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)');
    const done = new Set(this.db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.db.transaction(() => {
        for (const sql of m.sql) this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      })();
    }
  }

  /** Versions applied, for tests and the status page. */
  migrations(): number[] {
    return this.db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => r.version);
  }

  async getMeta(key: string): Promise<string | null> {
    return this.stmts.getMeta.get(key)?.value ?? null;
  }

  async initMeta(key: string, value: string): Promise<string> {
    this.stmts.initMeta.run(key, value);
    return this.stmts.getMeta.get(key)!.value;
  }

  async createDrill(drill: DrillRecord, owner: string): Promise<void> {
    this.stmts.createDrill.run(...drillToRow(drill), owner, Date.now());
  }

  async getDrill(id: string): Promise<DrillRecord | null> {
    const row = this.stmts.getDrill.get(id);
    return row ? drillFromRow(row) : null;
  }

  async listDrills(): Promise<DrillRecord[]> {
    return this.stmts.listDrills.all().map(drillFromRow);
  }

  async setStatus(id: string, status: DrillStatus): Promise<void> {
    this.stmts.setStatus.run(status, id);
  }

  async append(drillId: string, e: LogEntry, owner: string): Promise<void> {
    const refused = this.appendBatch([{ drillId, entry: e, owner }]);
    if (refused.length) throw new NotOwnerError(drillId, owner);
  }

  /** One entry; true if written, false if `owner` no longer owns the drill. */
  private appendOne(drillId: string, e: LogEntry, owner: string): boolean {
    return this.stmts.append.run(drillId, e.seq, e.kind, e.tSec, e.wallMs, JSON.stringify(e.body), drillId, owner).changes > 0;
  }

  /**
   * Appends several entries in one transaction: one fsync for all of them
   * (group commit), FULL when any is acknowledged to people. Returns
   * the indices of the entries refused by their fence (their owner no longer
   * owns the drill); the others are written.
   */
  appendBatch(batch: { drillId: string; entry: LogEntry; owner: string }[]): number[] {
    const fsync = this.durable && batch.some((b) => !CHEAP_KINDS.has(b.entry.kind));
    if (fsync) this.db.pragma('synchronous = FULL');
    try {
      return this.db.transaction(() => batch.flatMap((b, i) => (this.appendOne(b.drillId, b.entry, b.owner) ? [] : [i])))();
    } finally {
      if (fsync) this.db.pragma('synchronous = NORMAL');
    }
  }

  async readLog(drillId: string, kind?: LogKind): Promise<LogEntry[]> {
    return (kind === undefined ? this.stmts.readLog.all(drillId) : this.stmts.readLogKind.all(drillId, kind)).map((r) => ({ seq: r.seq, kind: r.kind as LogKind, tSec: r.t_sec, wallMs: r.wall_ms, body: JSON.parse(r.body) }));
  }

  async putReport(drillId: string, finalStateHash: string, report: string, wallMs: number): Promise<void> {
    this.stmts.putReport.run(drillId, finalStateHash, report, wallMs);
  }

  async getReport(drillId: string): Promise<string | null> {
    return this.stmts.getReport.get(drillId)?.report ?? null;
  }

  async claim(drillId: string, owner: string, staleBeforeMs: number): Promise<boolean> {
    return this.stmts.claim.run(owner, Date.now(), drillId, owner, staleBeforeMs).changes > 0;
  }

  async heartbeat(owner: string): Promise<string[]> {
    return this.stmts.heartbeat.all(Date.now(), owner).map((r) => r.id);
  }

  async ownerOf(drillId: string): Promise<string | null> {
    return this.stmts.ownerOf.get(drillId)?.owner ?? null;
  }

  async putSnapshot(drillId: string, snap: StoredSnapshot): Promise<void> {
    this.db.transaction(() => {
      this.stmts.putSnapshot.run(drillId, snap.tSec, snap.wallMs, snap.hash, snap.body);
      this.stmts.pruneSnapshots.run({ drill: drillId });
    })();
  }

  async latestSnapshot(drillId: string, atOrBeforeSec: number): Promise<StoredSnapshot | null> {
    const r = this.stmts.latestSnapshot.get(drillId, atOrBeforeSec);
    return r ? { tSec: r.t_sec, wallMs: Number(r.wall_ms), hash: r.hash, body: r.body } : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
