import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../features/shared/roles';
import { getApp } from '../../../../../../features/shared/app-context';
import { guardMutation, json, readJson, requireRole } from '../../../../../../features/shared/guard';
import { readAudit } from '../../../../../../features/policies/audit';
import { saveDraft } from '../../../../../../features/policies/drafts';
import { readVersion } from '../../../../../../features/policies/read';
import { asRecord, intField } from '../../../../../../features/shared/request-body';
import { badRequest, stepResponse } from '../../../../../../features/shared/step-response';

type Ctx = { params: Promise<{ id: string; version: string }> };

/** One version: its standing, content and audit trail (viewer and up). */
export async function GET(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPolicies);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const { db, clock } = await getApp();
  const found = await readVersion(db, id, version, clock.now());
  if (found === undefined) return json({ error: 'not_found' }, 404);
  return json({ version: found.view, content: found.content, audit: await readAudit(db, { policyId: id, version }) });
}

/** Editor: saves a draft (`{ content, revision }`); 409 with both versions when someone saved since. */
export async function PUT(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.editDrafts);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const body = asRecord(await readJson(request));
  const revision = intField(body, 'revision');
  if (revision === null || !('content' in body)) return badRequest('需要 content 和 revision', 'content and revision are required');
  const { db, clock } = await getApp();
  return stepResponse(await saveDraft(db, auth.user, { policyId: id, version }, { content: body['content'], revision }, clock.now()));
}
