/** The /notices/<id> page: one sanction decision as a printed penalty notice. */
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { PrintButton } from '../components/print-button';
import { describeEvent, personName } from '../../shared/describe';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { kindLabel, codeLabel } from '../../shared/labels';
import { formatYuan } from '../../shared/money';
import { can } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { namesOf, readRoster } from '../../people';
import { appealLink } from '../index';
import { readNotice } from '../notice';

/** 处罚通知单: one sanction decision on one printed page, for the person concerned, HR and auditors. */
export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser('any');
  const lang = await getLang();
  const { id: raw } = await params;
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // kept as typed
  }
  const ctx = await getApp();
  const read = await readNotice(ctx, user, id);
  if (!read.ok) {
    if (read.status === 403) forbidden();
    notFound();
  }
  const { notice } = read;
  const d = notice.decision;
  const names = namesOf(await readRoster(ctx.db));
  const rows: [string, React.ReactNode][] = [
    [t(lang, 'notice.to'), <span key="to" data-testid="notice-person">{personName(names, notice.staffId)}</span>],
    [t(lang, 'notice.what'), `${kindLabel(d.kind, lang)}（${d.rule}）`],
    [t(lang, 'notice.when'), formatInstant(d.at, lang)],
  ];
  if (d.kind === 'staff.fined') rows.push([t(lang, 'notice.amount'), `${formatYuan(d.amountFen)} 元（${codeLabel(d.reason, lang)}）`]);
  if (d.kind === 'staff.paused') rows.push([t(lang, 'notice.count'), String(d.count)]);
  if (d.kind === 'staff.banned' || d.kind === 'staff.hotline_banned') rows.push([t(lang, 'notice.until'), t(lang, 'me.period', { from: formatInstant(d.from, lang), until: formatInstant(d.until, lang) })]);
  if (notice.ruleText !== null) rows.push([t(lang, 'notice.rule'), `${notice.ruleText.id} ${notice.ruleText.title.zh}${lang === 'en' ? ` / ${notice.ruleText.title.en}` : ''}`]);
  if (notice.ruleText?.clause != null) rows.push([t(lang, 'notice.clause'), <span key="clause" data-testid="notice-clause">{notice.ruleText.clause.section}：{notice.ruleText.clause.quote}</span>]);
  rows.push([t(lang, 'notice.explain'), d.explain.zh]);
  rows.push([
    t(lang, 'notice.causes'),
    notice.causes.length === 0 ? (
      t(lang, 'me.noCauses')
    ) : (
      <ol key="causes" style={{ margin: 0, paddingLeft: 18 }} data-testid="notice-causes">
        {notice.causes.map((e) => (
          <li key={e.id}>{describeEvent(e, 'zh', names)}</li>
        ))}
      </ol>
    ),
  ]);
  rows.push([t(lang, 'notice.policy'), `${d.policy.id} ${d.policy.version}`]);
  rows.push([t(lang, 'notice.hash'), <code key="hash" className="small" style={{ overflowWrap: 'anywhere' }} data-testid="notice-hash">{d.policy.hash}</code>]);
  rows.push([t(lang, 'notice.decisionId'), <code key="id" className="small">{d.id}</code>]);
  return (
    <>
      <p className="row no-print">
        {user.staffId === notice.staffId && <Link href="/me">{t(lang, 'notice.back')}</Link>}
        {user.staffId === notice.staffId && (
          <Link href={appealLink(d.id)} data-testid="notice-appeal">
            {t(lang, 'notice.appeal')}
          </Link>
        )}
        {can(user.role, 'viewPeople') && <Link href={`/people/${encodeURIComponent(notice.staffId)}`}>{t(lang, 'notice.person')}</Link>}
        <PrintButton label={t(lang, 'notice.print')} />
      </p>
      <article className="notice-sheet" data-testid="notice">
        <h1>{t(lang, 'notice.title')}</h1>
        <table>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th>{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="signatures">
          <div>{t(lang, 'notice.sign.person')}：</div>
          <div>{t(lang, 'notice.sign.hr')}：</div>
          <div>{t(lang, 'notice.sign.date')}：</div>
          <div>{t(lang, 'notice.sign.date')}：</div>
        </div>
      </article>
    </>
  );
}
