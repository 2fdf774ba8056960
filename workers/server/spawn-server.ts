// A drill server as its own process on loopback (workers/server/main.ts under
// tsx), for the benchmark (`drilltwin bench --server`) and the tests that
// kill -9 a server or run two of them. The server prints its admin token on
// stdout at start; that line is how we know it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A loopback port free at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

export interface ServerProcess {
  proc: ChildProcess;
  adminToken: string;
  /** The server's stderr so far, line by line (for failure messages). */
  stderr: string[];
}

export interface SpawnOptions {
  port: number;
  dataDir: string;
  /** More command-line options, e.g. ['--max-speed', '100000']. */
  args?: string[];
  /** The environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long the server may take to print its token before it is killed and this fails. */
  startTimeoutMs?: number;
}

/** Starts a server process and waits until it prints its admin token; fails with its stderr if it exits first or takes too long. */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'workers/server/main.ts'), '--port', String(options.port), '--data', options.dataDir, ...(options.args ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  const stderr: string[] = [];
  proc.stderr!.on('data', (d: Buffer) => stderr.push(...d.toString().split('\n').filter(Boolean)));
  const adminToken = await new Promise<string>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      fail(new Error(`the server did not start:\n${out}\n${stderr.join('\n')}`));
    }, options.startTimeoutMs ?? 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Authorization: Bearer (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code}):\n${stderr.join('\n')}`));
    });
  });
  return { proc, adminToken, stderr };
}
