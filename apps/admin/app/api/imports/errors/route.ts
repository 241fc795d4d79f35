import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation } from '../../../../features/shared/guard';
import { importStepHttp } from '../../../../features/imports/http';

/** Import wizard, step "errors": the uploaded books (multipart) read under the policy in force at go-live. HR (editor), administrator. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.importBooks);
  if (!auth.ok) return auth.response;
  return importStepHttp(request, 'errors');
}
