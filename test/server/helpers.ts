// Shared by the drill-server tests: a server on a free loopback port with its
// own data folder, and small API helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type DrillServer, type ServerOptions } from '../../workers/server/server.ts';
import { TerminalClient, type ClientOptions } from '../../workers/server/terminal-client.ts';

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
