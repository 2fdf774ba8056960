import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { captureOut, JISHISHAN, ROOT, scenarioTexts } from '../test/helpers.ts';
import { mselToRows } from '../src/drill/msel-sheet.ts';
import { writeSheet } from '../authoring/msel-file.ts';
import type { InjectDoc } from '../src/model/scenario-format.ts';
import { createSessionHost } from '../workers/session-host.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-drill-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A two-hour console drill: the director holds an inject, injects an aftershock and stops at T+2 h; an evaluator notes and rates. */
function consoleDrill(): Record<string, unknown> {
  const host = createSessionHost();
  const loaded = host.load('jishishan-2023', scenarioTexts(JISHISHAN));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  host.start(7, 'director');
  host.advance(300);
  expect(host.submit({ type: 'holdInject', args: { injectId: 'inj-002-alarms-cucc' } })).toMatchObject({ ok: true });
  expect(host.submit({ type: 'setStopTime', args: { atSec: 7200 } })).toMatchObject({ ok: true });
  host.advance(3000);
  expect(host.submit({ type: 'authorInject', args: { kind: 'aftershock', magnitude: 5.5, at: [102.84, 35.73], to: 'emhq', text: '5.5级余震' } })).toMatchObject({ ok: true });
  host.setSeat('evaluator');
  host.advance(4000);
  expect(host.submit({ type: 'recordObservation', args: { text: '指挥部在余震后15分钟内重新研判道路', injectId: 'adhoc-1' } })).toMatchObject({ ok: true });
  expect(host.submit({ type: 'rateIndicator', args: { indicator: 'requestToActionTime', rating: 'S', reason: '需求对接及时' } })).toMatchObject({ ok: true });
  const frame = host.advance(10_000); // runs on to the director's stop time only
  expect(frame.tSec).toBe(7200);
  expect(frame.ended).toBe(true);
  return host.getLog() as unknown as Record<string, unknown>;
}

describe('a console drill file where the CLI takes a report', () => {
  const drill = consoleDrill();
  const path = join(dir, 'drill.json');
  writeFileSync(path, JSON.stringify(drill));

  it('replays to the hashes the console recorded', async () => {
    const { out, io } = captureOut();
    expect(await main(['replay', path], io), out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^replay identical: 3 hourly hashes and the final hash [0-9a-f]+ at T\+2 h 00 min match the drill/);
  });

  it('reports it: the evaluator\'s rating from the log counts, and the exercise record is in the report', async () => {
    const json = join(dir, 'evaluation.json');
    const { out, io } = captureOut();
    expect(await main(['report', path, '--json', json], io), out.stderr).toBe(0);
    const evaluation = JSON.parse(readFileSync(json, 'utf8'));
    const coordination = evaluation.indicators.find((i: { id: string }) => i.id === 'requestToActionTime');
    expect(coordination.manual).toMatchObject({ rating: 'S', note: '需求对接及时', by: 'evaluator', tSec: 4001 });
  });

  it('says where a tampered drill diverges', async () => {
    const tampered = structuredClone(drill) as { commands: { args: Record<string, unknown> }[] };
    tampered.commands.find((c) => c.args.kind === 'aftershock')!.args.magnitude = 6.5;
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(tampered));
    const { out, io } = captureOut();
    expect(await main(['replay', bad], io)).toBe(1);
    expect(out.stderr).toMatch(/^diverged at tSec 3600: the drill recorded [0-9a-f]+, the replay gave [0-9a-f]+/);
  });

  it('refuses a malformed drill file with the field', async () => {
    const broken = { ...drill, seed: 'seven' };
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, JSON.stringify(broken));
    const { out, io } = captureOut();
    expect(await main(['report', bad], io)).toBe(2);
    expect(out.stderr).toContain('broken.json#/seed');
  });
});

describe('a drill on a scenario whose MSEL was imported', () => {
  it('replays with --scenario naming its folder, and says the shipped one differs without it', async () => {
    // The director's MSEL: the shipped one plus an expected action whose miss fires a contingency.
    const copy = join(dir, 'jishishan-2023');
    cpSync(join(ROOT, 'scenarios', 'jishishan-2023'), copy, { recursive: true });
    const shipped = JSON.parse(readFileSync(join(copy, 'scenario.json'), 'utf8')).msel as InjectDoc[];
    const msel: InjectDoc[] = [
      ...shipped,
      { id: 'x-uav', tSec: 1200, to: 'emhq', text: { zh: '请派无人机' }, expect: { id: 'ea-uav', seat: 'emhq', command: 'deployUav', withinSec: 600, contingency: 'x-uav-again' } },
      { id: 'x-uav-again', tSec: 0, to: 'emhq', text: { zh: '再次请求无人机' } },
    ];
    const sheet = join(dir, 'director.xlsx');
    const { header, rows } = mselToRows(msel, 'zh');
    writeFileSync(sheet, await writeSheet('xlsx', header, rows));
    const imported = captureOut();
    expect(await main(['msel', 'import', sheet, '--into', copy], imported.io), imported.out.stderr).toBe(0);
    // The drill runs on the imported scenario (as the console does after importing), the doctrine off so nobody sends the UAV.
    const host = createSessionHost();
    const loaded = host.load('jishishan-2023', scenarioTexts(join(copy, 'scenario.json')));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    host.start(7, 'director', []);
    host.advance(3600);
    const file = join(dir, 'imported-drill.json');
    writeFileSync(file, JSON.stringify(host.getLog()));
    const good = captureOut();
    expect(await main(['replay', file, '--scenario', copy], good.io), good.out.stderr).toBe(0);
    expect(good.out.stdout).toMatch(/^replay identical/);
    const json = join(dir, 'imported-evaluation.json');
    const reported = captureOut();
    expect(await main(['report', file, '--scenario', copy, '--json', json], reported.io), reported.out.stderr).toBe(0);
    const bad = captureOut();
    expect(await main(['replay', file], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('#/scenario/sha256: the drill was recorded on a different version of jishishan-2023');
  });
});
