import { describe, expect, it } from 'vitest';
import {
  PI,
  atan,
  atan2,
  cos,
  degToRad,
  exp,
  exp10,
  hypot,
  log,
  log10,
  lognormalCdf,
  normCdf,
  normInv,
  pow,
  radToDeg,
  sin,
} from './dmath.ts';

/** Deterministic sample points (Numerical Recipes LCG), never Math.random. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function samples(n: number, seed: number, map: (u: number) => number): number[] {
  const next = lcg(seed);
  return Array.from({ length: n }, () => map(next()));
}

/** Relative error, or absolute error where the reference is near zero. */
function closeEnough(actual: number, expected: number, rel: number, absNearZero = 0): boolean {
  const diff = Math.abs(actual - expected);
  return diff <= rel * Math.abs(expected) || diff <= absNearZero;
}

function expectAllClose(
  points: number[][],
  ours: (...args: number[]) => number,
  reference: (...args: number[]) => number,
  rel: number,
  absNearZero = 0,
): void {
  const failures = points
    .map((args) => ({ args, ours: ours(...args), ref: reference(...args) }))
    .filter((r) => !closeEnough(r.ours, r.ref, rel, absNearZero));
  expect(failures.slice(0, 5)).toEqual([]);
}

const REL = 1e-12;
const N = 4000;

describe('accuracy against Math.* (1e-12 relative)', () => {
  it('exp on [-700, 700] and near 0', () => {
    const wide = samples(N, 1, (u) => -700 + 1400 * u).map((x) => [x]);
    const narrow = samples(N, 2, (u) => -1 + 2 * u).map((x) => [x]);
    expectAllClose([...wide, ...narrow], exp, Math.exp, REL);
  });

  it('log and log10 on [1e-300, 1e300] and near 1', () => {
    const wide = samples(N, 3, (u) => Math.pow(10, -300 + 600 * u)).map((x) => [x]);
    const nearOne = samples(N, 4, (u) => 0.5 + u).map((x) => [x]);
    expectAllClose([...wide, ...nearOne], log, Math.log, REL);
    expectAllClose([...wide, ...nearOne], log10, Math.log10, REL);
  });

  it('exp10 on [-300, 300]', () => {
    const xs = samples(N, 5, (u) => -300 + 600 * u).map((x) => [x]);
    expectAllClose(xs, exp10, (x) => Math.pow(10, x), REL);
  });

  it('pow for bases 1e-6..1e6 and exponents -20..20', () => {
    const next = lcg(6);
    const points = Array.from({ length: N }, () => [Math.pow(10, -6 + 12 * next()), -20 + 40 * next()]);
    expectAllClose(points, pow, Math.pow, REL);
    const integerExponents = Array.from({ length: 500 }, () => [Math.pow(10, -6 + 12 * next()), Math.floor(-20 + 41 * next())]);
    expectAllClose(integerExponents, pow, Math.pow, REL);
  });

  it('sin and cos on [-1e4, 1e4], including multiples of pi/2', () => {
    const xs = samples(N, 7, (u) => -1e4 + 2e4 * u).map((x) => [x]);
    const multiples = Array.from({ length: 6000 }, (_, k) => [((k - 3000) * Math.PI) / 2]);
    expectAllClose([...xs, ...multiples], sin, Math.sin, REL, 1e-15);
    expectAllClose([...xs, ...multiples], cos, Math.cos, REL, 1e-15);
  });

  it('atan across magnitudes and atan2 in all four quadrants', () => {
    const next = lcg(8);
    const xs = Array.from({ length: N }, () => [(next() < 0.5 ? -1 : 1) * Math.pow(10, -8 + 16 * next())]);
    expectAllClose(xs, atan, Math.atan, REL);
    const points = Array.from({ length: N }, () => [-10 + 20 * next(), -10 + 20 * next()]);
    expectAllClose(points, atan2, Math.atan2, REL, 1e-15);
    for (const [y, x] of [[1, 1], [1, -1], [-1, -1], [-1, 1], [0, 1], [0, -1], [1, 0], [-1, 0]]) {
      expect(closeEnough(atan2(y, x), Math.atan2(y, x), REL)).toBe(true);
    }
  });

  it('hypot matches Math.hypot, including huge and tiny magnitudes', () => {
    const next = lcg(9);
    const points = Array.from({ length: N }, () => [
      (next() - 0.5) * Math.pow(10, -300 + 600 * next()),
      (next() - 0.5) * Math.pow(10, -300 + 600 * next()),
    ]);
    expectAllClose(points, hypot, Math.hypot, REL);
    expect(hypot(3, 4)).toBe(5);
  });

  it('degree/radian conversions', () => {
    expect(degToRad(180)).toBe(PI);
    expect(radToDeg(PI)).toBe(180);
    expect(closeEnough(degToRad(35.7), (35.7 * Math.PI) / 180, 1e-15)).toBe(true);
  });
});

