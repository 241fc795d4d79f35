/**
 * The /appeals/new page: the rep acknowledges, refuses to acknowledge, or appeals a sanction of
 * her own.
 */
import Link from 'next/link';
import { AnswerForm } from '../components/answer-form';
import { AppealHistoryCard } from '../components/history-card';
import { sanctionText } from '../components/describe';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { formatInstant } from '../../shared/format';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { appealHistory, SANCTION_KINDS } from '../appeals';

/**
 * /appeals/new?decision=<id>: the rep acknowledges, refuses to acknowledge, or appeals a sanction
 * of her own (linked from 我的状态 and the penalty notice). Another member's decision is not shown.
 */
export default async function NewAppealPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(PERMISSIONS.appealOwn);
  const lang = await getLang();
  const { db, clock } = await getApp();
  const raw = (await searchParams)['decision'];
  const decisionId = typeof raw === 'string' ? raw.slice(0, 200) : '';
  const history = decisionId === '' ? null : await appealHistory(db, decisionId);
  const mine = history !== null && user.staffId !== null && (history.decision as { staffId?: string }).staffId === user.staffId && SANCTION_KINDS.includes(history.decision.kind);
  if (history === null || !mine) {
    return (
      <>
        <h1>{t(lang, 'appeals.new.title')}</h1>
        <p className="notice error" data-testid="appeal-missing">{t(lang, 'appeals.new.missing')}</p>
        <p>
          <Link href="/appeals">{t(lang, 'nav.appeals')}</Link>
        </p>
      </>
    );
  }
  const d = history.decision;
  const superseded = history.superseded !== null;
  const appealed = history.answers.some((a) => a.type === 'decision.appealed');
  const acknowledged = history.answers.some((a) => a.type === 'decision.acknowledged');
  const open = history.windowClosesAt !== null && clock.now().getTime() <= Date.parse(history.windowClosesAt);
  return (
    <>
      <p>
        <Link href="/appeals">{t(lang, 'nav.appeals')}</Link>
      </p>
      <h1>{t(lang, 'appeals.new.title')}</h1>
      <section className="card" data-testid="appeal-decision">
        <dl className="facts">
          <dt>{t(lang, 'appeals.decision')}</dt>
          <dd className="hash">{d.id}</dd>
          <dt>{t(lang, 'appeals.what')}</dt>
          <dd>{sanctionText(d, lang)}</dd>
          <dt>{t(lang, 'appeals.decidedAt')}</dt>
          <dd>{formatInstant(d.at, lang)}</dd>
          <dt>{t(lang, 'appeals.explain')}</dt>
          <dd>{d.explain[lang]}</dd>
          <dt>{t(lang, 'appeals.window')}</dt>
          <dd>{open ? formatInstant(history.windowClosesAt, lang) : t(lang, 'appeals.windowClosed')}</dd>
          <dt>{t(lang, 'appeals.status')}</dt>
          <dd data-testid="appeal-status">{t(lang, superseded ? 'appeals.status.superseded' : history.pending !== null ? 'appeals.status.pending' : 'appeals.status.inForce')}</dd>
        </dl>
        {!superseded && <AnswerForm decisionId={d.id} canAppeal={open && !appealed} canAcknowledge={!acknowledged} />}
      </section>
      <AppealHistoryCard history={history} lang={lang} />
    </>
  );
}
