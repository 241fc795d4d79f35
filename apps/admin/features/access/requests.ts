import type { Selectable } from 'kysely';
import type { Localized } from '../shared/i18n/lang';
import { can, PERMISSIONS } from '../shared/roles';
import type { AccessRequestsTable, AdminDb, Role } from '../shared/database';
import type { SessionUser } from '../auth';
import { clientKnown } from '../clients';
import { recordWorkflowEvent } from '../shared/workflow-events';

/**
 * Access requests (seed A1: seeing another rep's client needs the chairman's approval; here the
 * approver role). A request is pending until an approver other than the requester approves it
 * for a while (1 hour to 7 days, default 24 hours) or rejects it; an approved request grants the
 * requester the client's personal data until it expires or is revoked by the requester or an
 * approver. The table's check constraint refuses a decision by the requester too.
 */

/** Who may open the access-requests page and revoke: those who ask and those who decide. */
export const ACCESS_REQUEST_ROLES: readonly Role[] = [...new Set<Role>([...PERMISSIONS.requestAccess, ...PERMISSIONS.approveAccess])];

/** Where a request stands; `expired` is an approved request past its `expires_at`. */
export type AccessStatus = 'pending' | 'approved' | 'rejected' | 'revoked' | 'expired';

/** An access request as the API and the pages show it. */
export interface AccessRequestView {
  id: number;
  username: string;
  clientId: string;
  reason: string;
  status: AccessStatus;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  expiresAt: string | null;
  comment: string | null;
}

/** Approved access lasts at least an hour, at most a week, a day unless the approver says otherwise. */
export const GRANT_HOURS = { min: 1, max: 168, default: 24 } as const;
/** The longest reason or comment kept. */
export const TEXT_MAX = 500;

/** A refused step: the HTTP status, a code and a message in both languages. */
export interface AccessRefusal {
  ok: false;
  status: number;
  error: string;
  message: Localized;
}
/** The outcome of a step. */
export type AccessResult = { ok: true; request: AccessRequestView } | AccessRefusal;

const refuse = (status: number, error: string, zh: string, en: string): AccessRefusal => ({ ok: false, status, error, message: { zh, en } });

/** The status of a stored request at `at`. */
export function accessStatus(row: Pick<Selectable<AccessRequestsTable>, 'status' | 'expires_at'>, at: Date): AccessStatus {
  if (row.status === 'approved' && (row.expires_at === null || row.expires_at <= at)) return 'expired';
  return row.status;
}

/** A stored row as the API shows it. */
export function toView(row: Selectable<AccessRequestsTable>, at: Date): AccessRequestView {
  return {
    id: row.id,
    username: row.username,
    clientId: row.client_id,
    reason: row.reason,
    status: accessStatus(row, at),
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    comment: row.comment,
  };
}

/** The user's pending request for a client, if any. */
export async function pendingRequestOf(db: AdminDb, username: string, clientId: string, at: Date): Promise<AccessRequestView | null> {
  const row = await db.selectFrom('access_requests').selectAll().where('username', '=', username).where('client_id', '=', clientId).where('status', '=', 'pending').orderBy('id', 'desc').executeTakeFirst();
  return row === undefined ? null : toView(row, at);
}

/** The user's approved request for a client that has not expired at `at`, if any (the latest-ending one). */
export async function activeGrant(db: AdminDb, username: string, clientId: string, at: Date): Promise<AccessRequestView | null> {
  const row = await db
    .selectFrom('access_requests')
    .selectAll()
    .where('username', '=', username)
    .where('client_id', '=', clientId)
    .where('status', '=', 'approved')
    .where('expires_at', '>', at)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
  return row === undefined ? null : toView(row, at);
}

/** A request as workflow events carry it (no personal data of the client: only its id). */
function eventView(r: { id: number; username: string; client_id: string; reason: string; status: string; requested_at: Date; decided_by: string | null; decided_at: Date | null; expires_at: Date | null; comment: string | null }): Record<string, unknown> {
  return { id: r.id, username: r.username, clientId: r.client_id, reason: r.reason, status: r.status, requestedAt: r.requested_at.toISOString(), decidedBy: r.decided_by, decidedAt: r.decided_at?.toISOString() ?? null, expiresAt: r.expires_at?.toISOString() ?? null, comment: r.comment };
}

/** `user` asks to see one client's personal data, for a reason. */
export async function requestAccess(db: AdminDb, user: SessionUser, input: { clientId: string; reason: string }, at: Date): Promise<AccessResult> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > TEXT_MAX) return refuse(400, 'bad_request', `请填写理由（最多 ${TEXT_MAX} 字）`, `give a reason (at most ${TEXT_MAX} characters)`);
  if (!(await clientKnown(db, input.clientId))) return refuse(404, 'not_found', '没有该客户', 'no such client');
  if (user.role === 'rep' && user.staffId !== null) {
    const owner = await db.selectFrom('client_state').select('owner_id').where('client_id', '=', input.clientId).executeTakeFirst();
    if (owner?.owner_id === user.staffId) return refuse(409, 'own_client', '这是您自己的客户，无需申请', 'this is your own client: no request needed');
  }
  if ((await activeGrant(db, user.username, input.clientId, at)) !== null) return refuse(409, 'already_granted', '您已获准查看该客户', 'you already have access to this client');
  if ((await pendingRequestOf(db, user.username, input.clientId, at)) !== null) return refuse(409, 'already_pending', '您已有一个待审批的申请', 'you already have a pending request for this client');
  const row = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('access_requests')
      .values({ username: user.username, client_id: input.clientId, reason, status: 'pending', requested_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordWorkflowEvent(trx, 'access.requested', at, { actor: user.username, request: eventView(row) });
    return row;
  });
  return { ok: true, request: toView(row, at) };
}

