import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Fragment } from 'react';
import { ContactCard, FIELDS, VALUE } from '../components/contact-card';
import { ClientDecisions } from '../components/decisions';
import { RequestAccessForm } from '../../access/client';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { readClient } from '../read';
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
  const c = detail.client;
  const fields: [string, string][] = [
    [t(lang, 'clients.tier'), c.tier ?? '—'],
    [t(lang, 'clients.owner'), c.ownerId ?? t(lang, 'clients.pool')],
    [t(lang, 'clients.registered'), formatInstant(c.registeredAt, lang)],
    [t(lang, 'clients.followUpDue'), formatInstant(c.followUpDue, lang)],
    [t(lang, 'clients.developmentDue'), formatInstant(c.developmentDue, lang)],
    [t(lang, 'clients.lastActivity'), formatInstant(c.lastActivityAt, lang)],
    [t(lang, 'clients.closed'), formatInstant(c.closedAt, lang)],
  ];
  return (
    <>
      <p>
        <Link href="/clients">← {t(lang, 'clients.back')}</Link>
      </p>
      <h1 data-testid="client-id">{c.clientId}</h1>
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
        <ClientDecisions decisions={detail.decisions} more={detail.moreDecisions} lang={lang} />
      </section>
    </>
  );
}
