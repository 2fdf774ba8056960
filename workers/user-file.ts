// The one way the CLI and the drill server read a file they are handed: a
// scenario and its layers (through disk-files.ts), a command log, a target
// profile, observations, a report, a snapshot, a params file. It lives here,
// below cli/, so the server's scenario reads go through it too.
//
// - Regular files only. The file is opened without blocking (a FIFO cannot
//   hang us at open) and checked on the open descriptor, so a directory, a
//   FIFO, a device (/dev/zero) or a socket is refused by name.
// - A size limit per kind of file, checked before reading and again while
//   reading (a file that grows, or a /proc file that claims size 0).
// - Paths named inside a scenario are confined to its folder: no absolute
//   paths, no "..", no symbolic link that leads out of it, checked again on
//   the open descriptor (a folder swapped for a link between the check and
//   the open is caught).
// - Messages name the option or field and the path, never the file's bytes.
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** Size limits of the files the CLI reads directly (the scenario loader and saved formats have their own). */
export const USER_FILE_LIMITS = {
  commandsBytes: 16 * 1024 * 1024,
  targetsBytes: 1 * 1024 * 1024,
  observationsBytes: 4 * 1024 * 1024,
  reportBytes: 256 * 1024 * 1024,
  snapshotBytes: 512 * 1024 * 1024,
  variantsBytes: 1 * 1024 * 1024,
  /** A sweep's runs.jsonl: 100,000 seeds of a few variants at about 1 kB a row. */
  sweepRunsBytes: 512 * 1024 * 1024,
} as const;

/** A refusal (the CLI's exit code 2): `reason` is the sentence without the label and path, for problem lists that add their own. */
export class UserFileError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'UserFileError';
  }
}

export interface UserFileSpec {
  /** Where the path came from, prefixed to every message: "--commands", "scenario.json#/targets". Empty for a positional argument. */
  label: string;
  maxBytes: number;
  /**
   * The path is relative to `base` (default `root`) and must stay inside
   * `root`, even through symbolic links; `name` says what `root` is in
   * messages. `allowParent` lets the path climb with ".." as long as it ends
   * inside `root` (a shared folder above the scenario's).
   */
  within?: { root: string; base?: string; name: string; allowParent?: boolean };
}

/** A path as shown in a message: control characters escaped, so a file name cannot drive the terminal. */
export function showPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function refuse(spec: UserFileSpec, path: string, reason: string): never {
  const where = spec.label ? `${spec.label}: ${showPath(path)}` : showPath(path);
  throw new UserFileError(`${where}: ${reason}`, reason);
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENAMETOOLONG') return 'the path is too long';
  return `could not be opened (${code ?? 'error'})`;
}

const inside = (root: string, p: string) => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The path to open (`path` itself, or its real path inside `within.root` after the confinement checks) and the root's real path. */
function confinedPath(path: string, spec: UserFileSpec): { target: string; realRoot: string | null } {
  const within = spec.within;
  if (!within) return { target: path, realRoot: null };
  if (path === '' || isAbsolute(path) || /^[A-Za-z]:|^[\\/]/.test(path)) {
    refuse(spec, path, `is an absolute path, expected a path relative to ${within.name}`);
  }
  if (!within.allowParent && path.split(/[\\/]/).includes('..')) refuse(spec, path, `uses "..", expected a path inside ${within.name}`);
  const full = resolve(within.base ?? within.root, path);
  if (!inside(resolve(within.root), full)) refuse(spec, path, `leads outside ${within.name}, expected a path inside it`);
  let real: string;
  try {
    real = realpathSync(full);
  } catch (err) {
    refuse(spec, path, errnoReason(err));
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(within.root);
  } catch (err) {
    refuse(spec, within.root, errnoReason(err));
  }
  if (!inside(realRoot, real)) refuse(spec, path, `is a symbolic link leading outside ${within.name}; refused`);
  return { target: real, realRoot };
}

