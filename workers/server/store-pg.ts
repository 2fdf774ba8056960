// The drill log in PostgreSQL (DATABASE_URL), for a training base that runs
// many drills or several server processes: the same schema and the same
// numbered migrations as SQLite (store.ts), applied under an advisory lock so
// processes starting together do not race. A commit is durable before the
// call returns (synchronous_commit, PostgreSQL's default).
import pg from 'pg';
import { drillFromRow, drillToRow, MIGRATIONS, NotOwnerError, PRUNE_SNAPSHOTS_SQL, type StoredSnapshot, type DrillRecord, type DrillStatus, type DrillStore, type LogEntry, type LogKind } from './store.ts';

/** Any number: it only has to be the same in every process of this server. */
const MIGRATION_LOCK = 20_271_010;

export class PgStore implements DrillStore {
  readonly kind = 'postgres';

  private constructor(private readonly pool: pg.Pool) {}

  /**
   * Connects and migrates. `schema` keeps several servers (or test runs) apart
   * in one database; it is created when missing.
   */
  static async open(url: string, schema = 'public'): Promise<PgStore> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema: ${JSON.stringify(schema)} is not a plain lower-case identifier`);
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
    // A dropped connection is reported by the next query; the pool must not crash the process meanwhile.
    pool.on('error', () => undefined);
    const store = new PgStore(pool);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)');
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        for (const sql of m.sql) await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      }
    });
    return store;
  }

  async migrations(): Promise<number[]> {
    return (await this.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  }

  async getMeta(key: string): Promise<string | null> {
    return (await this.pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value ?? null;
  }

  async initMeta(key: string, value: string): Promise<string> {
    await this.pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    return (await this.getMeta(key))!;
  }

  async createDrill(drill: DrillRecord, owner: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO drills (id, scenario_id, scenario_sha256, seed, until_sec, doctrine_seats, seats, created_ms, token_exp, status, owner, owner_seen_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      [...drillToRow(drill), owner, Date.now()],
    );
  }

  async getDrill(id: string): Promise<DrillRecord | null> {
    const row = (await this.pool.query('SELECT * FROM drills WHERE id = $1', [id])).rows[0];
    return row ? drillFromRow(row) : null;
  }

  async listDrills(): Promise<DrillRecord[]> {
    return (await this.pool.query('SELECT * FROM drills ORDER BY created_ms, id')).rows.map(drillFromRow);
  }

  async setStatus(id: string, status: DrillStatus): Promise<void> {
    await this.pool.query('UPDATE drills SET status = $1 WHERE id = $2', [status, id]);
  }

  async append(drillId: string, e: LogEntry, owner: string): Promise<void> {
    const row = [drillId, e.seq, e.kind, e.tSec, e.wallMs, JSON.stringify(e.body)];
    // FOR SHARE: a take-over's claim (an UPDATE of this row) waits for this insert to commit,
    // and an insert after the claim sees the new owner and writes nothing.
    const r = await this.pool.query('INSERT INTO drill_log (drill_id, seq, kind, t_sec, wall_ms, body) SELECT $1, $2, $3, $4, $5, $6 FROM drills WHERE id = $1 AND owner = $7 FOR SHARE', [...row, owner]);
    if ((r.rowCount ?? 0) === 0) throw new NotOwnerError(drillId, owner);
  }

  async readLog(drillId: string, kind?: LogKind): Promise<LogEntry[]> {
    const sql = `SELECT seq, kind, t_sec, wall_ms, body FROM drill_log WHERE drill_id = $1${kind === undefined ? '' : ' AND kind = $2'} ORDER BY seq`;
    const rows = (await this.pool.query<{ seq: number; kind: string; t_sec: number; wall_ms: string; body: string }>(sql, kind === undefined ? [drillId] : [drillId, kind])).rows;
    return rows.map((r) => ({ seq: r.seq, kind: r.kind as LogKind, tSec: r.t_sec, wallMs: Number(r.wall_ms), body: JSON.parse(r.body) }));
  }

  async putReport(drillId: string, finalStateHash: string, report: string, wallMs: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO drill_reports (drill_id, final_state_hash, report, written_ms) VALUES ($1, $2, $3, $4) ON CONFLICT (drill_id) DO UPDATE SET final_state_hash = excluded.final_state_hash, report = excluded.report, written_ms = excluded.written_ms',
      [drillId, finalStateHash, report, wallMs],
    );
  }

  async getReport(drillId: string): Promise<string | null> {
    return (await this.pool.query<{ report: string }>('SELECT report FROM drill_reports WHERE drill_id = $1', [drillId])).rows[0]?.report ?? null;
  }

  async claim(drillId: string, owner: string, staleBeforeMs: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE drills SET owner = $1, owner_seen_ms = $2 WHERE id = $3 AND (owner IS NULL OR owner = $1 OR owner_seen_ms < $4)', [owner, Date.now(), drillId, staleBeforeMs]);
    return (r.rowCount ?? 0) > 0;
  }

  async heartbeat(owner: string): Promise<string[]> {
    return (await this.pool.query<{ id: string }>('UPDATE drills SET owner_seen_ms = $1 WHERE owner = $2 RETURNING id', [Date.now(), owner])).rows.map((r) => r.id);
  }

  async ownerOf(drillId: string): Promise<string | null> {
    return (await this.pool.query<{ owner: string | null }>('SELECT owner FROM drills WHERE id = $1', [drillId])).rows[0]?.owner ?? null;
  }

  async putSnapshot(drillId: string, snap: StoredSnapshot): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        'INSERT INTO drill_snapshots (drill_id, t_sec, wall_ms, hash, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (drill_id, t_sec) DO UPDATE SET wall_ms = excluded.wall_ms, hash = excluded.hash, body = excluded.body',
        [drillId, snap.tSec, snap.wallMs, snap.hash, snap.body],
      );
      await client.query(PRUNE_SNAPSHOTS_SQL, [drillId]);
    });
  }

  async latestSnapshot(drillId: string, atOrBeforeSec: number): Promise<StoredSnapshot | null> {
    const r = (await this.pool.query<{ t_sec: number; wall_ms: string; hash: string; body: string }>('SELECT t_sec, wall_ms, hash, body FROM drill_snapshots WHERE drill_id = $1 AND t_sec <= $2 ORDER BY t_sec DESC LIMIT 1', [drillId, atOrBeforeSec])).rows[0];
    return r ? { tSec: r.t_sec, wallMs: Number(r.wall_ms), hash: r.hash, body: r.body } : null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Runs `work` on one pooled connection inside BEGIN … COMMIT; rolls back and rethrows if it fails. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
