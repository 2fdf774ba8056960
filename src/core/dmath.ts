// Deterministic maths. ECMAScript leaves Math.exp, Math.log, Math.sin, ... to
// the engine ("implementation-approximated"), so two browsers or two Node
// versions may disagree in the last bit, and one differing bit in a damage
// draw forks a whole replay. Everything here is built only from + − × ÷,
// Math.sqrt, Math.floor, Math.abs and Math.trunc, which IEEE 754 defines
// exactly, plus literal constants, so the same input gives the same bits on
// every engine.
//
// exp, log, sin, cos and atan follow Sun's fdlibm 5.3 (the algorithms behind
// java.lang.StrictMath), whose polynomial coefficients were checked against
// their published hex bit patterns; error < 1 ulp. normCdf is W. J. Cody's
// ANORM (ACM TOMS Algorithm 715, as in R's pnorm.c) and normInv is Wichura's
// AS 241 PPND16 (Appl. Statist. 37(3), 1988).
//
// Changing any operation order here changes results in the last bit and
// breaks recorded replays: the golden tests in dmath.test.ts pin the bits.

export const PI = 3.141592653589793;
const PI_LO = 1.2246467991473531772e-16; // π − PI
const PI_O_2 = 1.5707963267948966;
const PI_O_4 = 0.7853981633974483;
const DEG_PER_RAD = 180 / PI;
const RAD_PER_DEG = PI / 180;

const LN2_HI = 6.93147180369123816490e-1; // low 32 bits zero: k·LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const LN10_HI = 2.302585092994046; // double nearest ln 10
const LN10_LO = -2.1707562233822494e-16; // ln 10 − LN10_HI
const SQRT2 = 1.4142135623730951;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Exact powers of two 2^-1074 … 2^1023, built by exact doubling and halving. */
const POW2_BIAS = 1074;
const POW2 = buildPowersOfTwo();

function buildPowersOfTwo(): Float64Array {
  const table = new Float64Array(POW2_BIAS + 1024);
  table[POW2_BIAS] = 1;
  for (let e = 1; e <= 1023; e++) table[POW2_BIAS + e] = table[POW2_BIAS + e - 1] * 2;
  for (let e = -1; e >= -1074; e--) table[POW2_BIAS + e] = table[POW2_BIAS + e + 1] * 0.5;
  return table;
}

/** 2^e for an integer e in [-1074, 1023]. */
function pow2(e: number): number {
  return POW2[POW2_BIAS + e];
}

/** y·2^k, for |y| in [0.5, 2) and k in [-1130, 1025]; stays in range in two exact steps. */
function scaleByPow2(y: number, k: number): number {
  if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return y * pow2(k + 60) * pow2(-60);
  return y * pow2(k);
}

// ---------------------------------------------------------------------------
// Error-free products (Dekker / Veltkamp): a·b = hi + lo exactly.

const SPLITTER = 134217729; // 2^27 + 1

function splitHi(a: number): number {
  const t = SPLITTER * a;
  return t - (t - a);
}

/** Rounding error of the product a·b, given p = fl(a·b); exact for |a·b| < 2^996. */
function productError(a: number, b: number, p: number): number {
  const aHi = splitHi(a);
  const aLo = a - aHi;
  const bHi = splitHi(b);
  const bLo = b - bHi;
  return aLo * bLo - (((p - aHi * bHi) - aLo * bHi) - aHi * bLo);
}

// ---------------------------------------------------------------------------
// Exponential

const EXP_P1 = 1.66666666666666019037e-1;
const EXP_P2 = -2.77777777770155933842e-3;
const EXP_P3 = 6.61375632143793436117e-5;
const EXP_P4 = -1.65339022054652515390e-6;
const EXP_P5 = 4.13813679705723846039e-8;
const EXP_OVERFLOW = 7.09782712893383973096e2;
const EXP_UNDERFLOW = -7.45133219101941108420e2;

/**
 * e^(hi + lo) where lo is a small correction to hi (|lo| ≲ ulp(hi)). The tail
 * lets exp10 and pow pass an exactly split argument and keep full precision.
 */
function expSplit(hi: number, lo: number): number {
  if (hi !== hi || lo !== lo) return NaN;
  if (hi > EXP_OVERFLOW) return Infinity;
  if (hi < EXP_UNDERFLOW) return 0;
  // Cody–Waite reduction: arg = k·ln2 + r, |r| ≤ ln2/2 (plus the tail).
  const k = Math.floor(hi * INV_LN2 + 0.5);
  const rHi = hi - k * LN2_HI;
  const rLo = k * LN2_LO - lo;
  const r = rHi - rLo;
  const t = r * r;
  const c = r - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  const y = 1 - ((rLo - (r * c) / (2 - c)) - rHi);
  return scaleByPow2(y, k);
}

