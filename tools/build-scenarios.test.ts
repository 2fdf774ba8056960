// The shipped scenarios are build output: regenerating them in memory must give
// the committed files byte for byte, and no file of theirs may be missing from
// the build (the README, example what-if variants and optimiser budgets are written by hand).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDingri, DINGRI_DIR } from './build-dingri.ts';
import { buildJishishan, JISHISHAN_DIR } from './build-jishishan.ts';
import { buildJiuzhaigou, JIUZHAIGOU_DIR } from './build-jiuzhaigou.ts';
import { buildMountainFlood, MOUNTAIN_FLOOD_DIR } from './build-mountain-flood.ts';
import type { ScenarioTexts } from './kit/index.ts';

function committed(dir: string): string[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? walk(join(d, name)) : [relative(dir, join(d, name))]));
  return walk(dir)
    .filter((rel) => rel !== 'README.md' && !/^(variants|budget).*\.json$/.test(rel))
    .sort();
}

function expectCommitted(dir: string, texts: ScenarioTexts) {
  expect(Object.keys(texts).sort()).toEqual(committed(dir));
  for (const [rel, text] of Object.entries(texts)) expect(text === readFileSync(join(dir, rel), 'utf8'), `${rel} differs from the committed file`).toBe(true);
}

describe('the shipped scenarios regenerate byte for byte', () => {
  it('dingri-2025', () => {
    expectCommitted(DINGRI_DIR, buildDingri().texts);
  });

  it('jishishan-2023', () => {
    expectCommitted(JISHISHAN_DIR, buildJishishan().texts);
  });

  it('jiuzhaigou-2017', () => {
    expectCommitted(JIUZHAIGOU_DIR, buildJiuzhaigou().texts);
  });

  it('mountain-flood', () => {
    expectCommitted(MOUNTAIN_FLOOD_DIR, buildMountainFlood().texts);
  });
});
