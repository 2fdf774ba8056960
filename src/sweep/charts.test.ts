import { describe, expect, it } from 'vitest';
import { exceedanceSvg, fanChartSvg, forestSvg, niceAxis, tornadoSvg } from './charts.ts';

const selfContained = (svg: string) => {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).not.toMatch(/<script|href=|url\(|@import/);
};

describe('sweep report figures', () => {
  it('axes end on round numbers around the data', () => {
    expect(niceAxis(0.37, 0.93)).toEqual({ lo: 0.2, hi: 1, step: 0.2 });
    expect(niceAxis(0.37, 0.93, 10)).toEqual({ lo: 0.3, hi: 1, step: 0.1 });
    expect(niceAxis(0, 72, 6)).toEqual({ lo: 0, hi: 80, step: 20 });
    expect(niceAxis(5, 5)).toEqual({ lo: 4.4, hi: 5.6, step: 0.2 }); // a flat series gets ±10 % of room
  });

  it('fan chart: one band and one median line per variant, in the data range', () => {
    const svg = fanChartSvg([0, 3600, 7200], [
      { name: 'base', p10: [1, 0.5, 0.6], p50: [1, 0.6, 0.7], p90: [1, 0.7, 0.8] },
      { name: 'roaming', p10: [1, 0.7, 0.8], p50: [1, 0.8, 0.9], p90: [1, 0.85, 0.95] },
    ], { title: 'served', yLabel: '%', scale: 100 });
    selfContained(svg);
    expect(svg.match(/<polygon /g)).toHaveLength(2);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('>roaming<');
    expect(svg).toContain('>50<'); // the y axis starts at the lowest P10 (50 %) rounded down
  });

  it('exceedance curve starts at 1 and ends at 0 for every variant', () => {
    const q = Array.from({ length: 101 }, (_, k) => 100 + k);
    const svg = exceedanceSvg([{ name: 'base', quantiles: q }, { name: 'v', quantiles: q.map((x) => x - 50) }], { title: 't', xLabel: 'loss' });
    selfContained(svg);
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' '));
    expect(lines).toHaveLength(2);
    for (const pts of lines) {
      const ys = pts.map((p) => Number(p.split(',')[1]));
      // P(loss > the smallest value) = 1 is drawn at the top of the plot, P = 0 at its foot.
      expect(ys[0]).toBe(28);
      expect(ys[ys.length - 1]).toBe(276);
    }
  });

  it('forest plot: a zero line per panel, an interval per row that has one', () => {
    const svg = forestSvg([
      { title: 'score', unit: 'points', better: 'higher', rows: [{ name: 'a', index: 1, mean: 1, lo: 0.3, hi: 1.7 }, { name: 'b', index: 2, mean: -0.2, lo: null, hi: null }] },
      { title: 'loss', unit: '%·h', better: 'lower', rows: [{ name: 'a', index: 1, mean: -280, lo: -300, hi: -260 }] },
    ]);
    selfContained(svg);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2);
    expect(svg.match(/stroke-width="2"/g)).toHaveLength(2);
    expect(svg.match(/<rect /g)).toHaveLength(3);
  });

  it('tornado: widest swing on top', () => {
    const svg = tornadoSvg([{ label: 'narrow', atLow: 79, atHigh: 81 }, { label: 'wide', atLow: 70, atHigh: 90 }], 80, { title: 't', xLabel: 'score' });
    selfContained(svg);
    expect(svg.indexOf('>wide<')).toBeLessThan(svg.indexOf('>narrow<'));
  });
});
