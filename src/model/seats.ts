// Seats at a drill and what each may do and see: one table that the gate, the
// doctrine, the per-seat view, the scenario schema, the reports and the
// console all read. A department (a player organisation) is one row here plus
// its names in scoring/i18n.ts SEAT_NAMES.
//
// - The director (control cell) acts for every organisation and sees truth.
// - Evaluators see truth and command nothing.
// - The emergency-management headquarters (emhq) coordinates: it activates
//   teams, sends warnings, sees every team and pool, and receives the power
//   company's and transport department's reports.
// - A telecom operator commands its own crews and pools and sees the
//   mains-failure alarms of sites carrying its equipment; China Tower sees
//   them at every tower.

export interface SeatSpec {
  /** control: the director; evaluation: observers who score; department: a player organisation. */
  role: 'control' | 'evaluation' | 'department';
  /** Sees ground truth rather than the reported picture. */
  truth: boolean;
  /** Sees the grid picture (feeders and substations energised) and its KPIs. */
  grid: boolean;
  /** Sees the road KPIs (segments blocked, flooded). */
  roads: boolean;
  /** Coordinates across departments: sees every team, pool and cell; may activate teams and send public warnings. */
  coordinator: boolean;
  /** Whose sites' mains-failure alarms it sees: its own operator's, every site's, or none. */
  siteAlarms: 'own' | 'all' | 'none';
}

const DEPARTMENT: SeatSpec = { role: 'department', truth: false, grid: false, roads: false, coordinator: false, siteAlarms: 'none' };

export const SEAT_TABLE = {
  director: { role: 'control', truth: true, grid: true, roads: true, coordinator: true, siteAlarms: 'all' },
  evaluator: { role: 'evaluation', truth: true, grid: true, roads: true, coordinator: false, siteAlarms: 'all' },
  emhq: { ...DEPARTMENT, grid: true, roads: true, coordinator: true },
  cmcc: { ...DEPARTMENT, siteAlarms: 'own' },
  cucc: { ...DEPARTMENT, siteAlarms: 'own' },
  ctcc: { ...DEPARTMENT, siteAlarms: 'own' },
  tower: { ...DEPARTMENT, siteAlarms: 'all' },
  power: { ...DEPARTMENT, grid: true },
  transport: { ...DEPARTMENT, roads: true },
  fire: DEPARTMENT,
  // China Satcom (中国卫通): satellite capacity, VSAT portable stations and satellite phones.
  satcom: DEPARTMENT,
} as const satisfies Record<string, SeatSpec>;

export type Seat = keyof typeof SEAT_TABLE;
/** Every seat, in table order. */
export const SEATS = Object.keys(SEAT_TABLE) as Seat[];
/** Player organisations, in table order (the order reports list departments in). */
export const DEPARTMENTS = SEATS.filter((s) => SEAT_TABLE[s].role === 'department');

export function isSeat(value: unknown): value is Seat {
  return typeof value === 'string' && Object.hasOwn(SEAT_TABLE, value);
}

export function seatSpec(seat: Seat): SeatSpec {
  return SEAT_TABLE[seat];
}

/** The organisation a seat speaks for: '*' for the director (acts for all), null for evaluators. */
export function seatOrganisation(seat: Seat): string | null {
  const spec = SEAT_TABLE[seat];
  if (spec.role === 'control') return '*';
  return spec.role === 'evaluation' ? null : seat;
}

/** An organisation (as a command's gate sees it) that coordinates across departments. */
export function isCoordinator(org: string): boolean {
  return isSeat(org) && SEAT_TABLE[org].coordinator;
}

export const seesGroundTruth = (seat: Seat): boolean => SEAT_TABLE[seat].truth;
export const seesGrid = (seat: Seat): boolean => SEAT_TABLE[seat].grid;
export const seesRoads = (seat: Seat): boolean => SEAT_TABLE[seat].roads;
/** Sees every team, pool and emergency cell (the coordinator, and whoever sees truth). */
export const seesAllTeams = (seat: Seat): boolean => SEAT_TABLE[seat].truth || SEAT_TABLE[seat].coordinator;

/** What the console needs to know of a seat, asked of the host rather than re-derived. */
export interface SeatPolicy extends SeatSpec {
  seat: Seat;
  /** May command every organisation's teams and pools (the director). */
  actsForAll: boolean;
  /** Commands nothing (evaluators). */
  observer: boolean;
  /** Sees every team, pool and UAV. */
  seesAllTeams: boolean;
}

export function seatPolicy(seat: Seat): SeatPolicy {
  const spec = SEAT_TABLE[seat];
  return { seat, ...spec, actsForAll: spec.role === 'control', observer: spec.role === 'evaluation', seesAllTeams: seesAllTeams(seat) };
}
