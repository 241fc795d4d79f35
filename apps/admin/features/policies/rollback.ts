/**
 * Rollbacks and cancelled schedules: a rollback requested for another approver, an emergency
 * rollback where allowed, a schedule cancelled.
 */
import { policyHash } from '@allot/engine';
import type { Policy } from '@allot/engine';
import { findPolicyVersion, insertPolicyVersion, listPolicyVersions } from '@allot/store';
import { storeDb } from '../shared/database';
import { done, refuse } from '../shared/workflow-result';
import type { StepResult } from '../shared/workflow-result';
import { recordAudit } from './audit';
import type { Key, StepContext } from './approval';
import { load, runtimeRefusal } from './approval';
import { readOrigins, recordOrigin, scheduledConflicts } from './origins';
import type { ScheduledConflict } from './origins';
import { inForce, isPublished, nextVersion, toView } from './read';
import type { VersionView } from './read';

/**
 * Whether this installation allows an approver to roll back alone, without a second person
 * (`ALLOT_EMERGENCY_ROLLBACK=on`; off by default). Every such rollback is audited as
 * `rollback.emergency` with its reason.
 */
export function emergencyRollbackEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env['ALLOT_EMERGENCY_ROLLBACK'] === 'on';
}

/** A rollback request: the new version (submitted, awaiting another approver) and the scheduled versions it leaves out. */
export interface RollbackRequested {
  view: VersionView;
  conflicts: ScheduledConflict[];
}

/**
 * Editor or approver: asks to return to an earlier published version. Its content becomes a new
 * version (the next number), submitted for approval with the reason: like every change it is
 * then approved and published by someone else (the requester is its maker). The answer lists the
 * scheduled versions the rollback leaves out, so the page can offer to cancel them.
 */
export async function requestRollback(ctx: StepContext, key: Key, body: { note: string }): Promise<StepResult<RollbackRequested>> {
  const target = await findPolicyVersion(storeDb(ctx.db), key.policyId, key.version);
  if (target === undefined) return refuse('not_found', '找不到该版本', 'no such version');
  if (!isPublished(target)) return refuse('wrong_status', '只能回滚到曾经发布过的版本', 'you can only roll back to a version that was published');
  if (body.note.trim() === '') return refuse('reason_required', '请写明回滚的原因，审批人会看到它', 'give the reason for the rollback: the approver is shown it');
  const all = await listPolicyVersions(storeDb(ctx.db), key.policyId);
  const current = inForce(all, ctx.now);
  if (current?.version === target.version) return refuse('wrong_status', '该版本正在生效，无需回滚', 'this version is already in force');
  const version = nextVersion(all.map((v) => v.version));
  const content = { ...(target.content as Record<string, unknown>), version };
  const note = `rollback to ${target.version}: ${body.note.trim()}`;
  const row = await insertPolicyVersion(storeDb(ctx.db), { policyId: key.policyId, version, status: 'submitted', content, hash: policyHash(content as unknown as Policy), author: ctx.user.username, note }, ctx.now);
  await recordOrigin(ctx.db, { policyId: key.policyId, version, baseVersion: target.version, kind: 'rollback', at: ctx.now });
  await recordAudit(ctx.db, { at: ctx.now, actor: ctx.user.username, action: 'create', policyId: key.policyId, version, fromStatus: null, toStatus: 'draft', beforeHash: target.hash, afterHash: row.hash, note: `rollback to ${target.version}` });
  await recordAudit(ctx.db, { at: ctx.now, actor: ctx.user.username, action: 'rollback.request', policyId: key.policyId, version, fromStatus: 'draft', toStatus: 'submitted', beforeHash: row.hash, afterHash: row.hash, note });
  const withRow = [...all, row];
  const conflicts = scheduledConflicts(withRow, version, content, await readOrigins(ctx.db, key.policyId), ctx.now);
  return done({ view: toView(row, withRow, ctx.now), conflicts });
}

/**
 * Approver, only where the installation allows it ({@link emergencyRollbackEnabled}): publishes an
 * earlier version's content again as a new version at once or at `effectiveFrom`, without a
 * second person. The reason is required; the step is audited as `rollback.emergency`. Scheduled
 * versions it leaves out need `confirmUndo` as for every publication.
 */
