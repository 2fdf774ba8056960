// Publishes the scenario JSON Schemas from src/scenario/schema.ts to
// scenarios/schema/ (for editors). Run after changing the schema:
//   node --import tsx tools/write-schemas.ts
// test/schemas.test.ts fails when the published copies drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../src/scenario/schema.ts';

const dir = join(import.meta.dirname, '..', 'scenarios', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(join(dir, name), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote scenarios/schema/${name}`);
}
