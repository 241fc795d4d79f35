/**
 * The /clients/<id> page: one client's state, owner, deadlines, decisions and contact as this user
 * may see it.
 */
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { Fragment } from 'react';
import { ContactCard, FIELDS, VALUE } from '../components/contact-card';
import { ClientDecisions } from '../components/decisions';
import { RequestAccessForm } from '../../access/client';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { FORBIDDEN, readClient } from '../read';
import { PersonName } from '../../shared/components/person-name';
import { kindLabel } from '../../shared/labels';
import { namesOf, readRoster } from '../../people';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(PERMISSIONS.viewClients);
  const lang = await getLang();
  const { id } = await params;
  const { db, runtime, clock } = await getApp();
  const detail = await readClient({ db, runtime }, user, id, clock.now());
  // The not-found page names nothing: not the id asked for, and certainly no personal data.
  if (detail === null) notFound();
  // A rep's page of another rep's client (403): the page names nothing of it.
  if (detail === FORBIDDEN) forbidden();
  const c = detail.client;
  const names = namesOf(await readRoster(db));
  const back = user.role === 'rep' ? (
    <p className="row">
      <Link href="/clients">← {t(lang, 'clients.back')}</Link>
      {user.staffId !== null && <Link href="/me">{t(lang, 'nav.me')}</Link>}
    </p>
  ) : (
    <p>
      <Link href="/clients">← {t(lang, 'clients.back')}</Link>
    </p>
  );
  if (detail.scope === 'contact') {
    return (
      <>
        {back}
        <h1 data-testid="client-id">{c.clientId}</h1>
        <section className="card" data-testid="contact-only">
          <h2>{t(lang, 'clients.contact')}</h2>
          <ContactCard contact={c.contact} lang={lang} />
          <p className="muted small">{t(lang, 'clients.contactOnly')}</p>
        </section>
      </>
    );
  }
  // Notices that need the owner's action (R2 review, R3 reclaim) come first, not at the end of the decisions.
  const warnings = detail.decisions.filter((d) => d.kind === 'client.reclaim_due' || d.kind === 'client.review_due').slice(-3);
  const fields: [string, React.ReactNode][] = [
    [t(lang, 'clients.tier'), c.tier ?? '—'],
    [t(lang, 'clients.owner'), c.ownerId === null ? t(lang, 'clients.pool') : <PersonName staffId={c.ownerId} names={names} href={can(user.role, 'viewPeople') ? `/people/${encodeURIComponent(c.ownerId)}` : undefined} />],
    [t(lang, 'clients.registered'), formatInstant(c.registeredAt, lang)],
    [t(lang, 'clients.followUpDue'), formatInstant(c.followUpDue, lang)],
    [t(lang, 'clients.developmentDue'), formatInstant(c.developmentDue, lang)],
    [t(lang, 'clients.lastActivity'), formatInstant(c.lastActivityAt, lang)],
    [t(lang, 'clients.closed'), formatInstant(c.closedAt, lang)],
  ];
  return (
    <>
      {back}
      <h1 data-testid="client-id">{c.clientId}</h1>
      {warnings.map((w) => (
        <p key={w.id} className="notice" data-testid="client-warning" data-kind={w.kind}>
          <strong>{kindLabel(w.kind, lang)}</strong> · {formatInstant(w.at, lang)} · {w.explain[lang]}
        </p>
      ))}
      <div className="two-col">
        <section className="card">
          <h2>{t(lang, 'clients.status')}</h2>
          <dl style={FIELDS} data-testid="client-status">
            {fields.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd style={VALUE}>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
        <section className="card">
          <h2>{t(lang, 'clients.contact')}</h2>
          <ContactCard contact={c.contact} lang={lang} />
          {c.contact?.masked === true && can(user.role, 'requestAccess') &&
            (detail.pendingRequest === null ? (
              <RequestAccessForm clientId={c.clientId} />
            ) : (
              <p className="notice">{t(lang, 'clients.pending', { at: formatInstant(detail.pendingRequest.requestedAt, lang) })}</p>
            ))}
        </section>
      </div>
      <section className="card">
        <h2>{t(lang, 'clients.decisions')}</h2>
        <ClientDecisions decisions={detail.decisions} more={detail.moreDecisions} names={names} auditLinks={can(user.role, 'audit')} lang={lang} />
      </section>
    </>
  );
}
