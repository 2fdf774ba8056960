// A joint drill's browser terminal survives a restart of the one embedded
// drill server (SQLite, no PostgreSQL or Redis): the power company's console
// is open from its link and has had a command acknowledged; the server stops
// and a new one starts on the same port with the same data folder (how the
// production server restarts). Without a reload the page reconnects by
// itself to the same address and rejoins the same drill at the same seat;
// the drill comes back from its log no earlier than the last second the page
// had been shown (a checkpoint is logged before any terminal sees its
// second) and carries on; the command acknowledged before the restart is in
// the drill's log once; a command given during the outage waits, goes out
// once with its key after the rejoin and is logged once; what the forms
// answered before the restart is still shown; and a new command from the
// page is acknowledged and logged too. Meanwhile the page says so in its
// connection status line (not in a dialog), and the line goes once the page
// has rejoined.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage, type ServerMessage } from '../../workers/server/protocol.ts';
import { freePort } from '../../workers/server/spawn-server.ts';
import { startTestServer, type TestServer } from '../server/helpers.ts';
import { appReady, buildConsole, type BuiltConsole } from './harness.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'drilltwin-restart-'));
let built: BuiltConsole | undefined;
/** Servers started and not yet closed (afterAll closes what a failed test left running). */
const live = new Set<TestServer>();
/** The servers' log lines, for a failure's message. */
const serverLog: string[] = [];

beforeAll(async () => {
  built = await buildConsole();
});

afterAll(async () => {
  await built?.close();
  for (const s of live) await s.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The embedded server (SQLite in dataDir), serving the console, on a fixed port so that a restart comes back at the same address. */
async function serverOn(port: number): Promise<TestServer> {
  const s = await startTestServer({ port, consoleDir: built!.dir, dataDir, maxSpeed: 100_000, log: (line) => serverLog.push(line) });
  live.add(s);
  return s;
}

async function stop(s: TestServer): Promise<void> {
  live.delete(s);
  await s.close();
}

/** One WebSocket the page opened: its address, what the server sent on it, and what the page sent. */
interface Wire {
  url: string;
  received: ServerMessage[];
  sent: Record<string, unknown>[];
}

/** Records every WebSocket of the page (attempts that never opened included: they carry nothing). */
function recordSockets(page: Page): Wire[] {
  const wires: Wire[] = [];
  page.on('websocket', (ws) => {
    const wire: Wire = { url: ws.url(), received: [], sent: [] };
    wires.push(wire);
    ws.on('framereceived', (f) => wire.received.push(decodeMessage(String(f.payload))));
    ws.on('framesent', (f) => wire.sent.push(JSON.parse(String(f.payload)) as Record<string, unknown>));
  });
  return wires;
}

/** The first full picture the server sent on a connection (each join gets one). */
function fullFrameOf(wire: Wire): Extract<ServerMessage, { t: 'frame' }>['frame'] | undefined {
  for (const m of wire.received) if (m.t === 'frame' && m.frame.full) return m.frame;
  return undefined;
}

/** The connection status line in the top bar: its state, its text, and whether it takes any room on screen. */
function connectionLine(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid=connection-status]');
    if (!el) return null;
    const box = el.getBoundingClientRect();
    return { state: el.dataset.state ?? '', text: el.textContent ?? '', shown: !el.hidden && box.width > 0 && box.height > 0 };
  });
}

/** The problems dialog: whether it is open, and the title it was last drawn with (null: never drawn). */
function problemsDialog(page: Page) {
  return page.evaluate(() => {
    const dialog = document.querySelector<HTMLElement>('[data-testid=problems]')!;
    return { open: !dialog.hidden, title: dialog.querySelector('[data-testid=problems-title]')?.textContent ?? null };
  });
}

