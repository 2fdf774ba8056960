import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../engine/run.ts';
import { evaluateTargets } from '../scoring/evaluate.ts';
import { loadProfile } from '../scoring/profile.ts';
import { JISHISHAN, loadWorld, ROOT } from '../../test/helpers.ts';

describe('the doctrine asks across departments (supply–demand mechanism)', () => {
  const world = loadWorld(JISHISHAN);
  const { report } = runScenario(world, { seed: 7, untilSec: world.durationSec });
  const requests = report.commands.filter((c) => c.type === 'requestSupport');

  it('operators ask for priority power, road clearance and UAVs, and other departments answer', () => {
    const kinds = new Set(requests.map((c) => c.args.kind));
    expect([...kinds].sort()).toEqual(['power', 'roadClearance', 'uav']);
    expect(requests.every((c) => c.by === 'doctrine' && ['cmcc', 'cucc', 'ctcc', 'tower'].includes(c.seat) && 'ok' in c.result)).toBe(true);
    // The power company switches priority supply on in the second the request comes, as the headquarters flies to the township asked for.
    const power = requests.find((c) => c.args.kind === 'power')!;
    expect(report.commands.find((c) => c.type === 'setPrioritySupply')).toMatchObject({ seat: 'power', tSec: power.tSec, by: 'doctrine', result: { ok: true } });
    const uav = requests.find((c) => c.args.kind === 'uav')!;
    expect(report.commands.find((c) => c.type === 'deployUav' && c.args.townshipId === uav.args.townshipId && c.tSec === uav.tSec)).toBeDefined();
  });

  it('so a doctrine-only Jishishan run measures all 18 indicators of the 2027 profile', () => {
    const loaded = loadProfile(readFileSync(join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json'), 'utf8'), '2027-emergency-comms.json');
    if (!loaded.ok) throw new Error('profile did not load');
    const evaluation = evaluateTargets(report, loaded.profile);
    expect(evaluation.indicators).toHaveLength(18);
    expect(evaluation.indicators.filter((i) => i.measuredRating === 'notMeasured').map((i) => i.id)).toEqual([]);
    expect(evaluation.indicators.find((i) => i.id === 'requestToActionTime')!.value).toBeGreaterThan(0);
  });
});
