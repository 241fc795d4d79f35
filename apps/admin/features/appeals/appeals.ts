import { randomUUID } from 'node:crypto';
import type { AllotEvent, Decision, EventError } from '@allot/engine';
import type { Runtime } from '@allot/runtime';
import { sql } from 'kysely';
import type { SessionUser } from '../auth';
import { storeDb, type AdminDb } from '../shared/database';
import type { Localized } from '../shared/i18n/lang';

/**
 * Acknowledgements and appeals of sanctions (docs/admin.md, "Appeals"): a rep answers a
 * decision of her own (acknowledge, refuse to acknowledge, appeal with a reason); a manager
 * decides pending appeals (uphold, overturn, reduce) or dismisses a sanction, always with a
 * reason. Every answer is an event of docs/events.md handed to the runtime's `ingest`, so the
 * engine checks it (window, owner, pending appeal) and its decisions are recorded with it.
 */

/** The decision kinds a rep can acknowledge or appeal. */
export const SANCTION_KINDS: readonly string[] = ['staff.paused', 'staff.banned', 'staff.hotline_banned', 'staff.fined', 'staff.termination_review'];

/** What a rep does with a decision of hers. */
export const REP_ACTIONS = ['appeal', 'acknowledge', 'refuse'] as const;
export type RepAction = (typeof REP_ACTIONS)[number];

/** What a manager does with a sanction. */
export const MANAGER_OUTCOMES = ['upheld', 'overturned', 'reduced', 'dismissed'] as const;
export type ManagerOutcome = (typeof MANAGER_OUTCOMES)[number];

export const REASON_MAX = 500;

/** One event answering a decision, as stored. */
export interface AnswerEvent {
  seq: number;
  eventId: string;
  type: string;
  at: string;
  event: AllotEvent;
}

/** A decision with everything that answered it and what superseded it. */
export interface AppealHistory {
  decision: Decision;
  /** Acknowledgements, refusals, the appeal, its decision and dismissals, in the order recorded. */
  answers: AnswerEvent[];
  /** The `decision.superseded` naming it, if any. */
  superseded: Decision | null;
  /** The decisions the superseding event made besides supersessions (what holds instead). */
  replacements: Decision[];
  /** A pending appeal (appealed, not decided, not dismissed). */
  pending: AnswerEvent | null;
  /** When the appeal window closes (ISO), for an appealable decision. */
  windowClosesAt: string | null;
}

const ANSWER_TYPES = ['decision.acknowledged', 'decision.acknowledgement_refused', 'decision.appealed', 'appeal.decided', 'decision.dismissed'];

const DAY = 86_400_000;

/** The appeal window of the policy a decision cites (default 7 days). */
async function windowDays(db: AdminDb, decision: Decision): Promise<number> {
  const row = await storeDb(db)
    .selectFrom('policy_versions')
    .select(['content'])
    .where('policy_id', '=', decision.policy.id)
    .where('version', '=', decision.policy.version)
    .executeTakeFirst();
  const days = (row?.content as { options?: { appealWindowDays?: unknown } } | undefined)?.options?.appealWindowDays;
  return typeof days === 'number' && Number.isSafeInteger(days) && days > 0 ? days : 7;
}

/** The decision of this id and its appeal history, or null when no decision has that id. */
export async function appealHistory(db: AdminDb, decisionId: string): Promise<AppealHistory | null> {
  const s = storeDb(db);
  const row = await s.selectFrom('decisions').select(['payload']).where('decision_id', '=', decisionId).executeTakeFirst();
  if (row === undefined) return null;
  const decision = row.payload as unknown as Decision;
  const events = await s
    .selectFrom('events')
    .select(['seq', 'event_id', 'type', 'at', 'payload'])
    .where('type', 'in', ANSWER_TYPES)
    .where(sql<boolean>`payload->>'decisionId' = ${decisionId}`)
    .orderBy('seq')
    .execute();
  const answers: AnswerEvent[] = events.map((e) => ({ seq: Number(e.seq), eventId: e.event_id, type: e.type, at: new Date(e.at).toISOString(), event: e.payload as unknown as AllotEvent }));
  const sup = await s
    .selectFrom('decisions')
    .select(['payload'])
    .where('kind', '=', 'decision.superseded')
    .where(sql<boolean>`payload->>'decisionId' = ${decisionId}`)
    .executeTakeFirst();
  const superseded = sup === undefined ? null : (sup.payload as unknown as Decision);
  let replacements: Decision[] = [];
  if (superseded !== null) {
    const by = (superseded as { by: string }).by;
    const rows = await s.selectFrom('decisions').select(['payload']).where('decision_id', 'like', `${by.replace(/[\\%_]/g, '\\$&')}#%`).where('kind', '!=', 'decision.superseded').orderBy('seq').execute();
    replacements = rows.map((r) => r.payload as unknown as Decision);
  }
  let pending: AnswerEvent | null = null;
  for (const a of answers) {
    if (a.type === 'decision.appealed') pending = a;
    else if (a.type === 'appeal.decided' || a.type === 'decision.dismissed') pending = null;
  }
  const windowClosesAt = SANCTION_KINDS.includes(decision.kind) ? new Date(Date.parse(decision.at) + (await windowDays(db, decision)) * DAY).toISOString() : null;
  return { decision, answers, superseded, replacements, pending, windowClosesAt };
}