describe('special values', () => {
  it('NaN in gives NaN out', () => {
    for (const f of [exp, log, log10, exp10, sin, cos, atan, normCdf, normInv]) expect(f(NaN)).toBeNaN();
    expect(pow(NaN, 2)).toBeNaN();
    expect(atan2(NaN, 1)).toBeNaN();
    expect(lognormalCdf(NaN, 1, 0.5)).toBeNaN();
  });

  it('exp and log limits', () => {
    expect(exp(710)).toBe(Infinity);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(1)).toBe(0);
    expect(log(Infinity)).toBe(Infinity);
    expect(log10(1000)).toBe(3);
    expect(log(5e-324)).toBeCloseTo(Math.log(5e-324), 12);
    expect(exp10(2)).toBe(100);
  });

  it('pow edge cases', () => {
    expect(pow(0, 2)).toBe(0);
    expect(pow(0, -1)).toBe(Infinity);
    expect(pow(0, 0)).toBe(1);
    expect(pow(5, 0)).toBe(1);
    expect(pow(-2, 3)).toBe(-8);
    expect(pow(-2, -2)).toBe(0.25);
    expect(pow(10, 2)).toBe(100);
    expect(() => pow(-2, 0.5)).toThrow(RangeError);
    expect(pow(2, 2000)).toBe(Infinity);
    expect(pow(Infinity, -1.5)).toBe(0);
  });

  it('trig and atan2 signs', () => {
    expect(sin(Infinity)).toBeNaN();
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(Object.is(atan(-0), -0)).toBe(true);
    expect(Object.is(atan2(-0, 1), -0)).toBe(true);
    expect(atan2(0, -0)).toBe(PI);
    expect(atan2(-0, -1)).toBe(-PI);
    expect(atan2(Infinity, -Infinity)).toBe((3 * PI) / 4);
    expect(() => sin(1e7)).toThrow(RangeError);
  });

  it('normal distribution limits', () => {
    expect(normCdf(-40)).toBe(0);
    expect(normCdf(40)).toBe(1);
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    expect(normInv(1.5)).toBeNaN();
    expect(lognormalCdf(0, 0.3, 0.6)).toBe(0);
    expect(lognormalCdf(-1, 0.3, 0.6)).toBe(0);
    expect(lognormalCdf(0.3, 0.3, 0.6)).toBe(0.5);
  });
});

describe('normal distribution accuracy', () => {
  it('matches published values of the standard normal CDF', () => {
    expect(closeEnough(normCdf(1), 0.8413447460685429, REL)).toBe(true);
    expect(closeEnough(normCdf(-3), 0.0013498980316301, REL)).toBe(true);
    expect(closeEnough(normCdf(-10), 7.619853024160527e-24, REL)).toBe(true);
    // Far tail, from 0.5·erfc(37/√2) evaluated in 200-bit arithmetic (mpmath).
    expect(closeEnough(normCdf(-37), 5.7255712225245768e-300, REL)).toBe(true);
  });

  it('is symmetric: Φ(z) + Φ(−z) = 1', () => {
    for (const z of samples(1000, 10, (u) => 8 * u)) {
      expect(Math.abs(normCdf(z) + normCdf(-z) - 1)).toBeLessThan(2e-16);
    }
  });

  it('normInv inverts normCdf', () => {
    // Lower tail and centre: p carries full relative precision, so z comes back to ~1e-13.
    for (const z of samples(2000, 11, (u) => -37 + 37 * u)) {
      expect(Math.abs(normInv(normCdf(z)) - z)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(z)));
    }
    // Upper tail: 1 − p keeps only absolute precision ~1e-16, so z is good to ~1e-16/φ(z).
    for (const z of samples(500, 12, (u) => 5 * u)) {
      expect(Math.abs(normInv(normCdf(z)) - z)).toBeLessThan(1e-10);
    }
  });
});

