/** The penalty notice (处罚通知单): who may read it, and everything it prints. */
import type { AllotEvent, Decision } from '@allot/engine';
import type { Runtime } from '@allot/runtime';
import { isRuntimeError } from '@allot/runtime';
import type { SessionUser } from '../auth';
import type { AdminDb } from '../shared/database';
import { can } from '../shared/roles';
import { SANCTION_KINDS } from './status';
import type { RuleText, SanctionKind } from './status';

/** Everything a penalty notice (处罚通知单) prints. */
export interface Notice {
  decision: Extract<Decision, { kind: SanctionKind }>;
  staffId: string;
  ruleText: RuleText | null;
  causes: AllotEvent[];
  /** The version as stored: its hash must equal the one the decision cites. */
  policy: { id: string; version: string; hash: string; storedHash: string | null };
}

/** The outcome of {@link readNotice}. */
export type NoticeRead = { ok: true; notice: Notice } | { ok: false; status: 403 | 404 };

/** May `user` see the notices of `staffId`? The person concerned, HR (editors) and auditors. */
export function mayReadNotice(user: SessionUser, staffId: string): boolean {
  return (user.staffId !== null && user.staffId === staffId) || can(user.role, 'viewNotices');
}

/**
 * The notice of one sanction decision for `user`: 404 when no such sanction exists (another
 * kind of decision has no notice), 403 when the user is neither the person concerned, nor HR,
 * nor an auditor. The read goes through the runtime's `explain` (access-logged as `user`).
 */
export async function readNotice(ctx: { db: AdminDb; runtime: Pick<Runtime, 'explain'> }, user: SessionUser, decisionId: string): Promise<NoticeRead> {
  // Who the decision is about is checked first, so a refused read is not a logged read.
  const row = await ctx.db.selectFrom('decisions').select(['kind', 'staff_id']).where('decision_id', '=', decisionId).executeTakeFirst();
  if (row === undefined || row.staff_id === null || !(SANCTION_KINDS as readonly string[]).includes(row.kind)) return { ok: false, status: 404 };
  if (!mayReadNotice(user, row.staff_id)) return { ok: false, status: 403 };
  let explained;
  try {
    explained = await ctx.runtime.explain(decisionId, { actor: user.username });
  } catch (error) {
    if (isRuntimeError(error) && error.code === 'not-found') return { ok: false, status: 404 };
    throw error;
  }
  const decision = explained.decision.decision as Extract<Decision, { kind: SanctionKind }>;
  return {
    ok: true,
    notice: {
      decision,
      staffId: decision.staffId,
      ruleText: explained.rule === null ? null : { id: explained.rule.id, title: explained.rule.title, clause: explained.rule.clause },
      causes: explained.causes.map((c) => c.event),
      policy: { ...decision.policy, storedHash: explained.policy?.hash ?? null },
    },
  };
}
