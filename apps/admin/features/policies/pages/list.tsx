/** The /policies page: every policy with its versions and their standing. */
import Link from 'next/link';
import { AuditTable } from '../components/audit-table';
import { NewDraftButton } from '../components/new-draft-button';
import { StatusBadge } from '../components/status-badge';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { listUsers } from '../../auth';
import { readAudit } from '../audit';
import { listPolicyVersions } from '@allot/store';
import { storeDb } from '../../shared/database';
import { policyZone } from '../../shared/zoned-time';
import { formatInZone } from '../../shared/zoned-time';
import { TimelineView } from '../components/timeline-view';
import { scheduledConflicts } from '../origins';
import { listPolicies } from '../read';
import { policyTimeline } from '../timeline';

const EDITABLE = new Set(['draft', 'submitted', 'approved']);

export default async function PoliciesPage() {
  const user = await requirePageUser(PERMISSIONS.viewPolicies);
  const lang = await getLang();
  const { db, clock } = await getApp();
  const now = clock.now();
  const policies = await listPolicies(db, now);
  const stored = await listPolicyVersions(storeDb(db));
  const audit = await readAudit(db, { limit: 30 });
  const editor = can(user.role, 'editDrafts');
  return (
    <>
      <h1>{t(lang, 'policies.title')}</h1>
      {policies.map((p) => {
        const current = p.versions.find((v) => v.standing === 'in_force');
        const rows = stored.filter((v) => v.policyId === p.policyId);
        const timeline = policyTimeline(rows, now);
        const zone = policyZone(rows.find((v) => v.version === current?.version)?.content);
        const base = current === undefined ? undefined : rows.find((v) => v.version === current.version);
        const warnings = base === undefined ? [] : scheduledConflicts(rows, base.version, base.content, new Map(), now);
        return (
          <section className="card" key={p.policyId} data-policy={p.policyId}>
            <div className="row">
              <h2 style={{ margin: 0 }}>{current?.name?.[lang] ?? p.policyId}</h2>
              <span className="muted">{p.policyId}</span>
              <span className="spacer" />
              {editor && current !== undefined && (
                <NewDraftButton
                  policyId={p.policyId}
                  from={current.version}
                  label={t(lang, 'policies.newDraft')}
                  scheduled={warnings.map((w) => ({ version: w.version, when: formatInZone(w.effectiveFrom, zone, lang) }))}
                />
              )}
            </div>
            <TimelineView policyId={p.policyId} timeline={timeline} zone={zone} lang={lang} />
            <table data-testid="versions">
              <thead>
                <tr>
                  <th>{t(lang, 'policies.version')}</th>
                  <th>{t(lang, 'policies.status')}</th>
                  <th>{t(lang, 'policies.effectiveFrom')}</th>
                  <th>{t(lang, 'policies.author')}</th>
                  <th>{t(lang, 'policies.approver')}</th>
                  <th>{t(lang, 'policies.updated')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {p.versions.map((v) => (
                  <tr key={v.version} data-version={v.version}>
                    <td>
                      <Link href={`/policies/${p.policyId}/${v.version}`}>{v.version}</Link>
                    </td>
                    <td>
                      <StatusBadge standing={v.standing} lang={lang} cancelled={v.cancelled} />
                    </td>
                    <td>{formatInstant(v.effectiveFrom, lang)}</td>
                    <td>{v.author ?? '—'}</td>
                    <td>{v.approver ?? '—'}</td>
                    <td>{formatInstant(v.updatedAt, lang)}</td>
                    <td className="row">
                      <Link href={`/policies/${p.policyId}/${v.version}`}>{t(lang, 'policies.open')}</Link>
                      {editor && EDITABLE.has(v.status) && <Link href={`/policies/${p.policyId}/${v.version}/edit`}>{t(lang, 'policies.edit')}</Link>}
                      {current !== undefined && current.version !== v.version && (
                        <Link href={`/policies/${p.policyId}/diff?a=${current.version}&b=${v.version}`}>{t(lang, 'policies.diff')}</Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t(lang, 'policies.audit')}</h2>
        <AuditTable entries={audit} names={new Map((await listUsers(db)).map((u) => [u.username, u.displayName]))} lang={lang} showVersion />
      </section>
    </>
  );
}
