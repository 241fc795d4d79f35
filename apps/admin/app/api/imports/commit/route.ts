import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { guardMutation } from '../../../../features/shared/guard';
import { importStep } from '../../../../features/imports';

/** Import wizard, step "commit": the uploaded books (multipart) read under the policy in force at go-live. HR (editor), administrator. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.importBooks);
  if (!auth.ok) return auth.response;
  const { db, runtime } = await getApp();
  return importStep(request, db, runtime, 'commit');
}
