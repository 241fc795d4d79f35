/** The /appeals page: the manager's inbox of pending appeals; a rep's own appeals and sanctions. */
import Link from 'next/link';
import type { Decision } from '@allot/engine';
import { DecideForm } from '../components/decide-form';
import { DismissForm } from '../components/dismiss-form';
import { sanctionText } from '../components/describe';
import { t } from '../../shared/i18n/messages';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { formatInstant } from '../../shared/format';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { pendingAppeals, sanctionsOf, type AppealHistory } from '../appeals';

const ROLES = [...new Set([...PERMISSIONS.appealOwn, ...PERMISSIONS.decideAppeals])];

/** /appeals: the manager's inbox of pending appeals (decided with a required reason); a rep's own appeals and sanctions. */
export default async function AppealsInboxPage() {
  const user = await requirePageUser(ROLES);
  const lang = await getLang();
  const { db } = await getApp();
  const manager = can(user.role, 'decideAppeals');
  const pending: AppealHistory[] = manager ? await pendingAppeals(db) : [];
  const mine: AppealHistory[] = !manager && user.staffId !== null ? await pendingAppeals(db, { staffId: user.staffId }) : [];
  const sanctions: Decision[] = !manager && user.staffId !== null ? await sanctionsOf(db, user.staffId) : [];
  return (
    <>
      <h1>{t(lang, 'appeals.title')}</h1>
      <p className="muted">{t(lang, 'appeals.intro')}</p>
      {manager && (
        <section className="card">
          <h2>{t(lang, 'appeals.inbox')}</h2>
          {pending.length === 0 ? (
            <p className="muted">{t(lang, 'appeals.none')}</p>
          ) : (
            <div data-testid="appeals-inbox">
              {pending.map((h) => {
                const appeal = h.pending?.event as { reason?: string; staffId?: string } | undefined;
                return (
                  <article key={h.decision.id} data-decision={h.decision.id} className="card">
                    <dl className="facts">
                      <dt>{t(lang, 'appeals.decision')}</dt>
                      <dd className="hash">{h.decision.id}</dd>
                      <dt>{t(lang, 'appeals.staff')}</dt>
                      <dd>{(h.decision as { staffId?: string }).staffId}</dd>
                      <dt>{t(lang, 'appeals.what')}</dt>
                      <dd>
                        {sanctionText(h.decision, lang)} · {formatInstant(h.decision.at, lang)}
                        <div className="muted">{h.decision.explain[lang]}</div>
                      </dd>
                      <dt>{t(lang, 'appeals.appealedAt')}</dt>
                      <dd>{formatInstant(h.pending?.at, lang)}</dd>
                      <dt>{t(lang, 'appeals.reason')}</dt>
                      <dd>{appeal?.reason}</dd>
                    </dl>
                    <DecideForm decisionId={h.decision.id} kind={h.decision.kind} pending />
                  </article>
                );
              })}
            </div>
          )}
        </section>
      )}
      {manager && (
        <section className="card">
          <h2>{t(lang, 'appeals.dismissTitle')}</h2>
          <p className="muted">{t(lang, 'appeals.dismissIntro')}</p>
          <DismissForm />
        </section>
      )}
      {!manager && (
        <>
          <section className="card">
            <h2>{t(lang, 'appeals.mine')}</h2>
            {mine.length === 0 ? (
              <p className="muted">{t(lang, 'appeals.noneMine')}</p>
            ) : (
              <ul data-testid="my-appeals">
                {mine.map((h) => (
                  <li key={h.decision.id}>
                    <Link href={`/appeals/new?decision=${encodeURIComponent(h.decision.id)}`} className="hash">{h.decision.id}</Link> · {sanctionText(h.decision, lang)} ·{' '}
                    {t(lang, h.superseded !== null ? 'appeals.status.superseded' : h.pending !== null ? 'appeals.status.pending' : 'appeals.status.inForce')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>{t(lang, 'appeals.mySanctions')}</h2>
            {sanctions.length === 0 ? (
              <p className="muted">{t(lang, 'appeals.noSanctions')}</p>
            ) : (
              <ul data-testid="my-sanctions">
                {sanctions.map((d) => (
                  <li key={d.id}>
                    <Link href={`/appeals/new?decision=${encodeURIComponent(d.id)}`} className="hash">{d.id}</Link> · {formatInstant(d.at, lang)} · {sanctionText(d, lang)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
