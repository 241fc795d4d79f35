import { policyClocks, zoneOf } from '@allot/engine';
import type { AllotEvent, AnyPolicy as Policy, Decision, SanctionView } from '@allot/engine';
import { readClientStates, resetStaffBans, upsertProjections } from '@allot/store';
import type { ClientState, StaffBanReset, StaffStatusDelta, StoreDb } from '@allot/store';

/** Client state while a batch is folded in: instants as epoch ms. */
export type ProjectedClient = ClientState<number>;
type Client = ProjectedClient;

/** What a batch writes to the projections: staff deltas and the clients whose state changed. */
export interface ProjectionRows {
  staff: StaffStatusDelta[];
  clients: ClientState<string>[];
  /** Members whose ban ends are set exactly after the upsert (a ban of theirs was superseded). */
  banResets?: StaffBanReset[];
}

/** Reads stored client states (those stored among the ids). */
export type ClientReader = (clientIds: string[]) => Promise<ClientState[]>;

/** Writes a batch's projection rows: one upsert per table. */
export async function writeProjectionRows(db: StoreDb, rows: ProjectionRows, at: Date): Promise<void> {
  await upsertProjections(db, rows.staff, rows.clients, at);
  if (rows.banResets !== undefined && rows.banResets.length > 0) await resetStaffBans(db, rows.banResets);
}

