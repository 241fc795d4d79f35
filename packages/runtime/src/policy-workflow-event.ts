import { randomUUID } from 'node:crypto';
import { appendWorkflowEvent } from '@allot/store';
import type { WriteContext } from './write-context.js';

/** The workflow events a publication step tells the outbox of. */
export type PolicyWorkflowType = 'policy.published' | 'policy.scheduled' | 'policy.cancelled';

/**
 * Adds a policy workflow event to the outbox in the step's own transaction (nothing with the
 * outbox off): `id`, `type`, `at` and the policy version, then the step's own fields.
 */
export async function tellPolicyStep(ctx: WriteContext, type: PolicyWorkflowType, policy: { id: string; version: string; hash: string }, fields: Record<string, unknown>): Promise<void> {
  if (!ctx.writer.outboxOn()) return;
  const id = `wf_${randomUUID()}`;
  await appendWorkflowEvent(ctx.trx, { id, type, at: ctx.now, payload: { id, type, at: ctx.now.toISOString(), policy, ...fields } });
}
