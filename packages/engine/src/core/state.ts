import type { StaffRole, Tier } from '../policy/policy-types.js';

/** A sanction record that blocks allocation: pauses are counts, bans are intervals. */
export interface PauseRecord {
  rule: string;
  remaining: number;
  seq: number;
}
export interface BanRecord {
  rule: string;
  from: number;
  until: number;
  seq: number;
}
/** An event remembered by instant and id (what a count ladder counts). */
export interface Mark {
  at: number;
  id: string;
  /** The counted event's fields, kept by each-event ladders so an appeal can re-derive them. */
  facts?: Record<string, unknown>;
}

/** The decision kinds an acknowledgement, an appeal or a dismissal may answer. */
export type SanctionKind = 'staff.paused' | 'staff.banned' | 'staff.hotline_banned' | 'staff.fined' | 'staff.termination_review';

/**
 * A sanction the engine decided (the ledger appeals read): what it was, what it punished
 * (`offences`, the events that stop counting when it is set aside) and where it stands.
 */
export interface SanctionEntry {
  id: string;
  kind: SanctionKind;
  rule: string;
  /** The count ladder whose rungs made it (re-derived on an appeal), or '' for any other rule. */
  source: string;
  staffId: string;
  /** The instant it took effect. */
  at: number;
  /** The instant its derivation belongs to: `at`, or the original instant of a re-derived decision. */
  keyAt: number;
  offences: string[];
  cause: string[];
  count?: number;
  from?: number;
  until?: number;
  amountFen?: number;
  reason?: string;
  /** The pause or ban record it imposed (its `seq`), to lift when it is superseded. */
  seq?: number;
  /** A reduction keeps matching the derivation of the decision it reduced. */
  matches?: string;
  /** Id of the appeal event that superseded it, once superseded. */
  supersededBy?: string;
  acknowledged?: string;
  refused?: string;
  /** The pending appeal's event id; then `appealDecided` once decided. */
  appealed?: string;
  appealDecided?: string;
}

export interface StaffState {
  id: string;
  role: StaffRole;
  level: Tier | undefined;
  left: boolean;
  /** The instant of the last `staff.left` while `left` (month-close re-derivation skips leavers as then). */
  leftAt?: number;
  inRing: boolean;
  pauses: PauseRecord[];
  pauseTotal: number;
  bans: BanRecord[];
  hotlineBans: BanRecord[];
  /** Events counted by each count ladder (by ladder id) against this member, in time order. */
  marks: Record<string, Mark[]>;
  /** Clients this member owns now. */
  owned: Set<string>;
}

export interface FollowUp {
  staffId: string;
  deadline: number;
  contacted: boolean;
  reported: boolean;
  cause: string;
  token: number;
}

export interface Clock {
  deadline: number;
  causes: string[];
  token: number;
  /** True once the deadline has fired and nothing re-armed it. */
  fired: boolean;
}

/**
 * R3's clock: it runs from `start` and passes at `deadline`. The queue holds one entry, at
 * `queued` ≤ `deadline`, that re-arms itself when activity moved the deadline later.
 */
export interface InactivityClock {
  start: number;
  deadline: number;
  /** The instant of the live queue entry. */
  queued: number;
  cause: string;
  token: number;
  fired: boolean;
}

export interface ClientState {
  id: string;
  firstLeadId: string | undefined;
  tier: Tier | undefined;
  owner: string | undefined;
  /** The owner got the client through a swap nobody approved (R4). */
  unapprovedSwap: boolean;
  /** The current hold is handed out (began with an allocation, an assignment or a reassignment): R3 applies. */
  allocated: boolean;
  /** The current hold is registered by its owner: R2 runs from the registration. */
  registered: boolean;
  /** A deal closed during the current hold and ended its clocks; a new hand-out starts R3 again. */
  closed: boolean;
  /** R2: development deadline. */
  development: Clock | undefined;
  /** R3: inactivity deadline. */
  inactivity: InactivityClock | undefined;
  /** D1: the open follow-up window. */
  followUp: FollowUp | undefined;
}

/** The whole reducer state. Plain data: the runtime may snapshot it. */
export interface EngineState {
  staff: Map<string, StaffState>;
  clients: Map<string, ClientState>;
  /** Allocation ring: staff ids in join order. */
  ring: string[];
  pointer: number;
  /** Members with at least one mark on a month-close ladder (month-close candidates). */
  mismatchStaff: Set<string>;
  /** Sanctions decided so far by decision id (the ledger appeals and acknowledgements answer). */
  sanctions: Map<string, SanctionEntry>;
  /** Next month-close instant already scheduled, or null before the first event. */
  nextMonthClose: number | null;
  /** Instant of the last applied event or fired deadline. */
  now: number;
  token: number;
  seq: number;
}

export function createState(): EngineState {
  return {
    staff: new Map(),
    clients: new Map(),
    ring: [],
    pointer: 0,
    mismatchStaff: new Set(),
    sanctions: new Map(),
    nextMonthClose: null,
    now: Number.NEGATIVE_INFINITY,
    token: 0,
    seq: 0,
  };
}

export function newClient(id: string): ClientState {
  return {
    id,
    firstLeadId: undefined,
    tier: undefined,
    owner: undefined,
    unapprovedSwap: false,
    allocated: false,
    registered: false,
    closed: false,
    development: undefined,
    inactivity: undefined,
    followUp: undefined,
  };
}

export function newStaff(id: string, role: StaffRole, level: Tier | undefined): StaffState {
  return {
    id,
    role,
    level,
    left: false,
    inRing: false,
    pauses: [],
    pauseTotal: 0,
    bans: [],
    hotlineBans: [],
    marks: {},
    owned: new Set(),
  };
}
