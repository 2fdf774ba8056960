// Scenario files from the local disk, for the CLI, Node workers and the drill server.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { ScenarioFiles } from '../src/scenario/load.ts';

export function diskScenarioFiles(scenarioPath: string): ScenarioFiles {
  const full = resolve(scenarioPath);
  const dir = dirname(full);
  return {
    mainName: basename(full),
    scenarioId: basename(dir),
    size(relPath) {
      try {
        const st = statSync(resolve(dir, relPath));
        return st.isFile() ? st.size : null;
      } catch {
        return null;
      }
    },
    read: (relPath) => readFileSync(resolve(dir, relPath), 'utf8'),
    sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}
