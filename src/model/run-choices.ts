// The choices a run starts from that a person types: the seed and the seats
// the doctrine plays. The CLI (--seed, --doctrine) and the console (the seed
// box, ?seed= and ?doctrine= in its address) read them here, so both refuse
// the same values with the same reason, and a drill made in one can always be
// replayed in the other.
import { DEPARTMENTS } from './seats.ts';

/** Seeds are 32-bit unsigned integers (the scenario schema's seed range; test/run-choices.test.ts checks they agree). */
export const SEED_MIN = 0;
export const SEED_MAX = 4_294_967_295;

export type Choice<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A seed as typed: a whole number from SEED_MIN to SEED_MAX, nothing else (no 1.5, 1e3, 0x10 or blanks). */
export function seedFromText(text: string): Choice<number> {
  if (!/^-?\d+$/.test(text.trim())) return { ok: false, reason: `"${text}" is not a whole number` };
  const n = Number(text);
  if (n < SEED_MIN || n > SEED_MAX) return { ok: false, reason: `${n} is out of range, expected ${SEED_MIN} to ${SEED_MAX}` };
  return { ok: true, value: n };
}

/** The seats the doctrine plays: all, none, or a comma-separated list of departments (not the director or an evaluator). */
export function doctrineSeatsFromText(text: string): Choice<string[]> {
  if (text === 'all') return { ok: true, value: [...DEPARTMENTS] };
  if (text === 'none') return { ok: true, value: [] };
  const seats = text.split(',').map((s) => s.trim());
  for (const seat of seats) {
    if (!(DEPARTMENTS as readonly string[]).includes(seat)) return { ok: false, reason: `"${seat}" is not a seat the doctrine can play, expected all, none or some of: ${DEPARTMENTS.join(', ')}` };
  }
  return { ok: true, value: seats };
}
