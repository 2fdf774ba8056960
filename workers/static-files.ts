// Serves the built console: one file under a root folder per request, never a
// path outside it. Shared by the drill server and the test harness.
//
// - GET and HEAD only (405 with Allow for anything else): these are static files.
// - Security headers on every response, errors included (securityHeaders).
// - A file is opened once, then checked on the open descriptor: a regular
//   file (a FIFO or device in the folder cannot hang or flood a request), and
//   the very file opened must be reachable inside the root by its real path
//   (same device and inode), so a symbolic link out of the folder, or one
//   swapped in between the check and the open, is refused.
// - No directory listing: a folder answers with its index.html or 404.
import { closeSync, constants, createReadStream, fstatSync, openSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The console's content security policy. Everything comes from this origin
 * (the app makes no request anywhere else); images may be data: or blob: URLs
 * (Phaser's built-in textures, canvases read back); styles may be inline
 * because panels set style attributes; WebSockets to this host are 'self'.
 * No page may frame the console (frame-ancestors 'none'): a director's
 * controls must not be clickjacked.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy sent with scripts. A page ignores it (its own document's policy
 * governs the scripts it loads); a Web Worker takes its policy from its
 * script's answer, and the engine's worker compiles its JSON Schema
 * validators (Ajv) into functions, which needs 'unsafe-eval' there, and only
 * there: the page itself may evaluate nothing.
 */
export const WORKER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");

/** Headers every response of the static and drill servers carries, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Sets the security headers on a response before anything else is written (writeHead's own headers are merged with them). */
export function securityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** Decodes a request's path, or null when it is not valid percent-encoding or carries a NUL. */
export function requestPath(url: string | undefined): string | null {
  try {
    const path = decodeURIComponent(new URL(url ?? '/', 'http://127.0.0.1').pathname);
    return path.includes('\u0000') ? null : path;
  } catch {
    return null;
  }
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  securityHeaders(res);
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra }).end(text);
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Opens `file` and checks the open descriptor; the fd and its stats, or the status to answer with. */
function openInside(realRoot: string, file: string): { fd: number; st: Stats } | { status: 403 | 404 } {
  let fd: number;
  try {
    // O_NOFOLLOW: the last component may not be a symbolic link; O_NONBLOCK: a FIFO cannot hang the open.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    // ELOOP is O_NOFOLLOW refusing a link: treated as absent, like anything else not servable.
    const code = (err as NodeJS.ErrnoException).code;
    return { status: code === 'EACCES' || code === 'EPERM' ? 403 : 404 };
  }
  try {
    const st = fstatSync(fd);
    // The real path now must lead, inside the root, to the very inode that was opened: a folder
    // above the file swapped for a link after the open no longer resolves to it.
    const real = realpathSync(file);
    const seen = statSync(real);
    if (!inside(realRoot, real) || seen.dev !== st.dev || seen.ino !== st.ino) {
      closeSync(fd);
      return { status: 403 };
    }
    return { fd, st };
  } catch {
    closeSync(fd);
    return { status: 404 };
  }
}

/** Answers a GET or HEAD with the file at `pathname` under `dir` (index.html for a folder): 405 for other methods, 403 outside it, 404 when missing. */
/** `pagePolicy`: the policy a page is served with (the drill server widens connect-src to its other processes). */
export function serveFile(dir: string, pathname: string, res: ServerResponse, method = 'GET', pagePolicy = CONTENT_SECURITY_POLICY): void {
  if (method !== 'GET' && method !== 'HEAD') {
    plain(res, 405, 'method not allowed: static files answer GET and HEAD only', { allow: 'GET, HEAD' });
    return;
  }
  const root = resolve(dir);
  const file = normalize(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep)) {
    plain(res, 403, 'forbidden');
    return;
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    plain(res, 404, 'not found');
    return;
  }
  let served = file;
  let opened = openInside(realRoot, served);
  if ('fd' in opened && opened.st.isDirectory()) {
    // A folder is never listed: its index.html, or nothing.
    closeSync(opened.fd);
    served = join(file, 'index.html');
    opened = openInside(realRoot, served);
  }
  if ('status' in opened) {
    plain(res, opened.status, opened.status === 403 ? 'forbidden' : 'not found');
    return;
  }
  const { fd, st } = opened;
  if (!st.isFile()) {
    closeSync(fd);
    plain(res, 404, 'not found');
    return;
  }
  securityHeaders(res);
  if (/\.m?js$/.test(served)) res.setHeader('content-security-policy', WORKER_CONTENT_SECURITY_POLICY);
  else if (pagePolicy !== CONTENT_SECURITY_POLICY) res.setHeader('content-security-policy', pagePolicy);
  res.writeHead(200, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream', 'content-length': String(st.size), 'cache-control': 'no-cache' });
  if (method === 'HEAD' || st.size === 0) {
    closeSync(fd);
    res.end();
    return;
  }
  // Exactly the bytes content-length announced, even if the file grows meanwhile. pipeline destroys
  // both ends on a read error or a client that goes away mid-file (the fd is closed with the stream).
  pipeline(createReadStream('', { fd, autoClose: true, start: 0, end: st.size - 1 }), res, () => undefined);
}
