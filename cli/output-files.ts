// Writing what the CLI produces (reports, snapshots, the after-action HTML,
// CSV tables, CAP files) so that nothing is ever half-written:
// - every target is checked before the work starts (a temporary file is
//   really created and removed beside it), so an unwritable --out fails at
//   once, not after a long run;
// - files are written to temporaries beside their targets and renamed into
//   place only when every one of them has been written.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './args.ts';
import { showPath } from '../workers/user-file.ts';

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
    case 'EEXIST': // from mkdir over a file
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'is a directory, expected a file name';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return `cannot be written (${code ?? 'error'})`;
  }
}

let tmpCount = 0;
function tmpNameBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${++tmpCount}.tmp`);
}

function kindAt(path: string): 'none' | 'file' | 'dir' | 'other' {
  try {
    const st = statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}

/** Creates and removes a temporary file in `dir`; throws UsageError naming `label` when that fails. */
function probeFolder(label: string, shown: string, dir: string): void {
  const probe = tmpNameBeside(join(dir, 'probe'));
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    // The folder exists: ENOENT here means it takes no new files (/proc, /sys).
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not accept new files' : reasonOf(err);
    throw new UsageError(`${label}: ${showPath(shown)}: cannot be written (${reason})`);
  }
}

/** Refuses, before any work, an output file that could not be written. */
export function checkOutputFile(label: string, path: string): void {
  const full = resolve(path);
  const kind = kindAt(full);
  if (kind === 'dir') throw new UsageError(`${label}: ${showPath(path)}: is a directory, expected a file name`);
  if (kind === 'other') throw new UsageError(`${label}: ${showPath(path)}: exists and is not a regular file, expected a file name`);
  const parentKind = kindAt(dirname(full));
  if (parentKind === 'none') throw new UsageError(`${label}: ${showPath(path)}: cannot be written (its folder does not exist)`);
  if (parentKind !== 'dir') throw new UsageError(`${label}: ${showPath(path)}: cannot be written (a part of the path is a file, not a folder)`);
  probeFolder(label, path, dirname(full));
}

/** Refuses, before any work, an output folder that could not be created or written (it may not exist yet). */
export function checkOutputFolder(label: string, path: string): void {
  const full = resolve(path);
  const kind = kindAt(full);
  if (kind === 'file' || kind === 'other') throw new UsageError(`${label}: ${showPath(path)}: is a file, expected a folder`);
  if (kind === 'dir') return probeFolder(label, path, full);
  // The nearest existing ancestor must be a folder we can write in.
  let up = dirname(full);
  while (kindAt(up) === 'none' && dirname(up) !== up) up = dirname(up);
  if (kindAt(up) !== 'dir') throw new UsageError(`${label}: ${showPath(path)}: cannot be created (a part of the path is a file, not a folder)`);
  probeFolder(label, path, up);
}

function writeWhole(path: string, text: string | Uint8Array): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One output: a file (text, or bytes such as an XLSX workbook), or a folder of files (`files`: names inside it). */
export type Output = { label: string; path: string; text: string | Uint8Array } | { label: string; path: string; files: Record<string, string> };

/**
 * Writes every output or none: all temporaries first, then the renames. A
 * folder that does not exist yet is built whole beside its target and
 * renamed into place; into an existing folder each file is renamed (other
 * files there are left alone).
 */
export function writeOutputsAtomically(outputs: Output[]): void {
  const made: string[] = [];
  const renames: [from: string, to: string][] = [];
  const fail = (label: string, path: string, err: unknown): never => {
    for (const p of made.reverse()) rmSync(p, { recursive: true, force: true });
    throw new UsageError(`${label}: ${showPath(path)}: cannot be written (${reasonOf(err)}); nothing was written`);
  };
  for (const o of outputs) {
    const full = resolve(o.path);
    if ('text' in o) {
      const tmp = tmpNameBeside(full);
      try {
        made.push(tmp);
        writeWhole(tmp, o.text);
      } catch (err) {
        fail(o.label, o.path, err);
      }
      renames.push([tmp, full]);
      continue;
    }
    const exists = kindAt(full) === 'dir';
    let into = full;
    if (!exists) {
      try {
        mkdirSync(dirname(full), { recursive: true });
        into = tmpNameBeside(full);
        made.push(into);
        mkdirSync(into);
      } catch (err) {
        fail(o.label, o.path, err);
      }
      renames.push([into, full]);
    }
    for (const [name, text] of Object.entries(o.files)) {
      const target = join(into, name);
      const tmp = exists ? tmpNameBeside(target) : target;
      try {
        if (exists) made.push(tmp);
        writeWhole(tmp, text);
      } catch (err) {
        fail(o.label, o.path, err);
      }
      if (exists) renames.push([tmp, target]);
    }
  }
  // Renames within one folder do not fail for want of space; should one fail all the same, say so plainly.
  for (const [from, to] of renames) {
    try {
      renameSync(from, to);
    } catch (err) {
      for (const [f] of renames) rmSync(f, { recursive: true, force: true });
      throw new UsageError(`${showPath(to)}: could not be moved into place (${reasonOf(err)}); outputs may be incomplete`);
    }
  }
}
