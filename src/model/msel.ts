// The exercise script as data: the master scenario events list (MSEL, after
// HSEEP), the states an inject goes through during a drill, the expected
// actions an inject may name, and what the evaluators record. The director's
// control actions and the evaluators' notes are commands (response/
// cmd-exercise.ts), so the command log carries them and a replay repeats
// them; what they change lives in SimState.drill, so the state hash covers it.
import type { LocalizedText } from './scenario-format.ts';

/**
 * scheduled: will be delivered at its due time; held: kept back by the
 * director (or a contingency inject in reserve) until released or fired;
 * delivered; skipped: passed over by the director; cancelled: a contingency
 * whose expected action was met, so it is not needed.
 */
export const INJECT_STATUSES = ['scheduled', 'held', 'delivered', 'skipped', 'cancelled'] as const;
export type InjectStatus = (typeof INJECT_STATUSES)[number];

/** How the inject reaches the players (HSEEP's "delivery method"); 'system' is the console's own feed. */
export const DELIVERY_METHODS = ['system', 'phone', 'radio', 'email', 'fax', 'inPerson', 'document'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/**
 * What a seat should do after an inject, and by when: an accepted command of
 * `command` type from `seat` whose args include every `match` pair and which
 * acts in `township` (when given), within `withinSec` of the inject's delivery.
 * e.g. cmcc, hookGenerator, township t-dahejia, 3600 s.
 */
export interface ExpectedActionDoc {
  id: string;
  seat: string;
  command: string;
  /** Argument values the command must have, e.g. {"task": "repairSite"}. */
  match?: Record<string, string | number | boolean>;
  /** The township the command must act in (a site's, a task target's, or its townshipId). */
  township?: string;
  withinSec: number;
  /** The id of an MSEL inject delivered when this action is missed; it is held in reserve until then. */
  contingency?: string;
  /** The expected action in words (HSEEP's column), for the MSEL and the report. */
  text?: LocalizedText;
}

/**
 * Commands an expected action may name: what a department can do. The
 * command registry (response/commands.ts) sits above the scenario format that
 * lists these; a test keeps the two in step.
 */
export const EXPECTABLE_COMMANDS = ['hookGenerator', 'activateTeam', 'assignTask', 'requestSupport', 'deployUav', 'recallUav', 'sendWarning', 'setEmergencyRoaming', 'setPrioritySupply'] as const;

/** pending: its inject is not delivered yet; open: delivered, waiting; met: in time; late: after the deadline; missed: deadline passed, nothing yet. */
export const EXPECTATION_STATUSES = ['pending', 'open', 'met', 'late', 'missed'] as const;
export type ExpectationStatus = (typeof EXPECTATION_STATUSES)[number];

/** An inject authored during the drill by the director (authorInject). */
export interface AdhocInject {
  /** A kind of response/inject-kinds.ts INJECT_KINDS. */
  kind: string;
  /** Seat told of it, or null (an event only the control cell sees announced). */
  to: string | null;
  text: LocalizedText;
  /** The kind's arguments as given in the command. */
  args: Record<string, unknown>;
}

export interface InjectState {
  id: string;
  status: InjectStatus;
  /** When it is (or was) due; NEVER for a contingency in reserve. */
  dueSec: number;
  deliveredAtSec: number;
  /** Bumped when the due time changes; a stale injectDue event carries an old value. */
  epoch: number;
  /** Null for MSEL rows (the scenario's world.msel at the same index). */
  adhoc: AdhocInject | null;
}

export interface ExpectationState {
  id: string;
  /** Index into SimState.drill.injects. */
  inject: number;
  status: ExpectationStatus;
  deadlineSec: number;
  /** When a matching command was accepted (met or late), or NEVER. */
  metAtSec: number;
}

/** An evaluator's note in simulated time, tied to what it is about. */
export interface ObservationRecord {
  tSec: number;
  seat: string;
  text: string;
  inject: string | null;
  expectation: string | null;
  indicator: string | null;
}

/** The record a recordObservation command makes (its args checked by the gate). */
export function observationRecord(cmd: { tSec: number; seat: string; args: Record<string, unknown> }): ObservationRecord {
  const a = cmd.args;
  return {
    tSec: cmd.tSec,
    seat: cmd.seat,
    text: a.text as string,
    inject: (a.injectId as string | undefined) ?? null,
    expectation: (a.expectationId as string | undefined) ?? null,
    indicator: (a.indicator as string | undefined) ?? null,
  };
}

export const MANUAL_RATINGS = ['P', 'S', 'M', 'U'] as const;

/** An evaluator's rating of one indicator, with the reason. The latest per indicator counts. */
export interface RatingRecord {
  tSec: number;
  seat: string;
  indicator: string;
  rating: (typeof MANUAL_RATINGS)[number];
  reason: string;
}

/** The record a rateIndicator command makes (its args checked by the gate). */
export function ratingRecord(cmd: { tSec: number; seat: string; args: Record<string, unknown> }): RatingRecord {
  const a = cmd.args;
  return { tSec: cmd.tSec, seat: cmd.seat, indicator: a.indicator as string, rating: a.rating as RatingRecord['rating'], reason: a.reason as string };
}

export interface DrillControlState {
  /** MSEL rows first (world.msel order), then ad-hoc injects in the order they were authored. */
  injects: InjectState[];
  /** Inject indices in the order they were delivered (seat channels send what is new). */
  delivered: number[];
  /** Every expected action of the MSEL, in MSEL order. */
  expectations: ExpectationState[];
  /** The drill stops here (a director's setting), or NEVER. */
  stopAtSec: number;
  /** No-notice (双盲): players see nothing of the script until an inject is delivered. */
  noNotice: boolean;
  observations: ObservationRecord[];
  ratings: RatingRecord[];
}

/** The drill's exercise record as a run report carries it (report `exercise`), for scoring and the after-action report. */
export interface ReportExercise {
  injects: { id: string; status: InjectStatus; dueSec: number; deliveredAtSec: number; adhoc?: AdhocInject }[];
  expectations: { id: string; inject: string; seat: string; command: string; status: ExpectationStatus; deadlineSec: number; metAtSec: number; contingency?: string }[];
  observations: ObservationRecord[];
  ratings: RatingRecord[];
  stopAtSec: number;
  noNotice: boolean;
}
