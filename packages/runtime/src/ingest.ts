import { parseInstant } from '@allot/engine';
import { fastCanonicalJson as canonicalJson } from './fast-canonical-json.js';
import type { AllotEvent, Decision, EventError } from '@allot/engine';
import { findEvents } from '@allot/store';
import { ProjectionBatch } from './projection-batch.js';
import type { WriteContext } from './write-context.js';

/** What `ingest` did. */
export interface IngestResult {
  /** New events stored and applied. */
  accepted: number;
  /** Events already stored with the same content: skipped (ingest is idempotent). */
  duplicates: number;
  /** Accepted events whose `at` was before the runtime's time: applied at the runtime's time. */
  late: number;
  /** Every problem, by line (or array index + 1): invalid events, and ids already stored with other content. */
  rejected: EventError[];
  /** The decisions the new events caused (deadlines that fell due among them included), in order. */
  decisions: Decision[];
}

/** One checked input event and where it came from. */
export interface LinedEvent {
  event: AllotEvent;
  line: number;
}

/**
 * The body of an ingest, inside the write transaction: drops events already stored (same
 * content: duplicate; other content: rejected, the stored one stands), applies the new ones in
 * time order (stable), and records events, decisions and projections.
 */
export async function ingestLocked(ctx: WriteContext, input: readonly LinedEvent[]): Promise<Omit<IngestResult, 'rejected'> & { conflicts: EventError[] }> {
  const stored = new Map((await findEvents(ctx.trx, input.map((e) => e.event.id))).map((s) => [s.eventId, s]));
  const conflicts: EventError[] = [];
  const fresh: Array<LinedEvent & { t: number }> = [];
  let duplicates = 0;
  for (const item of input) {
    const existing = stored.get(item.event.id);
    if (existing === undefined) {
      fresh.push({ ...item, t: parseInstant(item.event.at) ?? Number.NaN });
    } else if (canonicalJson(existing.payload) === canonicalJson(item.event)) {
      duplicates++;
    } else {
      conflicts.push({ line: item.line, field: 'id', message: `event id ${JSON.stringify(item.event.id)} is already stored (op ${existing.seq}) with different content; the stored event stands` });
    }
  }
  // Stable: events at one instant keep their input order, as `simulate` orders them.
  fresh.sort((a, b) => a.t - b.t || a.line - b.line);

  const { host, writer } = ctx;
  const projections = new ProjectionBatch();
  const decisions: Decision[] = [];
  let late = 0;
  for (const { event, t } of fresh) {
    const seq = writer.nextOpSeq();
    const applied = host.applyEvent(event, t, seq);
    if (applied.late) late++;
    writer.event(seq, event, applied.appliedAt);
    const prefix = `${event.id}#`;
    const own: Decision[] = [];
    for (const d of applied.decisions) {
      const decisionSeq = writer.decision(d, seq);
      projections.addStaffEffect(d, decisionSeq);
      decisions.push(d);
      if (d.id.startsWith(prefix)) own.push(d);
      else projections.addDecision(d);
    }
    projections.addStaffEvent(event);
    const policy = host.timeline.inForce?.policy;
    if (policy !== undefined) projections.addEvent(event, applied.appliedAt, own, policy);
  }
  const engine = host.engine;
  if (engine !== undefined) for (const id of engine.takePauseChanges()) projections.setPausesLeft(id, engine.pausesLeft(id));
  await writer.flush(ctx.trx, ctx.hooks);
  await projections.write(ctx.trx, ctx.now, ctx.clientCache);
  return { accepted: fresh.length, duplicates, late, decisions, conflicts };
}
