/**
 * The trace of a pause or ban: every allocation it took part in and the decision that answered it,
 * found by a replay from the newest snapshot before the op that decided it.
 */
import { policyView } from '@allot/engine';
import type { Decision, EngineSnapshot, StaffBanned, StaffPaused } from '@allot/engine';
import type { Database } from '@allot/store';
import type { Kysely } from 'kysely';
import { replayLog, type ReplayOp } from './replay';

/** One allocation a sanction took part in: the `lead.allocate` event and the decision that answered it. */
export interface SanctionUse {
  eventId: string;
  at: string;
  /** The id of the `lead.allocated` / `lead.unallocated` decision the replay made for it. */
  outcomeId: string | null;
}

/** What a replay found about one pause or ban. */
export interface SanctionTrace {
  /** The replay made the decision itself (false: the record and the replay disagree; run Verify). */
  found: boolean;
  /** Pause: allocations that used up one of its pauses (earliest imposed first, SPEC §2). Ban: allocations whose ring walk passed the member over because of it. */
  uses: SanctionUse[];
  /** Pause only: ids of `allocation.breach` decisions (reason `paused`) made while this pause was the one blocking. */
  breachIds: string[];
  /** Pause only: pauses of this decision not used up when the record ends. */
  left: number | null;
  /** Pause only: the member's pauses went down other than by an allocation (the trace stopped there). */
  cleared: boolean;
  /**
   * The trace came to its end inside the record (the pause used up or cleared, the ban over, or
   * the replay disagreeing): ops appended later cannot change it. Else it ran to the log's head.
   */
  final: boolean;
  /** The op of the snapshot the replay started from (0: the first op). */
  snapshotSeq: number;
}

type EventOp = Extract<ReplayOp, { kind: 'event' }>;

/** The `lead.allocated` / `lead.unallocated` answer to an allocation event among an op's decisions. */
function outcomeOf(decisions: readonly Decision[], eventId: string): Decision | undefined {
  return decisions.find((d) => (d.kind === 'lead.allocated' || d.kind === 'lead.unallocated') && d.cause.includes(eventId));
}

const staffOf = (d: Decision): string | undefined => (d as { staffId?: string }).staffId;

/**
 * Follows a `staff.paused` decision through a replay. The engine keeps pauses in the order they
 * were imposed and an allocation that reaches the member uses the earliest first, so counting
 * the member's pauses left before and after each op says which allocation used which pause.
 * A pause is only imposed by deadlines, which fire before the op's event, and only used by the
 * event (a `lead.allocate`), so within one op impositions come first.
 */
export async function tracePause(db: Kysely<Database>, d: StaffPaused, sourceSeq: number): Promise<SanctionTrace> {
  const staffId = d.staffId;
  const out: SanctionTrace = { found: false, uses: [], breachIds: [], left: null, cleared: false, final: false, snapshotSeq: 0 };
  let prevLeft = 0;
  let ahead = 0; // pauses imposed before this one and not yet used
  let mine = 0;
  const use = (op: EventOp, decisions: readonly Decision[]): void => {
    if (ahead > 0) ahead--;
    else if (mine > 0) {
      mine--;
      out.uses.push({ eventId: op.event.id, at: op.event.at, outcomeId: outcomeOf(decisions, op.event.id)?.id ?? null });
    }
  };
  const replay = await replayLog(db, {
    // From the snapshot before the op that made it: the member's pauses left there are the count to follow.
    onStart(engine) {
      prevLeft = engine?.pausesLeft(staffId) ?? 0;
    },
    onOp(op, decisions, { engine }) {
      const left = engine.pausesLeft(staffId);
      let imposed = 0;
      for (const x of decisions) {
        if (x.kind !== 'staff.paused' || x.staffId !== staffId) continue;
        if (x.id === d.id) {
          out.found = true;
          ahead = prevLeft + imposed;
          mine = x.count;
        }
        imposed += x.count;
      }
      const used = prevLeft + imposed - left;
      prevLeft = left;
      // Past the op that made it in the record without making it: the replay disagrees; stop.
      if (!out.found) return op.seq < sourceSeq;
      if (used > 0) {
        if (op.kind !== 'event' || op.event.type !== 'lead.allocate') {
          out.cleared = true;
          return false;
        }
        for (let i = 0; i < used; i++) use(op, decisions);
      }
      for (const x of decisions) {
        if (x.kind === 'allocation.breach' && x.reason === 'paused' && staffOf(x) === staffId && ahead === 0 && mine > 0) out.breachIds.push(x.id);
      }
      return mine > 0;
    },
  }, sourceSeq - 1);
  out.left = out.found ? mine : null;
  out.final = replay.stopped;
  out.snapshotSeq = replay.snapshotSeq;
  return out;
}