/** Loads a request an approver is about to decide: it must exist, be someone else's and be pending. */
async function decidable(db: AdminDb, user: SessionUser, id: number): Promise<AccessRefusal | null> {
  const row = await db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return refuse(404, 'not_found', '没有该申请', 'no such request');
  if (row.username === user.username) return refuse(403, 'own_request', '不能审批自己的申请', 'you cannot decide your own request');
  if (row.status !== 'pending') return refuse(409, 'wrong_status', '该申请已处理', 'this request has already been decided');
  return null;
}

/** An approver grants a pending request for `hours` (1–168) from `at`. */
export async function approveAccess(db: AdminDb, user: SessionUser, id: number, input: { hours: number; comment: string }, at: Date): Promise<AccessResult> {
  if (!Number.isSafeInteger(input.hours) || input.hours < GRANT_HOURS.min || input.hours > GRANT_HOURS.max) {
    return refuse(400, 'bad_request', `时长须为 ${GRANT_HOURS.min}–${GRANT_HOURS.max} 小时`, `the duration must be ${GRANT_HOURS.min}–${GRANT_HOURS.max} hours`);
  }
  const refused = await decidable(db, user, id);
  if (refused !== null) return refused;
  const expiresAt = new Date(at.getTime() + input.hours * 3_600_000);
  const row = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('access_requests')
      .set({ status: 'approved', decided_by: user.username, decided_at: at, expires_at: expiresAt, comment: input.comment.trim().slice(0, TEXT_MAX) || null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('username', '<>', user.username)
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) await recordWorkflowEvent(trx, 'access.approved', at, { actor: user.username, request: eventView(row) });
    return row;
  });
  return row === undefined ? refuse(409, 'wrong_status', '该申请已处理', 'this request has already been decided') : { ok: true, request: toView(row, at) };
}

/** An approver rejects a pending request. */
export async function rejectAccess(db: AdminDb, user: SessionUser, id: number, input: { comment: string }, at: Date): Promise<AccessResult> {
  const refused = await decidable(db, user, id);
  if (refused !== null) return refused;
  const row = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('access_requests')
      .set({ status: 'rejected', decided_by: user.username, decided_at: at, comment: input.comment.trim().slice(0, TEXT_MAX) || null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('username', '<>', user.username)
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) await recordWorkflowEvent(trx, 'access.rejected', at, { actor: user.username, request: eventView(row) });
    return row;
  });
  return row === undefined ? refuse(409, 'wrong_status', '该申请已处理', 'this request has already been decided') : { ok: true, request: toView(row, at) };
}

/**
 * Ends an approved, unexpired grant now: the requester may give it up, any approver may take it
 * back. The table has no column for who revoked, so `expires_at` becomes the instant of the
 * revocation and the comment records who did it and why (`decided_by` stays the approver).
 */
export async function revokeAccess(db: AdminDb, user: SessionUser, id: number, input: { comment: string }, at: Date): Promise<AccessResult> {
  const row = await db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return refuse(404, 'not_found', '没有该申请', 'no such request');
  if (row.username !== user.username && !can(user.role, 'approveAccess')) return refuse(403, 'forbidden', '只有申请人或审批人可以撤销', 'only the requester or an approver may revoke');
  if (accessStatus(row, at) !== 'approved') return refuse(409, 'wrong_status', '只能撤销生效中的授权', 'only an access in force can be revoked');
  const note = `${row.comment === null ? '' : `${row.comment} | `}revoked by ${user.username}${input.comment.trim() === '' ? '' : `: ${input.comment.trim()}`}`.slice(0, 2 * TEXT_MAX);
  const updated = await db
    .updateTable('access_requests')
    .set({ status: 'revoked', expires_at: at, comment: note })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .returningAll()
    .executeTakeFirst();
  return updated === undefined ? refuse(409, 'wrong_status', '只能撤销生效中的授权', 'only an access in force can be revoked') : { ok: true, request: toView(updated, at) };
}

/** What the access-requests page lists for a user. */
export interface AccessOverview {
  /** The user's own requests, newest first. */
  mine: AccessRequestView[];
  /** Others' pending requests (approvers only), oldest first. */
  toDecide: AccessRequestView[];
  /** Others' grants in force (approvers only), to revoke. */
  inForce: AccessRequestView[];
}

/** The user's requests, and for an approver the requests to decide and the grants in force. */
export async function accessOverview(db: AdminDb, user: SessionUser, at: Date): Promise<AccessOverview> {
  const mine = await db.selectFrom('access_requests').selectAll().where('username', '=', user.username).orderBy('id', 'desc').limit(200).execute();
  if (!can(user.role, 'approveAccess')) return { mine: mine.map((r) => toView(r, at)), toDecide: [], inForce: [] };
  const toDecide = await db.selectFrom('access_requests').selectAll().where('status', '=', 'pending').where('username', '<>', user.username).orderBy('id').limit(500).execute();
  const inForce = await db
    .selectFrom('access_requests')
    .selectAll()
    .where('status', '=', 'approved')
    .where('expires_at', '>', at)
    .where('username', '<>', user.username)
    .orderBy('expires_at')
    .limit(500)
    .execute();
  return { mine: mine.map((r) => toView(r, at)), toDecide: toDecide.map((r) => toView(r, at)), inForce: inForce.map((r) => toView(r, at)) };
}
