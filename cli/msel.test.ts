import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { mselToRows, numberRows, rowsToMsel } from '../src/drill/msel-sheet.ts';
import type { InjectDoc } from '../src/model/scenario-format.ts';
import { captureOut, JISHISHAN, loadWorld, ROOT } from '../test/helpers.ts';
import { readSheet, writeSheet } from '../authoring/msel-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-msel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Jishishan's MSEL plus rows that use every column: an expected action with a target and a contingency in reserve. */
function fullMsel(): InjectDoc[] {
  return [
    ...loadWorld(JISHISHAN).msel,
    {
      id: 'x-gen',
      number: '10a',
      tSec: 5400,
      to: 'cmcc',
      from: '大河家镇政府',
      method: 'phone',
      synopsis: { zh: '大河家镇请求发电机', en: 'Dahejia asks for a generator' },
      text: { zh: '大河家镇3个基站退服，请求应急发电，含"引号", 逗号\n和换行。', en: 'Three sites down in Dahejia, "quoted", with a comma' },
      objective: 'powerGuarantee',
      data: { township: 't-dahejia', sites: 3, urgent: true },
      expect: { id: 'ea-gen', seat: 'cmcc', command: 'assignTask', match: { task: 'hookGenerator' }, township: 't-dahejia', withinSec: 3630, contingency: 'x-gen-2', text: { zh: '移动60分钟内在大河家镇接入发电机', en: 'China Mobile hooks up a generator in Dahejia within 60 min' } },
    },
    { id: 'x-gen-2', tSec: 9000, to: 'cmcc', text: { zh: '大河家镇再次请求发电机' }, method: 'radio' },
  ];
}

describe('MSEL spreadsheet rows (pure)', () => {
  const world = loadWorld(JISHISHAN);
  const options = { durationSec: world.durationSec, townshipIds: new Set(world.townships.ids) };

  for (const lang of ['zh', 'en'] as const) {
    it(`round-trips every column with ${lang} headers`, () => {
      const msel = fullMsel();
      const { header, rows } = mselToRows(msel, lang);
      const back = rowsToMsel(header, numberRows(rows), options);
      expect(back).toEqual({ ok: true, msel });
    });
  }

  it('refuses a sheet with errors, naming the row and column of every problem', () => {
    const { header, rows } = mselToRows(fullMsel(), 'en');
    const col = (name: string) => header.indexOf(name);
    const bad = rows.map((r) => [...r]);
    const n = bad.length;
    bad[0][col('Scenario time')] = 'soon'; // row 2
    bad[1][col('To')] = 'mayor'; // row 3
    bad[2][col('Data')] = '{broken'; // row 4
    bad[n - 2][col('Within (min)')] = '-5'; // the x-gen row
    bad[n - 2][col('Expected seat')] = 'evaluator';
    bad[3][col('ID')] = bad[4][col('ID')]; // a duplicate id (rows 5 and 6)
    const read = rowsToMsel([...header, 'Colour'], numberRows(bad), options);
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems.map((p) => `${p.row}:${p.column}:${p.header}`);
    expect(problems).toEqual([`1:${String.fromCharCode(65 + header.length)}:Colour`]);
    // Without the unknown column every cell problem is listed at once.
    const cells = rowsToMsel(header, numberRows(bad), options);
    const letter = (name: string) => String.fromCharCode(65 + col(name));
    expect(cells.ok ? [] : cells.problems.map((p) => `${p.row}:${p.column}`)).toEqual([
      `2:${letter('Scenario time')}`,
      `3:${letter('To')}`,
      `4:${letter('Data')}`,
      `6:${letter('ID')}`,
      `${n}:${letter('Expected seat')}`,
      `${n}:${letter('Within (min)')}`,
    ]);
    expect(cells.ok ? '' : cells.problems[0].message).toMatch(/"soon" is not a time, expected T\+h:mm/);
    // The whole-list checks: a duplicate id, a contingency that is not in the sheet, a township the scenario lacks.
    const fixed = mselToRows(fullMsel(), 'en').rows.map((r) => [...r]);
    fixed[3][col('ID')] = fixed[4][col('ID')];
    fixed[n - 2][col('Contingency')] = 'x-nowhere';
    fixed[n - 2][col('Expected target')] = 'township=t-atlantis';
    const whole = rowsToMsel(header, numberRows(fixed), options);
    expect(whole.ok ? [] : whole.problems.map((p) => `${p.row}:${p.column}: ${p.message}`)).toEqual([
      `6:${letter('ID')}: duplicate id "${fixed[4][col('ID')]}" (first at row 5), expected unique ids`,
      `${n}:${letter('Expected target')}: "t-atlantis" is not a township of the scenario, expected the id of one`,
      `${n}:${letter('Contingency')}: "x-nowhere" is not an inject of the MSEL, expected the id of one`,
    ]);
  });

  it('reads names for seats and methods, Excel times, and an empty time on a contingency row', () => {
    const header = ['标识', '情景时间', '接收方', '传递方式', '内容（中文）', '预期行动标识', '预期席位', '预期指令', '时限（分钟）', '应急注入'];
    const rows = [
      ['a', 0.25, '中国移动', '电话', '甲', 'ea', 'China Mobile', 'hookGenerator', 30, 'b'],
      ['b', '', 'emhq', '系统', '乙', '', '', '', '', ''],
    ];
    const read = rowsToMsel(header, numberRows(rows), options);
    expect(read).toEqual({
      ok: true,
      msel: [
        { id: 'a', tSec: 6 * 3600, to: 'cmcc', method: 'phone', text: { zh: '甲' }, expect: { id: 'ea', seat: 'cmcc', command: 'hookGenerator', withinSec: 1800, contingency: 'b' } },
        { id: 'b', tSec: 0, to: 'emhq', method: 'system', text: { zh: '乙' } },
      ],
    });
  });
});

