/**
 * The maker-checker workflow's steps: submit, approve, reject and publish, each a guarded
 * transition audited.
 */
import { isRuntimeError } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { findPolicyVersion, listPolicyVersions, updatePolicyVersion, RevisionConflictError } from '@allot/store';
import type { PolicyStatus, StoredPolicyVersion } from '@allot/store';
import { validateDraft } from './validate-draft';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import type { SessionUser } from '../auth';
import { isMaker } from './drafts';
import { recordAudit } from './audit';
import { isCancelled, nextVersion, toView } from './read';
import { readOrigins, recordOrigin, scheduledConflicts } from './origins';
import type { VersionView } from './read';
import { done, refuse } from '../shared/workflow-result';
import { recordWorkflowEvent } from '../shared/workflow-events';
import type { WorkflowEventType } from '../shared/workflow-events';
import type { StepResult } from '../shared/workflow-result';

/** What every workflow step needs. */
export interface StepContext {
  db: AdminDb;
  runtime: Runtime;
  user: SessionUser;
  now: Date;
}

/** The version a step acts on. */
export type Key = { policyId: string; version: string };

const STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '待审批', approved: '已批准', published: '已发布', retired: '已停用' };

/** Loads a version for a step: it must exist, be at `revision` and have status `expected`. */
export async function load(ctx: StepContext, key: Key, expected: PolicyStatus, revision: number): Promise<StepResult<StoredPolicyVersion>> {
  const row = await findPolicyVersion(storeDb(ctx.db), key.policyId, key.version);
  if (row === undefined) return refuse('not_found', '找不到该版本', 'no such version');
  if (row.revision !== revision) {
    return refuse('conflict', '此版本在您查看之后已被修改，请刷新后重新查看', 'this version changed since you looked at it; reload and review it again');
  }
  if (row.status !== expected) {
    return refuse('wrong_status', `此版本当前为「${STATUS_ZH[row.status] ?? row.status}」，不能执行此操作`, `this version is ${row.status}; this step needs it ${expected}`);
  }
  return done(row);
}

const EVENT_OF: Record<string, WorkflowEventType> = { submit: 'policy.submitted', approve: 'policy.approved', reject: 'policy.rejected' };

/** Moves a version to another status and records the step in the audit trail. */
export async function transition(ctx: StepContext, row: StoredPolicyVersion, to: PolicyStatus, action: string, note: string | null, changes: { approver?: string | null; note?: string | null } = {}): Promise<StepResult<VersionView>> {
  try {
    // The step, its audit row and its workflow event (webhooks, notifications) in one transaction.
    const saved = await ctx.db.transaction().execute(async (trx) => {
      const saved = await updatePolicyVersion(storeDb(trx), { policyId: row.policyId, version: row.version, expectedRevision: row.revision }, { status: to, ...changes }, ctx.now);
      await recordAudit(trx, { at: ctx.now, actor: ctx.user.username, action, policyId: row.policyId, version: row.version, fromStatus: row.status, toStatus: to, beforeHash: row.hash, afterHash: saved.hash, note });
      const type = EVENT_OF[action];
      if (type !== undefined) {
        await recordWorkflowEvent(trx, type, ctx.now, {
          actor: ctx.user.username,
          policy: { id: row.policyId, version: row.version, hash: saved.hash },
          author: row.author,
          fromStatus: row.status,
          toStatus: to,
          ...(action === 'reject' ? { reason: note ?? '' } : { note }),
        });
      }
      return saved;
    });
    return done(toView(saved, await listPolicyVersions(storeDb(ctx.db), row.policyId), ctx.now));
  } catch (error) {
    if (error instanceof RevisionConflictError) return refuse('conflict', '此版本刚被他人修改，请刷新', 'this version was just changed by someone else; reload');
    throw error;
  }
}

/** Editor: sends a valid draft for approval, with a note for the approver. */
export async function submitDraft(ctx: StepContext, key: Key, body: { note: string; revision: number }): Promise<StepResult<VersionView>> {
  const loaded = await load(ctx, key, 'draft', body.revision);
  if (!loaded.ok) return loaded;
  const errors = validateDraft(loaded.value.content);
  if (errors.length > 0) return refuse('invalid', '草稿仍有问题，不能提交', 'the draft still has problems; it cannot be submitted', errors);
  return transition(ctx, loaded.value, 'submitted', 'submit', body.note, { note: body.note });
}

/** Approver: approves a submitted version. Nobody who created or edited it may (maker-checker). */
export async function approveVersion(ctx: StepContext, key: Key, body: { comment: string; revision: number }): Promise<StepResult<VersionView>> {
  const loaded = await load(ctx, key, 'submitted', body.revision);
  if (!loaded.ok) return loaded;
  if (await isMaker(ctx.db, ctx.user, key.policyId, key.version, loaded.value.author)) {
    return refuse('own_draft', '您创建或修改过此版本，不能审批它（须由他人审批）', 'you created or edited this version, so you cannot approve it (someone else must)');
  }
  return transition(ctx, loaded.value, 'approved', 'approve', body.comment, { approver: ctx.user.username });
}

