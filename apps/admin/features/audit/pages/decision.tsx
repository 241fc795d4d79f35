import Link from 'next/link';
import { notFound } from 'next/navigation';
import { kindLabel } from '../../../../features/audit/components/format';
import { CausesCard, DecidedCard, PolicyCard } from '../../../../features/audit/components/decision-detail';
import { DownstreamView } from '../../../../features/audit/components/downstream-view';
import { t } from '../../../../features/shared/i18n/messages';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { findAuditDecision } from '../../../../features/audit/lookup';
import { getLang } from '../../../../features/shared/i18n/request-lang';
import { requirePageUser } from '../../../../features/shared/page-guard';

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