/** e^x. */
export function exp(x: number): number {
  return expSplit(x, 0);
}

/** 10^x, with x·ln10 formed exactly so the result keeps ~1 ulp accuracy. */
export function exp10(x: number): number {
  if (x !== x) return NaN;
  if (x > 309) return Infinity;
  if (x < -324) return 0;
  const p = x * LN10_HI;
  const tail = productError(x, LN10_HI, p) + x * LN10_LO;
  return expSplit(p, tail);
}

// ---------------------------------------------------------------------------
// Logarithms

const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const IVLN10 = 4.34294481903251816668e-1;
const LOG10_2_HI = 3.01029995663611771306e-1; // low bits zero: k·LOG10_2_HI is exact
const LOG10_2_LO = 3.69423907715893078616e-13;

/** Reusable result slot for decompose(), so the hot path allocates nothing. */
let decomposedExponent = 0;

/**
 * Splits a finite x > 0 as m·2^k with m in [√2/2, √2); returns m and leaves k
 * in decomposedExponent. Binary search over exact powers of two stands in
 * for reading the exponent bits.
 */
function decompose(x: number): number {
  let k = 0;
  if (x < pow2(-1022)) {
    x *= pow2(54); // subnormal → normal, exact
    k = -54;
  }
  let lo = -1022;
  let hi = 1023;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pow2(mid) <= x) lo = mid;
    else hi = mid - 1;
  }
  let m = x / pow2(lo); // exact: [1, 2)
  k += lo;
  if (m >= SQRT2) {
    m *= 0.5;
    k += 1;
  }
  decomposedExponent = k;
  return m;
}

/** k·ln2 + ln(m) for m in [√2/2, √2): fdlibm's series in s = f/(2+f), f = m − 1, with ln2 split so k·ln2 adds exactly. */
function logReduced(m: number, k: number): number {
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
}

/** Natural logarithm. log(0) = −Infinity, log(negative) = NaN. */
export function log(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  const m = decompose(x);
  return logReduced(m, decomposedExponent);
}

/** Base-10 logarithm. */
export function log10(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  const m = decompose(x);
  const k = decomposedExponent;
  return k * LOG10_2_HI + (k * LOG10_2_LO + IVLN10 * logReduced(m, 0));
}

// ---------------------------------------------------------------------------
// Powers

/** Largest |integer exponent| computed by repeated squaring (exact for small results like 10^2). */
const MAX_SQUARING_EXPONENT = 64;

/** base^n by repeated squaring for a positive base; NaN when the result leaves the normal range. */
function powByIntegerSquaring(base: number, n: number): number {
  let result = 1;
  let factor = base;
  let e = Math.abs(n);
  while (e > 0) {
    if (e % 2 === 1) result *= factor;
    e = Math.floor(e / 2);
    if (e > 0) factor *= factor;
  }
  // Overflow or gradual underflow in the running product would lose accuracy.
  if (!(result >= MIN_NORMAL && result < Infinity)) return NaN;
  return n < 0 ? 1 / result : result;
}

function isInteger(x: number): boolean {
  return Math.floor(x) === x && Math.abs(x) !== Infinity;
}

/**
 * base^exponent for real exponents. Small integer exponents use repeated
 * squaring (so 10^2 is exactly 100); other cases use e^(exponent·ln base)
 * with the product split exactly, ~1e-14 relative for |exponent·ln base| <
 * 300. A negative base is allowed only with an integer (or infinite)
 * exponent; otherwise the result would be complex, which is a caller bug, so
 * it throws RangeError. Unlike Math.pow, pow(1, ±Infinity) is 1.
 */
export function pow(base: number, exponent: number): number {
  if (exponent === 0) return 1;
  if (base !== base || exponent !== exponent) return NaN;
  if (base === 1) return 1;
  if (base < 0) {
    if (Math.abs(exponent) === Infinity) return pow(-base, exponent);
    if (!isInteger(exponent)) {
      throw new RangeError(`pow: negative base ${base} with non-integer exponent ${exponent}`);
    }
    const magnitude = pow(-base, exponent);
    return Math.abs(exponent % 2) === 1 ? -magnitude : magnitude;
  }
  if (base === 0) return exponent > 0 ? 0 : Infinity;
  if (isInteger(exponent) && Math.abs(exponent) <= MAX_SQUARING_EXPONENT) {
    const bySquaring = powByIntegerSquaring(base, exponent);
    if (bySquaring === bySquaring) return bySquaring;
  }
  const lnBase = log(base);
  const p = exponent * lnBase;
  if (p !== p) return NaN;
  if (Math.abs(p) > 1e300) return p > 0 ? Infinity : 0;
  return expSplit(p, productError(exponent, lnBase, p));
}

