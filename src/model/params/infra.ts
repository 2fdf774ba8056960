// Infrastructure parameters that are ours, not a published source's. Each row
// says so. Published fragility curves live in src/hazards/fragility-tables.ts.

export const SITE_POWER = {
  /** Rectifiers recharge a bank in about ten hours (C/10). */
  rechargeHoursFromEmpty: { value: 10, source: 'assumption: typical C/10 rectifier charging current limit' },
  /** Below this the bank is treated as empty (cut-off voltage reached). */
  emptyKwh: { value: 1e-9, source: 'numerical tolerance' },
} as const;

/**
 * Backup batteries deliver less in the cold: the share of a bank's rated (25 °C) energy it gives at a given
 * temperature, piecewise-linear and clamped at both ends. The bank is taken at the air temperature of the
 * scenario's weather window (`weather[].airTempC`); with no temperature given it gives its rating. A site on
 * battery drains its bank at loadKw ÷ this share, so a bank rated for 4 h at 25 °C lasts about 2.7 h at −17 °C.
 */
export const BATTERY_CAPACITY_BY_TEMPERATURE = {
  /** [air temperature °C, share of rated capacity]: 1 + 0.008 × (T − 25) between −20 and 25 °C, clamped outside. */
  shareByTempC: [[-20, 0.64], [25, 1]] as const,
  source:
    'the capacity correction C_T = C_25 × [1 + K(T − 25)] with K = 0.008 per °C at the 3-hour rate, as battery suppliers give it for telecom valve-regulated lead-acid banks (brcpower.com/news/show-407.html; lidumedia.com/news/98134.html; the correction of capacity tests in YD/T 799 通信用阀控式密封铅酸蓄电池, clause not checked here). Below 0 °C it is an extrapolation and an assumption: lead-acid gives less (IEEE Std 485 Table 1 reaches 0.66 at −3.9 °C, and fitted extensions about 0.5 at −20 °C), LiFePO4 more (about 0.75 at −20 °C in cell tests), and China Tower has bought only reused LiFePO4 packs since 2018 (about 120,000 sites by the end of 2018, MIIT as carried by fgc360.com 2019-02-18), so a mixed fleet lies between. The bank is taken at the air temperature: cabinets are not heated on battery, and their warmth at the outage is not modelled; and what the cold takes is spent, not given back when the bank warms (assumptions)',
} as const;

/**
 * 10 kV distribution feeders: probability that a feeder trips in a shock of a
 * given intensity, and how long until it is re-energised. Calibrated so that
 * the Jishishan replay loses mains at roughly 70 % of tower sites within 6 h
 * (observed: 143 of 200, official figures as reported by news media). Repair is FEEDER_REPAIR's job.
 */
export const FEEDER_TRIP = {
  /** Piecewise-linear in intensity: [intensity, probability]. */
  probabilityByIntensity: [
    [5.0, 0.0],
    [6.0, 0.3],
    [7.0, 0.6],
    [8.0, 0.8],
    [9.0, 0.95],
  ] as const,
  source: 'assumption: calibrated to the 2023 Jishishan outage figures (official figures as reported by news media)',
} as const;

/**
 * Generator fuel. The scenario gives each generator's fuel as hours of running
 * (site tanks, generator pools, team loadouts); the loader multiplies every one
 * of them by `fuelHoursFactor`, and gives a team loadout without a figure
 * `loadoutHours`. The factor is the what-if knob for fuel logistics (0.5: every
 * generator carries half a tank).
 */
export const GENERATOR_FUEL = {
  fuelHoursFactor: { value: 1, source: "the scenario's fuel figures as given" },
  loadoutHours: { value: 8, source: 'assumption: one tank of a portable generator at a cell site\'s load' },
} as const;

