/** The /audit/decisions/<id> page (auditor): one decision as the explorer shows it. */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { kindLabel } from '../components/format';
import { CausesCard, DecidedCard, PolicyCard } from '../components/decision-detail';
import { DownstreamView } from '../components/downstream-view';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { findAuditDecision } from '../lookup';
import { holdsSnapshots } from '../../shared/long-log';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { can } from '../../shared/roles';
import { SANCTION_KINDS } from '../../me';
import { namesOf, readRoster } from '../../people';
import { appealHistory, AppealHistoryCard } from '../../appeals';

export default async function AuditDecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(PERMISSIONS.audit);
  const lang = await getLang();
  const { id } = await params;
  const app = await getApp();
  // Over a log with snapshots (a long one) a sanction's trace replays in the background: the page does not wait for it.
  const view = await findAuditDecision(app, id, user.username, { wait: !(await holdsSnapshots(app.db)) });
  if (view === null) notFound();
  // The person the decision is about, by name, linked to their page (and to the notice of a sanction).
  const d = view.decision as unknown as Record<string, unknown>;
  const subject = ['staffId', 'toStaffId', 'fromStaffId'].map((k) => d[k]).find((v): v is string => typeof v === 'string');
  const names = namesOf(await readRoster(app.db));
  const history = await appealHistory(app.db, view.decision.id);
  return (
    <>
      <p>
        <Link href="/audit">{t(lang, 'audit.back')}</Link>
      </p>
      <h1 data-testid="decision-title">
        {kindLabel(view.decision.kind, lang)} · <span className="hash">{t(lang, 'audit.decisionTitle', { id: view.decision.id })}</span>
      </h1>
      {subject !== undefined && (
        <p className="row" data-testid="decision-person">
          <span>
            {names.get(subject) ?? subject} <span className="small-id">{subject}</span>
          </span>
          {can(user.role, 'viewPeople') && <Link href={`/people/${encodeURIComponent(subject)}`}>{t(lang, 'audit.person')}</Link>}
          {(SANCTION_KINDS as readonly string[]).includes(view.decision.kind) && <Link href={`/notices/${encodeURIComponent(view.decision.id)}`}>{t(lang, 'me.notice')}</Link>}
        </p>
      )}
      <div className="two-col">
        <DecidedCard view={view} lang={lang} names={names} />
        <PolicyCard view={view} lang={lang} />
      </div>
      {history !== null && <AppealHistoryCard history={history} lang={lang} link={(d) => `/audit/decisions/${encodeURIComponent(d)}`} />}
      <CausesCard view={view} lang={lang} />
      <DownstreamView downstream={view.downstream} lang={lang} />
    </>
  );
}
