/**
 * A decision's downstream: the decisions it affected, the allocations a pause or ban took part in,
 * and hotline leads taken while banned.
 */
import type { Decision } from '@allot/engine';
import { readHead } from '@allot/store';
import type { Database } from '@allot/store';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { decisionsById, type AuditRow } from './search';
import { traceBan, tracePause, type SanctionTrace } from './sanction-trace';
import { processWide } from '../shared/process-wide';

/** How many rows each downstream list shows at most. */
export const DOWNSTREAM_LIMIT = 200;

/** An allocation a pause or ban took part in, with the decision that answered it (null if the record lacks it). */
export interface AllocationTouched {
  eventId: string;
  at: string;
  outcome: AuditRow | null;
}

/** A hotline lead (400 / Lixianbao) a receptionist took while hotline-banned: an event, not a decision. */
export interface HotlineCall {
  seq: number;
  eventId: string;
  at: string;
  clientId: string;
  channel: string;
}

/**
 * The decisions one decision affected downstream (docs/admin.md, "Audit explorer"):
 * - `together`: the other decisions of the same op (the same event or tick made them at once);
 * - `citing`: later decisions, of other ops, that cite any of its cause events (a V1 ban cites
 *   the earlier violations that count on the ladder; a D1 pause cites the allocation);
 * - for a ban: `breaches` (assignments by a person while it was the ban blocking the member)
 *   and `passedOver` (engine allocations whose ring walk skipped the member for it);
 * - for a pause: `pausesUsed` (the allocations that used up its pauses) and `breaches`
 *   (assignments while it was the pause blocking);
 * - for a hotline ban: `hotlineCalls`, hotline leads the member took while it ran (allot does
 *   not roster the hotline, so these are events to look into, not decisions).
 */
export interface Downstream {
  together: AuditRow[];
  citing: Array<AuditRow & { shared: string[] }>;
  breaches: AuditRow[] | null;
  pausesUsed: AllocationTouched[] | null;
  /** Pauses of this decision no allocation has used yet (null: not a pause). */
  pausesLeft: number | null;
  passedOver: AllocationTouched[] | null;
  hotlineCalls: HotlineCall[] | null;
  /** `matched`: a replay traced the sanction and the record holds every decision it found; `diverged`: it did not (run Verify). */
  replay: 'not-needed' | 'matched' | 'diverged';
  /** The op of the snapshot the sanction's trace replayed from (0: the first op; null: no trace). */
  tracedFrom: number | null;
  /** The sanction's trace is being replayed in the background (`wait: false`); its lists are null until it is done. */
  tracePending: boolean;
  /** Some list was cut at DOWNSTREAM_LIMIT. */
  truncated: boolean;
}

const toRow = (r: { seq: number | string; source_seq: number | string; payload: unknown }): AuditRow => ({
  seq: Number(r.seq),
  sourceSeq: Number(r.source_seq),
  decision: r.payload as Decision,
});

/** Traces kept per database: a final one for good, another while the log's head stays where it was. */
const traces = processWide('audit.traces', () => new WeakMap<object, Map<string, { opSeq: number; trace: SanctionTrace }>>());
const TRACES_KEPT = 500;

/** Traces being replayed in the background, by decision id. */
const running = processWide('audit.traces-running', () => new Map<string, Promise<SanctionTrace>>());

/**
 * A sanction's trace, replayed once and then kept: the record is append-only, so a trace that
 * ended inside it (`final`) never changes, and one that ran to the head holds until the head moves.
 * With `wait` false a trace not kept yet is started in the background (once) and undefined is
 * returned: the page shows it when it is done.
 */
async function cachedTrace(db: Kysely<Database>, decisionId: string, trace: () => Promise<SanctionTrace>, wait = true): Promise<SanctionTrace | undefined> {
  let kept = traces.get(db);
  if (kept === undefined) {
    kept = new Map();
    traces.set(db, kept);
  }
  const store = kept;
  const head = (await readHead(db)).opSeq;
  const hit = store.get(decisionId);
  if (hit !== undefined && (hit.trace.final || hit.opSeq === head)) return hit.trace;
  let replaying = running.get(decisionId);
  if (replaying === undefined) {
    replaying = trace()
      .then((fresh) => {
        store.delete(decisionId);
        store.set(decisionId, { opSeq: head, trace: fresh });
        while (store.size > TRACES_KEPT) store.delete(store.keys().next().value as string);
        return fresh;
      })
      .finally(() => running.delete(decisionId));
    running.set(decisionId, replaying);
    // A background trace that fails is tried again by the next view.
    replaying.catch(() => undefined);
  }
  return wait ? replaying : undefined;
}

/**
 * Computes the downstream of a recorded decision (see {@link Downstream}). `wait: false` (a page
 * over a long log) does not wait for a sanction's trace that is not kept yet: it starts it and
 * says `tracePending`.
 */
