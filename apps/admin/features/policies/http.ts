import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { asRecord, instantField, intField, stringField } from '../shared/request-body';
import { badRequest, stepResponse } from '../shared/step-response';
import { refuse } from '../shared/workflow-result';
import { can } from '../shared/roles';
import { approveVersion, publishVersion, rejectVersion, submitDraft } from './approval';
import { cancelSchedule, emergencyRollback, requestRollback } from './rollback';
import { createDraft, saveDraft } from './drafts';
import { diffPolicies } from './diff';
import { listPolicies, readVersion } from './read';
import { readAudit } from './audit';
import { approvalImpact } from '../what-if';
import { json, readJsonBody } from '../shared/guard';

/**
 * The policies API over HTTP: the reads (list, one version, diff, impact) and the workflow steps.
 * Each step reads its JSON body, checks the fields it needs (400 when one is missing or
 * malformed) and answers the step's outcome (`stepResponse`). The route handler has already
 * checked who may call it (`requireRole`, `guardMutation`) and passes the signed-in user.
 */

/** Every policy with its versions and their standing. */
export async function listPoliciesHttp(): Promise<Response> {
  const { db, clock } = await getApp();
  return json({ policies: await listPolicies(db, clock.now()) });
}

/** One version: its standing, content and audit trail; 404 for an unknown one. */
export async function readVersionHttp({ id, version }: VersionParams): Promise<Response> {
  const { db, clock } = await getApp();
  const found = await readVersion(db, id, version, clock.now());
  if (found === undefined) return json({ error: 'not_found' }, 404);
  return json({ version: found.view, content: found.content, audit: await readAudit(db, { policyId: id, version }) });
}

/** Two versions of a policy compared rule by rule (`?a=1.0.0&b=1.1.0`); 404 when either is unknown. */
export async function diffHttp(searchParams: URLSearchParams, id: string): Promise<Response> {
  const a = searchParams.get('a') ?? '';
  const b = searchParams.get('b') ?? '';
  const { db, clock } = await getApp();
  const [left, right] = await Promise.all([readVersion(db, id, a, clock.now()), readVersion(db, id, b, clock.now())]);
  if (left === undefined || right === undefined) return json({ error: 'not_found' }, 404);
  return json({ a: left.view, b: right.view, diff: diffPolicies(left.content, right.content) });
}

/** The impact of a version as its approval page shows it; `impact` null with a `message` when there is nothing to compare. */
export async function impactHttp({ id, version }: VersionParams): Promise<Response> {
  const { db, clock } = await getApp();
  const found = await readVersion(db, id, version, clock.now());
  if (found === undefined) return json({ error: 'not_found' }, 404);
  const impact = await approvalImpact(db, id, version, clock.now());
  return json(impact.ok ? { impact: impact.impact } : { impact: null, message: impact.message });
}

/** Starts a new draft from a version (`{ from }`), numbered with the next free minor version. */
export async function createDraftHttp(request: Request, user: SessionUser, id: string): Promise<Response> {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const from = stringField(asRecord(read.value), 'from', 64);
  if (from === '') return badRequest('缺少基础版本', 'missing "from" version');
  const { db, clock } = await getApp();
  return stepResponse(await createDraft(db, user, id, from, clock.now()), 'version');
}

/** The version a step acts on, as the route's segments give it. */
export interface VersionParams {
  id: string;
  version: string;
}

/** The body as a record, and its `revision` (null when missing or not a whole number); a refusal when the body is over the limit. */
async function bodyOf(request: Request): Promise<{ ok: true; body: Record<string, unknown>; revision: number | null } | { ok: false; response: Response }> {
  const read = await readJsonBody(request);
  if (!read.ok) return read;
  const body = asRecord(read.value);
  return { ok: true, body, revision: intField(body, 'revision') };
}

/** Saves a draft (`{ content, revision, warningsReason? }`); 409 with both versions when someone saved since. */
export async function saveDraftHttp(request: Request, user: SessionUser, { id, version }: VersionParams): Promise<Response> {
  const read = await bodyOf(request);
  if (!read.ok) return read.response;
  const { body, revision } = read;
  if (revision === null || !('content' in body)) return badRequest('需要 content 和 revision', 'content and revision are required');
  const { db, clock } = await getApp();
  const warningsReason = stringField(body, 'warningsReason', 2000);
  return stepResponse(await saveDraft(db, user, { policyId: id, version }, { content: body['content'], revision, ...(warningsReason === '' ? {} : { warningsReason }) }, clock.now()));
}

