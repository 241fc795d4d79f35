import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuditTable } from '../components/audit-table';
import { DiffView } from '../components/diff-view';
import { ImpactView } from '../components/impact-view';
import { NewDraftButton } from '../components/new-draft-button';
import { StatusBadge } from '../components/status-badge';
import { WorkflowPanel } from '../components/workflow-panel';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { diffPolicies } from '../diff';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { computeImpact } from '../impact';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { listUsers } from '../../auth';
import { readAudit } from '../audit';
import { isMaker } from '../drafts';
import { listPolicies, readVersion } from '../read';

export default async function VersionPage({ params, searchParams }: { params: Promise<{ id: string; version: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser(PERMISSIONS.viewPolicies);
  const lang = await getLang();
  const { id, version } = await params;
  const all = (await searchParams)['all'] === '1';
  const { db, clock } = await getApp();
  const now = clock.now();
  const found = await readVersion(db, id, version, now);
  if (found === undefined) notFound();
  const { view, content } = found;
  const versions = (await listPolicies(db, now)).find((p) => p.policyId === id)?.versions ?? [];
  const current = versions.find((v) => v.standing === 'in_force');
  const base = current !== undefined && current.version !== version ? await readVersion(db, id, current.version, now) : undefined;
  const unpublished = view.status === 'draft' || view.status === 'submitted' || view.status === 'approved';
  const impact = unpublished && can(user.role, 'viewImpact') ? await computeImpact(db, id, { version, hash: view.hash, content }, now) : undefined;
  const maker = await isMaker(db, user, id, version, view.author);
  const audit = await readAudit(db, { policyId: id, version });
  return (
    <>
      <p>
        <Link href="/policies">← {t(lang, 'common.back')}</Link>
      </p>
      <div className="row">
        <h1 style={{ margin: 0 }}>{t(lang, 'version.title', { id, version })}</h1>
        <StatusBadge standing={view.standing} lang={lang} />
        <span className="spacer" />
        {can(user.role, 'editDrafts') && unpublished && (
          <Link className="button" href={`/policies/${id}/${version}/edit`} data-testid="edit-link">
            {t(lang, 'policies.edit')}
          </Link>
        )}
        {can(user.role, 'editDrafts') && !unpublished && <NewDraftButton policyId={id} from={version} label={t(lang, 'policies.newDraftFrom')} />}
      </div>
      <p className="muted small">
        {t(lang, 'policies.effectiveFrom')}: {formatInstant(view.effectiveFrom, lang)} · {t(lang, 'policies.author')}: {view.author ?? '—'} · {t(lang, 'policies.approver')}: {view.approver ?? '—'} · {t(lang, 'policies.revision')}: {view.revision} ·{' '}
        <span className="hash">{view.hash}</span>
      </p>
      {view.note !== null && <p className="notice info">{view.note}</p>}

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t(lang, 'version.workflow')}</h2>
        <WorkflowPanel view={view} role={user.role} maker={maker} />
      </section>

      {impact !== undefined && (
        <section className="card">
          <ImpactView impact={impact} lang={lang} />
        </section>
      )}

      <section className="card">
        <div className="row">
          <h2 style={{ margin: 0 }}>{base === undefined ? t(lang, 'version.noBase') : t(lang, 'version.changes', { base: base.view.version })}</h2>
          <span className="spacer" />
          {base !== undefined && <Link href={`/policies/${id}/${version}${all ? '' : '?all=1'}`}>{all ? t(lang, 'diff.onlyChanges') : t(lang, 'diff.show')}</Link>}
        </div>
        {base !== undefined && <DiffView diff={diffPolicies(base.content, content)} lang={lang} leftLabel={base.view.version} rightLabel={version} onlyChanges={!all} />}
      </section>

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t(lang, 'policies.audit')}</h2>
        <AuditTable entries={audit} names={new Map((await listUsers(db)).map((u) => [u.username, u.displayName]))} lang={lang} showVersion={false} />
      </section>
    </>
  );
}
