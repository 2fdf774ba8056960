// A joint drill's browser terminal outlives its server process: two drill
// servers share PostgreSQL and Redis (in this process, a short owner lease);
// the power company's console is loaded from the one that owns the drill;
// that one stops, and the console reconnects by itself to the other, which
// has taken the drill over from the log, and commands there. Skipped where
// PostgreSQL or Redis is not running (the embedded default needs neither).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type DrillServer } from '../../workers/server/server.ts';
import { dropSchema, sharedServicesUp, TEST_DATABASE_URL, TEST_REDIS_URL } from '../server/helpers.ts';
import { appReady, buildConsole, type BuiltConsole } from './harness.ts';

const services = await sharedServicesUp();

const schema = `dt_e2e_${process.pid}_${Date.now().toString(36)}`;
const dirs: string[] = [];
const servers: DrillServer[] = [];
let built: BuiltConsole | undefined;

async function server(): Promise<DrillServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'drilltwin-failover-'));
  dirs.push(dataDir);
  const s = await startServer({ port: 0, consoleDir: built!.dir, dataDir, maxSpeed: 100_000, log: () => {}, databaseUrl: TEST_DATABASE_URL, pgSchema: schema, redisUrl: TEST_REDIS_URL, leaseMs: 1500 });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  if (services) built = await buildConsole();
});

afterAll(async () => {
  await built?.close();
  for (const s of servers) await s.close().catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (services) await dropSchema(schema);
});

describe.skipIf(!services)('a joint drill terminal in the browser when its server process stops', () => {
  it('reconnects by itself to the other process, which has taken the drill over, and commands there', async () => {
    const a = await server();
    const b = await server();
    const res = await fetch(`${a.url}api/drills`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.adminToken}` },
      body: JSON.stringify({ scenario: 'jishishan-2023', seed: 7, untilSec: 6 * 3600, speed: 600, paused: true, seats: { power: 'person' } }),
    });
    const created = (await res.json()) as { drill: string; links: { seat: string; url: string }[] };
    const link = created.links.find((l) => l.seat === 'power')!;
    expect(link.url.startsWith(a.url)).toBe(true);

    // The page's content security policy names the processes live when it was loaded: load it once A knows B.
    const wsOriginB = b.url.replace(/^http/, 'ws').replace(/\/$/, '');
    await expect.poll(async () => (await fetch(a.url, { method: 'HEAD' })).headers.get('content-security-policy'), { timeout: 10_000 }).toContain(`connect-src 'self' ${wsOriginB}`);
    const context = await built!.browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(link.url);
    await appReady(page);
    const session = () => page.evaluate(() => ({ joins: (window as any).drilltwin.session.joins as number, url: (window as any).drilltwin.session.connectedUrl as string | null }));
    const wsA = `${a.url.replace(/^http/, 'ws')}ws`, wsB = `${b.url.replace(/^http/, 'ws')}ws`;
    expect(await session()).toEqual({ joins: 1, url: wsA });

    // A stops (its drills' lease is no longer renewed); the console finds B, which takes the drill over once the lease has run out.
    await a.close();
    await expect.poll(session, { timeout: 60_000 }).toEqual({ joins: 2, url: wsB });
    await expect.poll(() => b.owners.has(created.drill)).toBe(true);
    await page.locator('[data-testid=form-settings] summary').click();
    await page.selectOption('[data-testid=setting-setPrioritySupply]', 'on');
    await page.click('[data-testid=send-setPrioritySupply]');
    await expect.poll(() => page.textContent('[data-testid=answer-settings]')).toMatch(/T\+/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
