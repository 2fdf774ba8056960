// Every label a user can meet exists in Chinese and English.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/response/commands.ts';
import { REASON_CODES as CODES } from '../src/model/reasons.ts';
import { TASK_TYPES } from '../src/response/tasks.ts';
import { COMMAND_NAMES, KPI_NAMES, REASON_CODES, SEAT_NAMES, TASK_NAMES } from '../src/scoring/i18n.ts';
import { KPI_REPORTERS } from '../src/scoring/kpis.ts';
import { SEATS } from '../src/model/seats.ts';

function both(table: Record<string, { zh: string; en?: string }>, keys: readonly string[]): string[] {
  return keys.filter((k) => !table[k]?.zh || !table[k]?.en);
}

describe('translations', () => {
  it('name every KPI, refusal reason, command, task and seat in both languages', () => {
    expect(both(KPI_NAMES, KPI_REPORTERS.map((k) => k.id))).toEqual([]);
    expect(both(REASON_CODES, CODES)).toEqual([]);
    expect(both(COMMAND_NAMES, Object.keys(COMMANDS))).toEqual([]);
    expect(both(TASK_NAMES, TASK_TYPES)).toEqual([]);
    expect(both(SEAT_NAMES, SEATS)).toEqual([]);
  });
});