/** Approver: sends a submitted version back to draft with the reason (required: the drafter is shown it). */
export async function rejectVersion(ctx: StepContext, key: Key, body: { comment: string; revision: number }): Promise<StepResult<VersionView>> {
  if (body.comment.trim() === '') return refuse('reason_required', '退回时必须写明原因，起草人会看到它', 'a rejection needs a reason: the drafter is shown it');
  const loaded = await load(ctx, key, 'submitted', body.revision);
  if (!loaded.ok) return loaded;
  if (await isMaker(ctx.db, ctx.user, key.policyId, key.version, loaded.value.author)) {
    return refuse('own_draft', '您创建或修改过此版本，不能审批它', 'you created or edited this version, so you cannot review it');
  }
  return transition(ctx, loaded.value, 'draft', 'reject', body.comment.trim(), { approver: null });
}

/** A runtime refusal as a workflow refusal (other errors are thrown on). */
export function runtimeRefusal(error: unknown): StepResult<never> {
  if (!isRuntimeError(error)) throw error;
  if (error.code === 'effective-too-early') return refuse('runtime', '生效时间早于系统已处理到的时间，请选择更晚的时间', `the effective time is before the runtime's time: ${error.message}`);
  return refuse('runtime', `发布失败：${error.message}`, `publishing failed: ${error.message}`);
}

/** The scheduled versions publishing `row` would undo, unless the request names each of them in `confirmUndo`. */
async function unconfirmedConflicts(ctx: StepContext, row: StoredPolicyVersion, confirmUndo: readonly string[]): Promise<StepResult<null>> {
  const all = await listPolicyVersions(storeDb(ctx.db), row.policyId);
  const conflicts = scheduledConflicts(all, row.version, row.content, await readOrigins(ctx.db, row.policyId), ctx.now);
  const missing = conflicts.filter((c) => !confirmUndo.includes(c.version));
  if (missing.length === 0) return done(null);
  return refuse(
    'confirm_undo',
    `${missing.map((c) => c.message.zh).join(' ')}请确认要撤销 ${missing.map((c) => c.version).join('、')}，或先取消其定时发布。`,
    `${missing.map((c) => c.message.en).join(' ')} Confirm that ${missing.map((c) => c.version).join(', ')} will be undone, or cancel its schedule first.`,
    { conflicts: missing },
  );
}

/**
 * Approver: publishes an approved version through the runtime, effective now or at a scheduled
 * instant; from then on its content can never change. The approver must not be its maker. A
 * version that leaves out a later scheduled one needs `confirmUndo` naming it. A version whose
 * scheduled publication was cancelled is published again under the next version number (a
 * version number names one publication), recorded as a re-publication of it.
 */
export async function publishVersion(ctx: StepContext, key: Key, body: { effectiveFrom: string | null; revision: number; confirmUndo?: readonly string[] }): Promise<StepResult<VersionView>> {
  const loaded = await load(ctx, key, 'approved', body.revision);
  if (!loaded.ok) return loaded;
  const row = loaded.value;
  if (await isMaker(ctx.db, ctx.user, key.policyId, key.version, row.author)) {
    return refuse('own_draft', '您创建或修改过此版本，不能发布它', 'you created or edited this version, so you cannot publish it');
  }
  const checked = await unconfirmedConflicts(ctx, row, body.confirmUndo ?? []);
  if (!checked.ok) return checked;
  const effectiveFrom = body.effectiveFrom ?? ctx.now.toISOString();
  const republish = isCancelled(row);
  const version = republish ? nextVersion((await listPolicyVersions(storeDb(ctx.db), key.policyId)).map((v) => v.version)) : key.version;
  const content = republish ? { ...(row.content as Record<string, unknown>), version } : row.content;
  const note = republish ? `republication of ${key.version} (its earlier schedule was cancelled)${row.note === null ? '' : `: ${row.note}`}` : (row.note ?? undefined);
  try {
    const published = await ctx.runtime.publish(content, { effectiveFrom, author: row.author ?? undefined, approver: row.approver ?? ctx.user.username, ...(note === undefined ? {} : { note }) });
    if (republish) await recordOrigin(ctx.db, { policyId: key.policyId, version, baseVersion: key.version, kind: 'republish', at: ctx.now });
    const undone = (body.confirmUndo ?? []).length > 0 ? `; confirmed undoing ${(body.confirmUndo ?? []).join(', ')}` : '';
    await recordAudit(ctx.db, { at: ctx.now, actor: ctx.user.username, action: 'publish', policyId: key.policyId, version, fromStatus: 'approved', toStatus: 'published', beforeHash: row.hash, afterHash: published.hash, note: `effective ${published.effectiveFrom?.toISOString() ?? effectiveFrom}${republish ? ` (republication of ${key.version})` : ''}${undone}` });
    return done(toView(published, await listPolicyVersions(storeDb(ctx.db), key.policyId), ctx.now));
  } catch (error) {
    return runtimeRefusal(error);
  }
}
