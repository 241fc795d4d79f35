/** The workflow events the admin app tells of (for webhooks and notifications). */
import { randomUUID } from 'node:crypto';
import { appendWorkflowEvent } from '@allot/store';
import type { AdminDb } from './database';
import { storeDb } from './database';

/**
 * The workflow events the admin app tells of (webhooks, notifications), besides the runtime's
 * `policy.published`, `policy.scheduled`, `policy.cancelled`, `appeal.filed`, `appeal.decided` and
 * `sanction.dismissed`.
 */
export type WorkflowEventType = 'policy.submitted' | 'policy.approved' | 'policy.rejected' | 'access.requested' | 'access.approved' | 'access.rejected';

/**
 * Adds a workflow event to the outbox. Call it inside the transaction that records the step
 * (`db` is that transaction), so the event exists exactly when the step does.
 */
export async function recordWorkflowEvent(db: AdminDb, type: WorkflowEventType, at: Date, fields: Record<string, unknown>): Promise<void> {
  const id = `wf_${randomUUID()}`;
  await appendWorkflowEvent(storeDb(db), { id, type, at, payload: { id, type, at: at.toISOString(), ...fields } });
}
