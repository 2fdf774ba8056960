import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from './codec.ts';
import { hashValue } from './hash.ts';

describe('canonical state hash', () => {
  it('ignores object key order but not array order', () => {
    expect(hashValue({ a: 1, b: [1, 2] })).toBe(hashValue({ b: [1, 2], a: 1 }));
    expect(hashValue({ a: 1, b: [1, 2] })).not.toBe(hashValue({ a: 1, b: [2, 1] }));
  });

  it('sees a one-bit change in a double', () => {
    expect(hashValue([0.1 + 0.2])).not.toBe(hashValue([0.3]));
  });

  it('hashes typed arrays by value and distinguishes types of values', () => {
    expect(hashValue(new Float64Array([1, 2]))).toBe(hashValue(new Float64Array([1, 2])));
    expect(hashValue({ x: '1' })).not.toBe(hashValue({ x: 1 }));
    expect(hashValue({ x: true })).not.toBe(hashValue({ x: 1 }));
  });

  it('hashes a float array by its values: -0 as 0, a view at an offset like a copy', () => {
    expect(hashValue(new Float64Array([-0, 1.5]))).toBe(hashValue(new Float64Array([0, 1.5])));
    const backing = new Float64Array([9, 0.1, -2.5e300, 7]);
    expect(hashValue(backing.subarray(1, 3))).toBe(hashValue(new Float64Array([0.1, -2.5e300])));
    // Pinned with the hasher as it was before its loops were inlined.
    expect(hashValue(new Float64Array([1, 2]))).toBe('68bbba32722dd6ed');
    expect(hashValue({ s: '积石山 county', i: new Int32Array([-1, 2]) })).toBe('20d3a42bb02435d1');
  });

  it('hashes an integer array of any kind by its elements as 32-bit words, short or long, and a view like a copy', () => {
    // Each value as the word the hasher reads: an Int32Array of the same words hashes alike.
    const values = [0, 1, 255, -1, -128, 65535, 2 ** 31 + 5, -(2 ** 31)];
    const kinds = [new Int8Array(values), new Uint8Array(values), new Int16Array(values), new Uint16Array(values), new Int32Array(values), new Uint32Array(values)];
    for (const arr of kinds) expect(hashValue(arr), arr.constructor.name).toBe(hashValue(new Int32Array(Array.from(arr, (x) => x | 0))));
    // A long one, and a view at an offset.
    const long = Uint16Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536);
    expect(hashValue(long)).toBe(hashValue(Int32Array.from(long)));
    expect(hashValue(long.subarray(10, 4000))).toBe(hashValue(Int32Array.from(long.subarray(10, 4000))));
    expect(hashValue(new Uint8Array([1, 2]))).not.toBe(hashValue(new Uint8Array([2, 1])));
  });

  it('is 16 hex digits and pinned (golden)', () => {
    const h = hashValue({ sites: new Uint8Array([0, 1, 3]), tSec: 3600, name: '积石山' });
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(h).toBe(GOLDEN);
  });
});

describe('snapshot codec', () => {
  it('round-trips typed arrays and doubles bit-exactly', () => {
    const state = { f: new Float64Array([0.1, 1 / 3, 1e-300, 123456.789]), u: new Uint8Array([1, 2, 255]), i: new Int32Array([-5]), n: { x: 0.1 + 0.2 } };
    const back = decodeState<typeof state>(encodeState(state));
    expect(back.f).toBeInstanceOf(Float64Array);
    expect(Array.from(back.f)).toEqual(Array.from(state.f));
    expect(back.u).toBeInstanceOf(Uint8Array);
    expect(hashValue(back)).toBe(hashValue(state));
  });

  it('refuses non-finite numbers in state', () => {
    expect(() => encodeState({ x: Infinity })).toThrow(/non-finite/);
  });
});

// Changed once on purpose: integer typed arrays now hash one word per element.
const GOLDEN = 'e367ab21121335f5';
