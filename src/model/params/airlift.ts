// Helicopter airlift parameters (response/airlift uses them; the scenario
// loader fills a helicopter's defaults from them).
export const AIRLIFT = {
  /** Ground approach to the pick-up landing zone (mixed road and track). */
  approachKmh: { value: 25, source: 'assumption' },
  walkKmh: { value: 3, source: 'assumption: walking in mountain terrain (as the foot mode off-road)' },
  /** Start-up, loading, landing and unloading at both ends. */
  overheadSec: { value: 1800, source: 'assumption' },
  /** Farthest a landing zone may be from the team or its target. */
  maxLandingZoneDistM: { value: 10_000, source: 'assumption' },
  defaultSpeedKmh: { value: 220, source: 'assumption: light/medium transport helicopter cruise (e.g. Mi-171 class ≈ 230 km/h)' },
  defaultWindLimit: { value: 6, source: 'assumption: Beaufort force 6 for rescue helicopter operations in mountain valleys' },
} as const;
