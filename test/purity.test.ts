// The engine must be pure and deterministic: no clocks, no Math.random, no
// engine-dependent transcendental maths, no DOM, Phaser or Comlink in src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

function offenders(pattern: RegExp, exempt: (rel: string) => boolean = () => false): string[] {
  const hits: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = relative(SRC, file);
    if (exempt(rel)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\*|\/\*)/.test(line)) return; // block-comment line
        const code = line.replace(/\/\/.*$/, '');
        if (pattern.test(code)) hits.push(`src/${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  return hits;
}

describe('engine purity', () => {
  it('finds source files to check (the check itself works)', () => {
    expect(sourceFiles(SRC).length).toBeGreaterThan(20);
    expect(/Math\.random/.test('x = Math.random()')).toBe(true);
  });

  it('has no Math.random, Date.now, performance.now or new Date() in src/', () => {
    expect(offenders(/Math\.random|Date\.now|performance\.now|new Date\(\)/)).toEqual([]);
  });

  it('uses the deterministic maths module instead of Math.exp/log/pow/sin/cos/tan/atan2/hypot/cbrt ', () => {
    const pattern = /Math\.(exp|expm1|log|log2|log10|log1p|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|hypot|cbrt)\(/;
    expect(offenders(pattern, (rel) => rel === 'core/dmath.ts')).toEqual([]);
  });

  it('does not touch the DOM, Phaser, Comlink or Node I/O ', () => {
    const pattern = /from ['"](phaser|comlink|node:fs|node:path|fs|path|node:worker_threads)['"]|(?<![.\w])document\.|(?<![.\w])window\./;
    expect(offenders(pattern)).toEqual([]);
  });
});
