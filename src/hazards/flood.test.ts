import { describe, expect, it } from 'vitest';
import { depthAt, levelAt } from './flood.ts';

const times = Float64Array.from([0, 3600, 7200, 36000]);
const levels = Float64Array.from([100, 102, 103.5, 99]);

describe('flood stage hydrograph', () => {
  it('interpolates linearly between points and holds the ends', () => {
    expect(levelAt(times, levels, -10)).toBe(100);
    expect(levelAt(times, levels, 1800)).toBe(101);
    expect(levelAt(times, levels, 5400)).toBe(102.75);
    expect(levelAt(times, levels, 99999)).toBe(99);
  });

  it('gives depth = level − ground, never negative, with recession', () => {
    expect(depthAt(times, levels, 101, 7200)).toBeCloseTo(2.5, 12);
    expect(depthAt(times, levels, 101, 36000)).toBe(0);
    // Recession: from 103.5 at 2 h to 99 at 10 h: at 6 h the level is 101.25.
    expect(depthAt(times, levels, 101, 21600)).toBeCloseTo(0.25, 12);
  });
});
