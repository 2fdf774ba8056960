// Seeds and doctrine seats are read by one module (src/model/run-choices.ts)
// for the CLI, the console and the drill server: the same values are refused
// with the same reason everywhere, and its ranges are the formats' ranges.
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { doctrineSeatsFromText, SEED_MAX, SEED_MIN, seedFromText } from '../src/model/run-choices.ts';
import { DOCTRINE_SEATS_ALL } from '../src/scenario/normalise.ts';
import { scenarioSchema } from '../src/scenario/schema.ts';
import { captureOut, JISHISHAN } from './helpers.ts';

describe('run choices', () => {
  it('seeds: the scenario schema range, whole numbers written plainly', () => {
    const seed = (scenarioSchema.properties as Record<string, { minimum: number; maximum: number }>).seed;
    expect([SEED_MIN, SEED_MAX]).toEqual([seed.minimum, seed.maximum]);
    expect(seedFromText('7')).toEqual({ ok: true, value: 7 });
    expect(seedFromText(String(SEED_MAX))).toEqual({ ok: true, value: SEED_MAX });
    for (const text of ['', ' ', '1.5', '1e3', '0x10', 'seven', 'NaN', 'Infinity']) expect(seedFromText(text), text).toEqual({ ok: false, reason: `"${text}" is not a whole number` });
    expect(seedFromText('-1')).toEqual({ ok: false, reason: '-1 is out of range, expected 0 to 4294967295' });
    expect(seedFromText('4294967296')).toEqual({ ok: false, reason: '4294967296 is out of range, expected 0 to 4294967295' });
  });

  it('doctrine seats: departments only, the ones a drill or snapshot file may name', () => {
    expect(doctrineSeatsFromText('all')).toEqual({ ok: true, value: [...DOCTRINE_SEATS_ALL] });
    expect(doctrineSeatsFromText('none')).toEqual({ ok: true, value: [] });
    expect(doctrineSeatsFromText('cmcc, power')).toEqual({ ok: true, value: ['cmcc', 'power'] });
    for (const seat of ['director', 'evaluator', 'nobody', '']) {
      expect(doctrineSeatsFromText(`cmcc,${seat}`)).toEqual({ ok: false, reason: `"${seat}" is not a seat the doctrine can play, expected all, none or some of: ${DOCTRINE_SEATS_ALL.join(', ')}` });
    }
  });

  it('the CLI prints the same reasons after the option name', async () => {
    for (const [args, reason] of [
      [['--seed=-1'], '--seed: ' + (seedFromText('-1') as { reason: string }).reason],
      [['--seed', '1.5'], '--seed: ' + (seedFromText('1.5') as { reason: string }).reason],
      [['--doctrine', 'cmcc,director'], '--doctrine: ' + (doctrineSeatsFromText('cmcc,director') as { reason: string }).reason],
    ] as const) {
      const c = captureOut();
      expect(await main(['run', JISHISHAN, '--until', '1h', ...args], c.io)).toBe(2);
      expect(c.out.stderr).toContain(reason);
    }
  });
});
