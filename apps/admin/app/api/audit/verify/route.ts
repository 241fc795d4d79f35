import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { storeDb } from '../../../../features/shared/database';
import { getApp } from '../../../../features/shared/app-context';
import { parseBound } from '../../../../features/people/time';
import { verifyPeriod } from '../../../../features/audit/verify';
import type { VerifyPeriod } from '../../../../features/audit/verify';
import { guardMutation, json, readJsonBody } from '../../../../features/shared/guard';
import { asRecord } from '../../../../features/shared/request-body';

/**
 * Verify (auditor): `{from?, to?}` as days (`2026-02-01`, the end day included) or ISO instants.
 * Replays the whole record with `runtime.verify` and answers the period's result: `ok`, counts,
 * the seq range, and every difference (seq, decision id, what differs, chain breaks).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 4096);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const period: VerifyPeriod = {};
  const errors: string[] = [];
  for (const name of ['from', 'to'] as const) {
    const v = body[name];
    if (v === undefined || v === null || v === '') continue;
    const at = typeof v === 'string' ? parseBound(v.trim(), name === 'to') : null;
    if (at === null) errors.push(name);
    else period[name] = at;
  }
  if (period.from !== undefined && period.to !== undefined && period.from.getTime() >= period.to.getTime()) errors.push('to');
  if (errors.length > 0) {
    return json({ error: 'invalid_period', message: { zh: '期间格式有误（YYYY-MM-DD，结束不早于开始）', en: 'bad period (YYYY-MM-DD, the end not before the start)' }, details: errors }, 400);
  }
  const { db, runtime, clock } = await getApp();
  return json(await verifyPeriod(runtime, storeDb(db), period, auth.user.username, clock.now()));
}
