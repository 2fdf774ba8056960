import { describe, expect, it } from 'vitest';
import {
  airToGroundEnvironmentFor,
  alHouraniLosProbability,
  alHouraniPathLossDb,
  alHouraniRadiusM,
  footprintRadiusM,
  freeSpacePathLossDb,
  planSortie,
  radioHorizonM,
  servedPeople,
  servedPopulationCap,
  type SortiePlan,
  type SortieRequest,
  type SortieResult,
} from './uav.ts';
import { UAV_CONCURRENCY_SHARE, UAV_PLATFORM_CLASSES, UAV_PLATFORMS } from '../model/params/uav.ts';

const H = 3600;
const ENVS = ['suburban', 'urban', 'denseUrban', 'highRiseUrban'] as const;

function planned(r: SortieResult): SortiePlan {
  if (!r.ok) throw new Error(`expected a plan, got ${r.reason}`);
  return r;
}

function request(over: Partial<SortieRequest>): SortieRequest {
  return {
    platformClass: 'largeFixedWing',
    baseXM: 0,
    baseYM: 0,
    targetXM: 0,
    targetYM: 0,
    requestSec: 0,
    greenChannel: false,
    weather: [],
    ...over,
  };
}

describe('UAV parameter table', () => {
  it('gives every number a source, and says "assumption" where it is ours', () => {
    for (const cls of UAV_PLATFORM_CLASSES) {
      const spec = UAV_PLATFORMS[cls];
      for (const [key, v] of Object.entries(spec)) {
        if (v === null || typeof v === 'string') continue;
        expect((v as { source: string }).source, `${cls}.${key}`).toMatch(/\S/);
      }
    }
    expect(UAV_PLATFORMS.largeFixedWing.relayAltitudeM.source).toMatch(/^assumption/);
    expect(UAV_PLATFORMS.largeFixedWing.approvalHours.source).toMatch(/^assumption/);
    expect(UAV_PLATFORMS.largeFixedWing.enduranceHours.source).toMatch(/^published Wing Loong-2H figures/);
    expect(UAV_CONCURRENCY_SHARE.source).toMatch(/^assumption/);
  });

  it('makes the green channel faster than normal approval for every class', () => {
    for (const cls of UAV_PLATFORM_CLASSES) {
      const a = UAV_PLATFORMS[cls].approvalHours;
      expect(a.greenChannel).toBeLessThan(a.normal);
    }
  });
});

