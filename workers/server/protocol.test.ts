// The wire format: typed arrays survive the trip bit for bit (NaN included),
// in Node and with the portable base64 the browser uses; bad arrays refuse.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, commandKeyError, decodeMessage, encodeMessage, typedReviver } from './protocol.ts';

describe('wire format', () => {
  it('round-trips every typed array kind, NaN and odd lengths included', () => {
    const frame = {
      a: Int32Array.from([0, -1, 2 ** 31 - 1, -(2 ** 31)]),
      b: Uint8Array.from([0, 255, 7]),
      c: Float64Array.from([NaN, -0, 1e-300, Infinity, Math.PI]),
      d: Float32Array.from([1.5, NaN]),
      e: new Uint8Array(0),
      nested: { f: Float64Array.from([1, 2]), list: [Int32Array.from([5])] },
    };
    const back = decodeMessage(encodeMessage({ t: 'frame', frame, stepAtMs: 1 })) as unknown as { frame: typeof frame };
    for (const k of ['a', 'b', 'c', 'd', 'e'] as const) {
      expect(back.frame[k].constructor).toBe(frame[k].constructor);
      expect(new Uint8Array(back.frame[k].buffer, back.frame[k].byteOffset, back.frame[k].byteLength)).toEqual(new Uint8Array(frame[k].buffer));
    }
    expect(Array.from(back.frame.nested.f)).toEqual([1, 2]);
    expect(Array.from(back.frame.nested.list[0])).toEqual([5]);
  });

  it('the portable base64 agrees with Node for every length', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 255);
    for (let n = 0; n < 40; n++) {
      const slice = bytes.subarray(0, n);
      const node = Buffer.from(slice).toString('base64');
      expect(bytesToBase64(slice)).toBe(node);
      expect(Array.from(base64ToBytes(node))).toEqual(Array.from(slice));
    }
  });

  it('refuses a malformed array instead of guessing', () => {
    expect(() => typedReviver('', { $ta: 'i32', b: 'AAA=' })).toThrow(/i32 array of 2 bytes/);
    expect(() => typedReviver('', { $ta: 'x', b: '' })).toThrow(/not a typed-array kind/);
    expect(() => typedReviver('', { $ta: 'u8', b: '***' })).toThrow(/base64/);
  });
});

describe('command keys', () => {
  it('takes 1 to 64 letters, digits, _ and -, and says what is wrong with anything else', () => {
    for (const key of ['a', 'Z9_-', 'x'.repeat(64), '3f9a0c1d2e4b5a6f7e-12']) expect(commandKeyError(key), key).toBeNull();
    expect(commandKeyError('')).toMatch(/^key: expected 1 to 64 characters, .*; got 0 characters$/);
    expect(commandKeyError('x'.repeat(65))).toMatch(/got 65 characters$/);
    expect(commandKeyError('a/b')).toMatch(/got the character "\/"$/);
    expect(commandKeyError('a\nb')).toMatch(/got the character "\\n"$/);
    expect(commandKeyError(7)).toMatch(/got a number$/);
    expect(commandKeyError({})).toMatch(/got an object$/);
  });
});