/** Every pending appeal, oldest first, with its decision. */
export async function pendingAppeals(db: AdminDb, options: { staffId?: string } = {}): Promise<AppealHistory[]> {
  const s = storeDb(db);
  let q = s.selectFrom('events').select(['payload']).where('type', '=', 'decision.appealed');
  if (options.staffId !== undefined) q = q.where(sql<boolean>`payload->>'staffId' = ${options.staffId}`);
  const appealed = await q.orderBy('seq').limit(500).execute();
  const out: AppealHistory[] = [];
  for (const row of appealed) {
    const history = await appealHistory(db, (row.payload as { decisionId: string }).decisionId);
    if (history !== null && (options.staffId !== undefined || history.pending !== null)) out.push(history);
  }
  return out;
}

/** The sanctions in force against a member (for a rep's list of what she can answer). */
export async function sanctionsOf(db: AdminDb, staffId: string, limit = 100): Promise<Decision[]> {
  const rows = await storeDb(db)
    .selectFrom('decisions')
    .select(['payload'])
    .where('staff_id', '=', staffId)
    .where('kind', 'in', SANCTION_KINDS)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.payload as unknown as Decision);
}

export type AnswerResult = { ok: true; event: AllotEvent; decisions: Decision[] } | { ok: false; status: number; error: string; message: Localized };

const refuse = (status: number, error: string, zh: string, en: string): AnswerResult => ({ ok: false, status, error, message: { zh, en } });

/** The engine's refusal of the event's line, as the UI shows it. */
function rejection(errors: readonly EventError[]): AnswerResult {
  const first = errors[0];
  const text = first === undefined ? '' : `${first.field === null ? '' : `${first.field}: `}${first.message}`;
  return refuse(422, 'rejected', `无法提交：${text}`, `Not accepted: ${text}`);
}

async function submit(runtime: Runtime, event: AllotEvent): Promise<AnswerResult> {
  const result = await runtime.ingest([event]);
  if (result.rejected.length > 0 || result.accepted !== 1) return rejection(result.rejected);
  return { ok: true, event, decisions: result.decisions };
}

const eventId = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** A rep answers a decision of her own: acknowledges it, refuses to, or appeals it with a reason. */
export async function answerAsRep(app: { db: AdminDb; runtime: Runtime; clock: { now(): Date } }, user: SessionUser, input: { decisionId: string; action: RepAction; reason: string; witness?: string }): Promise<AnswerResult> {
  if (user.staffId === null) return refuse(403, 'no_staff', '您的账号未关联员工编号', 'Your account is not linked to a staff member');
  const history = await appealHistory(app.db, input.decisionId);
  if (history === null || (history.decision as { staffId?: string }).staffId !== user.staffId) {
    return refuse(404, 'not_found', '没有找到您的这条决定', 'No such decision of yours');
  }
  const at = app.clock.now().toISOString();
  const base = { at, decisionId: input.decisionId, staffId: user.staffId };
  if (input.action === 'appeal') {
    if (input.reason.trim() === '') return refuse(400, 'reason_required', '请填写申诉理由', 'Give a reason for the appeal');
    return submit(app.runtime, { id: eventId('appeal'), type: 'decision.appealed', ...base, reason: input.reason.trim() });
  }
  if (input.action === 'acknowledge') return submit(app.runtime, { id: eventId('ack'), type: 'decision.acknowledged', ...base });
  const witness = input.witness?.trim();
  return submit(app.runtime, { id: eventId('ack-refused'), type: 'decision.acknowledgement_refused', ...base, ...(witness === undefined || witness === '' ? {} : { witness }) });
}

/** A manager decides a pending appeal, or dismisses a sanction; a reason is required. */
export async function decideAsManager(
  app: { db: AdminDb; runtime: Runtime; clock: { now(): Date } },
  user: SessionUser,
  input: { decisionId: string; outcome: ManagerOutcome; reason: string; amountFen?: number; days?: number },
): Promise<AnswerResult> {
  if (input.reason.trim() === '') return refuse(400, 'reason_required', '请填写决定理由', 'Give a reason for the decision');
  const history = await appealHistory(app.db, input.decisionId);
  if (history === null) return refuse(404, 'not_found', '没有这条决定', 'No such decision');
  const at = app.clock.now().toISOString();
  const reason = input.reason.trim();
  if (input.outcome === 'dismissed') return submit(app.runtime, { id: eventId('dismiss'), type: 'decision.dismissed', at, decisionId: input.decisionId, by: user.username, reason });
  const reduced = input.outcome === 'reduced' ? { ...(input.amountFen === undefined ? {} : { amountFen: input.amountFen }), ...(input.days === undefined ? {} : { days: input.days }) } : {};
  return submit(app.runtime, { id: eventId('appeal-decided'), type: 'appeal.decided', at, decisionId: input.decisionId, outcome: input.outcome, by: user.username, reason, ...reduced });
}
