/** A policy version's audit trail: each workflow step recorded, read back, and who edited. */
import type { AdminDb } from '../shared/database';

/** What the audit trail records for one step on one policy version. */
export interface AuditEntry {
  at: Date;
  actor: string;
  /** create · save · submit · approve · reject · publish · rollback */
  action: string;
  policyId: string;
  version: string;
  fromStatus: string | null;
  toStatus: string | null;
  beforeHash: string | null;
  afterHash: string | null;
  note: string | null;
}

/** A recorded step, with its position in the trail. */
export interface AuditRecord extends AuditEntry {
  id: number;
}

/** Appends one step to the audit trail (never updated or deleted by the app). */
export async function recordAudit(db: AdminDb, e: AuditEntry): Promise<void> {
  await db
    .insertInto('policy_audit')
    .values({
      at: e.at,
      actor: e.actor,
      action: e.action,
      policy_id: e.policyId,
      version: e.version,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      before_hash: e.beforeHash,
      after_hash: e.afterHash,
      note: e.note,
    })
    .execute();
}

/** The trail of one version (or of every version of a policy, or all), newest first. */
export async function readAudit(db: AdminDb, filter: { policyId?: string; version?: string; limit?: number } = {}): Promise<AuditRecord[]> {
  let q = db.selectFrom('policy_audit').selectAll();
  if (filter.policyId !== undefined) q = q.where('policy_id', '=', filter.policyId);
  if (filter.version !== undefined) q = q.where('version', '=', filter.version);
  const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 200).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    policyId: r.policy_id,
    version: r.version,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    beforeHash: r.before_hash,
    afterHash: r.after_hash,
    note: r.note,
  }));
}

/** Everyone who created or edited a version: none of them may approve or publish it (maker-checker). */
export async function editorsOf(db: AdminDb, policyId: string, version: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('policy_audit')
    .select('actor')
    .distinct()
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .where('action', 'in', ['create', 'save'])
    .execute();
  return new Set(rows.map((r) => r.actor));
}
