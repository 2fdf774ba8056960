import { describe, expect, it } from 'vitest';
import { sharePercent } from './summary.ts';

describe('shares in the sweep report', () => {
  it('rounds to whole percents but never onto 100 % or 0 % unless exact', () => {
    expect(sharePercent(1)).toBe('100');
    expect(sharePercent(0)).toBe('0');
    expect(sharePercent(199 / 200)).toBe('99.5');
    expect(sharePercent(1 / 400)).toBe('0.3');
    expect(sharePercent(0.5)).toBe('50');
    expect(sharePercent(0.994)).toBe('99');
  });
});
