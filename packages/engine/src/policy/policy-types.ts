import type { Condition } from '../conditions/condition-types.js';

/** Client tiers, from the largest expected deal (A) to the smallest (D). */
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

export const STAFF_ROLES = ['rep', 'receptionist', 'manager', 'director', 'assistant'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A sentence in both UI languages. */
export interface Localized {
  zh: string;
  en: string;
}

/** Where in the seed policy text a rule comes from. */
export interface Clause {
  /** Section reference as printed in the seed, e.g. "客户资源分配管理制度 3.6.7". */
  section: string;
  /** The seed sentence(s) the rule encodes, verbatim. */
  quote: string;
}

/** Fields every rule carries. */
export interface RuleBase {
  enabled: boolean;
  title: Localized;
  clause: Clause;
}

/**
 * What a rule imposes on a staff member. Every field is optional; absent or 0 means "none".
 * `banDays` are calendar days, `hotlineBanMonths` calendar months, `fineFen` integer fen.
 */
export interface Sanction {
  pause?: number;
  banDays?: number;
  hotlineBanMonths?: number;
  fineFen?: number;
}

/** How a ladder combines the rungs whose conditions hold: the highest only, or all of them. */
export const COMBINE_MODES = ['highest', 'all'] as const;
export type CombineMode = (typeof COMBINE_MODES)[number];

/** T1: the first rung whose condition holds gives the tier (facts: `expectedDealFen`, `channel`). */
export interface TierRung {
  tier: Tier;
  when: Condition;
}
export interface TieringRule extends RuleBase {
  rungs: TierRung[];
  /** Tier given when no rung holds. */
  otherwise: Tier;
}

/** M1–M3: one rung of the mismatch ladder, evaluated when a calendar month closes. */
export interface MismatchRung {
  /** The rule id decisions cite, e.g. "M2". */
  rule: string;
  title: Localized;
  clause: Clause;
  /** Window length in calendar months, ending with the month that closes. */
  windowMonths: number;
  /** Facts: `mismatches` (count in the window), `windowMonths`. */
  when: Condition;
  then: Sanction;
}
export interface MismatchLadder extends RuleBase {
  combine: CombineMode;
  /** Ordered from the mildest to the most severe. */
  rungs: MismatchRung[];
}

/** M4: an approved re-application form confirms the mismatch and owes the rep replacements. */
export interface ReapplicationRule extends RuleBase {
  replacements: number;
}

/** F1 / F2: a flat fine per late entry of one form. */
export const LATE_FORMS = ['abcd_table', 'visit_register'] as const;
export type LateForm = (typeof LATE_FORMS)[number];
export interface LateEntryFineRule extends RuleBase {
  form: LateForm;
  fineFen: number;
}

/** V1: one rung of the violation ladder (facts: `violations`, the count including this one). */
export interface ViolationRung {
  when: Condition;
  then: Sanction;
}
export interface ViolationLadder extends RuleBase {
  combine: CombineMode;
  rungs: ViolationRung[];
  /** Count violations only this many calendar months back; null = all time. */
  lookbackMonths: number | null;
  /** A serious violation skips the ladder, does not count on it, and asks for a termination review. */
  seriousTerminationReview: boolean;
}

/** D1: a directly allocated client must be contacted and reported within the window. */
export interface DirectFollowUpRule extends RuleBase {
  windowMinutes: number;
  /** Checked when the window passes. Facts: `contacted`, `reported` (booleans), `mode`. */
  when: Condition;
  then: Sanction;
}

/** R1: register a newly developed client within the window. */
export interface RegistrationRule extends RuleBase {
  windowHours: number;
}

/** R2: convert a registered client within the window, or a review is due. */
export interface DevelopmentRule extends RuleBase {
  windowMonths: number;
}

/** R3: an allocated client with no activity for the window may be reclaimed. */
export interface InactivityRule extends RuleBase {
  windowMonths: number;
  /** Reclaim automatically (`client.reclaimed`) after the notice; off by default. */
  autoReclaim: boolean;
}

/** P1: round robin among eligible staff. */
export interface AllocationRule extends RuleBase {
  strategy: 'round_robin';
  roles: StaffRole[];
  /** Staff owning this many clients or more are passed over; null = no cap. */
  capOwned: number | null;
  /** Only staff whose `level` equals the client's tier are eligible. */
  matchLevel: boolean;
}

/** Rules with no numbers of their own (D2, R4, R5, L1). */
export type SwitchRule = RuleBase;

export interface PolicyRules {
  T1: TieringRule;
  M: MismatchLadder;
  M4: ReapplicationRule;
  F1: LateEntryFineRule;
  F2: LateEntryFineRule;
  V1: ViolationLadder;
  D1: DirectFollowUpRule;
  D2: SwitchRule;
  R1: RegistrationRule;
  R2: DevelopmentRule;
  R3: InactivityRule;
  R4: SwitchRule;
  R5: SwitchRule;
  P1: AllocationRule;
  L1: SwitchRule;
}

export interface PolicyOptions {
  /** A ban imposed while another runs starts when the last one ends (true) or runs side by side (false). */
  banStack: boolean;
  /**
   * Calendar days after a sanction's decision in which the sanctioned member may appeal it
   * (`decision.appealed`); absent means {@link DEFAULT_APPEAL_WINDOW_DAYS}.
   */
  appealWindowDays?: number;
}

/** The appeal window when a policy sets none: 7 calendar days after the decision. */
export const DEFAULT_APPEAL_WINDOW_DAYS = 7;

/** A whole policy file. */
export interface Policy {
  $schema?: string;
  /** Kebab-case policy id, e.g. "sales-resource". */
  id: string;
  /** Semantic version, e.g. "1.0.0". */
  version: string;
  name: Localized;
  description?: Localized;
  /** IANA zone in which calendar days and months are taken. */
  timezone: string;
  /** The seed text the clauses quote. */
  source?: string;
  options: PolicyOptions;
  rules: PolicyRules;
}

/** What a decision says about the policy that made it. */
export interface PolicyRef {
  id: string;
  version: string;
  hash: string;
}
