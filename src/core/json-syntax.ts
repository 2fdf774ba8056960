// Where a JSON text goes wrong, said without quoting it. JSON.parse's own
// messages quote the text ("Unexpected token 'r', "root:x:0:0"... is not
// valid JSON"), which would let a scenario read the first bytes of any file
// it can name; this scanner gives a line, a column and what was expected
// instead. It runs only after JSON.parse has failed. Iterative: no nesting
// can overflow the stack.

export interface JsonSyntaxError {
  line: number;
  column: number;
  /** What is wrong, e.g. "unexpected character, expected a value". */
  what: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  const fail = (at: number, what: string): JsonSyntaxError => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < n; k++) {
      if (text.charCodeAt(k) === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: at - lineStart + 1, what };
  };
  const skipWs = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const unexpected = (expected: string) => fail(i, i >= n ? `unexpected end of the text, expected ${expected}` : `unexpected character, expected ${expected}`);

  const string = (): JsonSyntaxError | null => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return fail(i, 'unterminated string, expected a closing "');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail(i, 'control character inside a string, expected it escaped (\\n, \\t, \\u00XX)');
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) return fail(i, 'bad \\u escape, expected four hex digits');
          i += 6;
        } else if ('"\\/bfnrt'.includes(String.fromCharCode(e)) && i + 1 < n) i += 2;
        else return fail(i, 'bad escape in a string, expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX');
        continue;
      }
      i++;
    }
  };

  const number = (): JsonSyntaxError | null => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else return fail(start, 'bad number, expected digits');
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(text.charCodeAt(i))) return fail(start, 'bad number, expected digits after the decimal point');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    if (text.charCodeAt(i) === 0x65 || text.charCodeAt(i) === 0x45) {
      i++;
      if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) return fail(start, 'bad number, expected digits in the exponent');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return null;
  };

  // The stack holds the open containers: 0x5b '[' or 0x7b '{'.
  const stack: number[] = [];
  if (text.charCodeAt(0) === 0xfeff) return fail(0, 'the text starts with a byte-order mark, expected it saved as UTF-8 without BOM');
  for (;;) {
    // A value is expected here.
    skipWs();
    if (i >= n) return unexpected('a value');
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      stack.push(c);
      i++;
      skipWs();
      if (c === 0x7b) {
        if (text.charCodeAt(i) === 0x7d) {
          stack.pop();
          i++;
        } else {
          if (text.charCodeAt(i) !== 0x22) return unexpected('a "field name" or }');
          const bad = string();
          if (bad) return bad;
          skipWs();
          if (text.charCodeAt(i) !== 0x3a) return unexpected('a : after the field name');
          i++;
          continue;
        }
      } else if (text.charCodeAt(i) === 0x5d) {
        stack.pop();
        i++;
      } else continue;
    } else if (c === 0x22) {
      const bad = string();
      if (bad) return bad;
    } else if (c === 0x2d || isDigit(c)) {
      const bad = number();
      if (bad) return bad;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else return unexpected('a value (object, array, string, number, true, false or null)');

    // After a value: close containers, or a comma and the next value.
    for (;;) {
      skipWs();
      if (stack.length === 0) return i < n ? fail(i, 'unexpected text after the end of the JSON value') : null;
      const top = stack[stack.length - 1];
      const d = text.charCodeAt(i);
      if (d === (top === 0x7b ? 0x7d : 0x5d)) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 0x2c) return unexpected(top === 0x7b ? 'a , or }' : 'a , or ]');
      i++;
      if (top === 0x7b) {
        skipWs();
        if (text.charCodeAt(i) !== 0x22) return unexpected('a "field name"');
        const bad = string();
        if (bad) return bad;
        skipWs();
        if (text.charCodeAt(i) !== 0x3a) return unexpected('a : after the field name');
        i++;
      }
      break;
    }
  }
}

/** "not valid JSON (line 3, column 7: unexpected character, expected a , or })". */
export function describeJsonSyntax(text: string): string {
  const e = findJsonSyntaxError(text);
  return e ? `not valid JSON (line ${e.line}, column ${e.column}: ${e.what})` : 'not valid JSON';
}
