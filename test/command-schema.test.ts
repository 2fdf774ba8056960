// The published schemas of the command log (command.schema.json, one line),
// evaluator observations and variants files: the copies in scenarios/schema/ equal what
// the loaders use, and the command schema accepts exactly what the engine's
// gate accepts (property test over commands of every type, right and wrong),
// naming the same field.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import type { ArgKind } from '../src/model/commands.ts';
import { SEATS } from '../src/model/seats.ts';
import { commandSchema, commandShapeProblem, COMMANDS } from '../src/response/commands.ts';
import { loadObservations, OBSERVATIONS_SCHEMA } from '../src/scoring/profile.ts';
import { VARIANTS_SCHEMA } from '../src/sweep/index.ts';
import { captureOut, JISHISHAN, ROOT } from './helpers.ts';

const published = (name: string) => JSON.parse(readFileSync(join(ROOT, 'scenarios', 'schema', name), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'drilltwin-command-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('published command, observations and variants schemas', () => {
  it('equal what the loaders use (run tools/write-schemas.ts after a change)', () => {
    expect(published('command.schema.json')).toEqual(commandSchema());
    expect(published('observations.schema.json')).toEqual(OBSERVATIONS_SCHEMA);
    expect(published('variants.schema.json')).toEqual(VARIANTS_SCHEMA);
  });

  const validate = new Ajv({ allErrors: true, strict: false }).compile(published('command.schema.json'));
  /** Pointers the schema's errors name; a missing field is named as the field itself, like the gate does. */
  const pointers = (errors: ErrorObject[]) =>
    errors.map((e) => (e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath));

  const value = (kind: ArgKind): fc.Arbitrary<unknown> => {
    const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant([]), fc.constant({}));
    const position = fc.tuple(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }));
    if (Array.isArray(kind)) return fc.oneof(fc.constantFrom(...kind), wrong);
    const right: Record<string, fc.Arbitrary<unknown>> = {
      id: fc.string({ minLength: 0, maxLength: 70 }),
      ids: fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 }),
      number: fc.double({ noNaN: true, noDefaultInfinity: true }),
      seconds: fc.oneof(fc.nat(), fc.integer({ min: -5, max: -1 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
      boolean: fc.boolean(),
      text: fc.string({ minLength: 0, maxLength: 510 }),
      polygon: fc.array(position, { maxLength: 5 }),
      position,
    };
    return fc.oneof({ weight: 4, arbitrary: right[kind as string] }, { weight: 1, arbitrary: wrong });
  };
  const command = fc
    .constantFrom(...Object.keys(COMMANDS), 'fly')
    .chain((type) => {
      const spec = COMMANDS[type]?.args ?? {};
      const args = fc.record(Object.fromEntries(Object.entries(spec).map(([n, k]) => [n.replace(/\?$/, ''), value(k)])), { requiredKeys: [] });
      return fc.record({
        tSec: fc.oneof({ weight: 5, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -5, max: -1 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()) }),
        seat: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...SEATS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }),
        type: fc.constant(type),
        args: fc.oneof({ weight: 6, arbitrary: args }, { weight: 1, arbitrary: fc.tuple(args, fc.string({ minLength: 1, maxLength: 5 })).map(([a, extra]) => ({ ...a, [extra]: 1 })) }, { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant([])) }),
      });
    });

  it('accepts exactly the commands the gate accepts, and names the field the gate names', () => {
    let accepted = 0;
    fc.assert(
      fc.property(command, (raw) => {
        const cmd = JSON.parse(JSON.stringify(raw)); // as read from a file
        const gate = commandShapeProblem(cmd);
        const ok = validate(cmd);
        expect(ok, JSON.stringify({ cmd, gate, errors: validate.errors })).toBe(gate === null);
        // The schema names the field or something inside it (an item of a list).
        if (gate) expect(pointers(validate.errors ?? []).some((p) => p === gate.pointer || p.startsWith(`${gate.pointer}/`)), JSON.stringify({ gate, errors: validate.errors })).toBe(true);
        if (ok) accepted++;
      }),
      { seed: 15, numRuns: 3000 },
    );
    // Both sides are exercised: a good share of accepted and of refused commands.
    expect(accepted).toBeGreaterThan(150);
    expect(accepted).toBeLessThan(2850);
  });

  it('a bad command log line is refused as file:line#/pointer, the field the schema names', async () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, ['{"tSec":60,"seat":"cmcc","type":"hookGenerator","args":{"siteId":"s-1"}}', '{"tSec":60,"seat":"cmcc","type":"setEmergencyRoaming","args":{"enabled":true}}'].join('\n'));
    const c = captureOut();
    expect(await main(['run', JISHISHAN, '--until', '1h', '--commands', path, '--quiet'], c.io)).toBe(2);
    expect(c.out.stderr).toContain(`${path}:1#/args/poolId: missing, expected an id`);
    expect(validate(JSON.parse(readFileSync(path, 'utf8').split('\n')[0]))).toBe(false);
    expect(pointers(validate.errors ?? [])).toContain('/args/poolId');
  });

  it('observations are checked by the published schema, with pointers', () => {
    const r = loadObservations(JSON.stringify([{ tSec: 60, note: 'ok', by: 'eval-1' }, { tSec: -1, note: 'x', by: '' }]), 'obs.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.pointer).sort()).toEqual(['/1/by', '/1/tSec']);
  });
});
