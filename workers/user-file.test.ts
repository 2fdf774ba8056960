// The one reader of users' files, on real files: a FIFO, a directory,
// /dev/zero, a symbolic link out of the folder, a binary file, one over the
// limit. Each refusal names the label and the path and never the bytes; the
// FIFO case runs in a child process with a deadline, since a blocked open
// would stop this process's clock too.
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUserFile, setBetweenCheckAndOpenForTests, userFileSize, UserFileError, type UserFileSpec } from './user-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'drilltwin-user-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec: UserFileSpec = { label: '--commands', maxBytes: 1024 };

function refusal(path: string, s: UserFileSpec = spec): string {
  try {
    readUserFile(path, s);
  } catch (err) {
    expect(err).toBeInstanceOf(UserFileError);
    return (err as Error).message;
  }
  throw new Error(`${path} was read`);
}

describe('readUserFile', () => {
  it('reads a regular UTF-8 file whole, byte for byte as readFileSync would', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, '{"名":"积石山"}\n');
    expect(readUserFile(path, spec)).toBe('{"名":"积石山"}\n');
    expect(userFileSize(path, spec)).toBe(Buffer.byteLength('{"名":"积石山"}\n'));
  });

  it('refuses a directory by name, not with EISDIR', () => {
    mkdirSync(join(dir, 'folder'));
    expect(refusal(join(dir, 'folder'))).toBe(`--commands: ${join(dir, 'folder')}: is a directory, expected a regular file`);
  });

  it('refuses /dev/zero at once instead of reading without end', () => {
    const started = Date.now();
    expect(refusal('/dev/zero')).toBe('--commands: /dev/zero: is a character device, expected a regular file');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a FIFO with no writer at once (child process with a 15 s deadline)', () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const script = `import { readUserFile } from ${JSON.stringify(join(import.meta.dirname, 'user-file.ts'))};
try { readUserFile(${JSON.stringify(fifo)}, { label: '--observations', maxBytes: 1024 }); console.log('read'); } catch (e) { console.log(e.message); }`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 15_000 });
    expect(child.signal, 'the child was not killed by the deadline').toBeNull();
    expect(child.stdout.trim()).toBe(`--observations: ${fifo}: is a named pipe (FIFO), expected a regular file`);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);

  it('refuses a file over the limit before reading it, with both sizes', () => {
    const path = join(dir, 'big.jsonl');
    writeFileSync(path, 'x'.repeat(3 * 1024 * 1024));
    expect(refusal(path, { label: '--commands', maxBytes: 1024 * 1024 })).toBe(
      `--commands: ${path}: file is 3.0 MB, over the 1.0 MB limit for this kind of file; refused before reading`,
    );
  });

  it('refuses a binary file as not UTF-8, quoting none of it', () => {
    const path = join(dir, 'bin.json');
    writeFileSync(path, Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x80, 0x7d]));
    expect(refusal(path)).toBe(`--commands: ${path}: is not UTF-8 text (a binary file?), expected a JSON text file`);
  });

  it('says "file not found" for a missing file, and "permission denied" is its own reason', () => {
    expect(refusal(join(dir, 'missing.json'))).toBe(`--commands: ${join(dir, 'missing.json')}: file not found`);
  });

  it('escapes control characters in a path shown in a message', () => {
    expect(refusal(join(dir, 'a\u001b[31mb'))).toBe(`--commands: ${join(dir, 'a\\u001b[31mb')}: file not found`);
  });
});

describe('readUserFile within a folder', () => {
  const scenario = join(dir, 'scenario');
  mkdirSync(join(scenario, 'layers'), { recursive: true });
  writeFileSync(join(scenario, 'layers', 'roads.geojson'), '{}');
  writeFileSync(join(dir, 'shared.json'), '{}');
  symlinkSync('/etc/passwd', join(scenario, 'layers', 'passwd.geojson'));
  symlinkSync(join(scenario, 'layers', 'roads.geojson'), join(scenario, 'layers', 'alias.geojson'));
  const inside: UserFileSpec = { label: 'scenario.json#/layers/roads', maxBytes: 1024, within: { root: scenario, name: 'the scenario folder' } };

  it('reads a path inside the folder, also through a link that stays inside', () => {
    expect(readUserFile('layers/roads.geojson', inside)).toBe('{}');
    expect(readUserFile('layers/alias.geojson', inside)).toBe('{}');
  });

  it('refuses an absolute path', () => {
    expect(refusal('/etc/passwd', inside)).toBe('scenario.json#/layers/roads: /etc/passwd: is an absolute path, expected a path relative to the scenario folder');
  });

  it('refuses ".." even when it would come back inside', () => {
    expect(refusal('../../../../etc/passwd', inside)).toBe('scenario.json#/layers/roads: ../../../../etc/passwd: uses "..", expected a path inside the scenario folder');
    expect(refusal('layers/../layers/roads.geojson', inside)).toMatch(/uses "\.\."/);
  });

  it('refuses a symbolic link leading out of the folder, and never quotes the file it points to', () => {
    const message = refusal('layers/passwd.geojson', inside);
    expect(message).toBe('scenario.json#/layers/roads: layers/passwd.geojson: is a symbolic link leading outside the scenario folder; refused');
    expect(message).not.toMatch(/root:/);
  });

  it('with allowParent, lets a path climb to a shared folder but not above it', () => {
    const shared: UserFileSpec = { label: 'scenario.json#/targets', maxBytes: 1024, within: { root: dir, base: scenario, name: 'the scenario folder or the folder that holds it', allowParent: true } };
    expect(readUserFile('../shared.json', shared)).toBe('{}');
    expect(refusal('../../etc/passwd', shared)).toBe(
      'scenario.json#/targets: ../../etc/passwd: leads outside the scenario folder or the folder that holds it, expected a path inside it',
    );
  });

  it('checks the opened file, not only the path: a folder swapped for a link out between the check and the open is refused', () => {
    // The swap is made deterministic by a hook between the confinement check and the open.
    const race = join(dir, 'race');
    mkdirSync(join(race, 'layers'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    writeFileSync(join(race, 'layers', 'roads.geojson'), '{}');
    writeFileSync(join(dir, 'elsewhere', 'roads.geojson'), 'root:x:0:0');
    const spec: UserFileSpec = { label: 'scenario.json#/layers/roads', maxBytes: 1024, within: { root: race, name: 'the scenario folder' } };
    expect(readUserFile('layers/roads.geojson', spec)).toBe('{}');
    setBetweenCheckAndOpenForTests(() => {
      renameSync(join(race, 'layers'), join(race, 'layers-moved'));
      symlinkSync(join(dir, 'elsewhere'), join(race, 'layers'));
    });
    try {
      const message = refusal('layers/roads.geojson', spec);
      expect(message).toBe('scenario.json#/layers/roads: layers/roads.geojson: is a symbolic link leading outside the scenario folder; refused');
      expect(message).not.toMatch(/root:/);
    } finally {
      setBetweenCheckAndOpenForTests(null);
    }
    // The last component swapped for a link: O_NOFOLLOW refuses it at the open.
    rmSync(join(race, 'layers'));
    renameSync(join(race, 'layers-moved'), join(race, 'layers'));
    setBetweenCheckAndOpenForTests(() => {
      rmSync(join(race, 'layers', 'roads.geojson'));
      symlinkSync(join(dir, 'elsewhere', 'roads.geojson'), join(race, 'layers', 'roads.geojson'));
    });
    try {
      expect(refusal('layers/roads.geojson', spec)).toBe('scenario.json#/layers/roads: layers/roads.geojson: became a symbolic link while being opened; refused');
    } finally {
      setBetweenCheckAndOpenForTests(null);
    }
  });
});
