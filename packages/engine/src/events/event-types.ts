import type { LateForm, StaffRole, Tier } from '../policy/policy-types.js';

/** Every event type of SPEC §3, in a fixed order. */
export const EVENT_TYPES = [
  'staff.joined',
  'staff.left',
  'lead.received',
  'lead.allocate',
  'lead.assigned',
  'contact.made',
  'manager.reported',
  'tier.mismatch',
  'entry.late',
  'violation',
  'client.registered',
  'sales.activity',
  'deal.closed',
  'claim.extended',
  'client.swapped',
  'client.reassigned',
  'staff.incident',
  'opening.staff',
  'opening.client',
  'decision.acknowledged',
  'decision.acknowledgement_refused',
  'decision.appealed',
  'appeal.decided',
  'decision.dismissed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CHANNELS = ['hotline400', 'lixianbao', 'web', 'walkin', 'referral', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ALLOCATION_MODES = ['direct', 'pool'] as const;
export type AllocationMode = (typeof ALLOCATION_MODES)[number];

export const ASSIGNMENT_MODES = ['direct', 'pool', 'manual'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const SEVERITIES = ['normal', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How a manager decides an appeal (`appeal.decided.outcome`). */
export const APPEAL_OUTCOMES = ['upheld', 'overturned', 'reduced'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** The event types that answer a recorded decision (they name it by `decisionId`). */
export const DECISION_EVENT_TYPES = ['decision.acknowledged', 'decision.acknowledgement_refused', 'decision.appealed', 'appeal.decided', 'decision.dismissed'] as const;
export type DecisionEventType = (typeof DECISION_EVENT_TYPES)[number];

/** Fields every event carries. `at` is ISO-8601 with an offset. */
export interface EventBase {
  id: string;
  at: string;
}

export interface StaffJoined extends EventBase {
  type: 'staff.joined';
  staffId: string;
  role: StaffRole;
  level?: Tier;
  name?: string;
}
export interface StaffLeft extends EventBase {
  type: 'staff.left';
  staffId: string;
  successorId?: string;
}
export interface LeadReceived extends EventBase {
  type: 'lead.received';
  clientId: string;
  channel: Channel;
  receptionistId?: string;
  expectedDealFen?: number;
  classifiedTier?: Tier;
}
export interface LeadAllocate extends EventBase {
  type: 'lead.allocate';
  clientId: string;
  mode?: AllocationMode;
}
export interface LeadAssigned extends EventBase {
  type: 'lead.assigned';
  clientId: string;
  staffId: string;
  mode: AssignmentMode;
  by?: string;
}
export interface ContactMade extends EventBase {
  type: 'contact.made';
  clientId: string;
  staffId: string;
}
export interface ManagerReported extends EventBase {
  type: 'manager.reported';
  clientId: string;
  staffId: string;
}
export interface TierMismatch extends EventBase {
  type: 'tier.mismatch';
  clientId: string;
  receptionistId: string;
  repId: string;
  classifiedTier: Tier;
  actualTier: Tier;
  approvedBy: string;
}
export interface EntryLate extends EventBase {
  type: 'entry.late';
  staffId: string;
  form: LateForm;
}
export interface Violation extends EventBase {
  type: 'violation';
  staffId: string;
  severity: Severity;
  note?: string;
}
/** A conduct incident (SPEC §6): `code` is an incident code the policy in force declares. */
export interface StaffIncident extends EventBase {
  type: 'staff.incident';
  staffId: string;
  code: string;
  note?: string;
}
export interface ClientRegistered extends EventBase {
  type: 'client.registered';
  clientId: string;
  staffId: string;
  developedAt: string;
}
export interface SalesActivity extends EventBase {
  type: 'sales.activity';
  clientId: string;
  staffId: string;
}
export interface DealClosed extends EventBase {
  type: 'deal.closed';
  clientId: string;
  staffId: string;
  amountFen: number;
}
export interface ClaimExtended extends EventBase {
  type: 'claim.extended';
  clientId: string;
  days: number;
  approvedBy: string;
}
export interface ClientSwapped extends EventBase {
  type: 'client.swapped';
  clientId: string;
  fromStaffId: string;
  toStaffId: string;
  approvedBy?: string;
}
export interface ClientReassigned extends EventBase {
  type: 'client.reassigned';
  clientId: string;
  toStaffId: string;
  by: string;
}
/** The sanctioned member acknowledges a sanction (signs the penalty notice). */
export interface DecisionAcknowledged extends EventBase {
  type: 'decision.acknowledged';
  decisionId: string;
  staffId: string;
}
/** The sanctioned member refused to acknowledge a sanction; `witness` saw the refusal. */
export interface DecisionAcknowledgementRefused extends EventBase {
  type: 'decision.acknowledgement_refused';
  decisionId: string;
  staffId: string;
  witness?: string;
}
/** The sanctioned member appeals a sanction within the policy's appeal window. */
export interface DecisionAppealed extends EventBase {
  type: 'decision.appealed';
  decisionId: string;
  staffId: string;
  reason: string;
}
/** A manager decides a pending appeal: upheld, overturned, or reduced to `amountFen` (a fine) or `days` (a ban). */
export interface AppealDecided extends EventBase {
  type: 'appeal.decided';
  decisionId: string;
  outcome: AppealOutcome;
  by: string;
  reason: string;
  amountFen?: number;
  days?: number;
}
/** A manager sets a sanction aside without an appeal (an override). */
export interface DecisionDismissed extends EventBase {
  type: 'decision.dismissed';
  decisionId: string;
  by: string;
  reason: string;
}

/**
 * Opening state of a staff member at go-live (docs/events.md "Opening state"): sanctions that
 * were running before the first event. Sets state only; decides nothing of its own.
 */
export interface OpeningStaff extends EventBase {
  type: 'opening.staff';
  staffId: string;
  /** An allocation ban running from the event's instant until this instant. */
  banUntil?: string;
  /** A hotline ban running from the event's instant until this instant. */
  hotlineBanUntil?: string;
  /** Allocations still to be skipped. */
  pausesOwed?: number;
  /** Penalised violations before go-live, counted on each-event ladders over `violation`. */
  priorViolations?: number;
  /** The rule the opened ban and pauses are cited under (allocation.breach); default V1 for bans, M1 for pauses. */
  rule?: string;
}
/**
 * Opening state of a client at go-live: its owner, tier and running clocks (R2 from
 * `registeredAt` or `r2Deadline`, R3 from `handedOutAt` / `lastActivityAt`).
 */
export interface OpeningClient extends EventBase {
  type: 'opening.client';
  clientId: string;
  owner?: string;
  tier?: Tier;
  registeredAt?: string;
  r2Deadline?: string;
  handedOutAt?: string;
  lastActivityAt?: string;
}

/** One input event (SPEC §3). */
export type AllotEvent =
  | StaffJoined
  | StaffLeft
  | LeadReceived
  | LeadAllocate
  | LeadAssigned
  | ContactMade
  | ManagerReported
  | TierMismatch
  | EntryLate
  | Violation
  | ClientRegistered
  | SalesActivity
  | DealClosed
  | ClaimExtended
  | ClientSwapped
  | ClientReassigned
  | StaffIncident
  | OpeningStaff
  | OpeningClient
  | DecisionAcknowledged
  | DecisionAcknowledgementRefused
  | DecisionAppealed
  | AppealDecided
  | DecisionDismissed;

/** A problem with one input line: 1-based line number, field name (or null for the whole line), message. */
export interface EventError {
  line: number;
  field: string | null;
  message: string;
}