/** The second an acknowledgement shown under a form names ("… T+0:05:01 …"). */
function shownSec(text: string | null): number | null {
  const m = /T\+(\d+):(\d\d):(\d\d)/.exec(text ?? '');
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

describe('a joint drill terminal in the browser when its one embedded server restarts', () => {
  it('reconnects by itself to the same address, rejoins the same drill and seat where the log left it, sends the command given during the outage once, keeps what its forms answered, and commands again', async () => {
    const port = await freePort();
    const wsUrl = `ws://127.0.0.1:${port}/ws`;
    const first = await serverOn(port);
    // Running from the start at 60×: slow enough that the drill is far from its end when the test is done.
    const created = await first.api('POST', 'api/drills', { scenario: 'jishishan-2023', seed: 7, untilSec: 6 * 3600, speed: 60, seats: { power: 'person' } });
    expect(created.status).toBe(201);
    const drill = created.body.drill as string;
    const link = (created.body.links as { seat: string; url: string }[]).find((l) => l.seat === 'power')!;

    const context = await built!.browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    const wires = recordSockets(page);
    await page.goto(link.url);
    await appReady(page);
    const session = () =>
      page.evaluate(() => {
        const s = (window as any).drilltwin.session;
        return { joins: s.joins as number, url: s.connectedUrl as string | null, drill: s.drill as string, seat: s.seat as string };
      });
    const pictureSec = () => page.evaluate(() => (window as any).drilltwin.session.picture.tSec as number);
    expect(await session()).toEqual({ joins: 1, url: wsUrl, drill, seat: 'power' });
    // Set on this page now: still there after the restart only if the page was not reloaded.
    await page.evaluate(() => ((window as any).beforeRestart = 'this page'));
    // Nothing to say about the connection while it is up; the line is there for screen readers, empty.
    expect(await connectionLine(page)).toEqual({ state: '', text: '', shown: false });
    const connection = page.locator('[data-testid=connection-status]');
    expect([await connection.getAttribute('role'), await connection.getAttribute('aria-live')]).toEqual(['status', 'polite']);
    // Every state the line is drawn in from now on, in order (a state shown briefly is not missed by polling).
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid=connection-status]')!;
      const seen: string[] = ((window as any).connectionStates = []);
      new MutationObserver(() => seen.push(el.dataset.state ?? '')).observe(el, { attributes: true, attributeFilter: ['data-state'] });
    });

    // The drill runs a little; the power company switches priority supply on through the console's settings form.
    await expect.poll(pictureSec).toBeGreaterThan(120);
    await page.locator('[data-testid=form-settings] summary').click();
    await page.selectOption('[data-testid=setting-setPrioritySupply]', 'on');
    await page.click('[data-testid=send-setPrioritySupply]');
    await expect.poll(() => page.textContent('[data-testid=answer-settings]')).toMatch(/T\+/);
    const onSec = shownSec(await page.textContent('[data-testid=answer-settings]'))!;

    // The server stops; the last second the page had been shown is read once its socket is gone.
    await stop(first);
    const lastShownSec = await pictureSec();
    expect(lastShownSec).toBeGreaterThan(120);
    // While no server answers, the page says it lost the connection and is reconnecting, in the status line; no dialog.
    await expect.poll(() => connectionLine(page), { timeout: 10_000 }).toEqual({ state: 'lost', text: '与演练服务器的连接中断，正在重连…', shown: true });
    expect(await problemsDialog(page)).toEqual({ open: false, title: null });
    // A command given while no server answers (a request for road clearance, from another form) waits, with its
    // key, and goes out once the page is welcomed again.
    const requestForm = page.locator('[data-testid=form-request]');
    if (!(await requestForm.evaluate((d) => (d as HTMLDetailsElement).open))) await requestForm.locator('summary').click();
    await page.selectOption('[data-testid=request-kind]', 'roadClearance');
    await page.click('[data-testid=send-request]');
    // The form says it is waiting, and its send is off meanwhile (a second click would be a second command).
    await expect.poll(() => page.textContent('[data-testid=answer-request]')).toBe('已发出，等待演练服务器确认…');
    expect(await page.isDisabled('[data-testid=send-request]')).toBe(true);

    // A new server on the same port and data folder: the drill comes back from its log before it listens.
    const second = await serverOn(port);
    const owner = second.server.owners.get(drill);
    expect(owner, serverLog.join('\n')).toBeDefined();
    expect(owner!.recovery?.mismatches).toEqual([]);
    expect(owner!.recovery!.atSec).toBeGreaterThanOrEqual(lastShownSec);

    // The page rejoins by itself, at the same address, the same drill and seat, without a reload.
    await expect.poll(session, { timeout: 60_000 }).toEqual({ joins: 2, url: wsUrl, drill, seat: 'power' });
    expect(await page.evaluate(() => (window as any).beforeRestart)).toBe('this page');
    // Two connections that were welcomed, both to the one address, each with its full picture (it follows the welcome).
    const joined = () => wires.filter((w) => w.received.some((m) => m.t === 'welcome'));
    await expect.poll(() => joined().map((w) => ({ url: w.url, fullFrame: fullFrameOf(w) !== undefined }))).toEqual([
      { url: wsUrl, fullFrame: true },
      { url: wsUrl, fullFrame: true },
    ]);
    const [before, after] = joined();
    // The first picture after the rejoin is not earlier than the last one before it, and the drill carries on from there.
    const rejoinSec = fullFrameOf(after)!.tSec;
    expect(rejoinSec).toBeGreaterThanOrEqual(lastShownSec);
    await expect.poll(pictureSec).toBeGreaterThan(rejoinSec);

    // The request given during the outage is acknowledged after the rejoin; the settings form still shows its
    // answer from before the restart (a rejoin of the same drill and seat does not wipe what the page said).
    await expect.poll(async () => shownSec(await page.textContent('[data-testid=answer-request]')), { timeout: 30_000 }).toBeGreaterThan(onSec);
    const requestSec = shownSec(await page.textContent('[data-testid=answer-request]'))!;
    expect(requestSec).toBeGreaterThan(lastShownSec);
    expect(await page.isDisabled('[data-testid=send-request]')).toBe(false);
    expect(shownSec(await page.textContent('[data-testid=answer-settings]'))).toBe(onSec);
    // A new command from the page after the rejoin: priority supply off again, acknowledged at a later second.
    const form = page.locator('[data-testid=form-settings]');
    if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator('summary').click();
    await page.selectOption('[data-testid=setting-setPrioritySupply]', 'off');
    await page.click('[data-testid=send-setPrioritySupply]');
    await expect.poll(async () => shownSec(await page.textContent('[data-testid=answer-settings]'))).toBeGreaterThan(onSec);
    const offSec = shownSec(await page.textContent('[data-testid=answer-settings]'))!;
    expect(offSec).toBeGreaterThanOrEqual(requestSec);

    // The page sent each command once: the first on the first connection, the request given during the outage
    // and the last on the second; each was acknowledged at the second the form showed, each with a key of its own.
    const acks = (w: Wire) => w.received.filter((m): m is Extract<ServerMessage, { t: 'ack' }> => m.t === 'ack').map((m) => (m.ok ? m.tSec : m.error));
    await expect.poll(() => [acks(before), acks(after)]).toEqual([[onSec], [requestSec, offSec]]);
    const commandsSent = (w: Wire) => w.sent.filter((m) => m.t === 'cmd').map((m) => ({ type: m.type, args: m.args }));
    expect([commandsSent(before), commandsSent(after)]).toEqual([
      [{ type: 'setPrioritySupply', args: { enabled: true } }],
      [
        { type: 'requestSupport', args: expect.objectContaining({ kind: 'roadClearance' }) },
        { type: 'setPrioritySupply', args: { enabled: false } },
      ],
    ]);
    const keys = [...before.sent, ...after.sent].filter((m) => m.t === 'cmd').map((m) => m.key);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    // The drill's log has both, once each, at the seconds acknowledged, and says it was recovered once.
    const log = await second.api('GET', `api/drills/${drill}/log`);
    expect(log.status).toBe(200);
    const entries = log.body.log as { kind: string; tSec: number; body: Record<string, any> }[];
    const logged = entries.filter((e) => e.kind === 'command' && e.body.command.type === 'setPrioritySupply').map((e) => ({ seat: e.body.command.seat, tSec: e.tSec, enabled: e.body.command.args.enabled }));
    expect(logged).toEqual([
      { seat: 'power', tSec: onSec, enabled: true },
      { seat: 'power', tSec: offSec, enabled: false },
    ]);
    expect(entries.filter((e) => e.kind === 'command' && e.body.command.type === 'requestSupport').map((e) => ({ seat: e.body.command.seat, tSec: e.tSec, kind: e.body.command.args.kind }))).toEqual([
      { seat: 'power', tSec: requestSec, kind: 'roadClearance' },
    ]);
    expect(entries.filter((e) => e.kind === 'control' && e.body.action === 'recovered').map((e) => e.body.atSec)).toEqual([owner!.recovery!.atSec]);

    // And the engine applied both: the seat's own log on the page shows them accepted.
    const pageLog = () =>
      page.evaluate(() =>
        ((window as any).drilltwin.session.picture.log as { tSec: number; seat: string; type: string; args: { enabled?: boolean }; result: object }[])
          .filter((c) => c.type === 'setPrioritySupply')
          .map((c) => ({ seat: c.seat, tSec: c.tSec, enabled: c.args.enabled, accepted: 'ok' in c.result })),
      );
    await expect.poll(pageLog).toEqual([
      { seat: 'power', tSec: onSec, enabled: true, accepted: true },
      { seat: 'power', tSec: offSec, enabled: false, accepted: true },
    ]);
    // The connection line said "reconnected" after the rejoin and then cleared itself. No dialog was ever drawn:
    // a lost connection is not a drill file that could not be loaded, and a dialog would stay after the rejoin.
    await expect.poll(() => connectionLine(page), { timeout: 15_000 }).toEqual({ state: '', text: '', shown: false });
    expect(await page.evaluate(() => (window as any).connectionStates)).toEqual(['lost', 'back', '']);
    expect(await problemsDialog(page)).toEqual({ open: false, title: null });
    expect(errors).toEqual([]);
    await context.close();
  });
});
