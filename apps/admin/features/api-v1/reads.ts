/**
 * The `/api/v1` reads: the decisions query parsed from its parameters, and a published version of
 * a policy.
 */
import { DECISION_KINDS } from '@allot/engine';
import type { DecisionQuery } from '@allot/runtime';
import { findPolicyVersion } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { badQuery } from './http';
import { readVersion } from '../policies';
import type { VersionView } from '../policies';

/** The largest page of decisions one request returns. */
export const MAX_DECISIONS_LIMIT = 1000;
/** The page size when `limit` is not given. */
export const DEFAULT_DECISIONS_LIMIT = 100;

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([zZ]|[+-]\d\d:\d\d)$/;

/** The filters of `GET /api/v1/decisions`, or the 400 naming the bad parameter. */
export type DecisionQueryParse = { ok: true; filter: DecisionQuery } | { ok: false; response: Response };

/**
 * Reads `staffId`, `clientId`, `kind`, `rule`, `since`, `until`, `inForce`, `after` and `limit`: every
 * parameter is checked and a bad one is refused by name (a typo must not silently widen a query).
 */
export function parseDecisionQuery(params: URLSearchParams): DecisionQueryParse {
  const known = new Set(['staffId', 'clientId', 'kind', 'rule', 'since', 'until', 'inForce', 'after', 'limit']);
  for (const name of params.keys()) if (!known.has(name)) return { ok: false, response: badQuery(name, 'unknown parameter') };
  const filter: DecisionQuery = {};
  for (const name of ['staffId', 'clientId', 'rule'] as const) {
    const v = params.get(name);
    if (v === null) continue;
    if (v === '' || v.length > 128) return { ok: false, response: badQuery(name, 'expected 1–128 characters') };
    filter[name] = v;
  }
  const kind = params.get('kind');
  if (kind !== null) {
    if (!(DECISION_KINDS as readonly string[]).includes(kind)) return { ok: false, response: badQuery('kind', `expected one of ${DECISION_KINDS.join(', ')}`) };
    filter.kind = kind;
  }
  for (const name of ['since', 'until'] as const) {
    const v = params.get(name);
    if (v === null) continue;
    if (!INSTANT.test(v) || !Number.isFinite(Date.parse(v))) return { ok: false, response: badQuery(name, 'expected an ISO-8601 date-time with an offset, e.g. 2026-04-01T00:00:00+08:00') };
    filter[name] = v;
  }
  const inForce = params.get('inForce');
  if (inForce !== null) {
    if (inForce !== 'true' && inForce !== 'false') return { ok: false, response: badQuery('inForce', 'expected true (leave out superseded decisions) or false') };
    if (inForce === 'true') filter.inForce = true;
  }
  const after = params.get('after');
  if (after !== null) {
    const n = Number(after);
    if (!/^\d{1,15}$/.test(after) || !Number.isSafeInteger(n)) return { ok: false, response: badQuery('after', 'expected the `next` of the previous page (a non-negative integer)') };
    filter.after = n;
  }
  const limit = params.get('limit');
  const n = limit === null ? DEFAULT_DECISIONS_LIMIT : Number(limit);
  if (limit !== null && (!/^\d{1,4}$/.test(limit) || n < 1 || n > MAX_DECISIONS_LIMIT)) return { ok: false, response: badQuery('limit', `expected an integer from 1 to ${MAX_DECISIONS_LIMIT}`) };
  filter.limit = n;
  return { ok: true, filter };
}

/** A published policy version as `GET /api/v1/policies/{id}/versions/{version}` shows it. */
export interface PublishedVersion {
  policyId: string;
  version: string;
  status: VersionView['status'];
  standing: VersionView['standing'];
  hash: string;
  effectiveFrom: string | null;
  content: unknown;
}

/**
 * A published version with its content, or undefined. Drafts and versions awaiting approval are
 * not part of the API: they change without notice and decide nothing, while a published version
 * is immutable and is what every decision cites.
 */
export async function readPublishedVersion(db: AdminDb, policyId: string, version: string, now: Date): Promise<PublishedVersion | undefined> {
  const row = await findPolicyVersion(storeDb(db), policyId, version);
  // A cancelled publication (back to approved) never governed: not served either.
  if (row === undefined || row.publishSeq === null || row.status === 'approved') return undefined;
  const found = await readVersion(db, policyId, version, now);
  if (found === undefined) return undefined;
  const { view } = found;
  return { policyId: view.policyId, version: view.version, status: view.status, standing: view.standing, hash: view.hash, effectiveFrom: view.effectiveFrom, content: found.content };
}
