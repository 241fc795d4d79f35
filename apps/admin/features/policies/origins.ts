/**
 * How a version came to be (drafted, rolled back to, republished), its lineage, and the scheduled
 * versions a publication would undo.
 */
import type { StoredPolicyVersion } from '@allot/store';
import type { AdminDb } from '../shared/database';
import type { Localized } from '../shared/i18n/lang';
import { formatValue } from '../shared/format';
import { formatInZone, policyZone } from '../shared/zoned-time';
import { diffPolicies } from './diff';
import { isPublished } from './read';
import { policyTimeline } from './timeline';

/** How a version came to be: drafted from a version, a rollback to one, or a cancelled publication published again. */
export type OriginKind = 'draft' | 'rollback' | 'republish';

/** Records where a new version came from. */
export async function recordOrigin(db: AdminDb, o: { policyId: string; version: string; baseVersion: string; kind: OriginKind; at: Date }): Promise<void> {
  await db.insertInto('policy_version_origins').values({ policy_id: o.policyId, version: o.version, base_version: o.baseVersion, kind: o.kind, created_at: o.at }).execute();
}

/** Every origin of a policy's versions: version → { base, kind }. */
export async function readOrigins(db: AdminDb, policyId: string): Promise<Map<string, { base: string; kind: OriginKind }>> {
  const rows = await db.selectFrom('policy_version_origins').selectAll().where('policy_id', '=', policyId).execute();
  return new Map(rows.map((r) => [r.version, { base: r.base_version, kind: r.kind }]));
}

/** The version and every version it was built on, nearest first (stops at a version of unknown origin). */
export function lineage(version: string, origins: ReadonlyMap<string, { base: string }>): string[] {
  const out = [version];
  for (let v = origins.get(version)?.base; v !== undefined && !out.includes(v); v = origins.get(v)?.base) out.push(v);
  return out;
}

/** A scheduled version that a candidate does not include, and what publishing the candidate does to it. */
export interface ScheduledConflict {
  version: string;
  effectiveFrom: string;
  /** The fields on which the candidate sets other values than the scheduled version: "F1 罚款: 50 元 → 20 元". */
  undone: Localized[];
  message: Localized;
}

/**
 * The publications still waiting for their effective time (scheduled after `now`) that the
 * version is not built on (neither it nor any version it was drafted from): publishing the
 * version would undo their changes from its own effective time, or they would undo it at theirs.
 */
export function scheduledConflicts(all: readonly StoredPolicyVersion[], version: string, content: unknown, origins: ReadonlyMap<string, { base: string }>, now: Date): ScheduledConflict[] {
  const built = new Set(lineage(version, origins));
  // A publication overridden by a later one for the same instant never governs: nothing of it to undo.
  const overridden = new Set(policyTimeline(all, now).segments.filter((seg) => seg.standing === 'overridden').map((seg) => seg.version));
  const zone = policyZone(content);
  const out: ScheduledConflict[] = [];
  for (const s of all) {
    if (!isPublished(s) || s.version === version || s.effectiveFrom === null || s.effectiveFrom <= now || built.has(s.version) || overridden.has(s.version)) continue;
    const diff = diffPolicies(s.content, content);
    const undone: Localized[] = [];
    for (const row of [...diff.general, ...diff.rules.flatMap((r) => r.rows)]) {
      if (row.kind === 'same') continue;
      const opts = { money: row.money, unit: row.unit };
      const fmt = (lang: 'zh' | 'en'): string => `${row.label[lang]}: ${formatValue(row.before, opts, lang)} → ${formatValue(row.after, opts, lang)}`;
      undone.push({ zh: fmt('zh'), en: fmt('en') });
    }
    const when = { zh: formatInZone(s.effectiveFrom.toISOString(), zone, 'zh'), en: formatInZone(s.effectiveFrom.toISOString(), zone, 'en') };
    const list = { zh: undone.slice(0, 6).map((u) => u.zh).join('；'), en: undone.slice(0, 6).map((u) => u.en).join('; ') };
    out.push({
      version: s.version,
      effectiveFrom: s.effectiveFrom.toISOString(),
      undone,
      message: {
        zh: `已定时发布的 ${s.version}（${when.zh} 起生效）不包含在此版本中：两者将相互撤销对方的修改${list.zh === '' ? '' : `（${list.zh}）`}。`,
        en: `${s.version}, scheduled from ${when.en}, is not part of this version: each would undo the other's changes${list.en === '' ? '' : ` (${list.en})`}.`,
      },
    });
  }
  return out;
}
