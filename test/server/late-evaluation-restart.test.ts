// Evaluators finish their guides after ENDEX, and the server may be
// restarted before they do (overnight). A drill runs to its end; the
// evaluator records a late observation and rating; the server process is
// stopped and a new one started on the same data (embedded SQLite: the same
// folder, stopped as a service is, SIGTERM; PostgreSQL: the same schema,
// killed -9, so the new process must wait for the old one's lease). The
// evaluator opens the drill again: it is reopened from its log at its end,
// at the same final state hash, and takes a second late observation and
// rating. Both show, once each, in the score, the after-action report (the
// terminal's and the printed one) and the log; the run report is as written
// at the end; a third process finds everything once still.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { ServerMessage } from '../../workers/server/protocol.ts';
import { freePort, spawnServer } from '../../workers/server/spawn-server.ts';
import { TerminalClient } from '../../workers/server/terminal-client.ts';
import { cleanUpAfterAll, postgresUp, TEST_DATABASE_URL } from './helpers.ts';

const pgUp = await postgresUp();
const schema = `dt_late_${process.pid}_${Date.now().toString(36)}`;
const { children, dirs } = cleanUpAfterAll(pgUp ? schema : null);

type LogEntry = { seq: number; kind: string; tSec: number; body: Record<string, any> };
type Exercise = { observations: { seat: string; text: string; tSec: number }[]; ratings: { seat: string; indicator: string; rating: string; reason: string; tSec: number }[] };
type Score = { ok: boolean; evaluation: { indicators: { id: string; rating: string; manual?: { rating: string; note: string } }[] } };

/** How many times `text` occurs in `html`. */
const occurrences = (html: string, text: string) => html.split(text).length - 1;

interface Variant {
  store: 'sqlite' | 'postgres';
  /** How the first process is stopped. */
  stop: NodeJS.Signals;
  env: NodeJS.ProcessEnv;
}

function withoutShared(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, REDIS_URL: _r, DRILLTWIN_PG_SCHEMA: _s, ...rest } = env;
  return rest;
}

