// `drilltwin serve [--host H] [--port P] [--data DIR]`: the joint-drill server
// (and the console, when it is built). Runs until SIGINT/SIGTERM; after a
// crash or kill -9, starting it again on the same data folder carries every
// running drill on from its log.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer, type DrillServer } from './server.ts';

export const SERVE_USAGE = 'drilltwin serve [--host 127.0.0.1] [--port 5173] [--data ./data] [--console DIR] [--max-speed 600] [--lease-ms 3000] [--snapshot-every-min 30] [--ended-idle-ms 600000]';

type Out = { log(s: string): void; err(s: string): void };

export async function serve(argv: string[], out: Out, extra: { consoleDir?: string | null } = {}): Promise<DrillServer> {
  const { values } = parseArgs({
    args: argv,
    options: { host: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, console: { type: 'string' }, 'max-speed': { type: 'string' }, 'lease-ms': { type: 'string' }, 'snapshot-every-min': { type: 'string' }, 'ended-idle-ms': { type: 'string' } },
  });
  const port = values.port !== undefined ? Number(values.port) : Number(process.env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: ${values.port} is not a port`);
  const maxSpeed = values['max-speed'] !== undefined ? Number(values['max-speed']) : undefined;
  if (maxSpeed !== undefined && !(maxSpeed >= 1)) throw new Error(`--max-speed: ${values['max-speed']} is not a speed`);
  const leaseMs = values['lease-ms'] !== undefined ? Number(values['lease-ms']) : undefined;
  if (leaseMs !== undefined && !Number.isInteger(leaseMs)) throw new Error(`--lease-ms: ${values['lease-ms']} is not a whole number of milliseconds`);
  const snapshotEveryMin = values['snapshot-every-min'] !== undefined ? Number(values['snapshot-every-min']) : undefined;
  if (snapshotEveryMin !== undefined && !Number.isFinite(snapshotEveryMin)) throw new Error(`--snapshot-every-min: ${values['snapshot-every-min']} is not a number of minutes`);
  const endedIdleMs = values['ended-idle-ms'] !== undefined ? Number(values['ended-idle-ms']) : undefined;
  if (endedIdleMs !== undefined && !Number.isInteger(endedIdleMs)) throw new Error(`--ended-idle-ms: ${values['ended-idle-ms']} is not a whole number of milliseconds`);
  const server = await startServer({
    host: values.host ?? '127.0.0.1',
    port,
    dataDir: resolve(values.data ?? process.env.DRILLTWIN_DATA ?? 'data'),
    consoleDir: values.console !== undefined ? resolve(values.console) : extra.consoleDir,
    maxSpeed,
    leaseMs,
    snapshotEveryMin,
    endedIdleMs,
    log: (line) => out.err(line),
  });
  out.log(`drilltwin is being served at ${server.url}`);
  out.log(`  solo drill (in this browser):  ${server.url}`);
  out.log(`  director (create joint drills): ${server.url}director.html#key=${server.adminToken}`);
  out.log(`  API key for scripts: Authorization: Bearer ${server.adminToken}`);
  out.log('  Ctrl+C to stop (drills carry on from their logs at the next start)');
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serve(process.argv.slice(2), { log: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }).catch((err: unknown) => {
    process.stderr.write(`drilltwin serve: ${(err as Error).message}\n`);
    process.exit(2);
  });
}
