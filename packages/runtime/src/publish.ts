import { policyHash, validatePolicy } from '@allot/engine';
import type { AnyPolicy as Policy } from '@allot/engine';
import { findPolicyVersion, insertPolicyVersion, updatePolicyVersion } from '@allot/store';
import type { StoredPolicyVersion } from '@allot/store';
import { tellPolicyStep } from './policy-workflow-event.js';
import { RuntimeError } from './runtime-error.js';
import type { WriteContext } from './write-context.js';

/** How to publish a version. */
export interface PublishOptions {
  /**
   * When the version takes over (ISO-8601 with offset, or a Date). Not before the runtime's
   * time. May be null only for the first version ever published (in force from the start).
   */
  effectiveFrom: string | Date | null;
  author?: string;
  approver?: string;
  note?: string;
}

/** Validates a policy file's JSON, or throws `RuntimeError('policy-invalid')` listing every problem. */
export function checkPolicy(json: unknown): Policy {
  const validation = validatePolicy(json);
  if (!validation.ok) {
    const first = validation.errors[0];
    throw new RuntimeError('policy-invalid', `the policy is not valid: ${first?.pointer ?? ''} ${first?.message.en ?? ''} (${validation.errors.length} problem(s))`, validation.errors);
  }
  return validation.policy;
}

/** Parses `effectiveFrom` to epoch ms (null stays null). */
export function effectiveInstant(value: string | Date | null): number | null {
  if (value === null) return null;
  const t = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(t) || (typeof value === 'string' && !/[zZ]|[+-]\d\d:\d\d$/.test(value))) {
    throw new RuntimeError('invalid-input', `effectiveFrom ${JSON.stringify(value)} is not an ISO-8601 date-time with offset`);
  }
  return t;
}

/**
 * The body of a publication, inside the write transaction: refuses an effective time before the
 * runtime's time (decisions up to it are final), stores the version as published at the next
 * op number (or promotes the same content's draft), and adds it to the policy timeline.
 */
export async function publishLocked(ctx: WriteContext, policy: Policy, options: PublishOptions): Promise<StoredPolicyVersion> {
  const { host } = ctx;
  const effectiveFrom = effectiveInstant(options.effectiveFrom);
  if (effectiveFrom === null && host.timeline.inForce !== undefined) {
    throw new RuntimeError('effective-required', 'effectiveFrom is required: a version is already in force');
  }
  if (effectiveFrom !== null && effectiveFrom < host.horizon) {
    throw new RuntimeError(
      'effective-too-early',
      `effectiveFrom ${new Date(effectiveFrom).toISOString()} is before the runtime's time ${new Date(host.horizon).toISOString()}: decisions up to then are final; choose a later instant`,
    );
  }
  const hash = policyHash(policy);
  const existing = await findPolicyVersion(ctx.trx, policy.id, policy.version);
  if (existing !== undefined && (existing.publishSeq !== null || existing.hash !== hash)) {
    throw new RuntimeError(
      'policy-exists',
      existing.publishSeq !== null
        ? `policy ${policy.id} version ${policy.version} is already published; publish a new version number`
        : `policy ${policy.id} version ${policy.version} exists as a ${existing.status} with other content; publish a new version number`,
    );
  }
  const seq = ctx.writer.nextOpSeq();
  const effective = effectiveFrom === null ? null : new Date(effectiveFrom);
  const row =
    existing === undefined
      ? await insertPolicyVersion(
          ctx.trx,
          { policyId: policy.id, version: policy.version, status: 'published', content: policy, hash, effectiveFrom: effective, publishSeq: seq, author: options.author ?? null, approver: options.approver ?? null, note: options.note ?? null },
          ctx.now,
        )
      : await updatePolicyVersion(
          ctx.trx,
          { policyId: policy.id, version: policy.version, expectedRevision: existing.revision },
          { status: 'published', effectiveFrom: effective, publishSeq: seq, ...(options.approver === undefined ? {} : { approver: options.approver }), ...(options.note === undefined ? {} : { note: options.note }) },
          ctx.now,
        );
  host.publish({ policy, hash, effectiveFrom, publishSeq: seq }, seq);
  // Told in the publication's own transaction: `policy.scheduled` when it takes over later.
  await tellPolicyStep(ctx, effectiveFrom !== null && effectiveFrom > ctx.now.getTime() ? 'policy.scheduled' : 'policy.published', { id: policy.id, version: policy.version, hash }, {
    effectiveFrom: effective?.toISOString() ?? null,
    author: options.author ?? null,
    approver: options.approver ?? null,
    note: options.note ?? null,
  });
  return row;
}
