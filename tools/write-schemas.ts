// Publishes the scenario JSON Schemas from src/scenario/schema.ts and the
// target-profile schema from src/scoring/profile.ts to scenarios/schema/ (for
// editors). Run after changing either:
//   node --import tsx tools/write-schemas.ts
// test/schemas.test.ts and src/scoring/profile.test.ts fail when the published copies drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../src/scenario/schema.ts';
import { TARGETS_SCHEMA } from '../src/scoring/profile.ts';
import { publishedFormatSchemas } from '../src/engine/formats/index.ts';

const dir = join(import.meta.dirname, '..', 'scenarios', 'schema');
mkdirSync(dir, { recursive: true });
// The saved formats (report, snapshot, drill) are published beside them; test/saved-formats.test.ts checks those copies.
for (const [name, schema] of Object.entries({ ...publishedSchemas(), 'targets.schema.json': TARGETS_SCHEMA, ...publishedFormatSchemas() })) {
  writeFileSync(join(dir, name), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote scenarios/schema/${name}`);
}