export async function emergencyRollback(ctx: StepContext, key: Key, body: { effectiveFrom: string | null; note: string; confirmUndo: readonly string[] }): Promise<StepResult<VersionView>> {
  if (!emergencyRollbackEnabled()) return refuse('emergency_off', '此系统未开启紧急回滚：请提交回滚申请，由另一位审批人批准', 'emergency rollback is off here: request a rollback and have another approver approve it');
  if (body.note.trim() === '') return refuse('reason_required', '紧急回滚必须写明原因', 'an emergency rollback needs a reason');
  const target = await findPolicyVersion(storeDb(ctx.db), key.policyId, key.version);
  if (target === undefined) return refuse('not_found', '找不到该版本', 'no such version');
  if (!isPublished(target)) return refuse('wrong_status', '只能回滚到曾经发布过的版本', 'you can only roll back to a version that was published');
  const all = await listPolicyVersions(storeDb(ctx.db), key.policyId);
  const current = inForce(all, ctx.now);
  if (current?.version === target.version) return refuse('wrong_status', '该版本正在生效，无需回滚', 'this version is already in force');
  const version = nextVersion(all.map((v) => v.version));
  const content = { ...(target.content as Record<string, unknown>), version };
  const origins = await readOrigins(ctx.db, key.policyId);
  origins.set(version, { base: target.version, kind: 'rollback' });
  const missing = scheduledConflicts(all, version, content, origins, ctx.now).filter((c) => !body.confirmUndo.includes(c.version));
  if (missing.length > 0) {
    return refuse('confirm_undo', `${missing.map((c) => c.message.zh).join(' ')}请确认或先取消其定时发布。`, `${missing.map((c) => c.message.en).join(' ')} Confirm, or cancel its schedule first.`, { conflicts: missing });
  }
  const note = `emergency rollback to ${target.version}: ${body.note.trim()}`;
  try {
    const published = await ctx.runtime.publish(content, { effectiveFrom: body.effectiveFrom ?? ctx.now.toISOString(), author: ctx.user.username, approver: ctx.user.username, note });
    await recordOrigin(ctx.db, { policyId: key.policyId, version, baseVersion: target.version, kind: 'rollback', at: ctx.now });
    await recordAudit(ctx.db, { at: ctx.now, actor: ctx.user.username, action: 'rollback.emergency', policyId: key.policyId, version, fromStatus: null, toStatus: 'published', beforeHash: current?.hash ?? null, afterHash: published.hash, note });
    return done(toView(published, await listPolicyVersions(storeDb(ctx.db), key.policyId), ctx.now));
  } catch (error) {
    return runtimeRefusal(error);
  }
}

/**
 * Approver: cancels a publication still waiting for its effective time. The runtime records the
 * cancellation as an op of the log (the publication stays in the record) and the version goes
 * back to approved, from where it can be published again (as the next version number).
 */
export async function cancelSchedule(ctx: StepContext, key: Key, body: { note: string; revision: number }): Promise<StepResult<VersionView>> {
  const loaded = await load(ctx, key, 'published', body.revision);
  if (!loaded.ok) return loaded;
  const row = loaded.value;
  if (row.effectiveFrom === null || row.effectiveFrom <= ctx.now) return refuse('wrong_status', '此版本已经生效，不能取消定时发布；请改为回滚', 'this version has taken over already: its schedule cannot be cancelled; roll back instead');
  try {
    const note = body.note.trim();
    const saved = await ctx.runtime.cancelScheduled(key.policyId, key.version, { actor: ctx.user.username, ...(note === '' ? {} : { note }) });
    await recordAudit(ctx.db, {
      at: ctx.now,
      actor: ctx.user.username,
      action: 'cancel_schedule',
      policyId: key.policyId,
      version: key.version,
      fromStatus: 'published',
      toStatus: 'approved',
      beforeHash: row.hash,
      afterHash: saved.hash,
      note: `cancelled the publication effective ${row.effectiveFrom.toISOString()}${note === '' ? '' : `: ${note}`}`,
    });
    return done(toView(saved, await listPolicyVersions(storeDb(ctx.db), key.policyId), ctx.now));
  } catch (error) {
    return runtimeRefusal(error);
  }
}