/** Submits a valid draft for approval with a note (`{ note, revision }`). */
export async function submitHttp(request: Request, user: SessionUser, { id, version }: VersionParams): Promise<Response> {
  const read = await bodyOf(request);
  if (!read.ok) return read.response;
  const { body, revision } = read;
  if (revision === null) return badRequest('需要 revision', 'revision is required');
  const args = { note: stringField(body, 'note', 2000), revision };
  const { db, runtime, clock } = await getApp();
  return stepResponse(await submitDraft({ db, runtime, user, now: clock.now() }, { policyId: id, version }, args));
}

/** A step that takes a reviewer's comment and the revision (`{ comment, revision }`). */
async function commentStep(request: Request, user: SessionUser, { id, version }: VersionParams, step: typeof approveVersion): Promise<Response> {
  const read = await bodyOf(request);
  if (!read.ok) return read.response;
  const { body, revision } = read;
  if (revision === null) return badRequest('需要 revision', 'revision is required');
  const args = { comment: stringField(body, 'comment', 2000), revision };
  const { db, runtime, clock } = await getApp();
  return stepResponse(await step({ db, runtime, user, now: clock.now() }, { policyId: id, version }, args));
}

/** Approves a submitted version the user did not make (`{ comment, revision }`). */
export async function approveHttp(request: Request, user: SessionUser, params: VersionParams): Promise<Response> {
  return commentStep(request, user, params, approveVersion);
}

/** Sends a submitted version back to draft with a comment (`{ comment, revision }`). */
export async function rejectHttp(request: Request, user: SessionUser, params: VersionParams): Promise<Response> {
  return commentStep(request, user, params, rejectVersion);
}

/** Version numbers the request confirms it will undo (`confirmUndo: ["1.1.0"]`). */
function confirmUndoOf(body: Record<string, unknown>): string[] {
  const v = body['confirmUndo'];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 50) : [];
}

/** Publishes an approved version through the runtime, now or at `effectiveFrom` (`{ effectiveFrom?, revision, confirmUndo? }`). */
export async function publishHttp(request: Request, user: SessionUser, { id, version }: VersionParams): Promise<Response> {
  const read = await bodyOf(request);
  if (!read.ok) return read.response;
  const { body, revision } = read;
  const effectiveFrom = instantField(body, 'effectiveFrom');
  if (revision === null || effectiveFrom === undefined) return badRequest('需要 revision；生效时间须为带时区的时间', 'revision is required; effectiveFrom must be an ISO-8601 instant with offset');
  const args = { effectiveFrom, revision, confirmUndo: confirmUndoOf(body) };
  const { db, runtime, clock } = await getApp();
  return stepResponse(await publishVersion({ db, runtime, user, now: clock.now() }, { policyId: id, version }, args));
}

/**
 * Asks to roll back to this published version (`{ note }`): a new version awaiting another
 * approver. With `emergency: true` (approvers, where the installation allows it) it is published
 * at once or at `effectiveFrom` (`{ emergency, note, effectiveFrom?, confirmUndo? }`).
 */
export async function rollbackHttp(request: Request, user: SessionUser, { id, version }: VersionParams): Promise<Response> {
  const read = await bodyOf(request);
  if (!read.ok) return read.response;
  const { body } = read;
  const note = stringField(body, 'note', 2000);
  const { db, runtime, clock } = await getApp();
  const ctx = { db, runtime, user, now: clock.now() };
  if (body['emergency'] === true) {
    if (!can(user.role, 'approve')) return stepResponse(refuse('own_draft', '只有审批人可以紧急回滚', 'only an approver may roll back in an emergency'));
    const effectiveFrom = instantField(body, 'effectiveFrom');
    if (effectiveFrom === undefined) return badRequest('生效时间须为带时区的时间', 'effectiveFrom must be an ISO-8601 instant with offset');
    return stepResponse(await emergencyRollback(ctx, { policyId: id, version }, { effectiveFrom, note, confirmUndo: confirmUndoOf(body) }));
  }
  return stepResponse(await requestRollback(ctx, { policyId: id, version }, { note }), 'rollback');
}

/** Cancels a scheduled publication (`{ note?, revision }`): the version goes back to approved. */
export async function cancelScheduleHttp(request: Request, user: SessionUser, { id, version }: VersionParams): Promise<Response> {
  const read = await bodyOf(request);
  if (!read.ok) return read.response;
  const { body, revision } = read;
  if (revision === null) return badRequest('需要 revision', 'revision is required');
  const { db, runtime, clock } = await getApp();
  return stepResponse(await cancelSchedule({ db, runtime, user, now: clock.now() }, { policyId: id, version }, { note: stringField(body, 'note', 2000), revision }));
}
