// Migrations between scenario format versions, numbered in steps of one.
// v1 is the first version, so the chain is empty; a future v2 adds a step
// `{ from: 1, to: 2, up(doc) }` here and loaders keep reading v1 files.
import { SUPPORTED_SCENARIO_FORMATS } from '../model/scenario-format.ts';

type Doc = Record<string, unknown>;

interface Migration {
  from: number;
  to: number;
  up(doc: Doc): Doc;
}

const MIGRATIONS: Migration[] = [];
const CURRENT_VERSION = 1;

export function migrateToCurrent(doc: Doc): { ok: true; doc: Doc } | { ok: false; message: string } {
  const match = /^drilltwin\/scenario@(\d+)$/.exec(String(doc.format));
  const version = match ? Number(match[1]) : NaN;
  if (!(version >= 1 && version <= CURRENT_VERSION)) {
    return { ok: false, message: `unsupported format "${doc.format}", this drilltwin reads: ${SUPPORTED_SCENARIO_FORMATS.join(', ')}` };
  }
  let current = doc;
  for (let v = version; v < CURRENT_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step) return { ok: false, message: `no migration from scenario@${v}` };
    current = step.up(current);
  }
  return { ok: true, doc: current };
}