describe('Al-Hourani air-to-ground path loss', () => {
  it('pins suburban, 1,000 m up, 1,000 m out, 2 GHz', () => {
    // θ = atan(1000/1000) = 45°. b(θ − a) = 0.43·(45 − 4.88) = 17.2516, e^−17.2516 = 3.219e-8,
    // a·that = 1.571e-7, so P_LoS = 1/(1 + 1.571e-7) = 0.99999984.
    // d = 1,414.2136 m; 4πfd/c = 12.566371 · 2e9 · 1414.2136 / 299,792,458 = 118,559;
    // FSPL = 20·log10(118,559) = 20 · 5.073934 = 101.4787 dB.
    // PL = 101.4787 + 0.1·0.99999984 + 21·1.6e-7 = 101.5787 dB.
    expect(alHouraniLosProbability('suburban', 45)).toBeCloseTo(0.99999984, 7);
    expect(freeSpacePathLossDb(1414.2136, 2000)).toBeCloseTo(101.4787, 3);
    expect(alHouraniPathLossDb('suburban', 1000, 1000, 2000)).toBeCloseTo(101.5787, 3);
  });

  it('pins urban, 300 m up, 3,000 m out, 2 GHz (mostly NLoS at low elevation)', () => {
    // θ = atan(300/3000) = atan(0.1) = 5.7106°. −b(θ − a) = −0.16·(5.7106 − 9.61) = 0.62391,
    // e^0.62391 = 1.86618, a·that = 9.61·1.86618 = 17.934, P_LoS = 1/18.934 = 0.052814.
    // d = √(300² + 3000²) = 3,014.963 m; 4πfd/c = 2.5132741e10 · 3014.963 / 2.99792458e8 = 252,758;
    // FSPL = 20·log10(252,758) = 20 · 5.402707 = 108.0541 dB.
    // PL = 108.0541 + 1.0·0.052814 + 20·0.947186 = 108.0541 + 0.0528 + 18.9437 = 127.0506 dB.
    expect(alHouraniLosProbability('urban', 5.7106)).toBeCloseTo(0.052814, 5);
    expect(alHouraniPathLossDb('urban', 300, 3000, 2000)).toBeCloseTo(127.0506, 3);
  });

  it('pins high-rise urban straight below a platform 100 m up, 2 GHz', () => {
    // θ = 90°. b(θ − a) = 0.08·(90 − 27.23) = 5.0216, e^−5.0216 = 0.0065952, ·27.23 = 0.17959,
    // P_LoS = 1/1.17959 = 0.847755. FSPL(100 m) = 20·log10(4π·2e9·100/c) = 20·log10(8383.5) = 78.4684.
    // PL = 78.4684 + 2.3·0.847755 + 34·0.152245 = 78.4684 + 1.9498 + 5.1763 = 85.594 dB.
    expect(alHouraniPathLossDb('highRiseUrban', 100, 0, 2000)).toBeCloseTo(85.594, 2);
  });

  it('grows monotonically with ground distance in every environment', () => {
    for (const env of ENVS) {
      for (const h of [100, 1000, 3000]) {
        let prev = -Infinity;
        for (let r = 0; r <= 50_000; r += 250) {
          const pl = alHouraniPathLossDb(env, h, r, 1800);
          expect(pl, `${env} h=${h} r=${r}`).toBeGreaterThan(prev);
          prev = pl;
        }
      }
    }
  });

  it('solves for a radius at which the loss equals the budget', () => {
    for (const env of ENVS) {
      for (const [h, max] of [[200, 110], [1000, 120], [3000, 130]] as const) {
        const r = alHouraniRadiusM(env, h, max, 2000);
        expect(r, `${env} h=${h}`).toBeGreaterThan(0);
        expect(alHouraniPathLossDb(env, h, r, 2000)).toBeCloseTo(max, 6);
      }
    }
    // Denser environments cover less for the same budget.
    const radii = ENVS.map((env) => alHouraniRadiusM(env, 1000, 120, 2000));
    for (let i = 1; i < radii.length; i++) expect(radii[i]).toBeLessThan(radii[i - 1]);
    // Urban, 1,000 m, 120 dB at 2 GHz: about 2.6 km.
    expect(alHouraniRadiusM('urban', 1000, 120, 2000)).toBeCloseTo(2612.3, 0);
  });

  it('returns 0 when even the point straight below is out of budget, and is deterministic', () => {
    // Straight below 1,000 m, 2 GHz urban: FSPL 98.468 + η_LoS 1.0 ≈ 99.47 dB.
    expect(alHouraniRadiusM('urban', 1000, 99, 2000)).toBe(0);
    expect(alHouraniRadiusM('urban', 1000, 100, 2000)).toBeGreaterThan(0);
    expect(alHouraniRadiusM('urban', 0, 150, 2000)).toBe(0);
    expect(alHouraniRadiusM('urban', 1000, 120, 2000)).toBe(alHouraniRadiusM('urban', 1000, 120, 2000));
  });

  it('caps the radius at the 4/3-earth radio horizon', () => {
    // √(2 · 8,494,667 · 3000) = 225,760 m.
    expect(radioHorizonM(3000)).toBeCloseTo(225_760, -1);
    expect(alHouraniRadiusM('suburban', 3000, 200, 1800)).toBe(radioHorizonM(3000));
  });

  it('maps scenario environments to Al-Hourani ones (rural → suburban)', () => {
    expect(airToGroundEnvironmentFor('rural')).toBe('suburban');
    expect(airToGroundEnvironmentFor('urban')).toBe('urban');
  });
});

