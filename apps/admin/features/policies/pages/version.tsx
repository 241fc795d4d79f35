/**
 * The /policies/<id>/<version> page: one version, its standing, text, timeline, impact, workflow
 * and audit trail.
 */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listPolicyVersions } from '@allot/store';
import { AuditTable } from '../components/audit-table';
import { DiffView } from '../components/diff-view';
import { ApprovalImpactView, changesText } from '../components/approval-impact-view';
import { NewDraftButton } from '../components/new-draft-button';
import { ScheduledWarning } from '../components/scheduled-warning';
import { PolicyTextSection } from '../components/policy-text-section';
import { StatusBadge } from '../components/status-badge';
import { WorkflowPanel } from '../components/workflow-panel';
import type { PublishSummary } from '../components/workflow-panel';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { diffPolicies } from '../diff';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { storeDb } from '../../shared/database';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { formatInZone, policyZone } from '../../shared/zoned-time';
import { approvalImpactOrPending } from '../../what-if';
import { ImpactPending } from '../components/impact-pending';
import { impactJob } from '../impact-job';
import { listUsers } from '../../auth';
import { readAudit } from '../audit';
import { isMaker } from '../drafts';
import { readOrigins, scheduledConflicts } from '../origins';
import { listPolicies, readVersion } from '../read';
import { emergencyRollbackEnabled } from '../rollback';
import { policyTimeline } from '../timeline';

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
  const stored = await listPolicyVersions(storeDb(db), id);
  const current = versions.find((v) => v.standing === 'in_force');
  const base = current !== undefined && current.version !== version ? await readVersion(db, id, current.version, now) : undefined;
  const unpublished = view.status === 'draft' || view.status === 'submitted' || view.status === 'approved';
  // Over a large log the impact comes from a what-if job: the page shows its progress, never waits on the replay.
  const assessed = unpublished && can(user.role, 'viewImpact') ? await approvalImpactOrPending(db, id, version, now) : undefined;
  const impact = assessed?.ok === 'pending' ? undefined : assessed;
  const pendingJob = assessed?.ok === 'pending' ? await impactJob(assessed.key, assessed.params, user.username) : undefined;
  // An impact made on an earlier state of the log is shown (with its period) while a job brings it up to date.
  if (assessed?.ok === true && assessed.refresh !== undefined) await impactJob(assessed.refresh.key, assessed.refresh.params, user.username);
  const maker = await isMaker(db, user, id, version, view.author);
  const audit = await readAudit(db, { policyId: id, version });
  const zone = policyZone(content);

  // The version a rollback from this page returns to: this one when superseded; the one before it when in force.
  const timeline = policyTimeline(stored, now);
  const segs = timeline.segments.filter((s) => s.standing !== 'overridden');
  const here = segs.findIndex((s) => s.version === version);
  const previous = view.standing === 'in_force' && here > 0 ? (segs[here - 1]?.version ?? null) : null;
  const rollbackTarget = view.standing === 'superseded' ? version : previous;
  const origins = await readOrigins(db, id);
  const conflictsFor = unpublished ? version : rollbackTarget;
  const conflictContent = conflictsFor === null ? null : conflictsFor === version ? content : stored.find((v) => v.version === conflictsFor)?.content;
  const conflicts = conflictsFor === null ? [] : scheduledConflicts(stored, conflictsFor, conflictContent, origins, now);
  const revisionOf = (v: string): number => stored.find((x) => x.version === v)?.revision ?? 0;

  // The latest reject, unless submitted again since: the drafter sees the reason.
  const lastReview = audit.find((a) => a.action === 'reject' || a.action === 'submit');
  const rejected = view.status === 'draft' && lastReview?.action === 'reject' ? lastReview : undefined;

  const summary: PublishSummary = {
    people: impact?.ok === true ? impact.impact.result.people.length : null,
    differing: impact?.ok === true ? impact.impact.result.decisions.differing : 0,
    days: impact?.ok === true ? impact.impact.result.period.days : 0,
    changes: impact?.ok === true ? changesText(impact.impact.result.totals.delta, lang) : '',
    conflicts: conflicts.map((c) => ({ version: c.version, message: c.message })),
  };
  return (
    <>
      <p>
        <Link href="/policies">← {t(lang, 'common.back')}</Link>
      </p>
      <div className="row">
        <h1 style={{ margin: 0 }}>{t(lang, 'version.title', { id, version })}</h1>
        <StatusBadge standing={view.standing} lang={lang} cancelled={view.cancelled} />
        <span className="spacer" />
        {can(user.role, 'editDrafts') && unpublished && !view.cancelled && (
          <Link className="button" href={`/policies/${id}/${version}/edit`} data-testid="edit-link">
            {t(lang, 'policies.edit')}
          </Link>
        )}
        {can(user.role, 'editDrafts') && !unpublished && (
          <NewDraftButton
            policyId={id}
            from={version}
            label={t(lang, 'policies.newDraftFrom')}
            scheduled={scheduledConflicts(stored, version, content, origins, now).map((c) => ({ version: c.version, when: formatInZone(c.effectiveFrom, zone, lang) }))}
          />
        )}
      </div>
      <p className="muted small">
        {t(lang, 'policies.effectiveFrom')}: {view.effectiveFrom === null ? '—' : formatInZone(view.effectiveFrom, zone, lang)} · {t(lang, 'policies.author')}: {view.author ?? '—'} · {t(lang, 'policies.approver')}: {view.approver ?? '—'} ·{' '}
        {t(lang, 'policies.revision')}: {view.revision} · <span className="hash">{view.hash}</span>
      </p>
      {rejected !== undefined && (
        <p className="notice error" data-testid="rejection-banner">
          {t(lang, 'reject.banner', { who: rejected.actor, when: formatInstant(rejected.at.toISOString(), lang), reason: rejected.note ?? '' })}
        </p>
      )}
      {view.note !== null && <p className="notice info">{view.note}</p>}
      {conflicts.length > 0 && (
        <ScheduledWarning policyId={id} conflicts={conflicts.map((c) => ({ version: c.version, revision: revisionOf(c.version), message: c.message }))} canCancel={can(user.role, 'approve')} />
      )}

      {!unpublished && <PolicyTextSection lang={lang} version={version} content={content} />}

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t(lang, 'version.workflow')}</h2>
        <WorkflowPanel view={view} role={user.role} maker={maker} zone={zone} summary={summary} previous={previous} emergencyEnabled={emergencyRollbackEnabled()} />
      </section>

      <section className="card">
        <div className="row">
          <h2 style={{ margin: 0 }}>{base === undefined ? t(lang, 'version.noBase') : t(lang, 'version.changes', { base: base.view.version })}</h2>
          <span className="spacer" />
          {base !== undefined && <Link href={`/policies/${id}/${version}${all ? '' : '?all=1'}`}>{all ? t(lang, 'diff.onlyChanges') : t(lang, 'diff.show')}</Link>}
        </div>
        {base !== undefined && <DiffView diff={diffPolicies(base.content, content)} lang={lang} leftLabel={base.view.version} rightLabel={version} onlyChanges={!all} />}
      </section>

      {pendingJob !== undefined && (
        <section className="card">
          <ImpactPending jobId={pendingJob} />
        </section>
      )}
      {impact !== undefined && (
        <section className="card">
          {impact.ok ? <ApprovalImpactView impact={impact.impact} lang={lang} /> : <p className="muted">{t(lang, 'approvalImpact.unavailable', { message: impact.message[lang] })}</p>}
        </section>
      )}

      {unpublished && <PolicyTextSection lang={lang} version={version} content={content} {...(base === undefined ? {} : { base: { version: base.view.version, content: base.content } })} />}

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t(lang, 'policies.audit')}</h2>
        <AuditTable entries={audit} names={new Map((await listUsers(db)).map((u) => [u.username, u.displayName]))} lang={lang} showVersion={false} />
      </section>
    </>
  );
}
