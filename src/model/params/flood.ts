// What is uncertain about a flood before it happens, so a flood what-if has a
// spread: how high the water rises (the rain that falls), at what depth each
// piece of equipment at grade actually fails, and whether a flooded road
// segment is washed out. Each run draws them once, at T0, from the `flood`
// stream: one rainfall factor per flood, one factor per zone, and one draw per
// exposed asset in the flood's exposure order, used or not, so one asset's
// draw never shifts another's and every variant that leaves the flood and its
// assets alone sees the same water (common random numbers).
//
// Simplified on purpose: one rise factor per zone scales the whole
// hydrograph (its timing is kept); equipment failure is a lognormal fragility
// in depth around the at-grade threshold rather than a damage-fraction curve;
// a washed-out segment is blocked until a road crew clears it.

/**
 * The rise of every hydrograph above its first (ordinary) level is scaled by
 * exp(σ_event·z_event + σ_zone·z_zone), z standard normal, clamped to
 * [min, max]: the rainfall of the whole event is shared by its zones, each
 * zone adds a little of its own (local cells of heavy rain, debris dams).
 */
export const FLOOD_STAGE_UNCERTAINTY = {
  eventSigma: { value: 0.25 },
  zoneSigma: { value: 0.1 },
  min: { value: 0.5 },
  max: { value: 1.6 },
  source:
    'assumption: a heavy-rain forecast a day ahead misses the areal total by about a factor of 1.3 either way (σ ≈ 0.25 in log terms; ' +
    'the July 2023 Haihe-basin rain, 471 mm on average over Mentougou, was well above what was forecast days before, official figures as reported by news media), ' +
    'and in a confined valley the stage rise grows roughly in proportion; zone-to-zone scatter of 10 % and the clamp are assumptions',
} as const;

/**
 * Depth (m above the asset's ground) at which equipment at grade stops:
 * lognormal across assets with this median and dispersion β. Each asset
 * draws its own depth once per run (plinth heights, cabinet mounting and
 * door seals differ from site to site).
 */
export const FLOOD_EQUIPMENT_FAILURE = {
  site: { medianM: { value: 0.3 }, beta: { value: 0.5 } },
  substation: { medianM: { value: 0.3 }, beta: { value: 0.35 } },
  source:
    'medians: HAZUS flood (FEMA HAZUS-MH Flood Model Technical Manual), equipment and control vaults at grade lose function at about 1 ft (0.3 m); ' +
    'dispersions are assumptions: cell cabinets stand on plinths of 0–0.6 m, substations are built to one code',
} as const;

/**
 * A flooded road segment is washed out (blocked until cleared) when the
 * water over it reaches a depth drawn per segment: lognormal with this
 * median and β. Deeper, faster water in a narrow valley scours embankments.
 */
export const ROAD_WASHOUT = {
  medianM: { value: 1.5 },
  beta: { value: 0.5 },
  source:
    'assumption: valley roads in Mentougou were washed out in many places in the July 2023 flood (official figures as reported by news media: ' +
    'repairs waited for roads); median and spread sized so the deepest stretches of a valley road are usually lost and shallow ones rarely',
} as const;
