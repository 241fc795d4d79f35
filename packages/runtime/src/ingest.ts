import { DECISION_EVENT_TYPES, checkEventCodes, eventCodesOf, parseInstant } from '@allot/engine';
import type { AllotEvent, AnyPolicy, Decision, EventCodes, EventError, SanctionView } from '@allot/engine';
import { findEvents, readClientStates } from '@allot/store';
import type { StoreDb } from '@allot/store';
import { addAppealWorkflow, APPEAL_WORKFLOW_TYPES } from './appeal-events.js';
import type { EngineHost } from './engine-host.js';
import { fastCanonicalJson as canonicalJson } from './fast-canonical-json.js';
import type { LogWriter, TestHooks } from './log-writer.js';
import { ProjectionBatch, writeProjectionRows } from './projection-batch.js';
import type { ClientReader, ProjectedClient, ProjectionRows } from './projection-batch.js';

/** What `ingest` did. */
export interface IngestResult {
  /** New events stored and applied. */
  accepted: number;
  /** Events already stored with the same content: skipped (ingest is idempotent). */
  duplicates: number;
  /** Accepted events whose `at` was before the runtime's time: applied at the runtime's time. */
  late: number;
  /**
   * The problems, by line (or array index + 1): invalid events, and ids already stored with
   * other content. All of them, or the first `maxRejected` (see {@link IngestOptions}).
   */
  rejected: EventError[];
  /** How many problems there were in all (more than `rejected.length` when it was capped). */
  rejectedCount: number;
  /** The decisions the new events caused (deadlines that fell due among them included), in order. */
  decisions: Decision[];
}

/** How `ingest` answers. */
export interface IngestOptions {
  /**
   * Keep only the first this many problems in `rejected` (the rest are counted in
   * `rejectedCount`), so a batch of garbage costs bounded memory and a bounded answer; the
   * HTTP APIs pass 100. Default: all of them (the CLI lists every bad line).
   */
  maxRejected?: number;
}

/** One checked input event and where it came from. */
export interface LinedEvent {
  event: AllotEvent;
  line: number;
}

/** An event already stored (or about to be): its op and its canonical JSON (what `events.payload` holds). */
export interface KnownEvent {
  seq: number;
  text(): string;
}

/** What preparing an ingest reads: the stored events and client states as of the batch's start. */
export interface IngestReads {
  /** The stored events among `ids`. */
  storedEvents(ids: string[]): Promise<Map<string, KnownEvent>>;
  clientStates: ClientReader;
}

/** The reads of a batch prepared inside its own write transaction. */
export function readsIn(db: StoreDb): IngestReads {
  return {
    async storedEvents(ids) {
      const found = await findEvents(db, ids);
      return new Map(found.map((e) => [e.eventId, { seq: e.seq, text: () => canonicalJson(e.payload) }]));
    },
    clientStates: (ids) => readClientStates(db, ids),
  };
}

/** An ingest batch applied in memory, with every row it will write. */
export interface PreparedIngest {
  outcome: Omit<IngestResult, 'rejected' | 'rejectedCount'> & { conflicts: EventError[] };
  writer: LogWriter;
  projections: ProjectionRows;
}

/**
 * The engine side of an ingest: drops events already stored (same content: duplicate; other
 * content: rejected, the stored one stands), applies the new ones in time order (stable) on
 * `host`, and builds the rows: events and decisions (numbered and hash-chained by `writer`) and
 * the projections, encoded for `target`. Writes nothing; the host and `clientCache` move on.
 * `yieldEvery` > 0: yields to the event loop after that many events.
 */
