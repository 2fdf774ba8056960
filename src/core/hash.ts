// Canonical 64-bit state hash. Two independent 32-bit FNV-1a-style lanes with
// murmur3 finalisers: fast, non-cryptographic, and built from Math.imul so it
// is the same in every engine. Values are encoded canonically: numbers by
// their IEEE-754 bits, object keys in sorted order, typed arrays word by word.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export class Hasher {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  word(w: number): void {
    this.h1 = Math.imul(this.h1 ^ (w >>> 0), 0x01000193);
    this.h2 = Math.imul((this.h2 ^ (w >>> 0)) + 0x9e3779b9, 0x85ebca6b);
    this.h2 ^= this.h2 >>> 13;
  }

  number(x: number): void {
    f64[0] = x === 0 ? 0 : x; // -0 and 0 hash alike
    this.word(u32[0]);
    this.word(u32[1]);
  }

  string(s: string): void {
    this.word(s.length);
    let h1 = this.h1, h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const w = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ w, 0x01000193);
      h2 = Math.imul((h2 ^ w) + 0x9e3779b9, 0x85ebca6b);
      h2 ^= h2 >>> 13;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  value(v: unknown): void {
    if (v === null || v === undefined) return this.word(0xdead0000);
    switch (typeof v) {
      case 'number':
        this.word(1);
        return this.number(v);
      case 'boolean':
        return this.word(v ? 0xb001 : 0xb000);
      case 'string':
        this.word(2);
        return this.string(v);
      case 'object':
        return this.object(v as object);
      default:
        throw new Error(`cannot hash a ${typeof v}`);
    }
  }

  private object(v: object): void {
    // The typed-array loops below are word() inlined over local lanes: the
    // state is mostly typed arrays, and this is the hot path of every hourly
    // hash. They must stay bit-for-bit what word() would compute.
    if (v instanceof Float64Array) {
      this.word(3);
      this.word(v.length);
      // The array's own bits, two words per element, low word first as the
      // scratch view reads them; -0 is folded into 0 as number() does.
      const bits = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
      let h1 = this.h1, h2 = this.h2;
      for (let i = 0; i < bits.length; i += 2) {
        let lo = bits[i], hi = bits[i + 1];
        if (lo === 0 && hi === 0x80000000) hi = 0;
        h1 = Math.imul(h1 ^ lo, 0x01000193);
        h2 = Math.imul((h2 ^ lo) + 0x9e3779b9, 0x85ebca6b);
        h2 ^= h2 >>> 13;
        h1 = Math.imul(h1 ^ hi, 0x01000193);
        h2 = Math.imul((h2 ^ hi) + 0x9e3779b9, 0x85ebca6b);
        h2 ^= h2 >>> 13;
      }
      this.h1 = h1;
      this.h2 = h2;
      return;
    }
    if (v instanceof Float32Array) {
      this.word(3);
      this.word(v.length);
      for (let i = 0; i < v.length; i++) this.number(v[i]);
      return;
    }
    if (ArrayBuffer.isView(v)) {
      // Integer arrays: every element fits one 32-bit word.
      const arr = v as unknown as ArrayLike<number>;
      this.word(6);
      this.word(arr.length);
      let h1 = this.h1, h2 = this.h2;
      for (let i = 0; i < arr.length; i++) {
        const w = arr[i] >>> 0;
        h1 = Math.imul(h1 ^ w, 0x01000193);
        h2 = Math.imul((h2 ^ w) + 0x9e3779b9, 0x85ebca6b);
        h2 ^= h2 >>> 13;
      }
      this.h1 = h1;
      this.h2 = h2;
      return;
    }
    if (Array.isArray(v)) {
      this.word(4);
      this.word(v.length);
      for (const item of v) this.value(item);
      return;
    }
    const keys = Object.keys(v).sort();
    this.word(5);
    this.word(keys.length);
    for (const key of keys) {
      this.string(key);
      this.value((v as Record<string, unknown>)[key]);
    }
  }

  /** 16 hex digits. */
  digest(): string {
    const a = fmix(this.h1 ^ this.h2);
    const b = fmix(this.h2 + Math.imul(a, 0x27d4eb2d));
    return hex8(a) + hex8(b);
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

export function hashValue(v: unknown): string {
  const hasher = new Hasher();
  hasher.value(v);
  return hasher.digest();
}