describe('coverage footprint', () => {
  it('turns published areas into radii, r = √(A/π)', () => {
    // √(50e6/π) = √15,915,494 = 3,989.4 m; √(30e6/π) = 3,090.2 m.
    expect(footprintRadiusM('largeFixedWing')).toBeCloseTo(3989.4, 1);
    expect(footprintRadiusM('mediumHelicopter')).toBeCloseTo(3090.2, 1);
  });

  it('uses 1 km for a tethered platform, 2 km at high power', () => {
    expect(footprintRadiusM('tethered')).toBe(1000);
    expect(footprintRadiusM('tethered', { highPower: true })).toBe(2000);
  });

  it('uses Al-Hourani at the class altitude when a link budget is given', () => {
    const linkBudget = { environment: 'suburban', maxPathLossDb: 130, freqMhz: 1800 } as const;
    expect(footprintRadiusM('largeFixedWing', { linkBudget })).toBe(alHouraniRadiusM('suburban', 3000, 130, 1800));
    expect(footprintRadiusM('mediumHelicopter', { linkBudget })).toBe(alHouraniRadiusM('suburban', 1000, 130, 1800));
    expect(footprintRadiusM('tethered', { linkBudget, altitudeM: 100 })).toBe(alHouraniRadiusM('suburban', 100, 130, 1800));
  });
});

