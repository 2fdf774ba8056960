import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeJsonSyntax, findJsonSyntaxError } from './json-syntax.ts';

const parses = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on what is valid (valid, damaged and random texts)', () => {
    const damaged = fc.tuple(fc.json(), fc.nat()).map(([s, k]) => (s.length ? s.slice(0, k % s.length) + s.slice((k % s.length) + 1) : s));
    const tokens = fc.stringMatching(/^[[\]{}",:0-9eE.+\-tfnrulas \\]{0,24}$/);
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged, tokens, fc.string({ unit: 'binary' }), fc.json().map((s) => s + ' x')), (s) => {
        expect(findJsonSyntaxError(s) === null).toBe(parses(s));
      }),
      { numRuns: 1000, seed: 15 },
    );
  });

  it('names a line and column and never quotes the text (a passwd file read as JSON)', () => {
    expect(describeJsonSyntax('root:x:0:0:root:/root:/bin/bash\n')).toBe(
      'not valid JSON (line 1, column 1: unexpected character, expected a value (object, array, string, number, true, false or null))',
    );
    expect(describeJsonSyntax('{\n  "a": 1,\n}')).toBe('not valid JSON (line 3, column 1: unexpected character, expected a "field name")');
    expect(describeJsonSyntax('')).toBe('not valid JSON (line 1, column 1: unexpected end of the text, expected a value)');
    expect(describeJsonSyntax('\ufeff{}')).toMatch(/byte-order mark/);
  });

  it('copes with nesting 200,000 deep without recursion', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(findJsonSyntaxError(deep)).toEqual({ line: 1, column: 400_000, what: 'unexpected end of the text, expected a , or ]' });
  });
});