// Exact bit patterns printed by this implementation. If one of these changes,
// every recorded replay and golden run changes with it: do not update them
// without a migration note.
const GOLDEN: Record<string, Array<[number[], number]>> = {
  exp: [
    [[-700], 9.85967654375977e-305],
    [[-20.5], 1.2501528663867426e-9],
    [[-1], 0.36787944117144233],
    [[-1e-9], 0.999999999],
    [[0.1], 1.1051709180756477],
    [[0.5], 1.6487212707001282],
    [[1], 2.7182818284590455],
    [[2.302585092994046], 10.000000000000002],
    [[10.75], 46630.028453524326],
    [[700], 1.0142320547350045e+304],
  ],
  log: [
    [[1e-300], -690.7755278982137],
    [[0.00001], -11.512925464970229],
    [[0.1], -2.3025850929940455],
    [[0.5], -0.6931471805599453],
    [[0.9999999], -1.0000000494736474e-7],
    [[1.0000001], 9.999999505838704e-8],
    [[2], 0.6931471805599453],
    [[10], 2.302585092994046],
    [[123456.789], 11.723646487185881],
    [[1e+300], 690.7755278982137],
  ],
  log10: [
    [[1e-300], -300],
    [[0.001], -3],
    [[0.3], -0.5228787452803376],
    [[0.999], -0.0004345117740176917],
    [[2], 0.3010299956639812],
    [[25], 1.3979400086720375],
    [[74.13], 1.8699940001217419],
    [[1000], 3],
    [[6.02e+23], 23.779596491257823],
    [[1e+300], 300],
  ],
  exp10: [
    [[-300], 1e-300],
    [[-6], 0.000001],
    [[-0.5], 0.31622776601683794],
    [[0.1], 1.2589254117941673],
    [[0.12933753943217666], 1.3469067811715683],
    [[1], 10],
    [[1.87], 74.13102413009177],
    [[2], 100],
    [[7.5], 31622776.60168379],
    [[300], 1e+300],
  ],
  pow: [
    [[0.000001, -20], 1.0000000000000004e+120],
    [[0.5, 0.5], 0.7071067811865475],
    [[2, 10], 1024],
    [[2, 0.1], 1.0717734625362931],
    [[9.80665, 1.5], 30.71008463738874],
    [[10, 2.2], 158.48931924611148],
    [[123.456, -3.7], 1.825596750213291e-8],
    [[1000000, 20], 1e+120],
    [[3, -2], 0.1111111111111111],
    [[-2, 3], -8],
  ],
  sin: [
    [[-10000], 0.30561438888825215],
    [[-3], -0.1411200080598672],
    [[-0.5], -0.479425538604203],
    [[1e-10], 1e-10],
    [[0.7853981633974483], 0.7071067811865475],
    [[1], 0.8414709848078965],
    [[3.141592653589793], 1.2246467991473532e-16],
    [[100], -0.5063656411097588],
    [[6283.185307179586], -6.428332918551267e-13],
    [[10000], -0.30561438888825215],
  ],
  cos: [
    [[-10000], -0.9521553682590148],
    [[-3], -0.9899924966004454],
    [[-0.5], 0.8775825618903728],
    [[1e-10], 1],
    [[0.7853981633974483], 0.7071067811865476],
    [[1], 0.5403023058681398],
    [[1.5707963267948966], 6.123233995736766e-17],
    [[100], 0.8623188722876839],
    [[6283.185307179586], 1],
    [[10000], -0.9521553682590148],
  ],
  atan: [
    [[-10000000000], -1.5707963266948965],
    [[-2.5], -1.1902899496825317],
    [[-1], -0.7853981633974483],
    [[-0.3], -0.2914567944778671],
    [[1e-12], 1e-12],
    [[0.45], 0.4228539261329407],
    [[0.7], 0.6107259643892086],
    [[1.2], 0.8760580505981934],
    [[3], 1.2490457723982544],
    [[100000000000000000000], 1.5707963267948966],
  ],
  atan2: [
    [[1, 1], 0.7853981633974483],
    [[1, -1], 2.356194490192345],
    [[-1, -1], -2.356194490192345],
    [[-1, 1], -0.7853981633974483],
    [[3, 4], 0.6435011087932844],
    [[-0.5, 0.001], -1.5687963294615568],
    [[0.001, -10], 3.1414926535901264],
    [[0, -1], 3.141592653589793],
    [[7, 0], 1.5707963267948966],
    [[-2.5, -0.1], -1.6107750139181867],
  ],
  normCdf: [
    [[-37], 5.725571222524577e-300],
    [[-10], 7.619853024160527e-24],
    [[-5.9], 1.8175078630994284e-9],
    [[-3], 0.0013498980316300946],
    [[-1], 0.15865525393145705],
    [[-0.3], 0.3820885778110473],
    [[0], 0.5],
    [[0.5], 0.691462461274013],
    [[1], 0.8413447460685429],
    [[6], 0.9999999990134123],
  ],
  normInv: [
    [[1e-300], -37.0470962993612],
    [[1e-20], -9.262340089798405],
    [[0.000001], -4.753424308822899],
    [[0.001], -3.090232306167813],
    [[0.025], -1.9599639845400538],
    [[0.3], -0.5244005127080407],
    [[0.5], 0],
    [[0.7], 0.5244005127080407],
    [[0.975], 1.9599639845400536],
    [[0.999999], 4.753424308817089],
  ],
  lognormalCdf: [
    [[0.1, 0.15, 0.7], 0.28121501571666063],
    [[0.2, 0.29, 0.55], 0.24965681443367996],
    [[0.45, 0.45, 0.45], 0.5],
    [[1, 0.9, 0.45], 0.592559710411057],
    [[0.05, 0.1, 0.6], 0.12399499425286352],
    [[0.3, 0.3, 0.6], 0.5],
    [[2, 1, 0.6], 0.8760050057471365],
    [[0.01, 0.5, 0.4], 6.856629877480238e-23],
    [[1.5, 0.47, 0.4], 0.9981414313943348],
    [[0.6, 0.38, 0.35], 0.9040576634043442],
  ],
};

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
  exp,
  log,
  log10,
  exp10,
  pow,
  sin,
  cos,
  atan,
  atan2,
  normCdf,
  normInv,
  lognormalCdf,
};

describe('golden bit patterns', () => {
  for (const [name, cases] of Object.entries(GOLDEN)) {
    it(name, () => {
      for (const [args, expected] of cases) expect(FUNCTIONS[name](...args)).toBe(expected);
    });
  }
});
