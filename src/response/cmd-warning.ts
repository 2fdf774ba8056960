// sendWarning: a targeted cell-broadcast warning to townships or a polygon.
// The emergency-management headquarters issues warnings; the director may too.
import { sendWarning } from '../infra/warnings.ts';
import type { CommandSpec } from '../model/commands.ts';
import { isCoordinator } from '../model/seats.ts';
import { binarySearch } from './lookup.ts';
import { NONE } from '../model/world.ts';
import type { WarningRecord } from '../model/state.ts';

const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'] as const;

function townshipIndices(ctx: Parameters<CommandSpec['legality']>[0], ids: unknown): number[] | null {
  if (!Array.isArray(ids)) return null;
  return ids.map((id) => binarySearch(ctx.world.townships.ids, id));
}

const sendWarningCommand: CommandSpec = {
  args: { 'townships?': 'ids', 'polygon?': 'polygon', severity: SEVERITIES, event: 'text', headline: 'text' },
  allowed: isCoordinator,
  legality(ctx, args) {
    if (!args.townships && !args.polygon) return 'emptyWarningArea';
    const towns = townshipIndices(ctx, args.townships);
    if (towns && towns.includes(NONE)) return 'unknownTownship';
    return null;
  },
  apply(ctx, args, cmd) {
    const towns = townshipIndices(ctx, args.townships);
    sendWarning(
      ctx,
      cmd.seat,
      { townships: towns, polygonLonLat: towns ? null : (args.polygon as [number, number][]) },
      { severity: args.severity as WarningRecord['severity'], event: args.event as string, headline: args.headline as string },
    );
  },
};

export const WARNING_COMMANDS = { sendWarning: sendWarningCommand };
