// The console's score and after-action report come from the engine's own
// code: a live session's score at T+2 h equals the score of a headless run of
// the same log to T+2 h, and its AAR is the CLI's page, names and all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld, ROOT, scenarioTexts } from '../test/helpers.ts';
import { runScenario } from '../src/engine/run.ts';
import { evaluateTargets } from '../src/scoring/evaluate.ts';
import { loadProfile } from '../src/scoring/profile.ts';
import { createSessionHost } from './session-host.ts';

const PROFILE = '../targets/2027-emergency-comms.json';
const profileText = readFileSync(join(ROOT, 'scenarios', 'targets', '2027-emergency-comms.json'), 'utf8');

function texts(withProfile: boolean): Record<string, string> {
  const t = scenarioTexts(JISHISHAN);
  if (withProfile) t[PROFILE] = profileText;
  else delete t[PROFILE];
  return t;
}

describe('score and AAR of a drill in the console', () => {
  it('the live score at T+2 h is the headless run’s score of the same log', () => {
    const host = createSessionHost();
    const loaded = host.load('jishishan-2023', texts(true));
    expect(loaded.ok).toBe(true);
    host.start(7, 'cmcc');
    host.advance(1800);
    const team = loadWorld(JISHISHAN).teams.find((t) => t.org === 'cmcc' && t.activeAtStart)!;
    expect(host.submit({ type: 'activateTeam', args: { teamId: 'tm-cmcc-gansu-em' } }).ok).toBe(true);
    expect(host.submit({ type: 'assignTask', args: { teamId: team.id, task: 'inspectSite', targetId: loadWorld(JISHISHAN).sites.ids[3] } }).ok).toBe(true);
    host.advance(7200);
    const live = host.score();
    if (!live.ok) throw new Error(live.problem);
    expect(live.tSec).toBe(7200);

    const log = host.getLog();
    const profile = loadProfile(profileText, PROFILE);
    if (!profile.ok) throw new Error('profile');
    const { report } = runScenario(loadWorld(JISHISHAN), { seed: 7, untilSec: 7200, commands: log.commands, doctrineSeats: log.doctrineSeats });
    const headless = evaluateTargets(report, profile.profile);
    expect(live.evaluation).toEqual(headless);
    // Two hours rate some indicators and leave the rest: provisional, not rated.
    expect(live.evaluation.overall.ratedIndicators).toBeGreaterThan(0);
    expect(live.evaluation.overall.complete).toBe(false);
    expect(live.evaluation.overall.rating).toBe('notMeasured');
  });

  it('renders the AAR of the drill so far in both languages, with people and doctrine apart and names, not ids', () => {
    const host = createSessionHost();
    host.load('jishishan-2023', texts(true));
    host.start(7, 'cmcc');
    host.advance(600);
    host.submit({ type: 'activateTeam', args: { teamId: 'tm-cmcc-gansu-em' } });
    host.advance(3600);
    const zh = host.aar('zh');
    const en = host.aar('en');
    if (!zh.ok || !en.ok) throw new Error('no AAR');
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('China Mobile Gansu emergency communication support team');
    expect(en.html).not.toContain('tm-cmcc-gansu-em');
    expect(en.html).toMatch(/Players<\/strong>: China Mobile \(1 command/);
    expect(zh.html).toContain('T+1小时00分');
  });

  it('says why there is no score when the scenario’s profile is not among its files', () => {
    const host = createSessionHost();
    host.load('jishishan-2023', texts(false));
    host.start(7, 'director');
    host.advance(60);
    expect(host.score()).toEqual({ ok: false, problem: `the target profile ${PROFILE} is not among the scenario's files` });
    expect(host.aar('en').ok).toBe(false);
  });
});
