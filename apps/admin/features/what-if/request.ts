/** The what-if's question read from a request body, naming the field that is wrong. */
import type { WhatIfParams } from './types';
import { asRecord, instantField } from '../shared/request-body';

/** The outcome of {@link parseWhatIfParams}. */
export type ParsedParams = { ok: true; params: WhatIfParams; staffId: string | null } | { ok: false; field: string };

const ID = /^[\w.:-]{1,100}$/;

const optionalId = (v: unknown): string | undefined | null => (v === undefined || v === null || v === '' ? undefined : typeof v === 'string' && ID.test(v) ? v : null);

/**
 * Reads the body of `POST /api/what-if` (and, with `staffId`, of `/api/what-if/person`). Every
 * field is untrusted: ids are short plain strings, instants ISO-8601 with an offset; `content`
 * is any JSON (the engine validates it later).
 */
export function parseWhatIfParams(body: unknown, needStaff = false): ParsedParams {
  const b = asRecord(body);
  const policyId = optionalId(b['policyId']);
  if (typeof policyId !== 'string') return { ok: false, field: 'policyId' };
  const candidate = optionalId(b['candidate']);
  if (typeof candidate !== 'string') return { ok: false, field: 'candidate' };
  const base = optionalId(b['base']);
  if (base === null) return { ok: false, field: 'base' };
  const team = optionalId(b['team']);
  if (team === null) return { ok: false, field: 'team' };
  const from = instantField(b, 'from');
  if (from === undefined) return { ok: false, field: 'from' };
  const to = instantField(b, 'to');
  if (to === undefined) return { ok: false, field: 'to' };
  const recorded = b['allocationsAsRecorded'];
  if (recorded !== undefined && typeof recorded !== 'boolean') return { ok: false, field: 'allocationsAsRecorded' };
  let staffId: string | null = null;
  if (needStaff) {
    const s = optionalId(b['staffId']);
    if (typeof s !== 'string') return { ok: false, field: 'staffId' };
    staffId = s;
  }
  return {
    ok: true,
    params: { policyId, candidate, base, from, to, team, allocationsAsRecorded: recorded ?? true, ...(b['content'] === undefined ? {} : { content: b['content'] }) },
    staffId,
  };
}
