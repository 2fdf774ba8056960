// Small parsers for command-line values, with messages that name the option.

export class UsageError extends Error {}

/** "72h", "90m", "3d", "45s" or a plain number of seconds. */
export function parseDurationSec(option: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${option}: "${text}" is not a duration, expected e.g. 72h, 90m, 3d or seconds`);
  const factor = { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * factor);
}

export function parseIntOption(option: string, text: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${option}: "${text}" is not a whole number`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${option}: ${n} is out of range, expected ${min} to ${max}`);
  return n;
}

export function parseNumberOption(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${option}: "${text}" is not a number`);
  if (n < min || n > max) throw new UsageError(`${option}: ${n} is out of range, expected ${min} to ${max}`);
  return n;
}

export function formatHms(tSec: number): string {
  const h = Math.floor(tSec / 3600);
  const m = Math.floor((tSec % 3600) / 60);
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

/**
 * Text as it may reach a terminal: control characters (but line feed and tab)
 * and bidirectional overrides are shown as \uXXXX, so a scenario's name or a
 * path cannot move the cursor, clear the screen or reorder what is printed.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