// ---------------------------------------------------------------------------
// Trigonometry

const PIO2_1 = 1.57079632673412561417; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 − PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // second 33 bits
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21; // third 33 bits
const PIO2_3T = 8.47842766036889956997e-32;
const INV_PIO2 = 6.36619772367581382433e-1;
/** Beyond 2^20·π/2, n·PIO2_1 is no longer exact and Cody–Waite loses bits. */
const MAX_TRIG_ARGUMENT = 1647099.3291652855;

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** sin(x + y) for |x| ≤ π/4, y a tiny tail of x. */
function kernelSin(x: number, y: number): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** cos(x + y) for |x| ≤ π/4 (FreeBSD's rearrangement, no bit tricks needed). */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const a = 1 - hz;
  return a + (((1 - a) - hz) + (z * r - x * y));
}

// Result slots of reduceHalfPi (reduced argument as head + tail, quadrant).
let reducedHead = 0;
let reducedTail = 0;
let reducedQuadrant = 0;

/** a + b as head + exact rounding error (Knuth's TwoSum); returns the head, error in twoSumError. */
let twoSumError = 0;
function twoSum(a: number, b: number): number {
  const s = a + b;
  const bVirtual = s - a;
  twoSumError = (a - (s - bVirtual)) + (b - bVirtual);
  return s;
}

/**
 * Cody–Waite reduction of t ≥ 0 by π/2 in three 33-bit pieces of π/2 (as in
 * fdlibm's medium case): t = n·π/2 + head + tail with ~150 bits of π. Each
 * n·PIO2_i is exact for n < 2^20, t − n·PIO2_1 is exact by Sterbenz's lemma,
 * and the second subtraction keeps its rounding error, so results near a
 * multiple of π stay accurate.
 */
function reduceHalfPi(t: number): void {
  const n = Math.floor(t * INV_PIO2 + 0.5);
  const a = t - n * PIO2_1;
  const s = twoSum(a, -(n * PIO2_2));
  const tailSum = twoSumError - n * PIO2_3 - n * PIO2_3T;
  const head = twoSum(s, tailSum);
  reducedHead = head;
  reducedTail = twoSumError;
  reducedQuadrant = n - 4 * Math.floor(n / 4);
}

function checkTrigArgument(x: number): void {
  if (Math.abs(x) > MAX_TRIG_ARGUMENT && Math.abs(x) !== Infinity) {
    throw new RangeError(`sin/cos: |x| = ${Math.abs(x)} exceeds ${MAX_TRIG_ARGUMENT}`);
  }
}

/** sin(x) for |x| ≤ 1.6e6 (radians); larger finite arguments throw RangeError. */
export function sin(x: number): number {
  if (x !== x || Math.abs(x) === Infinity) return NaN;
  checkTrigArgument(x);
  const t = Math.abs(x);
  if (t <= PI_O_4) return kernelSin(x, 0);
  reduceHalfPi(t);
  let s: number;
  switch (reducedQuadrant) {
    case 0: s = kernelSin(reducedHead, reducedTail); break;
    case 1: s = kernelCos(reducedHead, reducedTail); break;
    case 2: s = -kernelSin(reducedHead, reducedTail); break;
    default: s = -kernelCos(reducedHead, reducedTail); break;
  }
  return x < 0 ? -s : s;
}

/** cos(x) for |x| ≤ 1.6e6 (radians); larger finite arguments throw RangeError. */
export function cos(x: number): number {
  if (x !== x || Math.abs(x) === Infinity) return NaN;
  checkTrigArgument(x);
  const t = Math.abs(x);
  if (t <= PI_O_4) return kernelCos(t, 0);
  reduceHalfPi(t);
  switch (reducedQuadrant) {
    case 0: return kernelCos(reducedHead, reducedTail);
    case 1: return -kernelSin(reducedHead, reducedTail);
    case 2: return -kernelCos(reducedHead, reducedTail);
    default: return kernelSin(reducedHead, reducedTail);
  }
}

