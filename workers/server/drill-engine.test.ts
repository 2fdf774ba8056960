// A joint drill's terminals get the same map as the solo console: the relief
// grid and the rivers travel in the geometry the drill engine sends.
import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld, scenarioTexts } from '../../test/helpers.ts';
import type { ElevationGridDoc } from '../../src/model/scenario-format.ts';
import { JointDrillEngine } from './drill-engine.ts';

describe('joint drill geometry', () => {
  it("carries the scenario's relief grid and rivers", () => {
    const world = loadWorld(JISHISHAN);
    expect(world.reliefGridPath).toBe('layers/elevation.json');
    const grid = JSON.parse(scenarioTexts(JISHISHAN)[world.reliefGridPath!]) as ElevationGridDoc;
    const setup = { seed: 7, untilSec: world.durationSec, doctrineSeats: [] };
    const geometry = JSON.parse(new JointDrillEngine(world, setup, undefined, grid).geometry());
    expect([geometry.terrain.cols, geometry.terrain.rows]).toEqual([grid.cols, grid.rows]);
    expect(geometry.rivers.nameEn).toEqual(['Yellow River']);
    // Without the grid (as before) the map has no relief.
    expect(JSON.parse(new JointDrillEngine(world, setup).geometry()).terrain).toBe(null);
  });
});
