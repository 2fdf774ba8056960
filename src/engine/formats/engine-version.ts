// A saved run is tied to the engine version that made it: the state hashes of
// two engine versions need not agree, and a snapshot is the engine's private
// state. Versions are compared as strings; any difference counts.
import { ENGINE_VERSION } from '../sim.ts';
import type { Problem } from './saved-format.ts';

export { ENGINE_VERSION };

const CONSEQUENCE = {
  replay: (v: string) => `the hashes of two engine versions need not match, so the replay is refused (replay it with drilltwin engine ${v})`,
  restore: (v: string) => `a snapshot holds one engine's internal state and restores only in that engine version (resume it with drilltwin engine ${v}, or re-run from T0 with the command log)`,
  drill: (v: string) => `a drill replays exactly only in the engine version that recorded it, so it is refused (open it with drilltwin engine ${v})`,
} as const;

const MADE = { replay: 'the report was made', restore: 'the snapshot was taken', drill: 'the drill was recorded' } as const;

/** Null when `recorded` is this engine's version; else a refusal naming both versions. */
export function engineVersionProblem(file: string, pointer: string, recorded: string, use: keyof typeof CONSEQUENCE): Problem | null {
  if (recorded === ENGINE_VERSION) return null;
  const shown = JSON.stringify(recorded).slice(0, 40);
  return { file, pointer, message: `${MADE[use]} by drilltwin engine ${shown} and this is engine "${ENGINE_VERSION}"; ${CONSEQUENCE[use](shown)}` };
}