const ATAN_HI = [
  4.63647609000806093515e-1, // atan(0.5)
  7.85398163397448278999e-1, // atan(1)
  9.82793723247329054082e-1, // atan(1.5)
  1.57079632679489655800, // atan(∞)
];
const ATAN_LO = [
  2.26987774529616870924e-17,
  3.06161699786838301793e-17,
  1.39033110312309984516e-17,
  6.12323399573676603587e-17,
];
const AT0 = 3.33333333333329318027e-1;
const AT1 = -1.99999999998764832476e-1;
const AT2 = 1.42857142725034663711e-1;
const AT3 = -1.11111104054623557880e-1;
const AT4 = 9.09088713343650656196e-2;
const AT5 = -7.69187620504482999495e-2;
const AT6 = 6.66107313738753120669e-2;
const AT7 = -5.83357013379057348645e-2;
const AT8 = 4.97687799461593236017e-2;
const AT9 = -3.65315727442169155270e-2;
const AT10 = 1.62858201153657823623e-2;
const TWO_POW_66 = 7.378697629483821e19;
const TWO_POW_MINUS_29 = 1.862645149230957e-9;

/** atan(x), result in [−π/2, π/2]. */
export function atan(x: number): number {
  if (x !== x) return NaN;
  const t = Math.abs(x);
  if (t < TWO_POW_MINUS_29) return x; // atan(x) = x to double precision; keeps −0
  if (t >= TWO_POW_66) return x > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
  // Reduce to |u| < 7/16 around one of the anchor points 0.5, 1, 1.5, ∞.
  let id = -1;
  let u = x;
  if (t >= 0.4375) {
    if (t < 0.6875) { id = 0; u = (2 * t - 1) / (2 + t); }
    else if (t < 1.1875) { id = 1; u = (t - 1) / (t + 1); }
    else if (t < 2.4375) { id = 2; u = (t - 1.5) / (1 + 1.5 * t); }
    else { id = 3; u = -1 / t; }
  }
  const z = u * u;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) return u - u * (s1 + s2);
  const r = ATAN_HI[id] - ((u * (s1 + s2) - ATAN_LO[id]) - u);
  return x < 0 ? -r : r;
}

function isNegative(x: number): boolean {
  return x < 0 || (x === 0 && 1 / x < 0);
}

/** atan2(y, x): angle of the point (x, y) in (−π, π], with IEEE signed-zero and infinity rules. */
export function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === 1) return atan(y);
  const yNeg = isNegative(y);
  const xNeg = isNegative(x);
  if (y === 0) {
    if (!xNeg) return y; // ±0
    return yNeg ? -PI : PI;
  }
  if (x === 0) return yNeg ? -PI_O_2 : PI_O_2;
  const xInf = Math.abs(x) === Infinity;
  const yInf = Math.abs(y) === Infinity;
  if (xInf) {
    if (yInf) {
      const a = xNeg ? 3 * PI_O_4 : PI_O_4;
      return yNeg ? -a : a;
    }
    if (!xNeg) return yNeg ? -0 : 0;
    return yNeg ? -PI : PI;
  }
  if (yInf) return yNeg ? -PI_O_2 : PI_O_2;
  const z = atan(Math.abs(y / x));
  if (!xNeg) return yNeg ? -z : z;
  return yNeg ? (z - PI_LO) - PI : PI - (z - PI_LO);
}

/** sqrt(x² + y²) without intermediate overflow or underflow. */
export function hypot(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (a === Infinity || b === Infinity) return Infinity;
  if (a !== a || b !== b) return NaN;
  if (a < b) { const t = a; a = b; b = t; }
  if (a === 0) return 0;
  // Rescale by an exact power of two only when squares would leave range.
  if (a > 1e150) return hypotScaled(a, b, pow2(-600), pow2(600));
  if (a < 1e-150) return hypotScaled(a, b, pow2(600), pow2(-600));
  return Math.sqrt(a * a + b * b);
}

function hypotScaled(a: number, b: number, down: number, up: number): number {
  const as = a * down;
  const bs = b * down;
  return Math.sqrt(as * as + bs * bs) * up;
}

export function degToRad(deg: number): number {
  return deg * RAD_PER_DEG;
}

export function radToDeg(rad: number): number {
  return rad * DEG_PER_RAD;
}

// ---------------------------------------------------------------------------
// Normal distribution

const ANORM_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const ANORM_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const ANORM_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
];
const ANORM_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const ANORM_P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const ANORM_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const INV_SQRT_2PI = 0.39894228040143267794;
const SQRT_32 = 5.656854249492380195;
const ANORM_SMALL = 0.66291; // Cody's first-interval bound
const ANORM_LOWEST = -37.5193; // Φ underflows below this
const ANORM_HIGHEST = 8.2924; // Φ rounds to 1 above this

