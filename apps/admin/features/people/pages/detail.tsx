/** The /people/<staffId> page: one staff member's status, fines, decisions and the ring. */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RingView } from '../components/ring-view';
import { StatusBadges } from '../components/status-badges';
import { Timeline } from '../components/timeline';
import { formatDay, formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { STAFF_ROLE_LABELS } from '../../shared/policy-labels';
import { formatYuan } from '../../shared/money';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { statusAt } from '../../shared/clock';
import { readPerson } from '../detail';
import { namesOf, readRoster } from '../roster';
import { readRing } from '../ring';

export default async function PersonPage({ params, searchParams }: { params: Promise<{ staffId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser(PERMISSIONS.viewPeople);
  const lang = await getLang();
  const { staffId: raw } = await params;
  const staffId = safeDecode(raw);
  const beforeNum = Number((await searchParams)['before'] ?? '');
  const before = Number.isSafeInteger(beforeNum) && beforeNum > 0 ? beforeNum : undefined;
  const { db, runtime, clock } = await getApp();
  const person = await readPerson({ db, runtime, clock }, staffId, { actor: user.username, ...(before === undefined ? {} : { before }) });
  if (person === null) notFound();
  // One clock: the status and the ring are judged at the runtime's time, as on the list.
  const ring = await readRing(runtime, new Date(person.asOf));
  const names = namesOf(await readRoster(db));
  const seat = ring.rings[0]?.preview.seats.find((s) => s.staffId === staffId);
  const { member } = person;
  const status = statusAt(person.status, person.asOf);
  const role = member?.role ?? status.role ?? '';
  return (
    <>
      <p>
        <Link href="/people">{t(lang, 'people.back')}</Link>
      </p>
      <h1 data-testid="person-name">
        {member?.name ?? staffId} <span className="muted">{staffId}</span>
      </h1>
      <section className="card" data-testid="status-card">
        <div className="row">
          <h2 style={{ margin: 0 }}>{t(lang, 'people.statusCard')}</h2>
          <StatusBadges status={status} inRing={seat !== undefined} lang={lang} />
        </div>
        <table>
          <tbody>
            <tr><th>{t(lang, 'people.col.role')}</th><td>{STAFF_ROLE_LABELS[role]?.[lang] ?? (role || '—')}</td></tr>
            <tr><th>{t(lang, 'people.col.level')}</th><td>{member?.level ?? status.level ?? '—'}</td></tr>
            <tr><th>{t(lang, 'people.col.joined')}</th><td>{member === null ? '—' : formatDay(member.joinedAt, lang)}</td></tr>
            {member !== null && member.leftAt !== null && (
              <tr><th>{t(lang, 'people.col.left')}</th><td>{formatDay(member.leftAt, lang)}{member.successorId !== null && ` · ${t(lang, 'people.successor')} ${member.successorId}`}</td></tr>
            )}
            <tr><th>{t(lang, 'people.pausesLeft')}</th><td data-testid="pauses-left">{status.pausesLeft}</td></tr>
            <tr><th>{t(lang, 'people.pausesImposed')}</th><td>{status.pausesImposed}</td></tr>
            <tr><th>{t(lang, 'people.bannedUntil')}</th><td>{formatInstant(status.bannedUntil, lang)}</td></tr>
            <tr><th>{t(lang, 'people.hotlineUntil')}</th><td>{formatInstant(status.hotlineBannedUntil, lang)}</td></tr>
            <tr><th>{t(lang, 'people.finedTotal')}</th><td>{formatYuan(status.finedFen)}</td></tr>
          </tbody>
        </table>
        <p className="muted small">{t(lang, 'people.statusAsOf', { time: formatInstant(status.asOf, lang) })}</p>
      </section>
      <section className="card" data-testid="fines">
        <h2 style={{ marginTop: 0 }}>
          {t(lang, 'people.finesThisMonth', { month: person.month.key })}: <span data-testid="fines-this-month">{formatYuan(person.finesThisMonth.fen)}</span> 元
          <span className="muted small"> ({person.finesThisMonth.count})</span>
        </h2>
        <p className="row">
          <a href={`/api/people/${encodeURIComponent(staffId)}?format=xlsx`} download data-testid="fines-xlsx">
            {t(lang, 'export.finesXlsx')}
          </a>
          <a href={`/api/people/${encodeURIComponent(staffId)}?format=csv`} download>
            {t(lang, 'export.csv')}
          </a>
        </p>
        <h3>{t(lang, 'people.finesByMonth')}</h3>
        <table>
          <thead>
            <tr><th>{t(lang, 'people.month')}</th><th className="num">{t(lang, 'people.fineCount')}</th><th className="num">{t(lang, 'people.fineAmount')}</th></tr>
          </thead>
          <tbody>
            {person.finesByMonth.map((m) => (
              <tr key={m.month} data-month={m.month}><td>{m.month}</td><td className="num">{m.count}</td><td className="num">{formatYuan(m.fen)}</td></tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t(lang, 'people.asOf', { time: formatInstant(person.asOf, lang), month: person.month.key })}</p>
      </section>
      <Timeline page={person.timeline} staffId={staffId} before={before} lang={lang} />
      {seat === undefined ? (
        <p className="muted" data-testid="not-in-ring">{t(lang, 'people.ring.notInRing', { role: STAFF_ROLE_LABELS[role]?.[lang] ?? role })}</p>
      ) : (
        <p data-testid="ring-seat">{t(lang, 'people.ring.seat', { n: seat.position + 1 })}</p>
      )}
      <RingView ring={ring} names={names} focus={staffId} lang={lang} />
    </>
  );
}

/** A route segment as text (Next.js may hand it over still percent-encoded). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