/** Site equipment counts as out of service from this damage state (moderate). */
export const SITE_OUT_FROM_DAMAGE_STATE = { value: 2, source: 'assumption: HAZUS-style DS2 (moderate) disables equipment' } as const;
/** Substations stop serving from this damage state. */
export const SUBSTATION_OUT_FROM_DAMAGE_STATE = { value: 2, source: 'assumption: HAZUS functionality drops below half at DS2' } as const;

/** Share of each operator's subscribers among the population. */
export const OPERATOR_SHARE = {
  cmcc: 0.58,
  cucc: 0.18,
  ctcc: 0.24,
  source: 'assumption: rounded national mobile subscriber shares (MIIT statistics, 2023)',
} as const;

/** Linear interpolation in a [x, y] table, clamped at both ends. */
export function interpolate(table: readonly (readonly [number, number])[], x: number): number {
  if (x <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    const [x1, y1] = table[i];
    if (x <= x1) {
      const [x0, y0] = table[i - 1];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return table[table.length - 1][1];
}

/**
 * Repair of a tripped 10 kV feeder once a power crew (a team of kind powerCrew) is on site: patrol, fault
 * location, repair or isolation, re-energising. Travel to the line is the team's journey, not part of this.
 */
export const FEEDER_REPAIR = {
  hours: { mean: 2, sd: 1, min: 0.5, max: 6 },
  source:
    'assumption: calibrated on Jishishan 2023 with the travelling crews (eight of thirteen 10 kV lines back by T+6.3 h, 央广网 2023-12-19; over 80 % of customers back by T+11 h and all by T+19.3 h, 国家能源局 2023-12-20); 3 h before travel was modelled',
} as const;

/** A substation that was flooded comes back this long after the water falls below its control-room threshold. */
export const SUBSTATION_FLOOD_RECOVERY_HOURS = { value: 24, source: 'assumption: drying out, inspection and re-energising of a control room at grade' } as const;

/** Depth at which equipment at grade stops working. */
export const AT_GRADE_FAILURE_DEPTH_M = { value: 0.3, source: 'HAZUS flood: control vaults and cabinets at grade lose function at about 1 ft (HAZUS-MH flood model)' } as const;

/**
 * Landslides and rockfalls onto a road, per km of road, by shaking and terrain: a segment of L km gets a
 * Poisson number of slides with mean rate × L, so long gorge segments get several and a segment is blocked
 * with probability 1 − exp(−rate × L). Each slide brings its own debris (SLIDE_DEBRIS_M3).
 */
export const SLIDES_PER_KM = {
  /** [intensity, slides per km of road] per terrain class. */
  flat: [[6.5, 0], [7, 0.004], [8, 0.012], [9, 0.033], [10, 0.065]] as const,
  hilly: [[6.5, 0], [7, 0.016], [8, 0.051], [9, 0.115], [10, 0.2]] as const,
  mountain: [[6, 0], [6.5, 0.008], [7, 0.042], [8, 0.143], [9, 0.8], [10, 1.6]] as const,
  source:
    'assumption: HAZUS does not model landslide blockage. Up to VIII the rates are the per-segment blockage chances sized to Jishishan 2023 (mountain roads in the VIII zone often cut; access roads to the worst-hit areas reopened after about 19 h, 交通运输部 as reported by 中新社 2023-12-19) spread over a 2.5 km segment. The mountain rate at IX (0.8 per km, about five times VIII) is calibrated on Jiuzhaigou 2017 alone (194 slides over 700 m² in the emergency inventory, mostly in the IX zone\'s gorges; the G544 gorge road through only after about 19–35 h); coseismic landslide density rises several-fold per degree of intensity in steep terrain',
} as const;

/**
 * Debris a slide leaves on a blocked road segment, m³: lognormal with this median (piecewise-linear in
 * intensity, per terrain class) and log-standard deviation. Drawn from the same uniform that decided the
 * blockage (its position below the blockage probability), so no asset's draws shift.
 */
export const SLIDE_DEBRIS_M3 = {
  medianByIntensity: {
    flat: [[6.5, 25], [7, 40], [8, 75], [9, 400], [10, 1500]] as const,
    hilly: [[6.5, 50], [7, 75], [8, 150], [9, 750], [10, 3000]] as const,
    mountain: [[6, 50], [7, 150], [8, 300], [9, 1500], [10, 6000]] as const,
  },
  beta: 1.2,
  /** A blockage by ground failure alone (no slide drawn) takes this quantile of the slide distribution. */
  groundFailureQuantile: 0.9,
  source:
    'assumption: medians sized so a typical Jishishan (VIII, loess) slide on a county road took about 4 h to clear completely, 2 h to open its first lane (all rural roads to the worst-hit areas reopened by T+19 h, 交通运输部 as reported by 中新社 2023-12-19) and IX-zone gorge segments, with several slides each, take a day or more (Jiuzhaigou 2017: main gorge road through after ~19–35 h; 194 slides over 700 m² in the emergency inventory); β = 1.2 gives the heavy tail of a few slides that keep a valley shut for days',
} as const;

/**
 * Slopes the mainshock shook to `fromMainshockIntensity` or more are cracked and loosened: an aftershock that
 * shakes them at `minIntensity` or more brings them down (and as much debris) as if it shook `degrees` harder. Without it aftershocks two or three magnitudes smaller than the mainshock add almost no slides.
 */
export const AFTERSHOCK_SLOPE_WEAKENING = {
  degrees: 0.5,
  fromMainshockIntensity: 7,
  /** Below this intensity of its own an aftershock moves no slope, weakened or not. */
  minIntensity: 6.5,
  source: 'assumption: slopes cracked by strong shaking fail in lesser shaking; aftershock-triggered slides are what keeps road and fibre counts rising for days in mountain events',
} as const;

/**
 * Clearing a slide: machines set up, then open one lane through it (抢通: the first pass moves `firstLaneShare`
 * of the debris) at a rate that depends on the machines a road of that class gets. The road counts as open once
 * the lane is; widening it afterwards changes nothing the model measures and is not modelled.
 */
export const ROAD_CLEARING = {
  setupHours: 1,
  m3PerHourByClass: { expressway: 400, national: 300, provincial: 200, county: 100, rural: 60 },
  firstLaneShare: 1 / 3,
  /** Fill to rebuild a segment washed out by a flood, moved at the same rates (its first lane: firstLaneShare of it). */
  washoutFillM3: 1200,
  /**
   * A second crew goes to a segment another crew is clearing when that work has more than this left; it works
   * from the far end where it can reach it, and after setting up the two share what is left.
   */
  secondCrewFromHours: 6,
  source:
    'assumption: one excavator with a loader moves about 60–100 m³/h of slide debris; trunk roads get several machines at once (Jiuzhaigou 2017: about 40 machines and 200 staff on G544, CNS). A single lane through a slide on a two-lane road is taken as a third of its debris: road crews open one lane first (Dingri 2025: damaged sections reopened, some to one lane, by about T+8.9 h, wxredian.com 2025-01-07). A long blockage is attacked from both ends once a second crew can reach the far side: after its 1 h setup the two share what is left (an assumption). A washed-out county road takes 1,200 m³ of fill, a third of it for the first lane, which keeps it at the flat 5 h used before clearing went by size',
} as const;

/**
 * A detour (便道) round a blockage on a trunk road: rather than dig a lane through a large slide, the crew
 * pushes a rough track round it or over its toe, when that opens the road sooner. Vehicles pass it slowly
 * (DAMAGED_PASSAGE, as a damaged bridge) from then on; the debris beside it no longer blocks anyone.
 */
export const ROAD_DETOUR = {
  /** Road classes whose crews build detours (national and provincial trunk roads, and expressways). */
  classes: ['expressway', 'national', 'provincial'] as const,
  /** Setting up and building the track. */
  buildHours: 6,
  source:
    'assumption: trunk roads get detours first (Jiuzhaigou 2017: the K79 detour on G544 open T+6.7–10.9 h while the gorge section stayed blocked by boulders until about T+19–35 h, CNS as carried by ntjiede.cn; about 40 machines and 200 staff on G544). Six hours to build is read from that: crews reached the road within a few hours and the detour was open by T+6.7–10.9 h. County and rural roads get no detour: their crews dig',
} as const;

/** Length of road (and of the fibre beside it) a slide of a given volume buries: volume over the deposit's cross-section. */
export const SLIDE_DEPOSIT_CROSS_SECTION_M2 = { value: 30, source: 'assumption: a deposit about 10 m across the road bench and 3 m deep' } as const;

/**
 * Fibre along a damaged stretch is cut with probability 1 − exp(−rate × km affected): a 50 m slide cuts
 * the cable beside it about one time in twenty, a 2 km stretch nearly always.
 */
export const FIBRE_CUT_PER_KM_AFFECTED = {
  value: 1.0,
  source: 'assumption: sized to Jishishan 2023 (2 fibre cables cut among about 25 blocked segments, official figures as reported by news media) and to Jiuzhaigou 2017 (40 km of fibre destroyed, 中国应急广播 2017-08-10)',
} as const;

/**
 * Slope failures and rockfall that reach the cable line along a road without blocking the road (the cable
 * runs on poles or in the shoulder on the slope side, and small slides, rockfall and slips below the road
 * take it where the carriageway stays open): a Poisson number per km of route, by shaking and terrain, each
 * destroying `lengthM` of cable. Read at the same intensity as slides (SLIDES_PER_KM, with aftershock
 * weakening).
 */
export const CABLE_BREAKS_PER_KM = {
  /** [intensity, breaks per km of cable route] per terrain class. */
  flat: [[8, 0], [9, 0], [10, 0]] as const,
  hilly: [[7.5, 0], [8, 0.002], [9, 0.1], [10, 0.2]] as const,
  mountain: [[7.5, 0], [8, 0.004], [9, 0.75], [10, 1.5]] as const,
  lengthM: 300,
  source:
    'assumption, sized on one event, Jiuzhaigou 2017: 40 km of fibre destroyed (中国应急广播 2017-08-10; perhaps counting each operator\'s cable on a shared route), 23 km of temporary fibre laid and 18 km repaired by T+18.7 h, when about half the failed stations were back (Aba figures as carried by china.com), where slides that blocked roads buried only about 2 km of road; the mountain rate at IX was chosen with both in view. Near zero at VIII so Jishishan 2023 keeps about its 2 cut cables (official figures as reported by news media). A break takes about 300 m of pole line',
} as const;

/** Bridges: Sa(1.0 s) is not in the intensity field, so it is estimated from PGA. */
export const SA1_OVER_PGA = { value: 0.8, source: 'assumption: typical Sa(1.0 s)/PGA for shallow crustal events at short distance on stiff soil' } as const;

/** Cell broadcast: time from send to delivery on handsets. */
export const CELL_BROADCAST_LATENCY_SEC = { value: 10, source: 'assumption: seconds-level targeted warning (2027 Opinions, 工信部联信管〔2024〕256号, 五、（十二）: 秒级、靶向)' } as const;

/**
 * The transmission network is meshed: when a substation loses its upstream
 * supply, dispatchers switch it to another source. It is dark until then.
 */
export const SUPPLY_TRANSFER_SEC = {
  value: 2 * 3600,
  source: 'assumption: N-1 switching by grid dispatch; Jishishan 2023 lost 3×750 kV and 5×330 kV lines but no station above 35 kV stayed dark',
} as const;

/** Flood water this deep over a road washes out the fibre laid along it. */
export const FIBRE_WASHOUT_DEPTH_M = {
  value: 1.0,
  source: 'assumption: riverside cables on valley roads were cut in many places in the 2023 Beijing–Hebei floods (official figures as reported by news media: repairs waited for roads and power)',
} as const;
