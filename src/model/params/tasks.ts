// How long response tasks take once a team is on site, and what they need.
// No published source gives these for Chinese emergency-communication teams;
// every number is an assumption, chosen to be of the size the 2023 Jishishan
// figures imply (35 of one operator's 62 failed stations back within 10 h;
// 314 base stations out, 279 restored by T+14 h; 2 fibre cables cut, both
// restored; trunk roads reopened about T+19 h).

export const TASK_DURATION_SEC = {
  inspectSite: { value: 1800, source: 'assumption' },
  /** By damage state DS1..DS4 (DS4 cannot be repaired in a drill's time). */
  repairSiteByDamageState: { value: [3600, 4 * 3600, 10 * 3600, -1], source: 'assumption: slight / moderate / extensive equipment damage' },
  hookGenerator: { value: 1800, source: 'assumption' },
  refuelSite: { value: 1200, source: 'assumption' },
  deployPortableStation: { value: 3600, source: 'assumption' },
  deployCommsVehicle: { value: 2700, source: 'assumption: satellite emergency-communication vehicle sets up in under an hour' },
  deployTetheredUav: { value: 1800, source: 'assumption (tethered platform on its vehicle)' },
  deploySatelliteBackhaul: { value: 2 * 3600, source: 'assumption: VSAT portable station pointed and wired to a site' },
  /** The splices of an emergency repair; new cable along a destroyed stretch adds its length at TEMPORARY_FIBRE's pace (response/tasks.ts repairFibreSec). */
  repairFibre: { value: 4 * 3600, source: 'assumption: emergency splices of a cut cable' },
  /** A collapsed bridge (slide debris on a segment is cleared at ROAD_CLEARING's rates, model/params/infra.ts). */
  clearRoadBridge: { value: 36 * 3600, source: 'assumption: temporary crossing beside a collapsed bridge' },
  deliverTerminals: { value: 900, source: 'assumption' },
  /**
   * Supply back through a substation out of service, whatever its damage: switching round the damaged equipment,
   * temporary supply or a mobile substation. The station's own repair can take days more; the model measures
   * the supply to its feeders, not the equipment.
   */
  restoreSubstation: {
    value: 4 * 3600,
    source:
      'assumption, sized on two events: with travel, the two Jishishan 35 kV substations back by about T+6 h (央广网, 2023-12-19: two 35 kV substations, two 35 kV and eight 10 kV lines back by 06:20); at Jiuzhaigou 2017 State Grid\'s crew reached the damaged 110 kV substation on foot about T+15.7 h and 27 of the 29 10 kV lines out were back by about T+19.7 h (中国网, union.china.com.cn 2017-08/10 content_39077396), while the station itself was back, at reduced voltage, only about T+49.2 h (澎湃新闻 The Paper, thepaper.cn newsDetail_forward_1759664)',
  },
} as const;

/** A temporary field fibre laid along a cut segment (layTemporaryFibre): set-up, then laying at a walking crew's pace. */
export const TEMPORARY_FIBRE = {
  layKmh: { value: 1.2, source: 'assumption: about 1.2 km/h for a temporary pole line, the rate reported for a 2025 emergency-communication drill in Dalian (not independently sourced)' },
  setupSec: { value: 1800, source: 'assumption: unloading the cable drum and splicing both ends' },
} as const;

/** Radii of emergency cells, metres. */
export const EMERGENCY_CELL_RADIUS_M = {
  portableStation: { value: 1500, source: 'assumption: portable base station on a short mast in valley terrain' },
  commsVehicle: { value: 3000, source: 'assumption: satellite emergency-communication vehicle with a 15–20 m mast' },
  tetheredUav: { value: 1000, source: 'published tethered-UAV base station (系留无人机基站) figures: ≈ 1 km radius' },
} as const;

/** Rest after a full shift before the next task. */
export const REST_AFTER_SHIFT_SEC = { value: 8 * 3600, source: 'assumption' } as const;

/** Terminals handed over per delivery. */
export const TERMINALS_PER_DELIVERY = { value: 2, source: 'assumption: a satellite phone and a BeiDou terminal for the township head' } as const;

/**
 * Work takes longer at altitude. The model's work times were set or calibrated on events whose work lay mostly
 * at 1,800–3,000 m (Jishishan 2023, Jiuzhaigou 2017), so they already hold that altitude's slowdown: a task's
 * time on site is multiplied by factor(place) ÷ factor(baselineM), and never by less than 1. The place is the
 * target's ground elevation (its own `elevationM`, else the scenario's relief grid; no factor where neither
 * says). Hand work reads `labour`; road clearing and detours, machine work, read `machine`. Travel is not
 * slowed. Bands: [above this altitude in metres, factor], ascending; at or below the first, 1. So at 4,300 m
 * hand work takes 1.37 ÷ 1.13 ≈ 1.21 times as long and machine work 1.84 ÷ 1.29 ≈ 1.43 times.
 */
export const WORK_AT_ALTITUDE = {
  labour: [[2000, 1.13], [3000, 1.3], [4000, 1.37]] as const,
  machine: [[2000, 1.29], [3000, 1.54], [4000, 1.84]] as const,
  /** The altitude the model's work times hold: the middle of its calibration events' band. */
  baselineM: 2500,
  source:
    'assumption, from the altitude table (高原地区调整系数表) of the telecom construction budget quota, which multiplies labour-days and machine-shifts above 2,000, 3,000 and 4,000 m by 1.13, 1.30, 1.37 and 1.29, 1.54, 1.84 (信息通信建设工程预算定额, 总说明, issued with 工信部通信〔2016〕451号; the same table in 通信建设工程预算定额, 工信部规〔2008〕75号). The figures are as recalled: the printed table could not be checked where this was written. A planning norm for steady construction, applied to emergency work; the baseline is ours',
} as const;
