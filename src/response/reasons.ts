// Reason codes a command can be refused with. The UI and the reports
// translate them (see the i18n tables); the codes themselves never change.
export const REASON_CODES = [
  'notPermitted',
  'unknownSite',
  'unknownPool',
  'poolEmpty',
  'siteDestroyed',
  'generatorAlreadyThere',
  'poolNotForSite',
  'unknownTownship',
  'emptyWarningArea',
  'alreadySet',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