/** The running ban that blocks a member at `t`: the earliest imposed (as the engine's `blockingBan`). */
function blockingBan(staff: EngineSnapshot['state']['staff'][number], t: number): { rule: string; from: number; until: number } | undefined {
  let found: { rule: string; from: number; until: number; seq: number } | undefined;
  for (const b of staff.bans) if (b.from <= t && t < b.until && (found === undefined || b.seq < found.seq)) found = b;
  return found;
}

/**
 * Follows a `staff.banned` decision through a replay up to the ban's end: for every engine
 * allocation while it runs, the state just before the event says where the ring's pointer
 * stood; walking the ring from there to the member who got the lead (everyone, when nobody did)
 * shows whether the banned member's turn came up, and the ban that blocked them then is the
 * earliest imposed one still running (SPEC §2). Level matching passes a member over first.
 */
export async function traceBan(db: Kysely<Database>, d: StaffBanned, sourceSeq: number): Promise<SanctionTrace> {
  const staffId = d.staffId;
  const from = Date.parse(d.from);
  const until = Date.parse(d.until);
  const out: SanctionTrace = { found: false, uses: [], breachIds: [], left: null, cleared: false, final: false, snapshotSeq: 0 };
  const replay = await replayLog(db, {
    // From the op that made it (a ban decided by a deadline fires before that op's own event).
    wantsSnapshot: (op) => op.seq >= sourceSeq && op.event.type === 'lead.allocate' && op.appliedAt >= from && op.appliedAt < until,
    onOp(op, decisions, { policy, before }) {
      if (!out.found) {
        out.found = decisions.some((x) => x.id === d.id);
        if (!out.found) return op.seq < sourceSeq;
      }
      const t = op.kind === 'event' ? op.appliedAt : op.at;
      const outcome = op.kind === 'event' && before !== undefined ? outcomeOf(decisions, op.event.id) : undefined;
      if (op.kind === 'event' && before !== undefined && outcome !== undefined) {
        const ban = blockingBanOf(before, staffId, outcome, policyView(policy).rules.P1.matchLevel, t);
        if (ban !== undefined && ban.rule === d.rule && ban.from === from && ban.until === until) {
          out.uses.push({ eventId: op.event.id, at: op.event.at, outcomeId: outcome.id });
        }
      }
      return t < until;
    },
  }, sourceSeq - 1);
  out.final = replay.stopped;
  out.snapshotSeq = replay.snapshotSeq;
  return out;
}

/** When the ring walk of this allocation reached the member and a ban passed them over (not their level): that ban. */
function blockingBanOf(before: EngineSnapshot, staffId: string, outcome: Decision, matchLevel: boolean, t: number): ReturnType<typeof blockingBan> {
  if (outcome.kind === 'lead.unallocated' && outcome.reason === 'already_owned') return undefined;
  const { ring, pointer } = before.state;
  const got = outcome.kind === 'lead.allocated' ? outcome.staffId : undefined;
  const n = ring.length;
  let reached = false;
  for (let i = 0; i < n; i++) {
    const id = ring[(pointer + i) % n];
    if (id === got) break;
    if (id === staffId) {
      reached = true;
      break;
    }
  }
  if (!reached) return undefined;
  const staff = before.state.staff.find((s) => s.id === staffId);
  if (staff === undefined) return undefined;
  if (matchLevel) {
    const clientId = (outcome as { clientId?: string }).clientId;
    const tier = before.state.clients.find((c) => c.id === clientId)?.tier;
    if (tier === undefined || staff.level !== tier) return undefined;
  }
  return blockingBan(staff, t);
}
