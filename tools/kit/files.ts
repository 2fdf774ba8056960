// Writing a generated set of scenario files to disk: the only I/O of the kit
// (the pure kit is authoring/kit/, shared with the console's import page).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioTexts } from '../../authoring/kit/files.ts';

export function writeScenarioTexts(dir: string, texts: ScenarioTexts): void {
  for (const [rel, text] of Object.entries(texts)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/** True when the module at `moduleUrl` is the script node was started with (not imported by a test). */
export function isMainModule(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}
