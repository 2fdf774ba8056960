// Rule 1: same scenario + seed + command log ⇒ the same state, in every host.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { runScenario } from '../src/engine/run.ts';
import type { Command } from '../src/model/commands.ts';
import type { EngineHost } from '../workers/engine-host.ts';
import { captureOut, JISHISHAN, loadWorld, ROOT, scenarioTexts } from './helpers.ts';

const world = () => loadWorld(JISHISHAN);
const tmp = () => mkdtempSync(join(tmpdir(), 'drilltwin-'));

/** A small command log touching real sites and pools of the Jishishan scenario. */
function sampleCommands(): Command[] {
  const w = world();
  // A China Mobile site without a standby generator of its own (the gate refuses a pool generator for one that has).
  const cmccSite = w.sites.ids.find((_, i) => w.sites.operatorMask[i] & 1 && w.sites.generatorFuelHours[i] === 0)!;
  return [
    { tSec: 1800, seat: 'cmcc', type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } },
    { tSec: 3600, seat: 'cucc', type: 'hookGenerator', args: { siteId: cmccSite, poolId: 'gp-cmcc' } }, // not cucc's pool
    { tSec: 7200, seat: 'tower', type: 'hookGenerator', args: { siteId: w.sites.ids[5], poolId: 'gp-tower' } },
  ];
}

describe('determinism of the Jishishan run', () => {
  it('gives the same final hash for the same seed twice, and a different one for another seed', () => {
    const a = runScenario(world(), { seed: 7, untilSec: world().durationSec }).report;
    const b = runScenario(world(), { seed: 7, untilSec: world().durationSec }).report;
    const c = runScenario(world(), { seed: 8, untilSec: world().durationSec }).report;
    expect(a.finalStateHash).toBe(b.finalStateHash);
    expect(a.stateHashes).toEqual(b.stateHashes);
    expect(a.stateHashes.length).toBe(73);
    expect(c.finalStateHash).not.toBe(a.finalStateHash);
  });

  it('resumes from a snapshot at 6 h to the same hourly and final hashes as the straight run', () => {
    const straight = runScenario(world(), { seed: 7, untilSec: world().durationSec, commands: sampleCommands() });
    const first = runScenario(world(), { seed: 7, untilSec: world().durationSec, snapshotAtSec: 6 * 3600, commands: sampleCommands() });
    const file = JSON.parse(JSON.stringify(first.snapshotFile)); // as if written to disk and read back
    const resumed = runScenario(world(), { seed: 7, untilSec: world().durationSec, from: file, commands: sampleCommands() });
    expect(resumed.report.finalStateHash).toBe(straight.report.finalStateHash);
    expect(resumed.report.stateHashes).toEqual(straight.report.stateHashes);
    expect(resumed.report.kpis.series).toEqual(straight.report.kpis.series);
  });

  it('replays a command log exactly, and commands change the outcome', () => {
    const withCommands = runScenario(world(), { seed: 7, untilSec: world().durationSec, commands: sampleCommands() }).report;
    const again = runScenario(world(), { seed: 7, untilSec: world().durationSec, commands: sampleCommands() }).report;
    const without = runScenario(world(), { seed: 7, untilSec: world().durationSec }).report;
    expect(again.finalStateHash).toBe(withCommands.finalStateHash);
    expect(withCommands.finalStateHash).not.toBe(without.finalStateHash);
    expect(withCommands.commands.filter((c) => c.by !== 'doctrine').map((c) => c.result)).toEqual([{ ok: true }, { rejected: 'notPermitted' }, { ok: true }]);
  });

  it('gives the same hash inside a worker_threads worker as on the main thread', async () => {
    const worker = new Worker(new URL('../workers/node-worker.mjs', import.meta.url));
    try {
      const host = Comlink.wrap<EngineHost>(nodeEndpoint(worker as never));
      const loaded = await host.load('jishishan-2023', scenarioTexts(JISHISHAN));
      expect(loaded.ok).toBe(true);
      const inWorker = await host.run({ seed: 7, commands: sampleCommands() });
      const onMain = runScenario(world(), { seed: 7, untilSec: world().durationSec, commands: sampleCommands() }).report;
      expect(inWorker.finalStateHash).toBe(onMain.finalStateHash);
      expect(inWorker.stateHashes).toEqual(onMain.stateHashes);
    } finally {
      await worker.terminate();
    }
  });
});

describe('scores across a replay', () => {
  it('are identical, indicator by indicator', async () => {
    const { loadProfile } = await import('../src/scoring/profile.ts');
    const path = join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json');
    const loaded = loadProfile(readFileSync(path, 'utf8'), path);
    if (!loaded.ok) throw new Error('profile invalid');
    const first = runScenario(world(), { seed: 7, untilSec: world().durationSec, commands: sampleCommands(), targets: loaded.profile }).report;
    const replayCommands = first.commands.filter((c) => c.by !== 'doctrine').map(({ tSec, seat, type, args }) => ({ tSec, seat, type, args }));
    const again = runScenario(world(), { seed: 7, untilSec: world().durationSec, commands: replayCommands, doctrineSeats: first.doctrineSeats, targets: loaded.profile }).report;
    expect(again.targets).toEqual(first.targets);
    expect(first.targets!.indicators.length).toBe(18);
  });
});

describe('drilltwin run / replay on the command line', () => {
  it('writes a report that replay verifies, and reports the first diverging hour of a tampered one', async () => {
    const dir = tmp();
    const commandsPath = join(dir, 'commands.jsonl');
    writeFileSync(commandsPath, sampleCommands().map((c) => JSON.stringify(c)).join('\n') + '\n');
    const reportPath = join(dir, 'r.json');
    const run = captureOut();
    expect(await main(['run', JISHISHAN, '--seed', '7', '--commands', commandsPath, '--out', reportPath, '--quiet'], run.io)).toBe(0);
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    expect(report.format).toBe('drilltwin/report@1');
    expect(report.kpis.series.tSec.length).toBe(72 * 60 + 1);

    const prevCwd = process.cwd();
    process.chdir(ROOT);
    try {
      const ok = captureOut();
      expect(await main(['replay', reportPath], ok.io)).toBe(0);
      expect(ok.out.stdout).toMatch(/replay identical: 73 hourly hashes/);

      report.stateHashes[5].hash = '0000000000000000';
      writeFileSync(reportPath, JSON.stringify(report));
      const bad = captureOut();
      expect(await main(['replay', reportPath], bad.io)).toBe(1);
      expect(bad.out.stderr).toMatch(/^diverged at T\+5 h 00 min \(tSec 18000\)/);
    } finally {
      process.chdir(prevCwd);
    }
  });

  it('snapshot at 6 h, then resume from the file, ends in the straight run\'s hash', async () => {
    const dir = tmp();
    const straight = join(dir, 'straight.json');
    const resumed = join(dir, 'resumed.json');
    const snap = join(dir, 'snap.json');
    const io = captureOut().io;
    expect(await main(['run', JISHISHAN, '--seed', '7', '--out', straight, '--quiet'], io)).toBe(0);
    expect(await main(['run', JISHISHAN, '--seed', '7', '--snapshot-at', '6h', '--snapshot-out', snap, '--quiet'], io)).toBe(0);
    expect(await main(['run', JISHISHAN, '--from-snapshot', snap, '--out', resumed, '--quiet'], io)).toBe(0);
    const a = JSON.parse(readFileSync(straight, 'utf8'));
    const b = JSON.parse(readFileSync(resumed, 'utf8'));
    expect(b.finalStateHash).toBe(a.finalStateHash);
    expect(b.stateHashes).toEqual(a.stateHashes);
  });
});
