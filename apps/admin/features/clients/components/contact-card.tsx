/**
 * A client's personal data as pii.ts let it out, as a card: masked, or unmasked with the reason it
 * may be seen.
 */
import type { CSSProperties } from 'react';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { ContactView } from '../pii';

/** Labels and values side by side. */
export const FIELDS: CSSProperties = { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.35rem 1.25rem', margin: 0 };
/** A value in {@link FIELDS}. */
export const VALUE: CSSProperties = { margin: 0 };

/** A client's personal data as pii.ts let it out: masked, or unmasked with the reason it may be seen. */
export function ContactCard({ contact, lang }: { contact: ContactView | null; lang: Lang }) {
  if (contact === null) return <p className="muted">{t(lang, 'clients.noContact')}</p>;
  const basis = contact.basis;
  return (
    <>
      <dl style={FIELDS} data-testid="contact" data-masked={contact.masked ? 'true' : 'false'}>
        <dt>{t(lang, 'clients.name')}</dt>
        <dd style={VALUE} data-testid="contact-name">
          {contact.name}
        </dd>
        <dt>{t(lang, 'clients.phone')}</dt>
        <dd style={VALUE} data-testid="contact-phone">
          {contact.masked ? (
            contact.phone
          ) : (
            <a className="tel" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} data-testid="tel-link">
              {contact.phone}
            </a>
          )}
        </dd>
      </dl>
      <p className="muted small">
        {basis === null ? t(lang, 'clients.masked') : basis.kind === 'owner' ? t(lang, 'clients.byOwner') : t(lang, 'clients.byGrant', { until: formatInstant(basis.expiresAt, lang) })}
      </p>
    </>
  );
}