describe('drilltwin msel export / import', () => {
  for (const ext of ['xlsx', 'csv'] as const) {
    it(`exports Jishishan's MSEL as ${ext.toUpperCase()} and imports it back to the same MSEL`, async () => {
      const copy = join(dir, `jishishan-${ext}`);
      cpSync(join(ROOT, 'scenarios', 'jishishan-2023'), copy, { recursive: true });
      // The copy's MSEL uses every column, so the round trip covers them all.
      const scenario = JSON.parse(readFileSync(join(copy, 'scenario.json'), 'utf8'));
      scenario.msel = fullMsel();
      scenario.targets = undefined;
      writeFileSync(join(copy, 'scenario.json'), JSON.stringify(scenario, null, 1));
      const before = loadWorld(join(copy, 'scenario.json')).msel;
      const file = join(dir, `msel.${ext}`);
      const a = captureOut();
      expect(await main(['msel', 'export', copy, '--out', file, '--lang', ext === 'csv' ? 'zh' : 'en'], a.io), a.out.stderr).toBe(0);
      expect(a.out.stdout).toContain(`wrote ${before.length} injects`);
      // Empty the scenario's MSEL, then import the file into it.
      scenario.msel = [];
      writeFileSync(join(copy, 'scenario.json'), JSON.stringify(scenario, null, 1));
      const b = captureOut();
      expect(await main(['msel', 'import', file, '--into', copy], b.io), b.out.stderr).toBe(0);
      const after = JSON.parse(readFileSync(join(copy, 'scenario.json'), 'utf8')).msel;
      expect(after).toEqual(before);
    });
  }

  it('refuses a spreadsheet with errors with row and column, and writes nothing', async () => {
    const world = loadWorld(JISHISHAN);
    const { header, rows } = mselToRows(world.msel, 'zh');
    rows[1][header.indexOf('接收方')] = '市长';
    rows[2][header.indexOf('情景时间')] = 'T+99:00';
    const file = join(dir, 'bad.xlsx');
    writeFileSync(file, await writeSheet('xlsx', header, rows));
    const sheet = await readSheet(file, readFileSync(file));
    expect('header' in sheet && sheet.header).toEqual(header);
    const target = join(dir, 'jishishan-bad');
    cpSync(join(ROOT, 'scenarios', 'jishishan-2023'), target, { recursive: true });
    const original = readFileSync(join(target, 'scenario.json'), 'utf8');
    const c = captureOut();
    expect(await main(['msel', 'import', file, '--into', target], c.io)).toBe(2);
    expect(c.out.stderr).toContain('the MSEL is invalid (2 problems); nothing was written');
    expect(c.out.stderr).toMatch(/bad\.xlsx: row 3, column [A-Z] \(接收方\): "市长" is not a seat/);
    expect(c.out.stderr).toMatch(/bad\.xlsx: row 4, column [A-Z] \(情景时间\): 356400 is after the end of the scenario/);
    expect(readFileSync(join(target, 'scenario.json'), 'utf8')).toBe(original);
  });
});

describe('the example MSEL spreadsheets in docs/examples', () => {
  it('read (XLSX with Chinese headers, CSV with English ones) to the same MSEL, which Jishishan runs with its expected actions settled', async () => {
    const world = loadWorld(JISHISHAN);
    const options = { durationSec: world.durationSec, townshipIds: new Set(world.townships.ids) };
    const read = async (name: string) => {
      const sheet = await readSheet(name, readFileSync(join(ROOT, 'docs', 'examples', name)));
      if ('problems' in sheet) throw new Error(JSON.stringify(sheet.problems));
      const msel = rowsToMsel(sheet.header, sheet.rows, options);
      if (!msel.ok) throw new Error(JSON.stringify(msel.problems));
      return msel.msel;
    };
    const zh = await read('msel-jishishan-zh.xlsx');
    expect(await read('msel-jishishan-en.csv')).toEqual(zh);
    expect(zh.filter((i) => i.expect).map((i) => i.expect!.id)).toEqual(['ea-101-generator', 'ea-103-uav']);
    const { runScenario } = await import('../src/engine/run.ts');
    const report = runScenario({ ...world, msel: zh }, { seed: 7, untilSec: 6 * 3600 }).report;
    for (const e of report.exercise!.expectations) expect(['met', 'late', 'missed']).toContain(e.status);
  });
});