export async function prepareIngest(
  host: EngineHost,
  writer: LogWriter,
  reads: IngestReads,
  input: readonly LinedEvent[],
  clientCache: Map<string, ProjectedClient>,
  target: StoreDb,
  yieldEvery = 0,
): Promise<PreparedIngest> {
  // The stored state of the input's clients is read together with the stored events (the
  // clients of deadlines falling due among them are known only once applied, and read then).
  const early = new Set<string>();
  for (const { event } of input) {
    const clientId = (event as { clientId?: string }).clientId;
    if (clientId !== undefined && !clientCache.has(clientId)) early.add(clientId);
  }
  const [stored, earlyStates] = await Promise.all([reads.storedEvents(input.map((e) => e.event.id)), early.size === 0 ? [] : reads.clientStates([...early])]);
  const found = new Map(earlyStates.map((c) => [c.clientId, c]));
  const readClients: ClientReader = async (ids) => {
    const rest = ids.filter((id) => !early.has(id));
    const out = ids.flatMap((id) => found.get(id) ?? []);
    return rest.length === 0 ? out : [...out, ...(await reads.clientStates(rest))];
  };
  const conflicts: EventError[] = [];
  const fresh: Array<LinedEvent & { t: number }> = [];
  let duplicates = 0;
  for (const item of input) {
    const existing = stored.get(item.event.id);
    if (existing === undefined) {
      fresh.push({ event: item.event, line: item.line, t: parseInstant(item.event.at) ?? Number.NaN });
    } else if (existing.text() === canonicalJson(item.event)) {
      duplicates++;
    } else {
      conflicts.push({ line: item.line, field: 'id', message: `event id ${JSON.stringify(item.event.id)} is already stored (op ${existing.seq}) with different content; the stored event stands` });
    }
  }
  // Stable: events at one instant keep their input order, as `simulate` orders them.
  fresh.sort((a, b) => a.t - b.t || a.line - b.line);

  const projections = new ProjectionBatch();
  const ledger = (decisionId: string): SanctionView | undefined => host.engine?.sanction(decisionId);
  const decisions: Decision[] = [];
  let late = 0;
  let sinceYield = 0;
  const accepted: typeof fresh = [];
  for (const item of fresh) {
    const { event, t } = item;
    // SPEC §6: an event naming a code the policy in force at its instant does not declare is
    // rejected (before any policy is published, the default codes apply).
    const governing = host.timeline.at(t)?.policy;
    if (!checkEventCodes(event, governing === undefined ? DEFAULT_CODES : codesOf(governing), item.line, conflicts)) continue;
    // An acknowledgement, appeal or dismissal must answer a decision already recorded (and an
    // appeal come within the window): otherwise its line is rejected and nothing changes.
    if (DECISION_EVENTS.has(event.type)) {
      const problem = host.checkEvent(event, t);
      if (problem !== null) {
        conflicts.push({ line: item.line, field: problem.field, message: problem.message });
        continue;
      }
    }
    accepted.push(item);
    // Let other work on the event loop run now and then (the previous batch's transaction
    // sends its next statement only when the loop is free).
    if (yieldEvery > 0 && ++sinceYield >= yieldEvery) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const seq = writer.nextOpSeq();
    // The sanction an appeal event answers, as it stands before the event (for its workflow event).
    const appealed = APPEAL_EVENTS.has(event.type) && writer.outboxOn() ? ledger((event as { decisionId: string }).decisionId) : undefined;
    const applied = host.applyEvent(event, t, seq);
    if (applied.late) late++;
    writer.event(seq, event, applied.appliedAt);
    const prefix = `${event.id}#`;
    const own: Decision[] = [];
    for (const d of applied.decisions) {
      const decisionSeq = writer.decision(d, seq);
      projections.addStaffEffect(d, decisionSeq, ledger);
      decisions.push(d);
      if (d.id.startsWith(prefix)) own.push(d);
      else projections.addDecision(d);
    }
    if (APPEAL_EVENTS.has(event.type)) addAppealWorkflow(writer, event, appealed, own);
    projections.addStaffEvent(event);
    const policy = host.timeline.inForce?.policy;
    if (policy !== undefined) projections.addEvent(event, applied.appliedAt, own, policy);
  }
  const engine = host.engine;
  if (engine !== undefined) for (const id of engine.takePauseChanges()) projections.setPausesLeft(id, engine.pausesLeft(id));
  const rows = await projections.prepare(readClients, clientCache);
  const resets = projections.takeBanResets();
  if (engine !== undefined && resets.length > 0) {
    const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
    rows.banResets = resets.map((staffId) => {
      const bans = engine.bansUntil(staffId);
      return { staffId, bannedUntil: iso(bans.banned), hotlineBannedUntil: iso(bans.hotline) };
    });
  }
  writer.seal(target);
  return { outcome: { accepted: accepted.length, duplicates, late, decisions, conflicts }, writer, projections: rows };
}

const DECISION_EVENTS: ReadonlySet<string> = new Set(DECISION_EVENT_TYPES);
const APPEAL_EVENTS: ReadonlySet<string> = new Set(Object.keys(APPEAL_WORKFLOW_TYPES));
const CODES = new WeakMap<object, EventCodes>();
const DEFAULT_CODES: EventCodes = { tiers: new Set(['A', 'B', 'C', 'D']), forms: new Set(['abcd_table', 'visit_register']), incidents: null };
/** The codes of a policy, computed once per policy object. */
function codesOf(policy: AnyPolicy): EventCodes {
  let codes = CODES.get(policy);
  if (codes === undefined) {
    codes = eventCodesOf(policy);
    CODES.set(policy, codes);
  }
  return codes;
}

/** The database side of an ingest, inside the write transaction: events, decisions, projections. */
export async function writeIngest(trx: StoreDb, prepared: PreparedIngest, hooks: TestHooks | undefined, now: Date): Promise<void> {
  await prepared.writer.flush(trx, hooks);
  await writeProjectionRows(trx, prepared.projections, now);
}
