import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Database, PolicyStatus, PolicyVersionsTable } from './database.js';

/** One policy version as stored. */
export interface StoredPolicyVersion {
  policyId: string;
  version: string;
  status: PolicyStatus;
  content: unknown;
  hash: string;
  effectiveFrom: Date | null;
  /** Where in the op log it was published; null for a version never published. */
  publishSeq: number | null;
  author: string | null;
  approver: string | null;
  note: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A policy version to insert. */
export interface NewPolicyVersion {
  policyId: string;
  version: string;
  status: PolicyStatus;
  content: unknown;
  hash: string;
  effectiveFrom?: Date | string | null;
  publishSeq?: number | null;
  author?: string | null;
  approver?: string | null;
  note?: string | null;
}

/** What an update may change (the trigger refuses content, hash and effective time once published). */
export type PolicyVersionChanges = Partial<Pick<NewPolicyVersion, 'status' | 'content' | 'hash' | 'effectiveFrom' | 'publishSeq' | 'approver' | 'note'>>;

/** Thrown by `updatePolicyVersion` when someone else changed the row since it was read. */
export class RevisionConflictError extends Error {
  constructor(policyId: string, version: string, expected: number) {
    super(`policy ${policyId} version ${version} is no longer at revision ${expected}: someone else changed it; reload and retry`);
    this.name = 'RevisionConflictError';
  }
}

const toStored = (r: Selectable<PolicyVersionsTable>): StoredPolicyVersion => ({
  policyId: r.policy_id,
  version: r.version,
  status: r.status,
  content: r.content,
  hash: r.hash,
  effectiveFrom: r.effective_from,
  publishSeq: r.publish_seq === null ? null : Number(r.publish_seq),
  author: r.author,
  approver: r.approver,
  note: r.note,
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Inserts a version; fails on an existing (policy id, version). */
export async function insertPolicyVersion(db: Kysely<Database>, v: NewPolicyVersion, at: Date): Promise<StoredPolicyVersion> {
  const row = await db
    .insertInto('policy_versions')
    .values({
      policy_id: v.policyId,
      version: v.version,
      status: v.status,
      content: JSON.stringify(v.content),
      hash: v.hash,
      effective_from: v.effectiveFrom ?? null,
      publish_seq: v.publishSeq ?? null,
      author: v.author ?? null,
      approver: v.approver ?? null,
      note: v.note ?? null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStored(row);
}

/**
 * Updates a version if it is still at `expectedRevision` (optimistic concurrency) and bumps the
 * revision; throws `RevisionConflictError` otherwise.
 */
export async function updatePolicyVersion(
  db: Kysely<Database>,
  key: { policyId: string; version: string; expectedRevision: number },
  changes: PolicyVersionChanges,
  at: Date,
): Promise<StoredPolicyVersion> {
  const row = await db
    .updateTable('policy_versions')
    .set({
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.content === undefined ? {} : { content: JSON.stringify(changes.content) }),
      ...(changes.hash === undefined ? {} : { hash: changes.hash }),
      ...(changes.effectiveFrom === undefined ? {} : { effective_from: changes.effectiveFrom }),
      ...(changes.publishSeq === undefined ? {} : { publish_seq: changes.publishSeq }),
      ...(changes.approver === undefined ? {} : { approver: changes.approver }),
      ...(changes.note === undefined ? {} : { note: changes.note }),
      revision: sql<number>`revision + 1`,
      updated_at: at,
    })
    .where('policy_id', '=', key.policyId)
    .where('version', '=', key.version)
    .where('revision', '=', key.expectedRevision)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new RevisionConflictError(key.policyId, key.version, key.expectedRevision);
  return toStored(row);
}

/** One version, or undefined. */
export async function findPolicyVersion(db: Kysely<Database>, policyId: string, version: string): Promise<StoredPolicyVersion | undefined> {
  const row = await db.selectFrom('policy_versions').selectAll().where('policy_id', '=', policyId).where('version', '=', version).executeTakeFirst();
  return row === undefined ? undefined : toStored(row);
}

/** Every version (of one policy, when given), oldest first. */
export async function listPolicyVersions(db: Kysely<Database>, policyId?: string): Promise<StoredPolicyVersion[]> {
  let q = db.selectFrom('policy_versions').selectAll();
  if (policyId !== undefined) q = q.where('policy_id', '=', policyId);
  const rows = await q.orderBy('created_at').orderBy('policy_id').orderBy('version').execute();
  return rows.map(toStored);
}

/** Published versions with `afterSeq < publish_seq <= toSeq`, in the order they were published. */
export async function readPublishedVersions(db: Kysely<Database>, range: { afterSeq?: number; toSeq?: number } = {}): Promise<StoredPolicyVersion[]> {
  let q = db.selectFrom('policy_versions').selectAll().where('publish_seq', 'is not', null);
  if (range.afterSeq !== undefined) q = q.where('publish_seq', '>', range.afterSeq);
  if (range.toSeq !== undefined) q = q.where('publish_seq', '<=', range.toSeq);
  const rows = await q.orderBy('publish_seq').execute();
  return rows.map(toStored);
}

/** A cancelled scheduled publication: an op of the log. */
export interface StoredCancellation {
  seq: number;
  policyId: string;
  version: string;
  publishSeq: number;
  recordedAt: Date;
  actor: string | null;
  note: string | null;
}

/** Records a cancellation at op `seq` (the caller moves the log head over it in the same transaction). */
export async function insertCancellation(db: Kysely<Database>, c: Omit<StoredCancellation, 'recordedAt'> & { recordedAt: Date | string }): Promise<void> {
  await db
    .insertInto('policy_cancellations')
    .values({ seq: c.seq, policy_id: c.policyId, version: c.version, publish_seq: c.publishSeq, recorded_at: c.recordedAt, actor: c.actor, note: c.note })
    .execute();
}

/** Cancellations with `afterSeq < seq <= toSeq` (of one policy, when given), in seq order. */
export async function readCancellations(db: Kysely<Database>, range: { afterSeq?: number; toSeq?: number; policyId?: string } = {}): Promise<StoredCancellation[]> {
  let q = db.selectFrom('policy_cancellations').selectAll();
  if (range.afterSeq !== undefined) q = q.where('seq', '>', range.afterSeq);
  if (range.toSeq !== undefined) q = q.where('seq', '<=', range.toSeq);
  if (range.policyId !== undefined) q = q.where('policy_id', '=', range.policyId);
  const rows = await q.orderBy('seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), policyId: r.policy_id, version: r.version, publishSeq: Number(r.publish_seq), recordedAt: r.recorded_at, actor: r.actor, note: r.note }));
}
