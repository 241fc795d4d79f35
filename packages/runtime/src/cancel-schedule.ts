import { findPolicyVersion, insertCancellation, updatePolicyVersion } from '@allot/store';
import type { StoredPolicyVersion } from '@allot/store';
import { tellPolicyStep } from './policy-workflow-event.js';
import { RuntimeError } from './runtime-error.js';
import type { WriteContext } from './write-context.js';

/** Who cancels a scheduled publication, and why. */
export interface CancelOptions {
  actor?: string;
  note?: string;
}

/**
 * The body of a cancellation, inside the write transaction: the version must be published and
 * still waiting for its effective time (not in force, not yet reached by the runtime's time).
 * Records the cancellation as the next op of the log (the publication stays, as history), takes
 * the version off the timeline and sets its status back to `approved`. With the outbox on, a
 * `policy.cancelled` workflow event is added in the same transaction (like publish's
 * `policy.scheduled`).
 */
export async function cancelScheduledLocked(ctx: WriteContext, policyId: string, version: string, options: CancelOptions): Promise<StoredPolicyVersion> {
  const row = await findPolicyVersion(ctx.trx, policyId, version);
  if (row === undefined) throw new RuntimeError('not-found', `policy ${policyId} version ${version} does not exist`);
  const publishSeq = row.publishSeq;
  if (publishSeq === null || row.status !== 'published') {
    throw new RuntimeError('not-scheduled', `policy ${policyId} version ${version} is not a scheduled publication (status ${row.status})`);
  }
  const pending = ctx.host.timeline.pending.some((v) => v.publishSeq === publishSeq);
  if (!pending) {
    throw new RuntimeError('not-scheduled', `policy ${policyId} version ${version} has taken over already (or was cancelled): only a publication still waiting for its effective time can be cancelled`);
  }
  const seq = ctx.writer.nextOpSeq();
  await insertCancellation(ctx.trx, { seq, policyId, version, publishSeq, recordedAt: ctx.now, actor: options.actor ?? null, note: options.note ?? null });
  const saved = await updatePolicyVersion(ctx.trx, { policyId, version, expectedRevision: row.revision }, { status: 'approved' }, ctx.now);
  ctx.host.cancel(publishSeq, seq);
  await tellPolicyStep(ctx, 'policy.cancelled', { id: policyId, version, hash: row.hash }, {
    effectiveFrom: row.effectiveFrom?.toISOString() ?? null,
    actor: options.actor ?? null,
    author: row.author ?? null,
    approver: row.approver ?? null,
    reason: options.note ?? null,
  });
  return saved;
}
