import type { AllotEvent, Decision } from '@allot/engine';
import { insertDecisions, insertEvents } from '@allot/store';
import type { LogHead, NewDecision, NewEvent, StoreDb } from '@allot/store';
import { decisionClientId, decisionStaffId } from './decision-columns.js';
import { fastCanonicalJson } from './fast-canonical-json.js';
import { chainHashOfText, eventChainText } from './hash-chain.js';

/** Failure injection for tests. */
export interface TestHooks {
  /** Called inside the write transaction after the events are inserted, before the decisions are. */
  afterEventsInserted?: (trx: StoreDb) => void | Promise<void>;
}

/**
 * Collects one write transaction's rows: numbers them from the head (ops and decisions each
 * count up without gaps), links both hash chains in memory, and writes them with one
 * multi-row insert per table. `head` is updated as rows are added.
 */
export class LogWriter {
  private readonly events: NewEvent[] = [];
  private readonly decisions: NewDecision[] = [];

  constructor(
    readonly head: LogHead,
    private readonly recordedAt: string,
  ) {}

  /** The next op number (events, ticks and publications share it). */
  nextOpSeq(): number {
    return ++this.head.opSeq;
  }

  /** Adds an applied event at op `seq`. */
  event(seq: number, event: AllotEvent, appliedAt: number): void {
    const applied = new Date(appliedAt).toISOString();
    const prevHash = this.head.eventHash;
    // The stored text is the canonical one: hashed once, and what is stored is what was hashed.
    const text = fastCanonicalJson(event);
    const rowHash = chainHashOfText(prevHash, eventChainText(seq, applied, text));
    this.head.eventHash = rowHash;
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

  /** Writes the rows: events, then decisions. Throws if any event id was already stored (the caller checked under the lock). */
  async flush(db: StoreDb, hooks: TestHooks | undefined): Promise<void> {
    if (this.events.length > 0) {
      const inserted = await insertEvents(db, this.events);
      if (inserted !== this.events.length) {
        throw new Error(`allot runtime: ${this.events.length - inserted} event(s) were stored by another writer during this write; retry`);
      }
    }
    await hooks?.afterEventsInserted?.(db);
    if (this.decisions.length > 0) await insertDecisions(db, this.decisions);
  }
}
