import type { LateForm, Localized, PolicyRef, Tier } from '../policy/policy-types.js';

/** Every decision kind of SPEC §4. */
export const DECISION_KINDS = [
  'client.tiered',
  'staff.paused',
  'staff.banned',
  'staff.hotline_banned',
  'staff.fined',
  'staff.termination_review',
  'staff.replacement_owed',
  'lead.allocated',
  'lead.unallocated',
  'lead.duplicate',
  'allocation.breach',
  'registration.late',
  'registration.rejected',
  'client.review_due',
  'client.reclaim_due',
  'client.reclaimed',
  'client.transferred',
  'deal.credited',
  'decision.superseded',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export type FineReason = LateForm | 'late_follow_up';

/** Fields every decision carries. */
export interface DecisionBase {
  id: string;
  /** The instant the decision took effect (ISO-8601 in the policy's zone). */
  at: string;
  rule: string;
  policy: PolicyRef;
  /** Ids of the events that led to it. */
  cause: string[];
  explain: Localized;
}

export interface ClientTiered extends DecisionBase { kind: 'client.tiered'; clientId: string; tier: Tier; expectedDealFen: number }
export interface StaffPaused extends DecisionBase { kind: 'staff.paused'; staffId: string; count: number }
export interface StaffBanned extends DecisionBase { kind: 'staff.banned'; staffId: string; from: string; until: string }
export interface StaffHotlineBanned extends DecisionBase { kind: 'staff.hotline_banned'; staffId: string; from: string; until: string }
export interface StaffFined extends DecisionBase { kind: 'staff.fined'; staffId: string; amountFen: number; reason: FineReason }
export interface StaffTerminationReview extends DecisionBase { kind: 'staff.termination_review'; staffId: string }
export interface StaffReplacementOwed extends DecisionBase { kind: 'staff.replacement_owed'; staffId: string; tier: Tier }
export interface LeadAllocated extends DecisionBase { kind: 'lead.allocated'; clientId: string; staffId: string }
export interface LeadUnallocated extends DecisionBase { kind: 'lead.unallocated'; clientId: string; reason: 'no_eligible_staff' | 'already_owned' }
export interface LeadDuplicate extends DecisionBase { kind: 'lead.duplicate'; clientId: string; keptEventId: string }
export interface AllocationBreach extends DecisionBase { kind: 'allocation.breach'; clientId: string; staffId: string; reason: 'banned' | 'paused' }
export interface RegistrationLate extends DecisionBase { kind: 'registration.late'; clientId: string; staffId: string }
export interface RegistrationRejected extends DecisionBase { kind: 'registration.rejected'; clientId: string; staffId: string; protectedBy: string; until?: string }
export interface ClientReviewDue extends DecisionBase { kind: 'client.review_due'; clientId: string; staffId: string; reason: 'not_converted' }
export interface ClientReclaimDue extends DecisionBase { kind: 'client.reclaim_due'; clientId: string; staffId: string; reason: 'inactive' }
export interface ClientReclaimed extends DecisionBase { kind: 'client.reclaimed'; clientId: string; fromStaffId: string }
export interface ClientTransferred extends DecisionBase { kind: 'client.transferred'; clientId: string; fromStaffId: string; toStaffId: string }
export interface DealCredited extends DecisionBase { kind: 'deal.credited'; clientId: string; to: string; amountFen: number }
/**
 * An earlier sanction no longer holds: an appeal overturned or reduced it, a manager dismissed
 * it, or one of those took away an offence it was derived from. `by` is that event's id; the
 * decisions that hold instead are emitted at the same instant, caused by the same event.
 */
export interface DecisionSuperseded extends DecisionBase { kind: 'decision.superseded'; decisionId: string; staffId: string; by: string }

/** One output decision (SPEC §4). */
export type Decision =
  | ClientTiered
  | StaffPaused
  | StaffBanned
  | StaffHotlineBanned
  | StaffFined
  | StaffTerminationReview
  | StaffReplacementOwed
  | LeadAllocated
  | LeadUnallocated
  | LeadDuplicate
  | AllocationBreach
  | RegistrationLate
  | RegistrationRejected
  | ClientReviewDue
  | ClientReclaimDue
  | ClientReclaimed
  | ClientTransferred
  | DealCredited
  | DecisionSuperseded;
