import { badField, internalError, isId, readJsonObject, requireToken } from '../../../../../../features/api-v1/http';
import { getApp } from '../../../../../../features/shared/app-context';
import { PHONE_PATTERN, upsertContacts } from '../../../../../../features/clients/contacts';
import { json } from '../../../../../../features/shared/guard';

type Ctx = { params: Promise<{ id: string }> };

/**
 * `PUT /api/v1/clients/{id}/contact` (scope `write`): `{ name, phone }`, the client's personal
 * data (seed A1), stored outside the event log so it can be corrected or erased. Write-only: the
 * answer repeats neither field, and no `/api/v1` endpoint returns personal data — a CRM token
 * is not a person the access rules (own clients, approved requests, access log) can apply to.
 */
export async function PUT(request: Request, ctx: Ctx): Promise<Response> {
  const auth = await requireToken(request, 'write');
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  if (!isId(id)) return badField('id', 'expected a client id of 1–128 characters');
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const name = typeof read.body['name'] === 'string' ? read.body['name'].trim() : '';
  // Spaces and dashes as people type them ("138 0013 8000") are dropped; the digits must match.
  const phone = typeof read.body['phone'] === 'string' ? read.body['phone'].replace(/[\s-]/g, '') : '';
  if (name === '' || name.length > 100) return badField('name', 'expected 1–100 characters');
  if (!PHONE_PATTERN.test(phone)) return badField('phone', 'expected a mainland mobile number: 11 digits starting with 1 (e.g. 13800138000)');
  try {
    const { db, clock } = await getApp();
    const now = clock.now();
    await upsertContacts(db, [{ clientId: id, name, phone }], auth.token.actor, now);
    return json({ clientId: id, stored: true, updatedAt: now.toISOString() });
  } catch (error) {
    return internalError(error);
  }
}