export async function downstreamOf(db: Kysely<Database>, row: AuditRow, options: { wait?: boolean } = {}): Promise<Downstream> {
  const wait = options.wait ?? true;
  const d = row.decision;
  const out: Downstream = { together: [], citing: [], breaches: null, pausesUsed: null, pausesLeft: null, passedOver: null, hotlineCalls: null, replay: 'not-needed', tracedFrom: null, tracePending: false, truncated: false };

  // The decisions of one op are contiguous in seq: a window around this one finds them by the key.
  const together = await db
    .selectFrom('decisions')
    .select(['seq', 'source_seq', 'payload'])
    .where('source_seq', '=', row.sourceSeq)
    .where('seq', '>=', row.seq - DOWNSTREAM_LIMIT)
    .where('seq', '<=', row.seq + DOWNSTREAM_LIMIT)
    .where('seq', '<>', row.seq)
    .orderBy('seq')
    .execute();
  out.together = together.map(toRow);

  if (d.cause.length > 0) {
    const causes = JSON.stringify(d.cause);
    const citing = await db
      .selectFrom('decisions')
      .select(['seq', 'source_seq', 'payload', 'cause'])
      .where('seq', '>', row.seq)
      .where('source_seq', '<>', row.sourceSeq)
      .where(sql<boolean>`cause && array(select json_array_elements_text(${causes}::json))`)
      .orderBy('seq')
      .limit(DOWNSTREAM_LIMIT + 1)
      .execute();
    if (citing.length > DOWNSTREAM_LIMIT) out.truncated = true;
    out.citing = citing.slice(0, DOWNSTREAM_LIMIT).map((r) => ({ ...toRow(r), shared: r.cause.filter((c) => d.cause.includes(c)) }));
  }

  if (d.kind === 'staff.banned') {
    out.breaches = await banBreaches(db, row, d);
    const trace = await cachedTrace(db, d.id, () => traceBan(db, d, row.sourceSeq), wait);
    if (trace === undefined) out.tracePending = true;
    else {
      out.passedOver = await linkUses(db, trace, out);
      out.tracedFrom = trace.snapshotSeq;
    }
  } else if (d.kind === 'staff.paused') {
    const trace = await cachedTrace(db, d.id, () => tracePause(db, d, row.sourceSeq), wait);
    if (trace === undefined) out.tracePending = true;
    else {
      out.pausesUsed = await linkUses(db, trace, out);
      out.pausesLeft = trace.left;
      out.tracedFrom = trace.snapshotSeq;
      const breaches = await decisionsById(db, trace.breachIds);
      if (breaches.size !== trace.breachIds.length) out.replay = 'diverged';
      out.breaches = [...breaches.values()].sort((a, b) => a.seq - b.seq);
    }
  } else if (d.kind === 'staff.hotline_banned') {
    out.hotlineCalls = await hotlineCalls(db, d.staffId, new Date(d.from), new Date(d.until));
  }
  for (const list of [out.breaches, out.pausesUsed, out.passedOver, out.hotlineCalls]) {
    if (list !== null && list.length > DOWNSTREAM_LIMIT) {
      list.length = DOWNSTREAM_LIMIT;
      out.truncated = true;
    }
  }
  return out;
}

/**
 * Assignments to the member while this ban ran that the engine recorded as a breach of it:
 * `allocation.breach` names the rule of the ban that blocked, the earliest imposed one still
 * running (SPEC §4), so an earlier ban of the member covering the same instant takes it.
 */
async function banBreaches(db: Kysely<Database>, row: AuditRow, d: Extract<Decision, { kind: 'staff.banned' }>): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('decisions')
    .select(['seq', 'source_seq', 'payload'])
    .where('staff_id', '=', d.staffId)
    .where('kind', '=', 'allocation.breach')
    .where('rule', '=', d.rule)
    .where('seq', '>', row.seq)
    .where('at', '>=', new Date(d.from))
    .where('at', '<', new Date(d.until))
    .orderBy('seq')
    .execute();
  const earlier = await db
    .selectFrom('decisions')
    .select(['payload'])
    .where('staff_id', '=', d.staffId)
    .where('kind', '=', 'staff.banned')
    .where('seq', '<', row.seq)
    .execute();
  const bans = earlier.map((r) => r.payload as unknown as { from: string; until: string });
  return rows
    .map(toRow)
    .filter((b) => (b.decision as { reason?: string }).reason === 'banned')
    .filter((b) => {
      const t = Date.parse(b.decision.at);
      return !bans.some((x) => Date.parse(x.from) <= t && t < Date.parse(x.until));
    });
}

/** Joins the allocations a trace found to the stored decisions that answered them; marks the replay. */
async function linkUses(db: Kysely<Database>, trace: SanctionTrace, out: Downstream): Promise<AllocationTouched[]> {
  const ids = trace.uses.map((u) => u.outcomeId).filter((x): x is string => x !== null);
  const stored = await decisionsById(db, ids);
  out.replay = trace.found && stored.size === ids.length && ids.length === trace.uses.length ? 'matched' : 'diverged';
  return trace.uses.map((u) => ({ eventId: u.eventId, at: u.at, outcome: u.outcomeId === null ? null : (stored.get(u.outcomeId) ?? null) }));
}

/** Hotline leads (400 / Lixianbao) the receptionist took in `[from, until)`, from the event log. */
async function hotlineCalls(db: Kysely<Database>, staffId: string, from: Date, until: Date): Promise<HotlineCall[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'event_id', 'payload'])
    .where('type', '=', 'lead.received')
    .where('at', '>=', from)
    .where('at', '<', until)
    .where(sql<boolean>`payload->>'receptionistId' = ${staffId}`)
    .where(sql<boolean>`payload->>'channel' in ('hotline400', 'lixianbao')`)
    .orderBy('seq')
    .limit(DOWNSTREAM_LIMIT + 1)
    .execute();
  return rows.map((r) => {
    const p = r.payload as { at?: string; clientId?: string; channel?: string };
    return { seq: Number(r.seq), eventId: r.event_id, at: p.at ?? '', clientId: p.clientId ?? '', channel: p.channel ?? '' };
  });
}
