// Shared by the drill-server tests: a server on a free loopback port with its
// own data folder, small API helpers, and the PostgreSQL and Redis that the
// tests of several server processes share (test/e2e/joint-failover.test.ts too).
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll } from 'vitest';
import { startServer, type DrillServer, type ServerOptions } from '../../workers/server/server.ts';
import { TerminalClient, type ClientOptions } from '../../workers/server/terminal-client.ts';
import { spawnServer, type ServerProcess } from '../../workers/server/spawn-server.ts';

export interface TestServer {
  server: DrillServer;
  dataDir: string;
  base: string;
  wsUrl: string;
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  terminal(token: string, options?: ClientOptions): TerminalClient;
  close(): Promise<void>;
}

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'drilltwin-server-'));
  const lines: string[] = [];
  const server = await startServer({ port: 0, consoleDir: null, maxSpeed: 100_000, log: (l) => lines.push(l), ...options, dataDir });
  const base = server.url;
  const wsUrl = base.replace(/^http/, 'ws') + 'ws';
  const clients: TerminalClient[] = [];
  return {
    server,
    dataDir,
    base,
    wsUrl,
    async api(method, path, body, token = server.adminToken) {
      const res = await fetch(base + path.replace(/^\//, ''), { method, headers: { authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
    terminal(token, clientOptions) {
      const c = new TerminalClient(wsUrl, token, clientOptions);
      clients.push(c);
      c.connect();
      return c;
    },
    async close() {
      for (const c of clients) c.close();
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function linkOf(created: { links: { seat: string; token: string }[] }, seat: string): string {
  const link = created.links.find((l) => l.seat === seat);
  if (!link) throw new Error(`no link for ${seat}`);
  return link.token;
}

/** The PostgreSQL and Redis the shared-store tests use (skipped where they are not running). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
    setTimeout(() => {
      s.destroy();
      done(false);
    }, 1000);
  });
}

/** Whether PostgreSQL (5432) answers on loopback. */
export function postgresUp(): Promise<boolean> {
  return reachable(5432);
}

/** Whether PostgreSQL (5432) and Redis (6379) answer on loopback. */
export async function sharedServicesUp(): Promise<boolean> {
  return (await reachable(5432)) && (await reachable(6379));
}

/** Drops a test's own PostgreSQL schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/**
 * The server processes a test file spawns and the data folders it makes: killed and removed after the file
 * (and its PostgreSQL schema dropped, when it has one).
 */
export function cleanUpAfterAll(schema: string | null): { children: ChildProcess[]; dirs: string[] } {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (schema) await dropSchema(schema);
  });
  return { children, dirs };
}

/**
 * A server process on `port` sharing PostgreSQL (in `schema`) and Redis with the test file's others, clock up
 * to 100,000×; `env` adds settings (its lease, say). Tracked for clean-up (cleanUpAfterAll).
 */
export async function spawnSharedServer(port: number, schema: string, tracked: { children: ChildProcess[]; dirs: string[] }, env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drilltwin-shared-'));
  tracked.dirs.push(dataDir);
  const started = await spawnServer({
    port,
    dataDir,
    args: ['--max-speed', '100000'],
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, DRILLTWIN_PG_SCHEMA: schema, REDIS_URL: TEST_REDIS_URL, ...env },
  });
  tracked.children.push(started.proc);
  return started;
}
