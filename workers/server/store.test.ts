// The embedded log: numbered migrations applied once each, in order, and a
// drill's log read back in sequence, across a reopen (what recovery relies on).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isNotOwner, MIGRATIONS, SqliteStore, type DrillRecord } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const drill: DrillRecord = { id: 'd1', scenarioId: 'jishishan-2023', scenarioSha256: 'abc', seed: 7, untilSec: 3600, doctrineSeats: ['tower'], seats: { cmcc: 'person', tower: 'doctrine' }, createdMs: 1, tokenExp: 2, status: 'running' };

describe('the SQLite log', () => {
  it('applies each numbered migration once, and keeps what was written across a reopen', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const first = new SqliteStore(dir);
    expect(first.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
    await first.createDrill(drill, 'proc-a');
    first.appendBatch([
      { drillId: 'd1', entry: { seq: 1, kind: 'control', tSec: 0, wallMs: 10, body: { action: 'speed', speed: 60 } }, owner: 'proc-a' },
      { drillId: 'd1', entry: { seq: 2, kind: 'command', tSec: 5, wallMs: 11, body: { command: { tSec: 5, seat: 'cmcc', type: 'x', args: {} } } }, owner: 'proc-a' },
    ]);
    await first.append('d1', { seq: 3, kind: 'checkpoint', tSec: 60, wallMs: 12, body: { hash: 'h' } }, 'proc-a');
    expect(await first.initMeta('token-key', 'k1')).toBe('k1');
    await first.close();

    const again = new SqliteStore(dir);
    expect(again.migrations()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await again.getDrill('d1')).toEqual(drill);
    expect((await again.readLog('d1')).map((e) => [e.seq, e.kind, e.tSec])).toEqual([[1, 'control', 0], [2, 'command', 5], [3, 'checkpoint', 60]]);
    expect(await again.initMeta('token-key', 'k2')).toBe('k1');
    expect(await again.ownerOf('d1')).toBe('proc-a');
    // A live owner keeps its drill; one quiet since before the cut-off loses it.
    expect(await again.claim('d1', 'proc-b', 0)).toBe(false);
    expect(await again.claim('d1', 'proc-b', Date.now() + 1)).toBe(true);
    // Its new owner cannot write a sequence number twice either.
    await expect(again.append('d1', { seq: 3, kind: 'checkpoint', tSec: 61, wallMs: 13, body: {} }, 'proc-b')).rejects.toThrow(/UNIQUE/);
    await again.close();
  });
});

describe('snapshots in the SQLite log', () => {
  it('keeps the newest two, and finds the latest at or before a time', async () => {
    const store = new SqliteStore(join(dir, 'snaps'));
    await store.createDrill({ ...drill, id: 'd2' }, 'proc-a');
    expect(await store.latestSnapshot('d2', 10_000)).toBe(null);
    for (const tSec of [1800, 3600, 5400]) await store.putSnapshot('d2', { tSec, wallMs: tSec, hash: `h${tSec}`, body: `{"t":${tSec}}` });
    // The oldest is dropped; asking before every kept one finds none.
    expect(await store.latestSnapshot('d2', 2000)).toBe(null);
    expect(await store.latestSnapshot('d2', 5399)).toEqual({ tSec: 3600, wallMs: 3600, hash: 'h3600', body: '{"t":3600}' });
    expect((await store.latestSnapshot('d2', 99_999))?.tSec).toBe(5400);
    // The same second again (paused twice at one time) replaces it.
    await store.putSnapshot('d2', { tSec: 5400, wallMs: 1, hash: 'again', body: '{}' });
    expect((await store.latestSnapshot('d2', 99_999))?.hash).toBe('again');
    await store.close();
  });
});

describe('a fenced append', () => {
  it('is written only while its process owns the drill; after a take-over nothing of the old owner is written', async () => {
    const store = new SqliteStore(join(dir, 'fence'));
    await store.createDrill({ ...drill, id: 'd3' }, 'proc-a');
    await store.append('d3', { seq: 1, kind: 'checkpoint', tSec: 60, wallMs: 1, body: {} }, 'proc-a');
    // proc-a stalls past its lease; proc-b takes the drill over.
    expect(await store.claim('d3', 'proc-b', Date.now() + 1)).toBe(true);
    // Its next heartbeat tells proc-a it holds nothing now.
    expect(await store.heartbeat('proc-a')).toEqual([]);
    expect(await store.heartbeat('proc-b')).toEqual(['d3']);
    const late = store.append('d3', { seq: 2, kind: 'command', tSec: 61, wallMs: 2, body: { command: { tSec: 61, seat: 'cmcc', type: 'x', args: {} } } }, 'proc-a');
    await expect(late).rejects.toThrow(/not the owner: drill d3 is no longer owned by process proc-a/);
    await late.catch((err: unknown) => expect(isNotOwner(err)).toBe(true));
    // In one group commit, only the refused entry is left out.
    const refused = store.appendBatch([
      { drillId: 'd3', entry: { seq: 2, kind: 'control', tSec: 61, wallMs: 3, body: { action: 'recovered' } }, owner: 'proc-b' },
      { drillId: 'd3', entry: { seq: 3, kind: 'checkpoint', tSec: 62, wallMs: 4, body: {} }, owner: 'proc-a' },
      { drillId: 'd3', entry: { seq: 3, kind: 'checkpoint', tSec: 90, wallMs: 5, body: {} }, owner: 'proc-b' },
    ]);
    expect(refused).toEqual([1]);
    expect((await store.readLog('d3')).map((e) => [e.seq, e.kind, e.tSec])).toEqual([[1, 'checkpoint', 60], [2, 'control', 61], [3, 'checkpoint', 90]]);
    await store.close();
  });
});
