// Scenario files held in memory: for files dropped into the browser, for
// workers, and for tests that mutate a scenario without touching the disk.
import type { ScenarioFiles } from './load.ts';

function normalisePath(relPath: string): string {
  const parts: string[] = [];
  for (const part of relPath.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export function memoryScenarioFiles(scenarioId: string, texts: Record<string, string>, mainName = 'scenario.json'): ScenarioFiles {
  const byPath = new Map(Object.entries(texts).map(([path, text]) => [normalisePath(path), text]));
  const encoder = new TextEncoder();
  return {
    mainName,
    scenarioId,
    size: (relPath) => {
      const text = byPath.get(normalisePath(relPath));
      return text === undefined ? null : encoder.encode(text).length;
    },
    read: (relPath) => {
      const text = byPath.get(normalisePath(relPath));
      if (text === undefined) throw new Error(`${relPath}: not found`);
      return text;
    },
  };
}
