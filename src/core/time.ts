// Scenario time to wall-calendar time: the scenario's start carries its UTC
// offset, and every time shown or exported is start + tSec in that offset.
// Pure arithmetic on Date.UTC: no clock is read.

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):(\d{2}))$/;

export function parseOffsetIso(iso: string): { utcMs: number; offsetMin: number } {
  const m = ISO_RE.exec(iso);
  if (!m) throw new Error(`not an ISO time with offset: ${iso}`);
  const offsetMin = m[7] === 'Z' ? 0 : (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  const localMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return { utcMs: localMs - offsetMin * 60_000, offsetMin };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** start + tSec as ISO 8601 in the start's own offset, e.g. 2023-12-19T00:09:30+08:00. */
export function localIsoAt(startIso: string, tSec: number): string {
  const { utcMs, offsetMin } = parseOffsetIso(startIso);
  const local = new Date(utcMs + tSec * 1000 + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
