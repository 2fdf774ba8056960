// Seats change hands during a drill: the director hands a department's seat to
// a person, to the doctrine responder, or leaves it empty. From the second the
// command applies the doctrine plays the seat or stops playing it; the log
// keeps who played what when, so a replay hands seats over at the same
// moments. Only the director (control cell) may do it.
import type { CommandSpec } from '../model/commands.ts';
import { DEPARTMENTS } from '../model/seats.ts';
import { keepDoctrineTicking } from './doctrine.ts';

export const SEAT_PLAYERS = ['person', 'doctrine', 'nobody'] as const;

const assignSeat: CommandSpec = {
  args: { seat: DEPARTMENTS, player: SEAT_PLAYERS },
  // Nobody but the director, who passes every permission check at the gate.
  allowed: () => false,
  legality: (ctx, args) => (args.player === 'doctrine' && ctx.state.doctrineSeats.includes(args.seat as string) ? 'alreadySet' : null),
  apply(ctx, args) {
    const seat = args.seat as string;
    const others = ctx.state.doctrineSeats.filter((s) => s !== seat);
    ctx.state.doctrineSeats = args.player === 'doctrine' ? [...others, seat].sort() : others;
    if (args.player === 'doctrine') keepDoctrineTicking(ctx);
  },
};

export const SEAT_COMMANDS = { assignSeat };
