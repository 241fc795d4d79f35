/** The inbox: what waits for the user in the workflow, and its counts for the top bar. */
import { listPolicyVersions } from '@allot/store';
import type { SessionUser } from '../auth';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { can } from '../shared/roles';

/** One item waiting for the user. */
export interface InboxItem {
  kind: 'toApprove' | 'toPublish' | 'returned' | 'accessRequest';
  /** The page to open. */
  href: string;
  title: string;
  /** Who asked (or who sent it back) and when. */
  by: string | null;
  at: string;
  /** The note, the reason given for a rejection, or the access request's reason. */
  note: string | null;
}

/** What waits for a user, by their role: versions to approve or publish (not their own), access requests to decide, drafts sent back to them. */
export interface Inbox {
  toApprove: InboxItem[];
  toPublish: InboxItem[];
  accessRequests: InboxItem[];
  returned: InboxItem[];
}

/**
 * The user's inbox. Approvers: submitted versions they did not make (待审批), approved ones they
 * may publish (待发布), pending access requests of others (待处理查看申请). Editors: drafts they
 * made or edited whose last review was a rejection (被退回), with the reason.
 */
export async function readInbox(db: AdminDb, user: SessionUser): Promise<Inbox> {
  const inbox: Inbox = { toApprove: [], toPublish: [], accessRequests: [], returned: [] };
  const approver = can(user.role, 'approve');
  const editor = can(user.role, 'editDrafts');
  if (!approver && !editor && !can(user.role, 'approveAccess')) return inbox;
  const versions = await listPolicyVersions(storeDb(db));
  const audit = await db.selectFrom('policy_audit').select(['policy_id', 'version', 'actor', 'action', 'at', 'note']).orderBy('id', 'desc').execute();
  const trail = new Map<string, typeof audit>();
  for (const a of audit) {
    const key = `${a.policy_id}@${a.version}`;
    const list = trail.get(key) ?? [];
    list.push(a);
    trail.set(key, list);
  }
  for (const v of versions) {
    const entries = trail.get(`${v.policyId}@${v.version}`) ?? [];
    const makers = new Set([v.author, ...entries.filter((a) => a.action === 'create' || a.action === 'save').map((a) => a.actor)]);
    const href = `/policies/${v.policyId}/${v.version}`;
    const title = `${v.policyId} ${v.version}`;
    if (approver && !makers.has(user.username) && (v.status === 'submitted' || v.status === 'approved')) {
      const step = entries.find((a) => a.action === (v.status === 'submitted' ? 'submit' : 'approve') || a.action === 'rollback.request' || a.action === 'cancel_schedule');
      const item: InboxItem = { kind: v.status === 'submitted' ? 'toApprove' : 'toPublish', href, title, by: step?.actor ?? v.author, at: (step?.at ?? v.updatedAt).toISOString(), note: step?.note ?? v.note };
      (v.status === 'submitted' ? inbox.toApprove : inbox.toPublish).push(item);
    }
    if (editor && v.status === 'draft' && makers.has(user.username)) {
      const review = entries.find((a) => a.action === 'reject' || a.action === 'submit');
      if (review?.action === 'reject') inbox.returned.push({ kind: 'returned', href, title, by: review.actor, at: review.at.toISOString(), note: review.note });
    }
  }
  if (can(user.role, 'approveAccess')) {
    const pending = await db.selectFrom('access_requests').select(['id', 'username', 'client_id', 'reason', 'requested_at']).where('status', '=', 'pending').where('username', '<>', user.username).orderBy('id').execute();
    for (const r of pending) inbox.accessRequests.push({ kind: 'accessRequest', href: '/access-requests', title: r.client_id, by: r.username, at: r.requested_at.toISOString(), note: r.reason });
  }
  return inbox;
}

/** The counts the header shows: 待审批 (to approve, plus to publish), 待处理查看申请, 被退回. */
export async function inboxCounts(db: AdminDb, user: SessionUser): Promise<{ toApprove: number; accessRequests: number; returned: number }> {
  const inbox = await readInbox(db, user);
  return { toApprove: inbox.toApprove.length + inbox.toPublish.length, accessRequests: inbox.accessRequests.length, returned: inbox.returned.length };
}
