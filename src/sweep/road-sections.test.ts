import { describe, expect, it } from 'vitest';
import type { Ctx } from '../model/context.ts';
import type { ObservedPoint } from '../model/scenario-format.ts';
import { ROAD_STATUS } from '../model/state.ts';
import { roadSectionRecorder } from './road-sections.ts';

const { OPEN, DAMAGED, FLOODED, BLOCKED } = ROAD_STATUS;

// Only what the recorder reads: the road ids and their status now.
function fakeCtx(status: number[]): Ctx {
  return { world: { roads: { ids: ['r-a', 'r-b', 'r-c'] } }, state: { roads: { status: Uint8Array.from(status) } } } as unknown as Ctx;
}

const section = (id: string, roadIds: string[]): ObservedPoint => ({ id, quantity: 'roadSectionOpenHours', tHours: 1, value: 1, what: 'test', source: 'hand-made', roadIds });

/** Feeds the samples [tSec, status of r-a, r-b, r-c] and returns the recorder's values. */
function record(points: ObservedPoint[], samples: [number, number, number, number][]) {
  const rec = roadSectionRecorder(points);
  for (const [tSec, ...status] of samples) rec.onProgress(tSec, 7200, fakeCtx(status));
  return rec.values();
}

describe('when a road section is through again', () => {
  it('is the first sample with every segment passable after one was cut; a detour (damaged) counts, a later slide does not move it', () => {
    const v = record(
      [section('ab', ['r-a', 'r-b'])],
      [
        [0, OPEN, OPEN, OPEN], // before the shock: not yet cut
        [60, BLOCKED, OPEN, OPEN], // cut
        [120, DAMAGED, BLOCKED, OPEN], // r-a through by a detour, r-b now cut
        [1800, DAMAGED, OPEN, OPEN], // through: 1800 s = 0.5 h
        [3600, BLOCKED, OPEN, OPEN], // an aftershock slide afterwards
      ],
    );
    expect(v).toEqual({ ab: 0.5 });
  });

  it('a flooded segment is not passable; a section never cut is 0; one still cut at the end is null (never)', () => {
    const v = record(
      [section('a', ['r-a']), section('b', ['r-b']), section('c', ['r-c'])],
      [
        [0, OPEN, OPEN, OPEN],
        [60, FLOODED, OPEN, BLOCKED],
        [120, OPEN, OPEN, BLOCKED],
      ],
    );
    expect(v).toEqual({ a: 120 / 3600, b: 0, c: null });
  });

  it('reads only roadSectionOpenHours points', () => {
    const other: ObservedPoint = { id: 'p', quantity: 'powerRestoredFrac', tHours: 1, value: 0.5, what: 'test', source: 'hand-made' };
    expect(record([other], [[0, BLOCKED, BLOCKED, BLOCKED]])).toEqual({});
  });
});
