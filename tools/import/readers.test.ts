// The importer's readers and coordinate systems on their own (the whole command is tested in cli/import.test.ts).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { coordinateSystem } from '../../authoring/import/crs.ts';
import { csvText } from './fixtures.ts';
import { decodeText, parseCsv } from '../../authoring/import/tables.ts';

describe('readers and coordinate systems', () => {
  it('detects GBK and UTF-8, honours a declared encoding, and parses quoted CSV fields with row numbers', () => {
    const text = csvText(['站点名称', '备注'], [['城关1号站', '含,逗号'], ['河西"站"', '两\n行']]);
    expect(decodeText(new Uint8Array(iconv.encode(text, 'gbk')))).toMatchObject({ encoding: 'gbk', text });
    expect(decodeText(new TextEncoder().encode('\ufeff' + text))).toMatchObject({ encoding: 'utf-8', text });
    expect(decodeText(new Uint8Array(iconv.encode(text, 'gbk')), 'utf-8')).toHaveProperty('error');
    const parsed = parseCsv('t.csv', text);
    if (!('table' in parsed)) throw new Error('parse failed');
    expect(parsed.table.rows).toEqual([{ line: 2, cells: ['城关1号站', '含,逗号'] }, { line: 3, cells: ['河西"站"', '两\n行'] }]);
    expect(parseCsv('t.csv', 'a,b\n"x,1\n')).toEqual({ problems: [{ file: 't.csv', at: 'row 2', message: 'a quoted field is not closed before the end of the file' }] });
  });

  it('converts Gauss-Krüger zones (with and without the zone prefix, 3° and 6°) and EPSG codes to the same place', () => {
    const at = (name: string, x: number, y: number) => {
      const cs = coordinateSystem(name);
      if ('error' in cs) throw new Error(cs.error);
      return cs.toWgs84(x, y).map((v) => Math.round(v * 1e6) / 1e6);
    };
    // The central meridian maps to itself: x = false easting.
    expect(at('GK3:35', 35_500_000, 3_885_000)[0]).toBe(105);
    expect(at('EPSG:4523', 35_500_000, 3_885_000)).toEqual(at('GK3:35', 35_500_000, 3_885_000));
    expect(at('GK3CM:105', 500_000, 3_885_000)).toEqual(at('GK3:35', 35_500_000, 3_885_000));
    expect(at('EPSG:4544', 500_000, 3_885_000)).toEqual(at('GK3:35', 35_500_000, 3_885_000));
    expect(at('GK6:18', 18_500_000, 3_885_000)[0]).toBe(105);
    expect(at('GK6CM:105', 500_000, 3_885_000)).toEqual(at('GK6:18', 18_500_000, 3_885_000));
    expect(coordinateSystem('GK3:50')).toHaveProperty('error');
    expect(coordinateSystem('GK3CM:104')).toHaveProperty('error');
    expect(coordinateSystem(undefined)).toHaveProperty('error');
  });
});

describe('elevation grids', () => {
  it('reads an ESRI ASCII grid, samples it between cell centres and names what is wrong', async () => {
    const { parseAsciiGrid, elevationAt } = await import('../../authoring/import/dem.ts');
    const text = 'ncols 3\nnrows 2\nxllcenter 100.5\nyllcenter 30.5\ncellsize 1\nNODATA_value -9999\n10 20 30\n40 50 -9999\n';
    const r = parseAsciiGrid('d.asc', text);
    if (!('grid' in r)) throw new Error('parse failed');
    expect(r.grid.xll).toBe(100);
    // Centres: row 0 (north) at 31.5, row 1 at 30.5; halfway between 10, 20, 40 and 50.
    expect(elevationAt(r.grid, [101, 31])).toBe(30);
    expect(elevationAt(r.grid, [102.5, 30.5])).toBeUndefined(); // beside the cell without data
    expect(elevationAt(r.grid, [99, 31])).toBeUndefined();
    expect(parseAsciiGrid('d.asc', 'ncols 3\nnrows 2\n1 2 3\n')).toEqual({ problems: [{ file: 'd.asc', at: '', message: expect.stringContaining('the header lacks xllcorner, yllcorner, cellsize') }] });
    expect(parseAsciiGrid('d.asc', text.replace('50 -9999', '50'))).toEqual({ problems: [{ file: 'd.asc', at: '', message: 'has 5 values, expected ncols × nrows = 6' }] });
    expect(parseAsciiGrid('d.asc', text.replace('20', 'x'))).toEqual({ problems: [{ file: 'd.asc', at: 'line 7', message: '"x" is not a number' }] });
  });
});
