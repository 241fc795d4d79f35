import type { Decision, PolicyRef, Tier } from '@allot/engine';
import { DeadlineHeap } from './deadline-heap.js';

/** Rules that are hard-coded in this reducer and can impose a pause or a ban. */
export type SanctionRule = 'M1' | 'M2' | 'M3' | 'V1' | 'D1' | (string & {});

/** One `staff.paused` decision's pauses, used up oldest first. */
export interface PauseRecord {
  rule: SanctionRule;
  remaining: number;
}

/** One running (or expired, until pruned) ban `[from, until)`. */
export interface BanRecord {
  rule: SanctionRule;
  from: number;
  until: number;
}

/** Everything the reducer remembers about one staff member. */
export interface StaffState {
  id: string;
  /** True once a `staff.joined` was seen (records are also made for ids only referenced). */
  joined: boolean;
  left: boolean;
  /** Role is `rep` or `receptionist` (P1's default roles). */
  allocates: boolean;
  inRing: boolean;
  pauses: PauseRecord[];
  pauseTotal: number;
  bans: BanRecord[];
  /** Confirmed mismatches against this member as a receptionist, in time order. */
  mismatchMonths: number[];
  mismatchIds: string[];
  /** Ids of this member's `normal` violations (V1 has no look-back in 1.0.0). */
  violationIds: string[];
  /** Violations counted beyond `violationIds` (an `opening.staff`'s prior count is one id, many violations). */
  violationExtra: number;
  /** Clients this member owns. */
  owned: Set<ClientState>;
}

/** A client's open D1 window. */
export interface FollowUpWindow {
  staff: StaffState;
  causeId: string;
  contacted: boolean;
  reported: boolean;
}

/** Everything the reducer remembers about one client. */
export interface ClientState {
  id: string;
  owner: StaffState | null;
  /** The owner got it through `client.swapped` without `approvedBy` (R4). */
  unapprovedSwap: boolean;
  tier: Tier | null;
  /** Id of the first `lead.received` (D2). */
  firstLeadId: string | null;
  /** The current hold began with `lead.allocated`, `lead.assigned` or `client.reassigned` (R3 applies); a return to the pool ends it. */
  handedOut: boolean;
  /** Registered (R2 started) and not since returned to the pool. */
  registered: boolean;
  /** A deal closed during the current hold: its R2 and R3 clocks are over until a new hold starts them. */
  converted: boolean;
  /** R2 deadline, meaningful while `registered`. */
  r2Deadline: number;
  r2Active: boolean;
  r2Token: number;
  r2Causes: string[];
  /** Start of R3's clock and the event that started it. */
  r3Start: number;
  r3Cause: string;
  /** When R3's notice is due (NaN while R3 does not run), and whether it was given for this clock. */
  r3Deadline: number;
  r3Notified: boolean;
  /**
   * The earliest heap entry pending for R3 (+Infinity when none is known). Activity only pushes
   * a new entry when its deadline comes earlier; a later one is re-pushed when the entry fires.
   */
  r3Scheduled: number;
  d1: FollowUpWindow | null;
  d1Token: number;
}

/** Kinds of deadline in the heap. */
export const D1_DEADLINE = 0;
export const R2_DEADLINE = 1;
export const R3_DEADLINE = 2;

/** One scheduled deadline; D1 and R2 ones are stale when `token` no longer matches the client's (R3 ones carry 0 and are checked against `r3Deadline`). */
export interface Deadline {
  time: number;
  kind: number;
  client: ClientState;
  token: number;
}

/** The whole reducer state plus the output buffer and policy reference. */
export interface ReducerState {
  policy: PolicyRef;
  staff: Map<string, StaffState>;
  clients: Map<string, ClientState>;
  ring: StaffState[];
  pointer: number;
  heap: DeadlineHeap<Deadline>;
  /** Next month close (00:00 on a month's first day), or NaN before the first event. */
  nextClose: number;
  /** Receptionists with a mismatch, by month number. */
  mismatchByMonth: Map<number, Set<StaffState>>;
  /** Token source. */
  tokens: number;
  /** Decision ids: `<source>#<n>`, n counting from 1 within one source. */
  source: string;
  seq: number;
  out: Decision[];
}

/** A fresh state citing `policy`. */
export function createState(policy: PolicyRef): ReducerState {
  return {
    policy,
    staff: new Map(),
    clients: new Map(),
    ring: [],
    pointer: 0,
    heap: new DeadlineHeap<Deadline>(),
    nextClose: Number.NaN,
    mismatchByMonth: new Map(),
    tokens: 0,
    source: '',
    seq: 0,
    out: [],
  };
}

/** The member with this id, created (not joined) when unknown. */
export function staffOf(state: ReducerState, id: string): StaffState {
  let s = state.staff.get(id);
  if (s === undefined) {
    s = {
      id,
      joined: false,
      left: false,
      allocates: false,
      inRing: false,
      pauses: [],
      pauseTotal: 0,
      bans: [],
      mismatchMonths: [],
      mismatchIds: [],
      violationIds: [],
      violationExtra: 0,
      owned: new Set(),
    };
    state.staff.set(id, s);
  }
  return s;
}

/** The client with this id, created (no owner, no tier) when unknown. */
export function clientOf(state: ReducerState, id: string): ClientState {
  let c = state.clients.get(id);
  if (c === undefined) {
    c = {
      id,
      owner: null,
      unapprovedSwap: false,
      tier: null,
      firstLeadId: null,
      handedOut: false,
      registered: false,
      converted: false,
      r2Deadline: 0,
      r2Active: false,
      r2Token: 0,
      r2Causes: [],
      r3Start: 0,
      r3Cause: '',
      r3Deadline: Number.NaN,
      r3Notified: false,
      r3Scheduled: Number.POSITIVE_INFINITY,
      d1: null,
      d1Token: 0,
    };
    state.clients.set(id, c);
  }
  return c;
}

/** The next decision id of the current source. */
export function nextId(state: ReducerState): string {
  return `${state.source}#${++state.seq}`;
}
