// Hazards, one module each: how the hazard's events are scheduled, the event
// handlers that apply it to the twin, what a report says it amounted to, and
// its line in the after-action report. The engine wires whatever is listed
// in HAZARDS; a new kind of hazard is one module added here (plus its part of
// the scenario format and its names).
import type { Ctx } from '../model/context.ts';
import { EARTHQUAKE } from './earthquake-module.ts';
import { FLOOD } from './flood-module.ts';

/** A hazard as a report records it: the module's summary, read back loosely (reports travel between versions). */
export interface ReportedHazard {
  id: string;
  type: string;
  tSec: number;
  [field: string]: unknown;
}

/** Formatting the report's language provides (hazards sit below the report's i18n). */
export interface HazardTextFormat {
  lang: 'zh' | 'en';
  elapsed(tSec: number): string;
  number(value: number, digits: number): string;
}

export interface HazardModule {
  /** The `type` of its summaries (and of its entries in a scenario's hazards). */
  type: string;
  /** Puts the hazard's first events on the queue at T0 (draws come from the `hazard` stream only). */
  schedule(ctx: Ctx): void;
  /** Event kinds it handles. */
  handlers: Record<string, (ctx: Ctx, data: never) => void>;
  /** What each hazard of this kind amounted to in this run, for the report. */
  summarise(ctx: Ctx): ReportedHazard[];
  /** One line for the after-action report. */
  describe(hazard: ReportedHazard, format: HazardTextFormat): string;
}

/** In scheduling order: the order is part of the event queue's sequence, so of every hash. */
export const HAZARDS: readonly HazardModule[] = [EARTHQUAKE, FLOOD];

export function hazardModule(type: string): HazardModule | undefined {
  return HAZARDS.find((h) => h.type === type);
}
