import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { readJsonBody } from '../shared/guard';
import { asRecord, instantField, intField, stringField } from '../shared/request-body';
import { badRequest, stepResponse } from '../shared/step-response';
import { refuse } from '../shared/workflow-result';
import { can } from '../shared/roles';
import { approveVersion, publishVersion, rejectVersion, submitDraft } from './approval';
import { cancelSchedule, emergencyRollback, requestRollback } from './rollback';
import { saveDraft } from './drafts';

/**
 * The workflow steps over HTTP: each reads its JSON body, checks the fields it needs (400 when
 * one is missing or malformed) and answers the step's outcome (`stepResponse`). The route handler
 * has already checked who may call it (`guardMutation`) and passes the signed-in user.
 */

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
