import Link from 'next/link';
import { notFound } from 'next/navigation';
import { kindLabel } from '../components/format';
import { CausesCard, DecidedCard, PolicyCard } from '../components/decision-detail';
import { DownstreamView } from '../components/downstream-view';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { findAuditDecision } from '../lookup';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

export default async function AuditDecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(PERMISSIONS.audit);
  const lang = await getLang();
  const { id } = await params;
  const view = await findAuditDecision(await getApp(), id, user.username);
  if (view === null) notFound();
  return (
    <>
      <p>
        <Link href="/audit">{t(lang, 'audit.back')}</Link>
      </p>
      <h1 data-testid="decision-title">
        {kindLabel(view.decision.kind, lang)} · <span className="hash">{t(lang, 'audit.decisionTitle', { id: view.decision.id })}</span>
      </h1>
      <div className="two-col">
        <DecidedCard view={view} lang={lang} />
        <PolicyCard view={view} lang={lang} />
      </div>
      <CausesCard view={view} lang={lang} />
      <DownstreamView downstream={view.downstream} lang={lang} />
    </>
  );
}