describe('sortie timeline', () => {
  // Jishishan 2023: Wing Loong-2H took off T+12.7 h from about 1,000 km away.
  // Assumed request at T+1 h (national response activated about an hour after onset).
  const wingLoong = request({ platformClass: 'largeFixedWing', targetXM: 1_000_000, requestSec: 1 * H });

  it('flies 1,000 km at 150 km/h in ≈ 6.7 h', () => {
    const p = planned(planSortie(wingLoong));
    expect(p.transitSec).toBe(24_000); // 1,000,000 m · 3.6 / 150 = 24,000 s = 6.667 h
    expect(p.transitSec / H).toBeCloseTo(6.67, 2);
  });

  it('reproduces the observed take-off with normal approval (T+1 + 6 + 5.5 = T+12.5 h vs T+12.7 h observed)', () => {
    const p = planned(planSortie(wingLoong));
    expect(p.approvalSec).toBe(7 * H);
    expect(p.takeoffSec).toBe(12.5 * H);
    expect(Math.abs(p.takeoffSec / H - 12.7)).toBeLessThan(12.7 * 0.1); // official figures as reported by news media: ±10 %
    // On station = take-off + transit = 12.5 + 6.67 = T+19.17 h.
    expect(p.onStationSec).toBe(12.5 * H + 24_000);
    expect(p.onStationSec / H).toBeGreaterThan(18.5);
    expect(p.onStationSec / H).toBeLessThan(20);
  });

  it('takes off by readiness: forward-based on standby T+1 + 1 + 1 = T+3 h with the green channel, at home T+7.5 h, in maintenance a day later', () => {
    const standby = planned(planSortie({ ...wingLoong, greenChannel: true, readiness: 'standby' }));
    const home = planned(planSortie({ ...wingLoong, greenChannel: true, readiness: 'home' }));
    const maintenance = planned(planSortie({ ...wingLoong, greenChannel: true, readiness: 'maintenance' }));
    expect(standby.takeoffSec).toBe(3 * H);
    expect(home.takeoffSec).toBe(7.5 * H);
    expect(planned(planSortie({ ...wingLoong, greenChannel: true })).takeoffSec).toBe(7.5 * H); // home by default
    expect(maintenance.takeoffSec).toBe(31.5 * H);
    // Under normal approval the standby platform still waits for its 6 h approval: T+1 + 6 + 1 = T+8 h.
    expect(planned(planSortie({ ...wingLoong, readiness: 'standby' })).takeoffSec).toBe(8 * H);
    // A platform whose own preparation is shorter than the standby figure keeps its own (medium: 1 h).
    expect(planned(planSortie(request({ platformClass: 'mediumHelicopter', targetXM: 50_000, readiness: 'standby' }))).takeoffSec).toBe(4 * H);
  });

  it('is earlier by the approval difference with the green channel (6 h − 1 h = 5 h)', () => {
    const normal = planned(planSortie(wingLoong));
    const green = planned(planSortie({ ...wingLoong, greenChannel: true }));
    expect(normal.takeoffSec - green.takeoffSec).toBe(5 * H);
    expect(normal.onStationSec - green.onStationSec).toBe(5 * H);
    // Green channel: take-off T+7.5 h, on station T+14.17 h.
    expect(green.onStationSec / H).toBeCloseTo(14.17, 2);
  });

  it('spends the endurance left after both transits on station: 20 − 2 × 6.67 = 6.67 h', () => {
    const p = planned(planSortie(wingLoong));
    expect(p.onStationHours).toBeCloseTo(20 - 2 * (24_000 / H), 9);
    expect(p.onStationHours).toBeCloseTo(6.667, 3);
    expect(p.leaveStationSec).toBe(p.takeoffSec + 20 * H - p.transitSec);
    expect(p.landSec).toBe(p.takeoffSec + 20 * H);
    expect(p.leftEarlyForWeather).toBe(false);
  });

  it('refuses a target beyond half the endurance range', () => {
    // 20 h × 150 km/h / 2 = 1,500 km: no time left on station.
    expect(planSortie({ ...wingLoong, targetXM: 1_500_000 })).toEqual({ ok: false, reason: 'outOfRange' });
    expect(planSortie({ ...wingLoong, targetXM: 1_200_000, targetYM: 900_000 })).toEqual({ ok: false, reason: 'outOfRange' });
    expect(planSortie({ ...wingLoong, targetXM: 1_490_000 }).ok).toBe(true);
  });

  it('gives a medium helicopter 50 km away 4 − 2 × (50/120) = 3.17 h on station', () => {
    const p = planned(planSortie(request({ platformClass: 'mediumHelicopter', targetXM: 30_000, targetYM: 40_000 })));
    expect(p.transitSec).toBe(1500); // 50 km at 120 km/h = 0.4167 h
    expect(p.onStationHours).toBeCloseTo(4 - 2 * (50 / 120), 9);
    expect(p.takeoffSec).toBe(3 * H + 1 * H); // normal approval 3 h + preparation 1 h
    expect(planSortie(request({ platformClass: 'mediumHelicopter', targetXM: 240_000 })).ok).toBe(false);
  });

  it('delays the take-off of a medium helicopter until wind force 9 dies down', () => {
    const base = request({ platformClass: 'mediumHelicopter', targetXM: 50_000 });
    const ready = planned(planSortie(base)).takeoffSec; // T+4 h
    const p = planned(planSortie({ ...base, weather: [{ fromSec: 0, toSec: 7 * H, windForce: 9 }] }));
    expect(p.takeoffSec).toBe(7 * H);
    expect(p.weatherWaitSec).toBe(7 * H - ready);
    expect(p.onStationHours).toBeCloseTo(4 - 2 * (50 / 120), 9);
  });

  it('refuses a medium helicopter grounded by wind force 9 for longer than it may wait', () => {
    const storm = [{ fromSec: 0, toSec: 48 * H, windForce: 9 }];
    const base = request({ platformClass: 'mediumHelicopter', targetXM: 50_000, weather: storm });
    expect(planSortie(base)).toEqual({ ok: false, reason: 'groundedByWeather' });
    expect(planSortie({ ...base, maxWaitSec: 2 * H, weather: [{ fromSec: 0, toSec: 7 * H, windForce: 9 }] })).toEqual({
      ok: false,
      reason: 'groundedByWeather',
    });
  });

  it('lets the large fixed-wing take off in wind force 8 but not 9, and fly in 10', () => {
    const base = request({ platformClass: 'largeFixedWing', targetXM: 300_000 });
    const ready = planned(planSortie(base)).takeoffSec;
    const at = (windForce: number) => [{ fromSec: 0, toSec: ready + H, windForce }];
    expect(planned(planSortie({ ...base, weather: at(8) })).takeoffSec).toBe(ready);
    expect(planned(planSortie({ ...base, weather: at(9) })).takeoffSec).toBe(ready + H);
    // Force 10 from two hours after arrival: stays on station; force 11: leaves at its onset.
    const p0 = planned(planSortie(base));
    const later = (windForce: number) => [{ fromSec: p0.onStationSec + 2 * H, toSec: p0.onStationSec + 5 * H, windForce }];
    expect(planned(planSortie({ ...base, weather: later(10) })).leftEarlyForWeather).toBe(false);
    const p = planned(planSortie({ ...base, weather: later(11) }));
    expect(p.leftEarlyForWeather).toBe(true);
    expect(p.leaveStationSec).toBe(p0.onStationSec + 2 * H);
    expect(p.onStationHours).toBe(2);
    expect(p.landSec).toBe(p.leaveStationSec + p.transitSec);
  });

  it('does not launch into weather above the flight limit forecast on the way', () => {
    const base = request({ platformClass: 'mediumHelicopter', targetXM: 60_000 }); // 0.5 h transit
    const ready = planned(planSortie(base)).takeoffSec;
    // Gale starts 15 min after the platform is ready, i.e. during the transit: wait until it ends.
    const weather = [{ fromSec: ready + 900, toSec: ready + 3 * H, windForce: 8 }];
    const p = planned(planSortie({ ...base, weather }));
    expect(p.takeoffSec).toBe(ready + 3 * H);
    expect(p.leftEarlyForWeather).toBe(false);
  });

  it('chains overlapping weather windows and low visibility', () => {
    const base = request({ platformClass: 'mediumHelicopter', targetXM: 12_000 });
    const ready = planned(planSortie(base)).takeoffSec;
    const weather = [
      { fromSec: ready + 2 * H, toSec: ready + 3 * H, windForce: 7 }, // listed first, ends last
      { fromSec: 0, toSec: ready + H, windForce: 2, visibilityKm: 0.5 }, // fog
      { fromSec: ready + H, toSec: ready + 2 * H + 600, windForce: 7 },
    ];
    expect(planned(planSortie({ ...base, weather })).takeoffSec).toBe(ready + 3 * H);
    // Reordering the windows changes nothing.
    expect(planSortie({ ...base, weather: [...weather].reverse() })).toEqual(planSortie({ ...base, weather }));
  });

  it('deploys a tethered platform 30 min after its vehicle arrives, with no transit', () => {
    const base = request({ platformClass: 'tethered', baseXM: 9e6, targetXM: 5_000, requestSec: 0, vehicleArrivalSec: 5 * H });
    const p = planned(planSortie(base));
    expect(p.approvalSec).toBe(2 * H);
    expect(p.transitSec).toBe(0);
    expect(p.takeoffSec).toBe(5.5 * H);
    expect(p.onStationSec).toBe(5.5 * H);
    expect(p.onStationHours).toBe(24);
    expect(planned(planSortie({ ...base, cablePower: true })).onStationHours).toBe(72);
    // Vehicle there early: launch waits for approval.
    expect(planned(planSortie({ ...base, vehicleArrivalSec: 0 })).takeoffSec).toBe(2 * H);
    expect(planned(planSortie({ ...base, vehicleArrivalSec: 0, greenChannel: true })).takeoffSec).toBe(0.5 * H);
  });

  it('refuses a tethered platform whose site cannot be reached by road', () => {
    const base = request({ platformClass: 'tethered' });
    expect(planSortie(base)).toEqual({ ok: false, reason: 'notRoadReachable' });
    expect(planSortie({ ...base, vehicleArrivalSec: null })).toEqual({ ok: false, reason: 'notRoadReachable' });
    expect(planSortie({ ...base, vehicleArrivalSec: Infinity })).toEqual({ ok: false, reason: 'notRoadReachable' });
  });

  it('reels a tethered platform in when the wind exceeds force 6', () => {
    const p = planned(
      planSortie(request({ platformClass: 'tethered', vehicleArrivalSec: 0, weather: [{ fromSec: 10 * H, toSec: 12 * H, windForce: 7 }] })),
    );
    expect(p.leftEarlyForWeather).toBe(true);
    expect(p.leaveStationSec).toBe(10 * H);
    expect(p.onStationHours).toBe(8);
  });
});

describe('served population', () => {
  it('caps service at concurrent users over the concurrency share (200 / 0.125 = 1,600)', () => {
    expect(servedPopulationCap('mediumHelicopter')).toBe(1600); // Zhuozhou: 1,580 users in the first hour
    expect(servedPopulationCap('largeFixedWing')).toBe(4800); // 600 / 0.125
    expect(servedPeople(1000, 'mediumHelicopter')).toBe(1000);
    expect(servedPeople(20_000, 'mediumHelicopter')).toBe(1600);
    expect(servedPeople(20_000, 'largeFixedWing')).toBe(4800);
    expect(servedPeople(0, 'tethered')).toBe(0);
    expect(servedPeople(-5, 'tethered')).toBe(0);
  });
});
