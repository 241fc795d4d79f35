import Link from 'next/link';
import { notFound } from 'next/navigation';
import { kindLabel } from '../../../../components/audit/audit-format';
import { CausesCard, DecidedCard, PolicyCard } from '../../../../components/audit/decision-detail';
import { DownstreamView } from '../../../../components/audit/downstream-view';
import { t } from '../../../../lib/i18n/messages';
import { PERMISSIONS } from '../../../../lib/roles';
import { getApp } from '../../../../lib/server/app-context';
import { findAuditDecision } from '../../../../lib/server/audit-lookup';
import { getLang } from '../../../../lib/server/lang';
import { requirePageUser } from '../../../../lib/server/page-guard';

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
