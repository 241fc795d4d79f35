import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../../features/shared/guard';
import { listMappingsHttp, saveMappingHttp } from '../../../../features/imports/http';

/** The import wizard's saved column mappings. HR (editor), administrator. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.importBooks);
  if (!auth.ok) return auth.response;
  return listMappingsHttp();
}

/** Saves a mapping `{ kind, name, mapping }` (replacing one of the same kind and name). */
export async function PUT(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.importBooks);
  if (!auth.ok) return auth.response;
  return saveMappingHttp(request, auth.user);
}
