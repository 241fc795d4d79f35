/** The policies' reads: every policy with its versions, and one version with its standing today. */
import { findPolicyVersion, listPolicyVersions } from '@allot/store';
import type { StoredPolicyVersion } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { orderLikeSchema } from './order-keys';

/** How a version stands today (the store's status plus what time says about published ones). */
export type VersionStanding = 'draft' | 'submitted' | 'approved' | 'in_force' | 'scheduled' | 'superseded' | 'retired';

/** A version as the pages and the API show it. */
export interface VersionView {
  policyId: string;
  version: string;
  status: StoredPolicyVersion['status'];
  standing: VersionStanding;
  hash: string;
  effectiveFrom: string | null;
  author: string | null;
  approver: string | null;
  note: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  name: { zh: string; en: string } | null;
  /** Its publication was scheduled, then cancelled before it took over (it is approved again). */
  cancelled: boolean;
}

/** Published and not cancelled: a cancelled publication keeps its publish seq but is `approved` again. */
export const isPublished = (v: StoredPolicyVersion): boolean => v.publishSeq !== null && (v.status === 'published' || v.status === 'retired');
/** A publication cancelled before its effective time. */
export const isCancelled = (v: StoredPolicyVersion): boolean => v.publishSeq !== null && v.status === 'approved';
const published = isPublished;

/** The published version in force at `now`: the latest effective one (ties: the later publication). */
export function inForce(versions: readonly StoredPolicyVersion[], now: Date): StoredPolicyVersion | undefined {
  let best: StoredPolicyVersion | undefined;
  for (const v of versions) {
    if (!published(v)) continue;
    const eff = v.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (eff > now.getTime()) continue;
    const bestEff = best?.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (best === undefined || eff > bestEff || (eff === bestEff && (v.publishSeq ?? 0) > (best.publishSeq ?? 0))) best = v;
  }
  return best;
}

function standingOf(v: StoredPolicyVersion, current: StoredPolicyVersion | undefined, now: Date): VersionStanding {
  if (v.status === 'retired') return 'retired';
  if (!published(v)) return v.status === 'published' ? 'in_force' : v.status;
  if (current !== undefined && current.version === v.version) return 'in_force';
  if (v.effectiveFrom !== null && v.effectiveFrom > now) return 'scheduled';
  return 'superseded';
}

const nameOf = (content: unknown): { zh: string; en: string } | null => {
  const n = (content as { name?: { zh?: unknown; en?: unknown } } | null)?.name;
  return typeof n?.zh === 'string' && typeof n.en === 'string' ? { zh: n.zh, en: n.en } : null;
};

/** The view of one stored version. */
export function toView(v: StoredPolicyVersion, all: readonly StoredPolicyVersion[], now: Date): VersionView {
  const current = inForce(all.filter((x) => x.policyId === v.policyId), now);
  return {
    policyId: v.policyId,
    version: v.version,
    status: v.status,
    standing: standingOf(v, current, now),
    hash: v.hash,
    effectiveFrom: v.effectiveFrom?.toISOString() ?? null,
    author: v.author,
    approver: v.approver,
    note: v.note,
    revision: v.revision,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    name: nameOf(v.content),
    cancelled: isCancelled(v),
  };
}

/** Every policy with its versions (newest first), as views. */
export async function listPolicies(db: AdminDb, now: Date): Promise<{ policyId: string; versions: VersionView[] }[]> {
  const all = await listPolicyVersions(storeDb(db));
  const ids = [...new Set(all.map((v) => v.policyId))].sort();
  return ids.map((policyId) => ({
    policyId,
    versions: all
      .filter((v) => v.policyId === policyId)
      .map((v) => toView(v, all, now))
      .sort((a, b) => compareVersions(b.version, a.version)),
  }));
}

/** One version with its content (keys in the schema's order), or undefined. */
export async function readVersion(db: AdminDb, policyId: string, version: string, now: Date): Promise<{ view: VersionView; content: unknown } | undefined> {
  const row = await findPolicyVersion(storeDb(db), policyId, version);
  if (row === undefined) return undefined;
  const all = await listPolicyVersions(storeDb(db), policyId);
  return { view: toView(row, all, now), content: orderLikeSchema(row.content) };
}

/** Semver order of "major.minor.patch" (pre-release tags sort by text after the numbers). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** The next free minor version after the highest one: 1.0.0 → 1.1.0 (patch and tags reset). */
export function nextVersion(existing: readonly string[]): string {
  const highest = [...existing].sort(compareVersions).pop() ?? '0.0.0';
  const [major = 1, minor = 0] = highest.split('.').map((x) => Number.parseInt(x, 10));
  return `${Number.isFinite(major) ? major : 1}.${(Number.isFinite(minor) ? minor : 0) + 1}.0`;
}
