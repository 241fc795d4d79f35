import type { AllotEvent, Decision } from '@allot/engine';
import { appendEvents, decisionOutboxTexts, encodeDecisions, encodeEvents, insertDecisionOutbox, insertDecisions, insertWorkflowOutbox, workflowOutboxTexts } from '@allot/store';
import type { EncodedDecisions, EncodedEvents, LogHead, NewDecision, NewEvent, StoreDb, WorkflowEvent } from '@allot/store';
import { decisionClientId, decisionStaffId } from './decision-columns.js';
import { fastCanonicalJson } from './fast-canonical-json.js';
import { chainHashOfText, eventChainText } from './hash-chain.js';

/** Failure injection for tests. */
export interface TestHooks {
  /** Called inside the write transaction after the events are inserted, before the decisions are. */
  afterEventsInserted?: (trx: StoreDb) => void | Promise<void>;
  /** How long a write session holds the writer lock before it looks for waiting writers (ms; default 1,000). */
  writeSessionMs?: number;
}

/**
 * Collects one write transaction's rows: numbers them from the head (ops and decisions each
 * count up without gaps), links both hash chains in memory, and writes them with one
 * multi-row insert per table. `head` is updated as rows are added.
 */
export class LogWriter {
  private events: NewEvent[] = [];
  private decisions: NewDecision[] = [];
  /** The events added, by id: their op and the event (for a later batch's duplicate check). */
  private readonly added = new Map<string, { seq: number; event: AllotEvent }>();
  private sealed: { events: EncodedEvents; decisions: EncodedDecisions } | undefined;
  /** Workflow events told of by this write (outbox only), in the order added. */
  private readonly workflows: WorkflowEvent[] = [];

  /** The decision number before this write's first decision. */
  private readonly decisionsAfter: number;

  /**
   * `outbox`: the decisions are also added to the outbox in the same transaction (false: a
   * runtime with the outbox off).
   */
  constructor(
    readonly head: LogHead,
    private readonly recordedAt: string,
    private readonly outbox = true,
  ) {
    this.decisionsAfter = head.decisionSeq;
  }

  /** Whether this write adds to the outbox. */
  outboxOn(): boolean {
    return this.outbox;
  }

  /** The statements that add this write's decisions, then its workflow events, to the outbox (none with the outbox off). */
  outboxTexts(): string[] {
    return this.outbox ? [...decisionOutboxTexts(this.decisionsAfter, this.head.decisionSeq), ...workflowOutboxTexts(this.workflows)] : [];
  }

  /**
   * Adds a workflow event to this write's outbox rows (nothing with the outbox off): `id` is
   * the event's stable id (the webhook-id of every delivery), `fields` its body besides `id`,
   * `type` and `at` (the write's time).
   */
  workflow(id: string, type: string, fields: Record<string, unknown>): void {
    if (!this.outbox) return;
    const at = new Date(this.recordedAt);
    this.workflows.push({ id, type, at, payload: { id, type, at: this.recordedAt, ...fields } });
  }

  /** The next op number (events, ticks and publications share it). */
  nextOpSeq(): number {
    return ++this.head.opSeq;
  }

  /** Adds an applied event at op `seq`. */
  event(seq: number, event: AllotEvent, appliedAt: number): void {
    if (this.sealed !== undefined) throw new Error('allot runtime: rows added after the write was sealed');
    const applied = new Date(appliedAt).toISOString();
    const prevHash = this.head.eventHash;
    // The stored text is the canonical one: hashed once, and what is stored is what was hashed.
    const text = fastCanonicalJson(event);
    const rowHash = chainHashOfText(prevHash, eventChainText(seq, applied, text));
    this.head.eventHash = rowHash;
    this.added.set(event.id, { seq, event });
    this.events.push({
      seq,
      eventId: event.id,
      type: event.type,
      at: event.at,
      appliedAt: applied,
      payloadText: text,
      receivedAt: this.recordedAt,
      prevHash,
      rowHash,
    });
  }

  /** Adds a decision made by op `sourceSeq`; returns its decision number. */
  decision(d: Decision, sourceSeq: number): number {
    if (this.sealed !== undefined) throw new Error('allot runtime: rows added after the write was sealed');
    const seq = ++this.head.decisionSeq;
    const prevHash = this.head.decisionHash;
    const text = fastCanonicalJson(d);
    const rowHash = chainHashOfText(prevHash, text);
    this.head.decisionHash = rowHash;
    this.decisions.push({
      seq,
      decisionId: d.id,
      at: d.at,
      kind: d.kind,
      rule: d.rule,
      staffId: decisionStaffId(d),
      clientId: decisionClientId(d),
      policyId: d.policy.id,
      policyVersion: d.policy.version,
      policyHash: d.policy.hash,
      cause: d.cause,
      payloadText: text,
      sourceSeq,
      prevHash,
      rowHash,
      recordedAt: this.recordedAt,
    });
    return seq;
  }

  /** The events added, by id: their op and the event as given. */
  newEvents(): ReadonlyMap<string, { seq: number; event: AllotEvent }> {
    return this.added;
  }

  /**
   * Encodes the rows as the store will send them to `db` and lets go of the row objects: a
   * batch prepared ahead of its transaction then holds a few buffers instead of thousands of
   * strings while it waits (less for the garbage collector to copy). No rows can be added after.
   */
  seal(db: StoreDb): void {
    if (this.sealed !== undefined) return;
    this.sealed = { events: encodeEvents(db, this.events), decisions: encodeDecisions(db, this.decisions) };
    this.events = [];
    this.decisions = [];
  }

  /** The rows as sealed (encoded for `db`). */
  encoded(db: StoreDb): { events: EncodedEvents; decisions: EncodedDecisions } {
    this.seal(db);
    return this.sealed as { events: EncodedEvents; decisions: EncodedDecisions };
  }

  /** Writes the rows: events, then decisions. Throws if any event id was already stored (the caller checked under the lock). */
  async flush(db: StoreDb, hooks: TestHooks | undefined): Promise<void> {
    this.seal(db);
    const { events, decisions } = this.sealed as { events: EncodedEvents; decisions: EncodedDecisions };
    if (events.count > 0) {
      const inserted = await appendEvents(db, events);
      if (inserted !== events.count) {
        throw new Error(`allot runtime: ${events.count - inserted} event(s) were stored by another writer during this write; retry`);
      }
    }
    await hooks?.afterEventsInserted?.(db);
    if (decisions.count > 0) {
      await insertDecisions(db, decisions);
      if (this.outbox) await insertDecisionOutbox(db, this.decisionsAfter, this.head.decisionSeq);
    }
    if (this.outbox) await insertWorkflowOutbox(db, this.workflows);
  }
}