/**
 * For tests only: runs between the confinement check and the open, where a
 * folder could be swapped for a symbolic link (the race the check after the
 * open closes). Never set outside tests.
 */
let betweenCheckAndOpen: (() => void) | null = null;
export function setBetweenCheckAndOpenForTests(hook: (() => void) | null): void {
  betweenCheckAndOpen = hook;
}

/**
 * Where the open descriptor really is: on Linux the kernel's own path of the
 * descriptor; elsewhere the real path now, accepted only if it names the very
 * file opened (same device and inode).
 */
function openedRealPath(fd: number, target: string): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    try {
      const again = realpathSync(target);
      const st = statSync(again), fst = fstatSync(fd);
      return st.dev === fst.dev && st.ino === fst.ino ? again : null;
    } catch {
      return null;
    }
  }
}

function openChecked(path: string, spec: UserFileSpec): { fd: number; size: number } {
  const { target, realRoot } = confinedPath(path, spec);
  betweenCheckAndOpen?.();
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
    // O_NOFOLLOW for a confined path: its real path was resolved above, so a link in its place now is a swap.
    fd = openSync(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (realRoot !== null ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') refuse(spec, path, 'is a directory, expected a file');
    if ((err as NodeJS.ErrnoException).code === 'ELOOP' && realRoot !== null) refuse(spec, path, `became a symbolic link while being opened; refused`);
    refuse(spec, path, errnoReason(err));
  }
  // The check above and the open are two steps: a folder on the way could have been swapped for a
  // link out of the root in between. What counts is where the opened descriptor is.
  if (realRoot !== null) {
    const opened = openedRealPath(fd, target);
    if (opened === null || !inside(realRoot, opened)) {
      closeSync(fd);
      refuse(spec, path, `is a symbolic link leading outside ${spec.within!.name}; refused`);
    }
  }
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (err) {
    closeSync(fd);
    refuse(spec, path, errnoReason(err));
  }
  if (!st.isFile()) {
    closeSync(fd);
    refuse(spec, path, `is ${kindOf(st)}, expected a regular file`);
  }
  if (st.size > spec.maxBytes) {
    closeSync(fd);
    refuse(spec, path, `file is ${formatMb(st.size)}, over the ${formatMb(spec.maxBytes)} limit for this kind of file; refused before reading`);
  }
  return { fd, size: st.size };
}

/** Size in bytes of a file that readUserFile would read; throws UserFileError when it would refuse it. */
export function userFileSize(path: string, spec: UserFileSpec): number {
  const { fd, size } = openChecked(path, spec);
  closeSync(fd);
  return size;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes of a regular file of at most `spec.maxBytes`; throws UserFileError naming the label and path. */
export function readUserBytes(path: string, spec: UserFileSpec): Buffer {
  const { fd, size } = openChecked(path, spec);
  try {
    // Read to the end, not to the size fstat gave: a file may grow, and /proc files claim 0.
    let buf = Buffer.allocUnsafe(Math.min(spec.maxBytes + 1, Math.max(size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > spec.maxBytes) refuse(spec, path, `grew past the ${formatMb(spec.maxBytes)} limit for this kind of file while being read; refused`);
        const bigger = Buffer.allocUnsafe(Math.min(spec.maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, length, buf.length - length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        refuse(spec, path, code === 'EISDIR' ? 'is a directory, expected a file' : `could not be read (${code ?? 'error'})`);
      }
      if (n === 0) break;
      length += n;
    }
    if (length > spec.maxBytes) refuse(spec, path, `grew past the ${formatMb(spec.maxBytes)} limit for this kind of file while being read; refused`);
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The text of a regular UTF-8 file of at most `spec.maxBytes`; throws UserFileError naming the label and path. */
export function readUserFile(path: string, spec: UserFileSpec): string {
  const bytes = readUserBytes(path, spec);
  try {
    return utf8.decode(bytes);
  } catch {
    refuse(spec, path, 'is not UTF-8 text (a binary file?), expected a JSON text file');
  }
}