/**
 * e^(−x²/2)·factor, with x² split as xsq² + del so that the rounding error of
 * x² (up to ~1e-13 absolute near x = 37) is not amplified by the exponential.
 */
function gaussianTail(x: number, factor: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return exp(-xsq * xsq * 0.5) * exp(-del * 0.5) * factor;
}

/** Standard normal CDF Φ(z) (Cody's ANORM); relative error ~1e-15 down to z = −37.5. */
export function normCdf(z: number): number {
  if (z !== z) return NaN;
  const y = Math.abs(z);
  if (y <= ANORM_SMALL) {
    const xsq = z * z;
    let num = ANORM_A[4] * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + ANORM_A[i]) * xsq;
      den = (den + ANORM_B[i]) * xsq;
    }
    return 0.5 + (z * (num + ANORM_A[3])) / (den + ANORM_B[3]);
  }
  let lowerTail: number; // Φ(−|z|)
  if (y <= SQRT_32) {
    let num = ANORM_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ANORM_C[i]) * y;
      den = (den + ANORM_D[i]) * y;
    }
    lowerTail = gaussianTail(y, (num + ANORM_C[7]) / (den + ANORM_D[7]));
  } else {
    if (z <= ANORM_LOWEST) return 0;
    if (z >= ANORM_HIGHEST) return 1;
    const xsq = 1 / (z * z);
    let num = ANORM_P[5] * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + ANORM_P[i]) * xsq;
      den = (den + ANORM_Q[i]) * xsq;
    }
    const r = (xsq * (num + ANORM_P[4])) / (den + ANORM_Q[4]);
    lowerTail = gaussianTail(y, (INV_SQRT_2PI - r) / y);
  }
  return z > 0 ? 1 - lowerTail : lowerTail;
}

const PPND_A = [3.3871328727963666080, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const PPND_B = [1, 42.313330701600911252, 687.18700749205790830, 5394.1960214247511077, 21213.794301586595867, 39307.895800092710610, 28729.085735721942674, 5226.4952788528545610];
const PPND_C = [1.42343711074968357734, 4.63033784615654529590, 5.76949722146069140550, 3.64784832476320460504, 1.27045825245236838258, 0.241780725177450611770, 0.0227238449892691845833, 7.74545014278341407640e-4];
const PPND_D = [1, 2.05319162663775882187, 1.67638483018380384940, 0.689767334985100004550, 0.148103976427480074590, 0.0151986665636164571966, 5.47593808499534494600e-4, 1.05075007164441684324e-9];
const PPND_E = [6.65790464350110377720, 5.46378491116411436990, 1.78482653991729133580, 0.296560571828504891230, 0.0265321895265761230930, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const PPND_F = [1, 0.599832206555887937690, 0.136929880922735805310, 0.0148753612908506148525, 7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15];

/** c[0] + c[1]·x + … + c[7]·x⁷ (Horner). */
function poly7(c: readonly number[], x: number): number {
  return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0];
}

/**
 * Inverse standard normal CDF Φ⁻¹(p) (Wichura AS 241 PPND16, ~1e-16 relative).
 * p = 0 → −Infinity, p = 1 → Infinity, outside [0, 1] or NaN → NaN.
 */
export function normInv(p: number): number {
  if (p !== p || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(PPND_A, r)) / poly7(PPND_B, r);
  }
  let r = Math.sqrt(-log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = poly7(PPND_C, r) / poly7(PPND_D, r);
  } else {
    r -= 5;
    value = poly7(PPND_E, r) / poly7(PPND_F, r);
  }
  return q < 0 ? -value : value;
}

/** Lognormal CDF Φ(ln(x/median)/β): the HAZUS fragility-curve form. 0 for x ≤ 0. */
export function lognormalCdf(x: number, median: number, beta: number): number {
  if (x !== x || median !== median || beta !== beta) return NaN;
  if (x <= 0) return 0;
  return normCdf(log(x / median) / beta);
}

/** The Poisson count of this mean at quantile u, by inversion (fine for the small means of slides, breaks and aftershocks). */
export function poissonQuantile(mean: number, u: number): number {
  let term = exp(-mean);
  let cumulative = term;
  let n = 0;
  while (u > cumulative && n < 10_000) {
    n++;
    term = (term * mean) / n;
    cumulative += term;
  }
  return n;
}
