// Join tokens: base64url(JSON claims) "." base64url(HMAC-SHA256). The seat a
// terminal plays comes from here and nowhere else. The key is the server's
// (kept in its store, so tokens survive a restart and are shared by every
// process on the same database).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** Drill id, or '*' for the server's director key (creates and controls any drill). */
  drill: string;
  seat: string;
  /** play: may command as the seat; watch: sees the seat's picture, commands nothing. */
  mode: 'play' | 'watch';
  /** Seat generation: a seat released by the director invalidates the links issued before. */
  gen: number;
  /** Expiry, Unix seconds. */
  exp: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; code: 'badToken' | 'expiredToken' };

export function newServerKey(): string {
  return randomBytes(32).toString('base64url');
}

function mac(key: string, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

export function signToken(key: string, claims: TokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export function verifyToken(key: string, token: unknown, nowSec: number): TokenCheck {
  if (typeof token !== 'string' || token.length > 1024) return { ok: false, code: 'badToken' };
  const dot = token.indexOf('.');
  if (dot <= 0) return { ok: false, code: 'badToken' };
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const want = mac(key, body);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, code: 'badToken' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, code: 'badToken' };
  }
  if (
    typeof claims?.drill !== 'string' ||
    typeof claims.seat !== 'string' ||
    (claims.mode !== 'play' && claims.mode !== 'watch') ||
    !Number.isInteger(claims.gen) ||
    typeof claims.exp !== 'number'
  ) {
    return { ok: false, code: 'badToken' };
  }
  if (claims.exp <= nowSec) return { ok: false, code: 'expiredToken' };
  return { ok: true, claims };
}
