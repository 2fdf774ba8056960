import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedSchemas } from '../src/scenario/schema.ts';
import { ROOT } from './helpers.ts';

describe('published JSON Schemas', () => {
  it('match the schemas the loader uses (run tools/write-schemas.ts after a change)', () => {
    for (const [name, schema] of Object.entries(publishedSchemas())) {
      const published = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'schema', name), 'utf8'));
      expect(published, name).toEqual(schema);
    }
  });
});
