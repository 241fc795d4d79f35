/**
 * The /me page (我的状态): the signed-in person's status, sanctions, fines and deadlines on one phone
 * screen.
 */
import { Countdown } from '../components/countdown';
import { SanctionCard } from '../components/sanction-card';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { codeLabel } from '../../shared/labels';
import { formatYuan } from '../../shared/money';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { namesOf, readRoster } from '../../people';
import { readMyStatus, SANCTIONS_SHOWN } from '../status';
import type { MonthFines, MyStatus } from '../status';

/** 我的状态: for the signed-in person linked to a staff id, one phone screen answering "can I get leads, why not, until when, what did I pay, what is due next". */
export default async function MePage() {
  const user = await requirePageUser('any');
  const lang = await getLang();
  if (user.staffId === null) {
    return (
      <>
        <h1>{t(lang, 'me.title')}</h1>
        <p className="notice" data-testid="not-linked">{t(lang, 'me.notLinked')}</p>
      </>
    );
  }
  const ctx = await getApp();
  const me = await readMyStatus(ctx, user.staffId, user.username);
  const names = namesOf(await readRoster(ctx.db));
  const s = me.status;
  const reasons: string[] = [];
  if (s.banned) reasons.push(t(lang, 'me.because.banned', { until: formatInstant(s.bannedUntil, lang) }));
  if (s.pausesLeft > 0) reasons.push(t(lang, 'me.because.paused', { n: s.pausesLeft }));
  const inRing = me.rules.P1 !== null && s.role !== null && ['rep', 'receptionist'].includes(s.role);
  const pauses = me.sanctions.filter((x) => x.kind === 'staff.paused');
  const bans = me.sanctions.filter((x) => x.kind === 'staff.banned');
  const hotline = me.sanctions.filter((x) => x.kind === 'staff.hotline_banned');
  const others = me.sanctions.filter((x) => x.kind === 'staff.termination_review');
  return (
    <div className="phone-first">
      <h1 data-testid="me-name">
        {t(lang, 'me.title')} · {me.name ?? me.staffId} <span className="muted small">{me.staffId}</span>
      </h1>
      <p className="muted small" data-testid="stated-instant" data-at={me.instant.at} data-source={me.instant.source}>
        {t(lang, me.instant.source === 'runtime' ? 'me.instant' : 'me.instantClock', { time: formatInstant(me.instant.at, lang) })}
      </p>
      <section className={`card answer ${s.eligible ? 'good' : 'bad'}`} data-testid="can-get-leads" data-eligible={s.eligible ? 'true' : 'false'}>
        <h2>{s.active === false ? t(lang, 'me.left') : s.eligible ? t(lang, 'me.canGet') : t(lang, 'me.cannotGet')}</h2>
        {reasons.length > 0 && (
          <ul>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        {s.hotlineBanned && (
          <p data-testid="hotline-now">
            {t(lang, 'me.because.hotline', { until: formatInstant(s.hotlineBannedUntil, lang) })} <span className="muted small">{t(lang, 'me.hotlineOnly')}</span>
          </p>
        )}
        {!inRing && s.active !== false && <p className="muted small">{t(lang, 'me.notInRing')}</p>}
      </section>

      <section className="card" data-testid="summary">
        <dl className="summary">
          <dt>{t(lang, 'me.pauses')}</dt>
          <dd data-testid="summary-pauses">×{s.pausesLeft}</dd>
          <dt>{t(lang, 'me.bans')}</dt>
          <dd data-testid="summary-ban">{s.banned ? t(lang, 'me.untilShort', { until: formatInstant(s.bannedUntil, lang) }) : t(lang, 'me.none')}</dd>
          <dt>{t(lang, 'me.hotlineBans')}</dt>
          <dd data-testid="summary-hotline">{s.hotlineBanned ? t(lang, 'me.untilShort', { until: formatInstant(s.hotlineBannedUntil, lang) }) : t(lang, 'me.none')}</dd>
          <dt>{t(lang, 'me.thisMonth')}</dt>
          <dd>
            <a href="#fines">{formatYuan(me.fines.thisMonth.totalFen)} 元</a>
          </dd>
          <dt>{t(lang, 'me.lastMonth')}</dt>
          <dd>{formatYuan(me.fines.lastMonth.totalFen)} 元</dd>
        </dl>
      </section>

      <section className="card" data-testid="deadlines">
        <h2>{t(lang, 'me.deadlines')}</h2>
        {me.deadlines.length === 0 ? <p className="muted">{t(lang, 'me.deadlinesNone')}</p> : <Deadlines me={me} lang={lang} />}
        {me.registrationHours !== null && <p className="muted small">R1 · {t(lang, 'me.r1', { h: me.registrationHours })}</p>}
      </section>

      <section className="card" data-testid="pauses" data-left={s.pausesLeft}>
        <h2>
          {t(lang, 'me.pauses')} ×{s.pausesLeft}
        </h2>
        <p className="small">{t(lang, 'me.pausesHow')}</p>
        <SanctionList items={pauses} names={names} lang={lang} />
      </section>
      <section className="card" data-testid="bans">
        <h2>{t(lang, 'me.bans')}</h2>
        <SanctionList items={bans} names={names} lang={lang} />
      </section>
      <section className="card" data-testid="hotline-bans">
        <h2>{t(lang, 'me.hotlineBans')}</h2>
        <SanctionList items={hotline} names={names} lang={lang} />
      </section>
      {others.length > 0 && (
        <section className="card">
          <h2>{t(lang, 'me.otherSanctions')}</h2>
          <SanctionList items={others} names={names} lang={lang} />
        </section>
      )}

      {me.sanctions.length >= SANCTIONS_SHOWN && <p className="muted small">{t(lang, 'me.sanctionsMore', { n: SANCTIONS_SHOWN })}</p>}
      <section className="card" data-testid="fines" id="fines">
        <h2>{t(lang, 'me.fines')}</h2>
        <Fines label={t(lang, 'me.thisMonth')} m={me.fines.thisMonth} testId="fines-this-month" lang={lang} />
        <Fines label={t(lang, 'me.lastMonth')} m={me.fines.lastMonth} testId="fines-last-month" lang={lang} />
      </section>
    </div>
  );
}

function SanctionList({ items, names, lang }: { items: MyStatus['sanctions']; names: ReturnType<typeof namesOf>; lang: Lang }) {
  if (items.length === 0) return <p className="muted">{t(lang, 'me.none')}</p>;
  return (
    <ul className="cards">
      {items.map((s) => (
        <SanctionCard key={s.decisionId} s={s} names={names} lang={lang} />
      ))}
    </ul>
  );
}

/** Deadlines shown before the rest fold away. */
const DEADLINES_FIRST = 5;

function Deadlines({ me, lang }: { me: MyStatus; lang: Lang }) {
  const first = me.deadlines.slice(0, DEADLINES_FIRST);
  const rest = me.deadlines.slice(DEADLINES_FIRST);
  return (
    <>
      <DeadlineList items={first} me={me} lang={lang} />
      {rest.length > 0 && (
        <details>
          <summary>{t(lang, 'me.deadlinesMore', { n: rest.length })}</summary>
          <DeadlineList items={rest} me={me} lang={lang} />
        </details>
      )}
    </>
  );
}

function DeadlineList({ items, me, lang }: { items: MyStatus['deadlines']; me: MyStatus; lang: Lang }) {
  return (
    <ul className="cards">
      {items.map((d) => {
        const missing = d.rule === 'D1' ? [d.contacted === true ? null : t(lang, 'me.contact'), d.reported === true ? null : t(lang, 'me.report')].filter((x): x is string => x !== null) : [];
        const rule = me.rules[d.rule];
        return (
          <li key={`${d.rule}:${d.clientId}`} className="deadline" data-testid="deadline" data-rule={d.rule} data-client={d.clientId} data-due={d.due}>
            <div className="row">
              <strong>
                <Countdown msLeft={d.msLeft} lang={lang} overdue={t(lang, 'me.overdue')} />
              </strong>
              <span>{t(lang, `me.deadline.${d.rule}`)}</span>
            </div>
            <p className="small">
              <a href={`/clients/${encodeURIComponent(d.clientId)}`}>{d.clientId}</a> · {t(lang, 'me.dueAt', { time: formatInstant(d.due, lang) })}
              {missing.length > 0 && <> · {t(lang, 'me.missing', { what: missing.join(lang === 'zh' ? '、' : ', ') })}</>}
            </p>
            {rule !== null && (
              <p className="muted small">
                {rule.id}：{rule.title[lang]}
                {rule.clause !== null && <> · {rule.clause.section}</>}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Fines({ label, m, testId, lang }: { label: string; m: MonthFines; testId: string; lang: Lang }) {
  return (
    <div data-testid={testId} data-fen={m.totalFen} data-count={m.items.length}>
      <h3>
        {label} · {t(lang, 'me.finesMonth', { month: m.key, amount: formatYuan(m.totalFen), n: m.items.length })}
      </h3>
      {m.items.length > 0 && (
        <ul className="cards">
          {m.items.map((i) => (
            <li key={i.decisionId} data-decision={i.decisionId}>
              <div className="row">
                <strong>{formatYuan(i.amountFen)} 元</strong>
                <span>{codeLabel(i.reason, lang)}</span>
                <span className="muted small">{formatInstant(i.at, lang)}</span>
              </div>
              <p className="small muted">
                {i.rule} · {i.explain[lang]} · <a href={`/notices/${encodeURIComponent(i.decisionId)}`}>{t(lang, 'me.notice')}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