async function lateEvaluationsAcrossRestarts(v: Variant): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const wsUrl = `ws://127.0.0.1:${port}/ws`;
  const dataDir = mkdtempSync(join(tmpdir(), `drilltwin-late-${v.store}-`));
  dirs.push(dataDir);
  const start = async () => {
    const p = await spawnServer({ port, dataDir, args: ['--max-speed', '100000'], env: v.env });
    children.push(p.proc);
    return p;
  };
  const stop = async (p: { proc: ChildProcess }, signal: NodeJS.Signals) => {
    const exited = new Promise((r) => p.proc.once('exit', r));
    p.proc.kill(signal);
    await exited;
  };
  const http = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  };
  const json = async (token: string, method: string, path: string, body?: unknown) => JSON.parse((await http(token, method, path, body)).text);

  // ---- the drill, run to its end (30 simulated minutes) by the first process
  const first = await start();
  const created = await json(first.adminToken, 'POST', 'api/drills', { scenario: 'jishishan-2023', seed: 4, untilSec: 1800, speed: 100_000, paused: true });
  const id = created.drill as string;
  expect(id, JSON.stringify(created)).toBeTruthy();
  const link = (seat: string) => created.links.find((l: { seat: string }) => l.seat === seat).token as string;
  const evaluator = new TerminalClient(wsUrl, link('evaluator'));
  const director = new TerminalClient(wsUrl, link('director'));
  evaluator.connect();
  director.connect();
  for (const c of [evaluator, director]) await c.waitFor((m) => m.t === 'frame', 30_000, 'the first frame', true);
  const during = await evaluator.command('recordObservation', { text: 'during the run: EOC staffed' });
  expect(during.ok).toBe(true);
  expect((await director.control({ action: 'resume' })).ok).toBe(true);
  const ended = await evaluator.waitFor<Extract<ServerMessage, { t: 'ended' }>>((m) => m.t === 'ended', 60_000, 'the end', true);

  // After ENDEX, before the restart: the first late observation and rating, at the end's time.
  const late1 = await evaluator.command('recordObservation', { text: 'late 1: hot wash at the base, 16:10' });
  const rated1 = await evaluator.command('rateIndicator', { indicator: 'warningReachedShare', rating: 'M', reason: 'late 1: SMS warnings reached few townships' });
  for (const a of [late1, rated1]) expect(a).toMatchObject({ ok: true, tSec: 1800 });
  const reportBefore = await http(first.adminToken, 'GET', `api/drills/${id}/report`);
  expect(reportBefore.status).toBe(200);
  expect(JSON.parse(reportBefore.text).finalStateHash).toBe(ended.finalStateHash);
  const aarBefore = (await http(link('evaluator'), 'GET', `api/drills/${id}/aar?lang=en`)).text;
  const obsTimes = occurrences(aarBefore, 'late 1: hot wash at the base, 16:10');
  const ratingTimes = occurrences(aarBefore, 'late 1: SMS warnings reached few townships');
  expect(obsTimes).toBeGreaterThanOrEqual(1);
  expect(ratingTimes).toBeGreaterThanOrEqual(1);
  const logBefore = (await json(first.adminToken, 'GET', `api/drills/${id}/log`)).log as LogEntry[];
  evaluator.close();
  director.close();

  // ---- overnight: the server process is stopped, and a new one started on the same data
  await stop(first, v.stop);
  const second = await start();
  // Not reopened at start (it is not running), and not until someone opens it.
  expect(second.stderr.join('\n')).not.toContain(`drill ${id} recovered`);
  expect(second.stderr.join('\n')).not.toContain(`drill ${id} reopened`);
  expect(await json(second.adminToken, 'GET', `api/drills/${id}`)).toEqual({ drill: id, status: 'ended' });

  // Next morning the evaluator opens the drill again: reopened at its end, the same final state.
  const morning = new TerminalClient(wsUrl, link('evaluator'));
  morning.connect();
  const welcome = await morning.waitFor<Extract<ServerMessage, { t: 'welcome' }>>((m) => m.t === 'welcome', 60_000, 'the welcome', true);
  expect(welcome.clock).toMatchObject({ tSec: 1800, ended: true });
  const endedAgain = await morning.waitFor<Extract<ServerMessage, { t: 'ended' }>>((m) => m.t === 'ended', 30_000, 'the end state', true);
  expect(endedAgain.finalStateHash).toBe(ended.finalStateHash);
  // Reopened once, by this join.
  const reopenedLines = second.stderr.filter((l) => l.includes(`drill ${id} reopened`));
  expect(reopenedLines).toHaveLength(1);
  const reopenedLine = reopenedLines[0];
  console.log(`${v.store}: ${reopenedLine}`);
  expect(reopenedLine, second.stderr.join('\n')).toMatch(/at its end, T\+1800 s, for late evaluations \(.*, 0 differ,/);
  // Among what came back: the evaluations given before the restart, once each.
  const rebuilt = await morning.ask('exercise');
  expect(rebuilt.ok && (rebuilt.value as Exercise).observations.map((o) => o.text)).toEqual(['during the run: EOC staffed', 'late 1: hot wash at the base, 16:10']);

  const late2 = await morning.command('recordObservation', { text: 'late 2: next morning, the power company debrief' });
  const rated2 = await morning.command('rateIndicator', { indicator: 'requestToActionTime', rating: 'M', reason: 'late 2: requests waited for the morning meeting' });
  for (const a of [late2, rated2]) expect(a).toMatchObject({ ok: true, tSec: 1800 });
  // Only what is taken after the end is: no command, no control; the clock does not run.
  const directorAgain = new TerminalClient(wsUrl, link('director'));
  directorAgain.connect();
  await directorAgain.waitFor((m) => m.t === 'frame', 30_000, "the director's frame", true);
  expect(await directorAgain.command('fireInject', { injectId: 'inj-002-alarms-cucc' })).toMatchObject({ ok: false, code: 'drillEnded' });
  expect(await directorAgain.control({ action: 'resume' })).toMatchObject({ ok: false, code: 'drillEnded' });
  expect(await morning.command('setEmergencyRoaming', { enabled: true })).toMatchObject({ ok: false, code: 'observer' });
  await new Promise((r) => setTimeout(r, 1000));
  const frameTimes = morning.messages.filter((m) => m.t === 'frame').map((m) => (m as { frame: { tSec: number } }).frame.tSec);
  expect(new Set(frameTimes)).toEqual(new Set([1800]));
  const info = await json(second.adminToken, 'GET', `api/drills/${id}`);
  expect(info).toMatchObject({ status: 'ended', clock: { tSec: 1800, ended: true }, finalStateHash: ended.finalStateHash, failure: null });

  // Both late evaluations, once each, in the exercise state, the score and the terminal's after-action report.
  const exercise = await morning.ask('exercise');
  expect(exercise.ok && (exercise.value as Exercise).observations.map((o) => [o.text, o.tSec])).toEqual([
    ['during the run: EOC staffed', expect.any(Number)],
    ['late 1: hot wash at the base, 16:10', 1800],
    ['late 2: next morning, the power company debrief', 1800],
  ]);
  expect(exercise.ok && (exercise.value as Exercise).ratings.map((r) => [r.indicator, r.rating, r.reason])).toEqual([
    ['warningReachedShare', 'M', 'late 1: SMS warnings reached few townships'],
    ['requestToActionTime', 'M', 'late 2: requests waited for the morning meeting'],
  ]);
  const score = await morning.ask('score');
  const indicators = score.ok ? (score.value as Score).evaluation.indicators : [];
  expect(indicators.find((x) => x.id === 'warningReachedShare')?.manual).toMatchObject({ rating: 'M', note: 'late 1: SMS warnings reached few townships' });
  expect(indicators.find((x) => x.id === 'requestToActionTime')?.manual).toMatchObject({ rating: 'M', note: 'late 2: requests waited for the morning meeting' });
  const liveAar = await morning.ask('aar', 'en');
  const liveHtml = liveAar.ok ? (liveAar.value as { html: string }).html : '';
  const counts = (html: string) => [
    occurrences(html, 'late 1: hot wash at the base, 16:10'),
    occurrences(html, 'late 2: next morning, the power company debrief'),
    occurrences(html, 'late 1: SMS warnings reached few townships'),
    occurrences(html, 'late 2: requests waited for the morning meeting'),
  ];
  expect(counts(liveHtml)).toEqual([obsTimes, obsTimes, ratingTimes, ratingTimes]);
  // The printed one (made from the stored report and the log) the same.
  const printed = await http(link('evaluator'), 'GET', `api/drills/${id}/aar?lang=en`);
  expect(printed.status).toBe(200);
  expect(counts(printed.text)).toEqual([obsTimes, obsTimes, ratingTimes, ratingTimes]);

  // The log: what was there before, untouched, then the reopening and the second pair; the run report as written at the end.
  const log = (await json(second.adminToken, 'GET', `api/drills/${id}/log`)).log as LogEntry[];
  expect(log.slice(0, logBefore.length)).toEqual(logBefore);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const evaluations = log.filter((e) => e.kind === 'evaluation').map((e) => [e.tSec, e.body.command.type, e.body.command.args.text ?? e.body.command.args.reason]);
  expect(evaluations).toEqual([
    [1800, 'recordObservation', 'late 1: hot wash at the base, 16:10'],
    [1800, 'rateIndicator', 'late 1: SMS warnings reached few townships'],
    [1800, 'recordObservation', 'late 2: next morning, the power company debrief'],
    [1800, 'rateIndicator', 'late 2: requests waited for the morning meeting'],
  ]);
  const added = log.slice(logBefore.length);
  expect(added.filter((e) => e.kind === 'command' || e.kind === 'checkpoint')).toEqual([]);
  const reopened = added.filter((e) => e.kind === 'control');
  expect(reopened).toEqual([expect.objectContaining({ tSec: 1800, body: expect.objectContaining({ action: 'reopened', atSec: 1800, mismatches: 0 }) })]);
  // The end's hash was checked on the way (the report's final hash), among any logged after the snapshot it came back from.
  expect(reopened[0].body.checked).toBeGreaterThanOrEqual(1);
  const reportAfter = await http(second.adminToken, 'GET', `api/drills/${id}/report`);
  expect(reportAfter.text).toBe(reportBefore.text);
  morning.close();
  directorAgain.close();

  // ---- and once more: a third process finds each evaluation once, and reopens the drill again at the same hash
  await stop(second, v.stop);
  const third = await start();
  try {
    const printedAgain = await http(link('evaluator'), 'GET', `api/drills/${id}/aar?lang=en`);
    expect(printedAgain.text).toBe(printed.text);
    const again = new TerminalClient(wsUrl, link('evaluator'));
    again.connect();
    const endedThird = await again.waitFor<Extract<ServerMessage, { t: 'ended' }>>((m) => m.t === 'ended', 60_000, 'the end state', true);
    expect(endedThird.finalStateHash).toBe(ended.finalStateHash);
    const x = await again.ask('exercise');
    expect(x.ok && (x.value as Exercise).observations.map((o) => o.text)).toEqual(['during the run: EOC staffed', 'late 1: hot wash at the base, 16:10', 'late 2: next morning, the power company debrief']);
    expect(x.ok && (x.value as Exercise).ratings.length).toBe(2);
    again.close();
    // The run report still replays hash for hash.
    const file = join(dataDir, 'report-copy.json');
    writeFileSync(file, reportAfter.text);
    expect(await main(['replay', file], { log: () => {}, err: () => {} })).toBe(0);
  } finally {
    await stop(third, 'SIGTERM');
  }
}

describe('late evaluations across a server restart', () => {
  it('embedded SQLite: a drill that ended before the restart is reopened when its evaluator opens it, and takes more evaluations, none lost or twice', async () => {
    await lateEvaluationsAcrossRestarts({ store: 'sqlite', stop: 'SIGTERM', env: withoutShared(process.env) });
  });

  it.skipIf(!pgUp)('PostgreSQL: the same after kill -9, once the dead process\'s lease on the drill has run out', async () => {
    await lateEvaluationsAcrossRestarts({
      store: 'postgres',
      stop: 'SIGKILL',
      env: { ...withoutShared(process.env), DATABASE_URL: TEST_DATABASE_URL, DRILLTWIN_PG_SCHEMA: schema, DRILLTWIN_LEASE_MS: '1500' },
    });
  });
});
