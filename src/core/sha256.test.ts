import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Text } from './sha256.ts';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('matches node:crypto on texts that cross block boundaries, in Chinese too', () => {
    for (const n of [55, 56, 63, 64, 65, 1000]) {
      const text = '积石山'.repeat(n) + 'x'.repeat(n);
      expect(sha256Text(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('the host hasher the CLI injects', () => {
  it('equals the pure implementation on a scenario-sized text', () => {
    const text = JSON.stringify({ features: Array.from({ length: 2000 }, (_, i) => ({ id: `s-${i}`, name: '站点' })) });
    expect(sha256Text(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
