// Seats at a drill and what each may command. A telecom operator commands
// its own crews and generator pools; the tower company its pools; the
// emergency-management headquarters (emhq) coordinates across departments;
// the director (controller) may inject and act for anyone; evaluators only
// observe. Command types not listed for a seat are refused with notPermitted.

export const SEATS = ['director', 'evaluator', 'emhq', 'cmcc', 'cucc', 'ctcc', 'tower', 'power', 'transport', 'fire'] as const;
export type Seat = (typeof SEATS)[number];

export function isSeat(value: unknown): value is Seat {
  return typeof value === 'string' && (SEATS as readonly string[]).includes(value);
}

/** The organisation a seat speaks for (director acts for all; evaluator for none). */
export function seatOrganisation(seat: Seat): string | null {
  if (seat === 'director') return '*';
  if (seat === 'evaluator') return null;
  return seat;
}
