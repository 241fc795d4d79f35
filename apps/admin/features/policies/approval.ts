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
import { inForce, nextVersion, toView } from './read';
import type { VersionView } from './read';
import { done, refuse } from '../shared/workflow-result';
import type { StepResult } from '../shared/workflow-result';

/** What every workflow step needs. */
export interface StepContext {
  db: AdminDb;
  runtime: Runtime;
  user: SessionUser;
  now: Date;
}

type Key = { policyId: string; version: string };

const STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '待审批', approved: '已批准', published: '已发布', retired: '已停用' };

async function load(ctx: StepContext, key: Key, expected: PolicyStatus, revision: number): Promise<StepResult<StoredPolicyVersion>> {
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

async function transition(ctx: StepContext, row: StoredPolicyVersion, to: PolicyStatus, action: string, note: string | null, changes: { approver?: string | null; note?: string | null } = {}): Promise<StepResult<VersionView>> {
  try {
    const saved = await updatePolicyVersion(storeDb(ctx.db), { policyId: row.policyId, version: row.version, expectedRevision: row.revision }, { status: to, ...changes }, ctx.now);
    await recordAudit(ctx.db, { at: ctx.now, actor: ctx.user.username, action, policyId: row.policyId, version: row.version, fromStatus: row.status, toStatus: to, beforeHash: row.hash, afterHash: saved.hash, note });
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

/** Approver: sends a submitted version back to draft with a comment. */
export async function rejectVersion(ctx: StepContext, key: Key, body: { comment: string; revision: number }): Promise<StepResult<VersionView>> {
  const loaded = await load(ctx, key, 'submitted', body.revision);
  if (!loaded.ok) return loaded;
  if (await isMaker(ctx.db, ctx.user, key.policyId, key.version, loaded.value.author)) {
    return refuse('own_draft', '您创建或修改过此版本，不能审批它', 'you created or edited this version, so you cannot review it');
  }
  return transition(ctx, loaded.value, 'draft', 'reject', body.comment, { approver: null });
}

function runtimeRefusal(error: unknown): StepResult<never> {
  if (!isRuntimeError(error)) throw error;
  if (error.code === 'effective-too-early') return refuse('runtime', '生效时间早于系统已处理到的时间，请选择更晚的时间', `the effective time is before the runtime's time: ${error.message}`);
  return refuse('runtime', `发布失败：${error.message}`, `publishing failed: ${error.message}`);
}

/**
 * Approver: publishes an approved version through the runtime, effective now or at a scheduled
 * instant; from then on its content can never change. The approver must not be its maker.
 */
export async function publishVersion(ctx: StepContext, key: Key, body: { effectiveFrom: string | null; revision: number }): Promise<StepResult<VersionView>> {
  const loaded = await load(ctx, key, 'approved', body.revision);
  if (!loaded.ok) return loaded;
  const row = loaded.value;
  if (await isMaker(ctx.db, ctx.user, key.policyId, key.version, row.author)) {
    return refuse('own_draft', '您创建或修改过此版本，不能发布它', 'you created or edited this version, so you cannot publish it');
  }
  const effectiveFrom = body.effectiveFrom ?? ctx.now.toISOString();
  try {
    const published = await ctx.runtime.publish(row.content, { effectiveFrom, author: row.author ?? undefined, approver: row.approver ?? ctx.user.username, note: row.note ?? undefined });
    await recordAudit(ctx.db, { at: ctx.now, actor: ctx.user.username, action: 'publish', policyId: key.policyId, version: key.version, fromStatus: 'approved', toStatus: 'published', beforeHash: row.hash, afterHash: published.hash, note: `effective ${published.effectiveFrom?.toISOString() ?? effectiveFrom}` });
    return done(toView(published, await listPolicyVersions(storeDb(ctx.db), key.policyId), ctx.now));
  } catch (error) {
    return runtimeRefusal(error);
  }
}

/**
 * Approver: rolls back to an earlier published version by publishing its content again as a new
 * version (history is never rewritten), effective now or at a scheduled instant.
 */
export async function rollbackTo(ctx: StepContext, key: Key, body: { effectiveFrom: string | null; note: string }): Promise<StepResult<VersionView>> {
  const target = await findPolicyVersion(storeDb(ctx.db), key.policyId, key.version);
  if (target === undefined) return refuse('not_found', '找不到该版本', 'no such version');
  if (target.publishSeq === null) return refuse('wrong_status', '只能回滚到曾经发布过的版本', 'you can only roll back to a version that was published');
  const all = await listPolicyVersions(storeDb(ctx.db), key.policyId);
  const current = inForce(all, ctx.now);
  if (current?.version === target.version) return refuse('wrong_status', '该版本正在生效，无需回滚', 'this version is already in force');
  const version = nextVersion(all.map((v) => v.version));
  const content = { ...(target.content as Record<string, unknown>), version };
  const effectiveFrom = body.effectiveFrom ?? ctx.now.toISOString();
  const note = body.note.trim() === '' ? `rollback to ${target.version}` : `rollback to ${target.version}: ${body.note.trim()}`;
  try {
    const published = await ctx.runtime.publish(content, { effectiveFrom, author: ctx.user.username, approver: ctx.user.username, note });
    await recordAudit(ctx.db, { at: ctx.now, actor: ctx.user.username, action: 'rollback', policyId: key.policyId, version, fromStatus: null, toStatus: 'published', beforeHash: current?.hash ?? null, afterHash: published.hash, note });
    return done(toView(published, await listPolicyVersions(storeDb(ctx.db), key.policyId), ctx.now));
  } catch (error) {
    return runtimeRefusal(error);
  }
}
