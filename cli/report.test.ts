import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { reportCommand } from './report.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { log: (s: string) => (out.stdout += s + '\n'), err: (s: string) => (out.stderr += s + '\n') } };
}

function writeReport(name: string, scenarioId = 'jishishan-2023'): string {
  const n = 73;
  const tSec = Array.from({ length: n }, (_, i) => i * 3600);
  const report = {
    format: 'drilltwin/report@1',
    engineVersion: '0.1.0',
    scenario: { id: scenarioId, name: { zh: '测试', en: 'Test' }, sha256: '0'.repeat(64) },
    seed: 7,
    start: '2023-12-18T23:59:30+08:00',
    timeZone: 'Asia/Shanghai',
    untilSec: 72 * 3600,
    commands: [{ tSec: 600, seat: 'cmcc', type: 'hookGenerator', args: { siteId: 'S1', poolId: 'gp' }, result: { rejected: 'poolEmpty' } }],
    finalStateHash: 'f'.repeat(64),
    kpis: {
      intervalSec: 3600,
      series: {
        tSec,
        populationServedFrac: tSec.map((t) => (t === 0 ? 1 : t < 36_000 ? 0.5 : 0.9)),
        sitesOnAir: tSec.map(() => 8),
        sitesOutPower: tSec.map(() => 1),
        sitesOutTransport: tSec.map(() => 1),
        sitesOutDamage: tSec.map(() => 0),
      },
    },
    warnings: [
      { id: 'w-1', sentAtSec: 900, deliveredAtSec: 905, seat: 'emhq', severity: 'Severe', event: '余震', headline: '余震预警', townships: [], areaNames: ['柳沟乡'], areaCodes: ['622927'], polygon: null, targetPeople: 100, reachedPeople: 90 },
    ],
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(report));
  return path;
}

describe('drilltwin report', () => {
  it('writes the HTML, CSV, CAP and JSON outputs and prints a summary', () => {
    const path = writeReport('r.json');
    const obs = join(dir, 'obs.json');
    writeFileSync(obs, JSON.stringify([{ tSec: 60, indicatorId: 'townshipsLinkedTime', rating: 'M', note: 'by satellite phone', by: 'eval-1' }]));
    const { out, io } = capture();
    const code = reportCommand(
      [path, '--html', join(dir, 'aar.html'), '--csv', join(dir, 'csv'), '--cap', join(dir, 'cap'), '--json', join(dir, 'ev.json'), '--lang', 'en', '--observations', obs],
      io,
    );
    expect(code).toBe(0);
    // A short run leaves indicators unrated: the score is provisional and there is no rating.
    expect(out.stdout).toMatch(/^2027-emergency-comms: (provisional )?score /);
    expect(out.stdout).toContain('townshipsLinkedTime');
    const html = readFileSync(join(dir, 'aar.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('by satellite phone');
    for (const f of ['kpis.csv', 'indicators.csv', 'commands.csv']) expect(existsSync(join(dir, 'csv', f))).toBe(true);
    expect(readFileSync(join(dir, 'cap', 'w-1.xml'), 'utf8')).toContain('<status>Exercise</status>');
    const ev = JSON.parse(readFileSync(join(dir, 'ev.json'), 'utf8'));
    expect(ev.profile.id).toBe('2027-emergency-comms');
    expect(ev.indicators.find((r: { id: string }) => r.id === 'townshipsLinkedTime').rating).toBe('M');
  });

  it('uses the shipped profile when the scenario is unknown, and --targets when given', () => {
    const path = writeReport('r2.json', 'no-such-scenario');
    const { out, io } = capture();
    expect(reportCommand([path], io)).toBe(0);
    expect(out.stdout).toMatch(/^2027-emergency-comms:/);
    const custom = JSON.parse(readFileSync('scenarios/targets/2027-emergency-comms.json', 'utf8'));
    custom.id = 'custom';
    writeFileSync(join(dir, 'custom.json'), JSON.stringify(custom));
    const second = capture();
    expect(reportCommand([path, '--targets', join(dir, 'custom.json')], second.io)).toBe(0);
    expect(second.out.stdout).toMatch(/^custom:/);
  });

  it('refuses bad input with messages that name the place', () => {
    const { io } = capture();
    const notReport = join(dir, 'not-report.json');
    writeFileSync(notReport, '{"format": "something"}');
    expect(() => reportCommand([notReport], io)).toThrow(
      new UsageError(`${notReport}: not a valid drilltwin run report (1 problem):\n${notReport}#/format: "something" is not a drilltwin run report format, expected "drilltwin/report@1"`),
    );
    expect(() => reportCommand([join(dir, 'missing.json')], io)).toThrow(/file not found/);
    expect(() => reportCommand([writeReport('r3.json'), '--lang', 'fr'], io)).toThrow(/--lang: "fr" is not a language/);
    const bad = JSON.parse(readFileSync('scenarios/targets/2027-emergency-comms.json', 'utf8'));
    bad.indicators[0].weight = -1;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    expect(() => reportCommand([writeReport('r4.json'), '--targets', join(dir, 'bad.json')], io)).toThrow(`${join(dir, 'bad.json')}#/indicators/0/weight: -1 is out of range`);
  });
});
