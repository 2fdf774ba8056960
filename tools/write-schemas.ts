// Publishes the scenario JSON Schemas from src/scenario/schema.ts, the
// target-profile and observations schemas from src/scoring/profile.ts and the
// command schema (one line of a command log) generated from the command specs
// and the sweep's variants and the optimiser's budget schemas to scenarios/schema/ (for editors). Run
// after changing any of them:
//   node --import tsx tools/write-schemas.ts
// test/schemas.test.ts and src/scoring/profile.test.ts fail when the published copies drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../src/scenario/schema.ts';
import { commandSchema } from '../src/response/commands.ts';
import { VARIANTS_SCHEMA } from '../src/sweep/index.ts';
import { BUDGET_SCHEMA } from '../src/sweep/optimise.ts';
import { OBSERVATIONS_SCHEMA, TARGETS_SCHEMA } from '../src/scoring/profile.ts';
import { publishedFormatSchemas } from '../src/engine/formats/index.ts';

const dir = join(import.meta.dirname, '..', 'scenarios', 'schema');
mkdirSync(dir, { recursive: true });
// The saved formats (report, snapshot, drill) are published beside them; test/saved-formats.test.ts checks those copies.
for (const [name, schema] of Object.entries({ ...publishedSchemas(), 'targets.schema.json': TARGETS_SCHEMA, 'observations.schema.json': OBSERVATIONS_SCHEMA, 'command.schema.json': commandSchema(), 'variants.schema.json': VARIANTS_SCHEMA, 'budget.schema.json': BUDGET_SCHEMA, ...publishedFormatSchemas() })) {
  writeFileSync(join(dir, name), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote scenarios/schema/${name}`);
}
