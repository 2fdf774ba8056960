// Reason codes a command can be refused with. The UI and the reports
// translate them (see the i18n tables); the codes themselves never change.
export const REASON_CODES = [
  'notPermitted',
  'unknownSite',
  'unknownPool',
  'poolEmpty',
  'siteDestroyed',
  'generatorAlreadyThere',
  /** The site has a standby generator of its own (a super base station): refuel it rather than bring another. */
  'siteHasOwnGenerator',
  'poolNotForSite',
  'unknownTownship',
  'emptyWarningArea',
  'alreadySet',
  'unknownTeam',
  'teamNotActive',
  'teamBusy',
  'wrongTeamKind',
  'unknownTarget',
  'noEquipment',
  'siteNotYours',
  'nothingToDo',
  'alreadyActive',
  'noRoute',
  'tooFarFromRoad',
  /** A second road crew on a blockage works it from the other end, and cannot get there. */
  'farEndUnreachable',
  'modeNotPossible',
  'unknownUav',
  'uavBusy',
  'uavNotFlying',
  'groundedByWeather',
  'outOfRange',
  'notRoadReachable',
  'noHelicopter',
  'noLandingZone',
  'tooBigForHelicopter',
  'unknownInject',
  'injectClosed',
  'timeInPast',
  'noSuchHazard',
  'duplicateInject',
  /** Not a refusal at the gate: a task that failed on arrival (the site was destroyed meanwhile). */
  'cannotRepair',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
