import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { guardMutation, json, readJsonBody, requireRole } from '../../../../features/shared/guard';
import { asRecord } from '../../../../features/shared/request-body';
import { checkMapping, listMappings, saveMapping } from '../../../../features/imports';

/** The import wizard's saved column mappings. HR (editor), administrator. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.importBooks);
  if (!auth.ok) return auth.response;
  const { db } = await getApp();
  return json({ mappings: await listMappings(db) });
}

/** Saves a mapping `{ kind, name, mapping }` (replacing one of the same kind and name). */
export async function PUT(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.importBooks);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 64 * 1024);
  if (!read.ok) return read.response;
  const checked = checkMapping(asRecord(read.value));
  if (!checked.ok) return json({ error: 'bad_mapping', message: { zh: checked.zh, en: checked.en } }, 400);
  const { db, clock } = await getApp();
  await saveMapping(db, checked.value, auth.user.username, clock.now());
  return json({ mappings: await listMappings(db) });
}
