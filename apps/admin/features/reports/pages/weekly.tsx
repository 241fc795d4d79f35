/** The /reports/weekly page: the weekly report (seed W1) of one week, and its downloads. */
import { policyView } from '@allot/engine';
import type { AnyPolicy } from '@allot/engine';
import { WeeklyTable } from '../components/weekly-table';
import { formatDay, formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { readPolicyTimeline } from '../../people';
import { defaultWeek, findWeek, listWeeks, weeklyReport } from '../weekly';
import type { WeekEntry } from '../weekly';

/** D1's window in minutes under a policy, or null when it has none. */
const policyWindow = (p: AnyPolicy | null): number | null => (p === null ? null : policyView(p).rules.D1.windowMinutes);

const weekLabel = (w: WeekEntry, lang: Lang): string =>
  `${t(lang, 'people.report.weekLabel', { from: formatDay(w.from, lang), to: formatDay(new Date(Date.parse(w.to) - 1).toISOString(), lang) })}${w.complete ? '' : ` ${t(lang, 'people.report.inProgress')}`}`;

export default async function WeeklyReportPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser(PERMISSIONS.viewReports);
  const lang = await getLang();
  const asked = (await searchParams)['week'] ?? '';
  const { db, runtime, clock } = await getApp();
  const ctx = { db, runtime, clock };
  const weeks = await listWeeks(ctx);
  const found = asked === '' ? null : await findWeek(ctx, asked);
  const week = found ?? defaultWeek(weeks);
  const report = week === undefined ? null : await weeklyReport(ctx, week);
  const minutes = report === null ? null : (policyWindow((await readPolicyTimeline(db))(Date.parse(report.week.from))));
  return (
    <>
      <h1>{t(lang, 'people.report.title')}</h1>
      <p className="muted">{t(lang, 'people.report.intro')}</p>
      {asked !== '' && found === null && <p className="notice error">{t(lang, 'people.report.badWeek')}</p>}
      <form method="get" className="card row">
        <label>
          {t(lang, 'people.report.week')}{' '}
          <select name="week" defaultValue={week?.key ?? ''} data-testid="week">
            {weeks.map((w) => (
              <option key={w.key} value={w.key}>
                {weekLabel(w, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t(lang, 'people.report.show')}</button>
        <span className="spacer" />
        {report !== null && (
          <>
            <a className="button primary" href={`/api/reports/weekly?week=${report.week.key}&format=csv`} download data-testid="csv">
              {t(lang, 'people.report.csv')}
            </a>
            <a className="button" href={`/api/reports/weekly?week=${report.week.key}&format=xlsx`} download data-testid="xlsx">
              {t(lang, 'people.report.xlsx')}
            </a>
            <a href={`/api/reports/weekly?week=${report.week.key}`}>{t(lang, 'people.report.json')}</a>
          </>
        )}
      </form>
      {report !== null && (
        <section className="card" data-week={report.week.key}>
          <h2 style={{ marginTop: 0 }} data-testid="week-label">
            {weekLabel(report.week, lang)}
          </h2>
          <p className="muted small">{t(lang, 'people.report.asOf', { time: formatInstant(report.asOf, lang) })}</p>
          <WeeklyTable report={report} lang={lang} />
          <p className="muted small">{t(lang, 'people.report.notes', { minutes: minutes ?? '—' })}</p>
        </section>
      )}
    </>
  );
}
