/**
 * Drafts: created from a version, saved with a revision check (409 when someone saved since), and
 * who made them.
 */
import { policyHash, validatePolicy } from '@allot/engine';
import type { PolicyWarning } from '@allot/engine';
import type { Policy } from '@allot/engine';
import { findPolicyVersion, insertPolicyVersion, listPolicyVersions, RevisionConflictError, updatePolicyVersion } from '@allot/store';
import { orderLikeSchema } from './order-keys';
import { validateDraft } from './validate-draft';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import type { SessionUser } from '../auth';
import { editorsOf, readAudit, recordAudit } from './audit';
import { nextVersion, toView } from './read';
import { recordOrigin } from './origins';
import type { VersionView } from './read';
import { done, refuse } from '../shared/workflow-result';
import type { StepResult } from '../shared/workflow-result';

const EDITABLE = new Set(['draft', 'submitted', 'approved']);

const isFormat2Doc = (doc: unknown): boolean => doc !== null && typeof doc === 'object' && (doc as { format?: unknown }).format === 2;

/** The verifier's warnings of a valid document. */
function verifierWarnings(doc: unknown): PolicyWarning[] {
  const checked = validatePolicy(doc);
  return checked.ok ? checked.warnings : [];
}

/** The other side of a conflict: what is stored now, and who saved it when. */
export interface ConflictDetails {
  theirs: { content: unknown; revision: number; updatedAt: string; savedBy: string | null; status: string };
  yours: { content: unknown; revision: number };
}

/** Starts a new draft from any version of a policy: same content, the next free version number. */
export async function createDraft(db: AdminDb, user: SessionUser, policyId: string, fromVersion: string, now: Date): Promise<StepResult<VersionView>> {
  const base = await findPolicyVersion(storeDb(db), policyId, fromVersion);
  if (base === undefined) return refuse('not_found', '找不到该版本', 'no such version');
  const all = await listPolicyVersions(storeDb(db), policyId);
  const version = nextVersion(all.map((v) => v.version));
  const content = { ...(base.content as Record<string, unknown>), version };
  const row = await insertPolicyVersion(storeDb(db), { policyId, version, status: 'draft', content, hash: policyHash(content as unknown as Policy), author: user.username, note: null }, now);
  await recordAudit(db, { at: now, actor: user.username, action: 'create', policyId, version, fromStatus: null, toStatus: 'draft', beforeHash: base.hash, afterHash: row.hash, note: `from ${fromVersion}` });
  await recordOrigin(db, { policyId, version, baseVersion: fromVersion, kind: 'draft', at: now });
  return done(toView(row, [...all, row], now));
}

/**
 * Saves a draft if nobody saved since `revision` was read (optimistic concurrency): otherwise
 * refuses with both versions, so nothing is lost. The content must be a valid policy with the
 * draft's own id and version. Saving a submitted or approved version sends it back to draft:
 * an approval covers exactly the content that was approved.
 */
export async function saveDraft(
  db: AdminDb,
  user: SessionUser,
  key: { policyId: string; version: string },
  body: { content: unknown; revision: number; warningsReason?: string },
  now: Date,
): Promise<StepResult<VersionView>> {
  const row = await findPolicyVersion(storeDb(db), key.policyId, key.version);
  if (row === undefined) return refuse('not_found', '找不到该版本', 'no such version');
  if (row.publishSeq !== null || !EDITABLE.has(row.status)) {
    return refuse('wrong_status', '已发布的版本不能修改，请基于它新建草稿', 'a published version cannot change; start a new draft from it');
  }
  if (row.revision !== body.revision) return conflict(db, row, body);
  const doc = body.content as { id?: unknown; version?: unknown } | null;
  if (doc === null || typeof doc !== 'object' || doc.id !== key.policyId || doc.version !== key.version) {
    return refuse('invalid', `制度编号和版本号必须保持为 ${key.policyId} ${key.version}`, `the id and version must stay ${key.policyId} ${key.version}`, [
      { pointer: '/version', message: { zh: `版本号由系统分配，必须为 ${key.version}`, en: `the version number is assigned: it must be ${key.version}` } },
    ]);
  }
  const errors = validateDraft(body.content);
  if (errors.length > 0) return refuse('invalid', `草稿有 ${errors.length} 处问题，未保存`, `the draft has ${errors.length} problem(s); not saved`, errors);
  // Format 2: the verifier's warnings are saved only knowingly, with a reason the approver reads in the audit trail.
  const warnings = isFormat2Doc(body.content) ? verifierWarnings(body.content) : [];
  if (warnings.length > 0 && (body.warningsReason ?? '').trim() === '') {
    return refuse(
      'invalid',
      `校验器有 ${warnings.length} 个提示；如确认无误，请写明理由后“仍然保存”`,
      `the verifier has ${warnings.length} warning(s); to save anyway, give a reason`,
      warnings.map((w) => ({ pointer: w.pointer, message: w.message })),
    );
  }
  const warningNote = warnings.length > 0 ? `仍然保存（${warnings.length} 个提示：${[...new Set(warnings.map((w) => w.code))].join(', ')}）/ saved despite ${warnings.length} warning(s). 理由 / reason: ${(body.warningsReason ?? '').trim()}` : null;
  const hash = policyHash(body.content as Policy);
  const reset = row.status !== 'draft';
  try {
    const saved = await updatePolicyVersion(
      storeDb(db),
      { policyId: key.policyId, version: key.version, expectedRevision: body.revision },
      { content: body.content, hash, status: 'draft', ...(reset ? { approver: null } : {}) },
      now,
    );
    await recordAudit(db, {
      at: now,
      actor: user.username,
      action: 'save',
      policyId: key.policyId,
      version: key.version,
      fromStatus: row.status,
      toStatus: 'draft',
      beforeHash: row.hash,
      afterHash: hash,
      note: [reset ? `${row.status} → draft: edited after ${row.status === 'approved' ? 'approval' : 'submission'}` : null, warningNote].filter((n) => n !== null).join(' · ') || null,
    });
    return done(toView(saved, await listPolicyVersions(storeDb(db), key.policyId), now));
  } catch (error) {
    if (!(error instanceof RevisionConflictError)) throw error;
    const current = await findPolicyVersion(storeDb(db), key.policyId, key.version);
    if (current === undefined) throw error;
    return conflict(db, current, body);
  }
}

async function conflict(db: AdminDb, current: NonNullable<Awaited<ReturnType<typeof findPolicyVersion>>>, body: { content: unknown; revision: number }): Promise<StepResult<never>> {
  const last = (await readAudit(db, { policyId: current.policyId, version: current.version, limit: 1 }))[0];
  const details: ConflictDetails = {
    theirs: { content: orderLikeSchema(current.content), revision: current.revision, updatedAt: current.updatedAt.toISOString(), savedBy: last?.actor ?? current.author, status: current.status },
    yours: { content: body.content, revision: body.revision },
  };
  return refuse(
    'conflict',
    `${details.theirs.savedBy ?? '其他人'} 在您打开之后保存了此草稿（修订 ${current.revision}）。您的修改未保存、也未丢失：请对照两个版本后再保存。`,
    `${details.theirs.savedBy ?? 'someone else'} saved this draft after you opened it (revision ${current.revision}). Your changes were not saved and are not lost: compare both versions, then save again.`,
    details,
  );
}

/** Is the user among the author and editors of the version (who may not approve or publish it)? */
export async function isMaker(db: AdminDb, user: SessionUser, policyId: string, version: string, author: string | null): Promise<boolean> {
  if (author === user.username) return true;
  return (await editorsOf(db, policyId, version)).has(user.username);
}
