// Outputs on real folders: unwritable targets refused before any work, with
// the option named; several outputs written all or none, no temporaries left.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFile, checkOutputFolder, writeOutputsAtomically } from './output-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'a-file'), 'x');

const message = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
};

describe('checking outputs before the work', () => {
  it('refuses a file in a folder that does not exist', () => {
    expect(message(() => checkOutputFile('--out', join(dir, 'nope', 'r.json')))).toBe(`--out: ${join(dir, 'nope', 'r.json')}: cannot be written (its folder does not exist)`);
  });
  it('refuses a directory given as a file', () => {
    expect(message(() => checkOutputFile('--html', dir))).toBe(`--html: ${dir}: is a directory, expected a file name`);
  });
  it('refuses a path through a file', () => {
    expect(message(() => checkOutputFile('--json', join(dir, 'a-file', 'e.json')))).toBe(
      `--json: ${join(dir, 'a-file', 'e.json')}: cannot be written (a part of the path is a file, not a folder)`,
    );
    expect(message(() => checkOutputFolder('--csv', join(dir, 'a-file', 'csv')))).toBe(`--csv: ${join(dir, 'a-file', 'csv')}: cannot be created (a part of the path is a file, not a folder)`);
  });
  it('refuses a folder that takes no files (/proc), even as root', () => {
    expect(message(() => checkOutputFile('--out', '/proc/drilltwin-report.json'))).toBe('--out: /proc/drilltwin-report.json: cannot be written (the folder does not accept new files)');
  });
  it('refuses a file given as a folder', () => {
    expect(message(() => checkOutputFolder('--cap', join(dir, 'a-file')))).toBe(`--cap: ${join(dir, 'a-file')}: is a file, expected a folder`);
  });
  it('accepts writable targets and leaves nothing behind', () => {
    checkOutputFile('--out', join(dir, 'r.json'));
    checkOutputFolder('--csv', join(dir, 'new', 'deeper', 'csv'));
    expect(readdirSync(dir).sort()).toEqual(['a-file']);
  });
});

describe('writeOutputsAtomically', () => {
  it('writes nothing when one output fails, and leaves no temporaries', () => {
    const target = join(dir, 'all-or-none');
    mkdirSync(target);
    expect(
      message(() =>
        writeOutputsAtomically([
          { label: '--html', path: join(target, 'aar.html'), text: '<html>' },
          { label: '--cap', path: join(target, 'cap'), files: { 'w1.xml': '<alert/>' } },
          { label: '--csv', path: join(dir, 'a-file', 'csv'), files: { 'kpis.csv': 'a,b\n' } },
        ]),
      ),
    ).toBe(`--csv: ${join(dir, 'a-file', 'csv')}: cannot be written (a part of the path is a file, not a folder); nothing was written`);
    expect(readdirSync(target)).toEqual([]);
  });

  it('builds a new folder whole; into an existing one replaces its files and leaves others alone', () => {
    const target = join(dir, 'ok');
    writeOutputsAtomically([{ label: '--csv', path: join(target, 'csv'), files: { 'a.csv': '1\n', 'b.csv': '2\n' } }]);
    expect(readdirSync(join(target, 'csv')).sort()).toEqual(['a.csv', 'b.csv']);
    writeFileSync(join(target, 'csv', 'mine.txt'), 'keep');
    writeOutputsAtomically([
      { label: '--csv', path: join(target, 'csv'), files: { 'a.csv': '3\n' } },
      { label: '--json', path: join(target, 'e.json'), text: '{}\n' },
    ]);
    expect(readdirSync(join(target, 'csv')).sort()).toEqual(['a.csv', 'b.csv', 'mine.txt']);
    expect(readFileSync(join(target, 'csv', 'a.csv'), 'utf8')).toBe('3\n');
    expect(readdirSync(target).sort()).toEqual(['csv', 'e.json']);
  });
});
