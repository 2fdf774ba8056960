// The township table of the hindcast: when each township's failed sites
// were all back, how long its sites were cut off by road, and the rank
// correlation between the two — with hand-worked numbers.
import { describe, expect, it } from 'vitest';
import { OUT_CAUSE } from '../model/state.ts';
import { blockRoad } from '../infra/roads.ts';
import { refreshSite, standInForSite } from '../infra/sites.ts';
import { Sim } from '../engine/sim.ts';
import { tinyWorld, tinyWorldWithTeams } from '../../test/helpers.ts';
import { spearman } from './stats.ts';
import { summariseTownships, townshipRecorder, townshipValues, type TownshipRunValues } from './township-restoration.ts';

describe('rank correlation with "not by the end"', () => {
  it('ranks a township never all back after every time, ties among them sharing their places', () => {
    // Cut off 0, 4, 10, 10 h against back by 5 h, 11 h, never, never: ranks 1, 2, 3.5, 3.5 on both sides.
    expect(spearman([0, 4, 10, 10], [5, 11, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY])).toBeCloseTo(1, 12);
    // Reversed: the longest cut off came back first.
    expect(spearman([10, 4, 0], [5, 11, Number.POSITIVE_INFINITY])).toBeCloseTo(-1, 12);
  });
});

describe('one run\'s township values', () => {
  // The tiny county: s-1 in t-a, s-2 in t-b, s-3 in t-c.
  const world = tinyWorld();
  const at = (id: string) => world.sites.ids.indexOf(id);

  it('is the hour after the last sample that saw a failed site off; not by the end when one is still off; nothing when none failed', () => {
    const everOut = new Uint8Array(3), notRestoredAtEnd = new Uint8Array(3), lastOff = new Float64Array(3).fill(-1);
    everOut[at('s-1')] = 1; lastOff[at('s-1')] = 5 * 3600; // last seen off at T+5 h: back by T+6 h
    everOut[at('s-2')] = 1; notRestoredAtEnd[at('s-2')] = 1; // still off at the end
    const cutOff = [0, 0, 0];
    cutOff[at('s-3')] = 7;
    const v = townshipValues(world, everOut, notRestoredAtEnd, lastOff, cutOff);
    const t = (id: string) => world.townships.ids.indexOf(id);
    expect(v.failedSites[t('t-a')]).toBe(1);
    expect(v.allBackHours[t('t-a')]).toBe(6);
    expect(v.allBackHours[t('t-b')]).toBeNull();
    expect(v.failedSites[t('t-c')]).toBe(0);
    expect(v.allBackHours[t('t-c')]).toBeNull();
    // One site in t-c, cut off for 7 h: its township's mean is 7.
    expect(v.cutOffHours[t('t-c')]).toBe(7);
  });

  /** Runs the county 6 h with r-2, t-c's only road, blocked at T+2 h and never cleared (no doctrine); the recorder's values. */
  const slideOnR2 = (w: typeof world) => {
    const sim = Sim.create(w, 1);
    const recorder = townshipRecorder();
    for (let h = 0; h <= 6; h++) {
      if (h === 2) blockRoad(sim.ctx, w.roads.ids.indexOf('r-2'));
      sim.advanceTo(h * 3600);
      recorder.onProgress(h * 3600, 6 * 3600, sim.ctx);
    }
    return recorder.values()!;
  };

  it('counts the hours a site\'s road node is outside the main network (the recorder, on a blocked road)', () => {
    const v = slideOnR2(world);
    // Samples at T+2, 3, 4, 5, 6 h see it cut off: 5 hours; t-a and t-b stay on the main network (no bases:
    // the largest network stands for where help comes from).
    expect(v.cutOffHours[world.townships.ids.indexOf('t-c')]).toBe(5);
    expect(v.cutOffHours[world.townships.ids.indexOf('t-a')]).toBe(0);
  });

  it('takes a destroyed site as back from the hour an emergency cell stands in for it (the recorder)', () => {
    const sim = Sim.create(world, 1);
    const recorder = townshipRecorder();
    const s2 = world.sites.ids.indexOf('s-2');
    for (let h = 0; h <= 6; h++) {
      sim.advanceTo(h * 3600);
      if (h === 1) {
        sim.state.sites.damageState[s2] = 4;
        refreshSite(sim.ctx, s2);
      }
      // Destroyed at T+1 h and stood in for at T+3 h, each before that hour's sample: last seen not restored at T+2 h, so back by T+3 h.
      if (h === 3) standInForSite(sim.ctx, s2);
      recorder.onProgress(h * 3600, 6 * 3600, sim.ctx);
    }
    const v = recorder.values()!;
    const t = world.townships.ids.indexOf('t-b');
    expect(sim.state.sites.outCause[s2]).toBe(OUT_CAUSE.DAMAGE);
    expect(v.failedSites[t]).toBe(1);
    expect(v.allBackHours[t]).toBe(3);
  });

  it('measures cut off from the bases: with the only base beside s-3, the other side of the slide is the cut-off one', () => {
    const based = tinyWorldWithTeams([103.55, 35.45], []);
    const v = slideOnR2(based);
    const t = (id: string) => based.townships.ids.indexOf(id);
    expect([v.cutOffHours[t('t-a')], v.cutOffHours[t('t-b')], v.cutOffHours[t('t-c')]]).toEqual([5, 5, 0]);
  });
});

describe('the township summary', () => {
  const world = tinyWorld();
  const run = (failed: number[], back: (number | null)[], cut: number[]): TownshipRunValues => ({ failedSites: failed, allBackHours: back, cutOffHours: cut });
  const order = (xs: Record<string, number | null>) => world.townships.ids.map((id) => xs[id] ?? null);

  it('puts the last restored first, "not by the end" last of all, and correlates cut-off hours with it', () => {
    const runs = [
      run(order({ 't-a': 1, 't-b': 1, 't-c': 1 }) as number[], order({ 't-a': 4, 't-b': 10, 't-c': null }), order({ 't-a': 0, 't-b': 3, 't-c': 9 }) as number[]),
      run(order({ 't-a': 1, 't-b': 1, 't-c': 1 }) as number[], order({ 't-a': 6, 't-b': 12, 't-c': null }), order({ 't-a': 0, 't-b': 5, 't-c': 11 }) as number[]),
    ];
    const s = summariseTownships(world, runs);
    expect(s.rows.map((r) => r.id)).toEqual(['t-c', 't-b', 't-a']);
    expect(s.rows[0].allBack).toMatchObject({ n: 2, never: 2, median: null });
    expect(s.rows[1].allBack.median).toBe(11);
    expect(s.rows[2].allBack.median).toBe(5);
    expect(s.rows[1].cutOffHours).toBe(4);
    // Cut off 0, 4, 10 h against back by 5, 11, never: the same order.
    expect(s.spearman).toBeCloseTo(1, 12);
    expect(s.townshipsRanked).toBe(3);
  });
});
