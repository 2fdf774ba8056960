// The page's team glide (web/scenes/team-motion.ts), without a browser: markers
// move linearly from where they are drawn to the newest frame's position over
// the interval between frames, never jump back, and snap on a full frame.
import { describe, expect, it } from 'vitest';
import { TeamMotion } from '../../web/scenes/team-motion.ts';

const at = (m: TeamMotion, ms: number) => {
  const x = new Float64Array(m.count), y = new Float64Array(m.count);
  const moving = m.positionsAt(ms, x, y);
  return { x: Array.from(x), y: Array.from(y), moving };
};

describe('TeamMotion', () => {
  it('glides between frames over the interval between their arrivals, and snaps on a full frame', () => {
    const m = new TeamMotion();
    m.set(Float64Array.of(0, 5, NaN), Float64Array.of(0, 5, NaN), 1000, true);
    expect(at(m, 1000)).toEqual({ x: [0, 5, NaN], y: [0, 5, NaN], moving: false });
    m.set(Float64Array.of(100, 5, 7), Float64Array.of(0, 5, 7), 1050, false);
    // 50 ms since the last frame: the glide takes 50 ms. A team appearing does not glide.
    expect(at(m, 1050)).toMatchObject({ x: [0, 5, 7], moving: true });
    expect(at(m, 1075).x[0]).toBeCloseTo(50);
    expect(at(m, 1100)).toMatchObject({ x: [100, 5, 7], moving: false });
    // A newer frame arriving mid-glide starts from where the marker is drawn, not from the old target.
    m.set(Float64Array.of(200, 5, 7), Float64Array.of(0, 5, 7), 1075 + 50, false);
    m.set(Float64Array.of(300, 5, 7), Float64Array.of(0, 5, 7), 1150, false);
    const drawn = at(m, 1150).x[0];
    expect(drawn).toBeGreaterThan(100);
    expect(drawn).toBeLessThan(300);
    m.set(Float64Array.of(-50, 5, 7), Float64Array.of(0, 5, 7), 1200, true);
    expect(at(m, 1200)).toMatchObject({ x: [-50, 5, 7], moving: false });
  });

  it('caps the glide after a pause, so a step of the clock moves markers within a second', () => {
    const m = new TeamMotion();
    m.set(Float64Array.of(0), Float64Array.of(0), 0, true);
    m.set(Float64Array.of(1000), Float64Array.of(0), 60_000, false);
    expect(at(m, 60_500).x[0]).toBeCloseTo(500);
    expect(at(m, 61_000)).toMatchObject({ x: [1000], moving: false });
  });
});
