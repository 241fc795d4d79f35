import type { Condition } from '../conditions/condition-types.js';
import type { Clause, CombineMode, Localized, PolicyOptions, StaffRole } from './policy-types.js';

/**
 * Policy format 2 (SPEC §6): an ordered list of rules, each of a `type` from a small catalogue,
 * with author-chosen ids; codes (tiers, forms, fine reasons, incidents) and the business
 * calendar are policy data. The seed policy is one instance; format 1 is read into this shape.
 */

/** A rule id: `^[A-Z][A-Z0-9_]{0,15}$`, unique in the file. */
export const RULE_ID_PATTERN = '^[A-Z][A-Z0-9_]{0,15}$';
/** A code (tier, form, fine reason, incident): lower snake case, or an upper-case tier letter/word. */
export const CODE_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,31}$';

/** The catalogue of rule types. */
export const RULE_TYPES = ['tiering', 'per_occurrence', 'count_ladder', 'deadline', 'allocation', 'ownership'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** A declared code with its labels. */
export interface CodeDef {
  code: string;
  label: Localized;
}

/** Every code list of a policy. Tiers are ordered from the largest client to the smallest. */
export interface PolicyCodes {
  tiers: CodeDef[];
  forms: CodeDef[];
  fineReasons: CodeDef[];
  incidents: CodeDef[];
}

/** A span of working hours in one day, local wall time "HH:MM" (from < to). */
export interface WorkingSpan {
  from: string;
  to: string;
}

/** Dates are local calendar dates "YYYY-MM-DD"; a holiday range is inclusive. */
export interface HolidayRange {
  from: string;
  to: string;
}

/** Working time (SPEC §6): weekdays (1 = Monday … 7 = Sunday), spans, holidays, make-up days (调休). */
export interface BusinessCalendar {
  workingDays: number[];
  hours: WorkingSpan[];
  holidays: Array<string | HolidayRange>;
  makeUpDays: string[];
}

/** What a rule imposes. Every field is optional; absent or 0 means none. */
export interface Consequences {
  pause?: number;
  banDays?: number;
  hotlineBanMonths?: number;
  fineFen?: number;
  /** A declared fine reason; required with a fine. */
  fineReason?: string;
  /** Ask a person to review the member's termination (`staff.termination_review`). */
  terminationReview?: boolean;
}

/** A duration: natural time (default) or working time (needs `calendar`; minutes and hours only). */
export interface Duration {
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'months';
  time?: 'natural' | 'working';
}

/** A format-2 clause: the verbatim quote of the source and, optionally, a clean reading of it. */
export interface ClauseV2 extends Clause {
  /** The clause as a clean Chinese sentence (shown by default; the quote is the source text, defects included). */
  reading?: string;
}

interface RuleCommon {
  id: string;
  enabled: boolean;
  title?: Localized;
  clause?: ClauseV2;
}

/** An ordered decision table: the first rung whose condition holds gives the tier. Facts: `expectedDealFen`, `channel`. */
export interface TieringRuleV2 extends RuleCommon {
  type: 'tiering';
  rungs: Array<{ tier: string; when: Condition }>;
  otherwise: string;
}

/** Event types a per-occurrence rule or a ladder may count (those with a staff subject). */
export const OCCURRENCE_EVENTS = ['entry.late', 'staff.incident', 'violation', 'tier.mismatch'] as const;
export type OccurrenceEvent = (typeof OCCURRENCE_EVENTS)[number];

/** On each event of a type whose fields match `when` → consequences for the subject. Facts: the event's fields. */
export interface PerOccurrenceRule extends RuleCommon {
  type: 'per_occurrence';
  on: OccurrenceEvent;
  /** The event field naming the staff member (default `staffId`). */
  subject?: string;
  when?: Condition;
  then: Consequences;
}

/** One rung of a ladder. `id` (optional) is the rule id its decisions cite; default the ladder's. */
export interface LadderRung {
  id?: string;
  title?: Localized;
  clause?: ClauseV2;
  /** Month-close ladders: window length in calendar months ending with the closing month. */
  windowMonths?: number;
  when: Condition;
  then: Consequences;
}

/**
 * Counts a subject's matching events and climbs rungs by the count. `evaluate: "month_close"`
 * judges at each calendar month close over each rung's window; `"each_event"` judges at each
 * counted event over all time or a look-back. Facts: `count` (and `countFact`, if named),
 * `windowMonths` (month close) or the event's fields (each event).
 */
export interface CountLadderRule extends RuleCommon {
  type: 'count_ladder';
  counts: { on: OccurrenceEvent; subject?: string; when?: Condition };
  evaluate: 'month_close' | 'each_event';
  /** each_event: count only this many calendar months (or days) back; null / absent = all time. */
  lookbackMonths?: number | null;
  lookbackDays?: number;
  /** Another name for the `count` fact, e.g. "mismatches". */
  countFact?: string;
  combine: CombineMode;
  /** An event matching `when` skips the ladder, is not counted, and has these consequences. */
  escape?: { when: Condition; then: Consequences };
  rungs: LadderRung[];
}

/**
 * A deadline started by a matching event. `direct_allocation` (D1): satisfied by the owner's
 * `contact.made` and `manager.reported` within the duration (facts at the miss: `contacted`,
 * `reported`, `mode`); `registration` (R2) and `hand_out` (R3) are the ownership clocks.
 */
export interface DeadlineRule extends RuleCommon {
  type: 'deadline';
  start: 'direct_allocation' | 'registration' | 'hand_out';
  within: Duration;
  /** direct_allocation: checked when the duration passes; the consequences apply when it holds. */
  when?: Condition;
  then?: Consequences;
  /** hand_out: return the client to the pool after the notice. */
  autoReclaim?: boolean;
}

/** P1: round robin among eligible staff. */
export interface AllocationRuleV2 extends RuleCommon {
  type: 'allocation';
  strategy: 'round_robin';
  roles: StaffRole[];
  capOwned: number | null;
  matchLevel: boolean;
}

/** The ownership built-ins, each with its fixed seed id. */
export const OWNERSHIP_MECHANISMS = {
  dedupe: 'D2',
  registration: 'R1',
  replacement: 'M4',
  swap_credit: 'R4',
  unreported_credit: 'R5',
  departure: 'L1',
} as const;
export type OwnershipMechanism = keyof typeof OWNERSHIP_MECHANISMS;

export interface OwnershipRule extends RuleCommon {
  type: 'ownership';
  mechanism: OwnershipMechanism;
  /** registration: hours after `developedAt` within which a registration is in time. */
  withinHours?: number;
  /** replacement: clients owed per confirmed mismatch. */
  replacements?: number;
}

export type RuleV2 = TieringRuleV2 | PerOccurrenceRule | CountLadderRule | DeadlineRule | AllocationRuleV2 | OwnershipRule;

/** A whole format-2 policy file. */
export interface PolicyV2 {
  $schema?: string;
  format: 2;
  id: string;
  version: string;
  name: Localized;
  description?: Localized;
  timezone: string;
  source?: string;
  options: PolicyOptions;
  codes: PolicyCodes;
  calendar?: BusinessCalendar;
  rules: RuleV2[];
}
