import type { AllotEvent, Decision, SanctionView } from '@allot/engine';
import type { LogWriter } from './log-writer.js';

/**
 * The workflow events of appeals (docs/integrations.md): when an ingested `decision.appealed`,
 * `appeal.decided` or `decision.dismissed` is recorded, the outbox gets `appeal.filed`,
 * `appeal.decided` or `sanction.dismissed` in the same write. The id is `wf_<event id>`: an
 * event is recorded once (a re-sent duplicate is skipped before it is applied), so the id is
 * the same however often the line is sent, and a receiver de-duplicates on it.
 */

/** The workflow event each appeal event type is told as. */
export const APPEAL_WORKFLOW_TYPES: Readonly<Record<string, string>> = {
  'decision.appealed': 'appeal.filed',
  'appeal.decided': 'appeal.decided',
  'decision.dismissed': 'sanction.dismissed',
};

/** The stable workflow event id of an ingested event. */
export function workflowEventId(eventId: string): string {
  return `wf_${eventId}`;
}

const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

/** The sanction an appeal event names, as the workflow event carries it. */
function sanctionSummary(s: SanctionView | undefined, decisionId: string): Record<string, unknown> {
  if (s === undefined) return { id: decisionId };
  const out: Record<string, unknown> = { id: s.id, kind: s.kind, rule: s.rule, staffId: s.staffId, at: iso(s.at) };
  if (s.amountFen !== undefined) out['amountFen'] = s.amountFen;
  if (s.count !== undefined) out['count'] = s.count;
  if (s.from !== undefined) out['from'] = iso(s.from);
  if (s.until !== undefined) out['until'] = iso(s.until);
  return out;
}

/**
 * Adds the workflow event of an appeal event just applied (nothing for other events or with the
 * outbox off). `sanction`: the sanction it names, as it stood before the event; `decisions`:
 * what the event decided (supersessions and what holds instead).
 */
export function addAppealWorkflow(writer: LogWriter, event: AllotEvent, sanction: SanctionView | undefined, decisions: readonly Decision[]): void {
  const type = APPEAL_WORKFLOW_TYPES[event.type];
  if (type === undefined || !writer.outboxOn()) return;
  const e = event as AllotEvent & { decisionId: string; reason: string; staffId?: string; by?: string; outcome?: string; amountFen?: number; days?: number };
  const fields: Record<string, unknown> = {
    event: { id: event.id, type: event.type, at: event.at },
    decision: sanctionSummary(sanction, e.decisionId),
    staffId: sanction?.staffId ?? e.staffId ?? null,
    reason: e.reason,
  };
  if (event.type === 'appeal.decided') {
    fields['outcome'] = e.outcome;
    if (e.amountFen !== undefined) fields['amountFen'] = e.amountFen;
    if (e.days !== undefined) fields['days'] = e.days;
  }
  if (e.by !== undefined) fields['by'] = e.by;
  if (event.type !== 'decision.appealed') fields['decisions'] = decisions.map((d) => ({ id: d.id, kind: d.kind }));
  writer.workflow(workflowEventId(event.id), type, fields);
}