/** One step of a batch, in the order it happened. */
type Step =
  | { kind: 'event'; event: AllotEvent; at: number; own: Decision[]; policy: Policy }
  | { kind: 'decision'; decision: Decision };

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
const str = (d: Decision, name: string): string | undefined => {
  const v = (d as unknown as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * The projections' changes from one write batch (staff status and client state), folded in
 * memory and written with one upsert per table. Projections are a convenience for fast reads:
 * the decisions are the record, and deadlines here are computed from the policy's numbers as
 * the engine schedules them (docs/storage.md).
 */
export class ProjectionBatch {
  private readonly steps: Step[] = [];
  private readonly staff = new Map<string, StaffStatusDelta>();

  /** An event and the decisions it caused (`own`, ids `<eventId>#n`). */
  addEvent(event: AllotEvent, at: number, own: Decision[], policy: Policy): void {
    this.steps.push({ kind: 'event', event, at, own, policy });
  }

  /** A decision that is not an event's own (a deadline that fell due). */
  addDecision(decision: Decision): void {
    this.steps.push({ kind: 'decision', decision });
  }

  /** Staff events: who joined (role, level) and who left. */
  addStaffEvent(e: AllotEvent): void {
    if (e.type === 'staff.joined') {
      const delta = this.staffDelta(e.staffId);
      delta.role = e.role;
      delta.level = e.level ?? null;
      delta.active = true;
    } else if (e.type === 'staff.left') {
      this.staffDelta(e.staffId).active = false;
    } else if (e.type === 'opening.staff') {
      // Opened sanctions are no decisions; the engine reports the pauses left through setPausesLeft.
      const delta = this.staffDelta(e.staffId);
      if (e.banUntil !== undefined && Date.parse(e.banUntil) > Date.parse(e.at)) delta.bannedUntil = later(delta.bannedUntil, e.banUntil);
      if (e.hotlineBanUntil !== undefined && Date.parse(e.hotlineBanUntil) > Date.parse(e.at)) delta.hotlineBannedUntil = later(delta.hotlineBannedUntil, e.hotlineBanUntil);
      if (e.pausesOwed !== undefined) delta.pausesImposed += e.pausesOwed;
    }
  }

  /** Members with a superseded ban in this batch: their ban ends are reset from the engine. */
  private readonly banResets = new Set<string>();

  /**
   * Staff effects of any decision (own or deadline), with its seq. A `decision.superseded` takes
   * back what the sanction it names added (`sanction` looks it up in the engine's ledger).
   */
  addStaffEffect(d: Decision, seq: number, sanction?: (decisionId: string) => SanctionView | undefined): void {
    const staffId = str(d, 'staffId');
    if (staffId === undefined) return;
    const delta = this.staffDelta(staffId);
    delta.lastDecisionSeq = Math.max(delta.lastDecisionSeq, seq);
    if (d.kind === 'decision.superseded') {
      const gone = sanction?.(d.decisionId);
      if (gone?.kind === 'staff.paused') delta.pausesImposed -= gone.count ?? 0;
      else if (gone?.kind === 'staff.fined') delta.finedFen -= gone.amountFen ?? 0;
      else if (gone?.kind === 'staff.banned' || gone?.kind === 'staff.hotline_banned') this.banResets.add(staffId);
      return;
    }
    if (d.kind === 'staff.paused') delta.pausesImposed += d.count;
    else if (d.kind === 'staff.fined') delta.finedFen += d.amountFen;
    else if (d.kind === 'staff.banned') delta.bannedUntil = later(delta.bannedUntil, d.until);
    else if (d.kind === 'staff.hotline_banned') delta.hotlineBannedUntil = later(delta.hotlineBannedUntil, d.until);
  }

  /** Members whose ban ends must be set from the engine (see `addStaffEffect`). */
  takeBanResets(): string[] {
    const ids = [...this.banResets].sort();
    this.banResets.clear();
    return ids;
  }

  /** The engine's count of pauses left for a member whose count changed in this batch. */
  setPausesLeft(staffId: string, pausesLeft: number): void {
    this.staffDelta(staffId).pausesLeft = pausesLeft;
  }

  private staffDelta(staffId: string): StaffStatusDelta {
    let delta = this.staff.get(staffId);
    if (delta === undefined) {
      delta = { staffId, role: null, level: null, active: null, pausesImposed: 0, pausesLeft: null, bannedUntil: null, hotlineBannedUntil: null, finedFen: 0, lastDecisionSeq: 0 };
      this.staff.set(staffId, delta);
    }
    return delta;
  }

  /** `prepare` with the clients read from `db`, then `writeProjectionRows`. */
  async write(db: StoreDb, at: Date, cache: Map<string, ProjectedClient>): Promise<void> {
    await writeProjectionRows(db, await this.prepare((ids) => readClientStates(db, ids), cache), at);
  }

  /**
   * Reads the touched clients' current state, folds the batch in, and returns the rows to
   * write. `cache` holds client rows exactly as stored or about to be (the caller guarantees
   * that no one else writes in between); clients found there are not read again, and it is
   * updated with the result.
   */
  async prepare(read: ClientReader, cache: Map<string, ProjectedClient>): Promise<ProjectionRows> {
    const ids = new Set<string>();
    for (const s of this.steps) {
      const id = s.kind === 'event' ? (s.event as { clientId?: string }).clientId : str(s.decision, 'clientId');
      if (id !== undefined) ids.add(id);
    }
    // Each touched client's state before the batch (undefined: not stored yet), and the state to
    // fold into: the cached object itself (changed in place, so the cache keeps long-lived objects
    // and the copies are short-lived garbage; a failed write clears the cache anyway).
    const before = new Map<string, Client | undefined>();
    const clients = new Map<string, Client>();
    const unknown: string[] = [];
    for (const id of ids) {
      const cached = cache.get(id);
      if (cached === undefined) unknown.push(id);
      else {
        before.set(id, { ...cached });
        clients.set(id, cached);
      }
    }
    for (const c of unknown.length === 0 ? [] : await read(unknown)) {
      const stored: Client = { ...c, registeredAt: ms(c.registeredAt), closedAt: ms(c.closedAt), followUpDue: ms(c.followUpDue), developmentDue: ms(c.developmentDue), lastActivityAt: ms(c.lastActivityAt) };
      before.set(c.clientId, { ...stored });
      clients.set(c.clientId, stored);
    }
    const client = (id: string): Client => {
      let c = clients.get(id);
      if (c === undefined) {
        c = { clientId: id, ownerId: null, tier: null, registeredAt: null, closedAt: null, followUpDue: null, developmentDue: null, lastActivityAt: null };
        clients.set(id, c);
      }
      return c;
    };
    for (const s of this.steps) {
      if (s.kind === 'decision') foldDecision(s.decision, client);
      else foldEvent(s.event, s.at, s.own, s.policy, client);
    }
    // Only rows that changed are written: many events touch a client without changing its state.
    const changed: ClientState<string>[] = [];
    for (const id of ids) {
      const c = clients.get(id);
      if (c === undefined) continue;
      cache.set(id, c);
      const old = before.get(id);
      if (old !== undefined && sameClient(old, c)) continue;
      changed.push({
        clientId: c.clientId,
        ownerId: c.ownerId,
        tier: c.tier,
        registeredAt: iso(c.registeredAt),
        closedAt: iso(c.closedAt),
        followUpDue: iso(c.followUpDue),
        developmentDue: iso(c.developmentDue),
        lastActivityAt: iso(c.lastActivityAt),
      });
    }
    return { staff: [...this.staff.values()], clients: changed };
  }
}

/** Whether two client states are the same (every projected field). */
function sameClient(a: Client, b: Client): boolean {
  return (
    a.ownerId === b.ownerId &&
    a.tier === b.tier &&
    a.registeredAt === b.registeredAt &&
    a.closedAt === b.closedAt &&
    a.followUpDue === b.followUpDue &&
    a.developmentDue === b.developmentDue &&
    a.lastActivityAt === b.lastActivityAt
  );
}

/** The later of two instants (ISO strings; null = none). */
function later(a: string | null, b: string): string {
  return a === null || Date.parse(b) > Date.parse(a) ? b : a;
}

/** A change of owner ends the open follow-up window (docs/semantics.md). */
function setOwner(c: Client, owner: string | null): void {
  if (c.ownerId === owner) return;
  c.ownerId = owner;
  c.followUpDue = null;
}

function foldDecision(d: Decision, client: (id: string) => Client): void {
  const clientId = str(d, 'clientId');
  if (clientId === undefined) return;
  const c = client(clientId);
  if (d.kind === 'client.tiered') c.tier = d.tier;
  else if (d.kind === 'client.transferred') setOwner(c, d.toStaffId);
  else if (d.kind === 'client.reclaimed') {
    setOwner(c, null);
    c.developmentDue = null;
    c.registeredAt = null;
  } else if (d.kind === 'lead.allocated') setOwner(c, d.staffId);
}

/** Folds an event with its own decisions (which say, e.g., whether a registration was rejected). */
function foldEvent(e: AllotEvent, at: number, own: Decision[], policy: Policy, client: (id: string) => Client): void {
  for (const d of own) foldDecision(d, client);
  if (!('clientId' in e)) return;
  const c = client(e.clientId);
  const followUp = (): void => {
    const end = policyClocks(policy).followUpEnd;
    if (end !== null) c.followUpDue = end(at);
  };
  switch (e.type) {
    case 'lead.received':
      if (c.tier === null && e.classifiedTier !== undefined) c.tier = e.classifiedTier;
      break;
    case 'lead.allocate':
      if (e.mode === 'direct' && own.some((d) => d.kind === 'lead.allocated')) followUp();
      break;
    case 'lead.assigned':
      setOwner(c, e.staffId);
      if (e.mode === 'direct') followUp();
      break;
    case 'tier.mismatch':
      c.tier = e.actualTier;
      break;
    case 'client.registered':
      if (own.some((d) => d.kind === 'registration.rejected')) break;
      setOwner(c, e.staffId);
      // A first registration, or one after a closed deal ended the clocks, starts R2 (a return
      // to the pool clears registeredAt through its client.reclaimed decision).
      if (c.registeredAt === null || (c.closedAt !== null && c.closedAt >= c.registeredAt && c.developmentDue === null)) {
        c.registeredAt = at;
        const end = policyClocks(policy).developmentEnd;
        if (end !== null) c.developmentDue = end(at);
      }
      break;
    case 'claim.extended':
      if (c.developmentDue !== null) c.developmentDue = zoneOf(policy.timezone).addDays(c.developmentDue, e.days);
      break;
    case 'contact.made':
    case 'sales.activity':
      if (c.ownerId === e.staffId) c.lastActivityAt = at;
      break;
    case 'deal.closed':
      c.closedAt = at;
      c.developmentDue = null;
      break;
    case 'client.swapped':
      setOwner(c, e.toStaffId);
      break;
    case 'client.reassigned':
      setOwner(c, e.toStaffId);
      break;
    case 'opening.client': {
      // What ran before ends; the opened hold and its clocks start (docs/events.md "Opening state").
      setOwner(c, e.owner ?? null);
      if (e.tier !== undefined) c.tier = e.tier;
      const registered = e.registeredAt === undefined ? null : Date.parse(e.registeredAt);
      const end = policyClocks(policy).developmentEnd;
      c.registeredAt = registered ?? (e.r2Deadline === undefined ? null : at);
      c.developmentDue = e.r2Deadline !== undefined ? Date.parse(e.r2Deadline) : registered !== null && end !== null ? end(registered) : null;
      const active = [e.handedOutAt, e.lastActivityAt].filter((t): t is string => t !== undefined).map((t) => Date.parse(t));
      c.lastActivityAt = active.length === 0 ? null : Math.max(...active);
      c.closedAt = null;
      c.followUpDue = null;
      break;
    }
    default:
      break;
  }
}
