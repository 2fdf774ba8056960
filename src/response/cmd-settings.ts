// Switches the drill can throw: cross-operator emergency roaming (the 2027
// Opinions, 工信部联信管〔2024〕256号, 二、（一）; coordinated by the
// emergency-management headquarters) and priority power supply for
// communication sites (same Opinions, 三、（六）; the power company's call or
// the headquarters').
import type { CommandSpec } from '../model/commands.ts';
import { isCoordinator } from '../model/seats.ts';

const setEmergencyRoaming: CommandSpec = {
  args: { enabled: 'boolean' },
  allowed: isCoordinator,
  legality: (ctx, args) => (ctx.state.flags.emergencyRoaming === args.enabled ? 'alreadySet' : null),
  apply(ctx, args) {
    ctx.state.flags.emergencyRoaming = args.enabled as boolean;
  },
};

const setPrioritySupply: CommandSpec = {
  args: { enabled: 'boolean' },
  allowed: (org) => org === 'power' || isCoordinator(org),
  legality: (ctx, args) => (ctx.state.flags.prioritySupplyForComms === args.enabled ? 'alreadySet' : null),
  apply(ctx, args) {
    // Read by whoever plays the power seat when choosing the next feeder (the doctrine: response/doctrine.ts).
    ctx.state.flags.prioritySupplyForComms = args.enabled as boolean;
  },
};

export const SETTING_COMMANDS = { setEmergencyRoaming, setPrioritySupply };
