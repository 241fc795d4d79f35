/**
 * The client list as a table (one card per client on a phone), the contact as the server masked
 * it.
 */
import Link from 'next/link';
import { PersonName } from '../../shared/components/person-name';
import type { Names } from '../../shared/describe';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { ClientRow } from '../read';

/** The client list: ids, tier, owner (by name), dates and deadlines, and the contact as the server masked it; one card per client on a phone. */
export function ClientTable({ rows, names, lang }: { rows: readonly ClientRow[]; names: Names; lang: Lang }) {
  if (rows.length === 0) return <p className="muted">{t(lang, 'clients.none')}</p>;
  const col = {
    id: t(lang, 'clients.search'),
    tier: t(lang, 'clients.tier'),
    owner: t(lang, 'clients.owner'),
    name: t(lang, 'clients.name'),
    phone: t(lang, 'clients.phone'),
    registered: t(lang, 'clients.registered'),
    followUp: t(lang, 'clients.followUpDue'),
    development: t(lang, 'clients.developmentDue'),
    closed: t(lang, 'clients.closed'),
  };
  return (
    <table data-testid="clients" className="stack">
      <thead>
        <tr>
          {Object.values(col).map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.clientId}>
            <td data-label={col.id}>
              <Link href={`/clients/${encodeURIComponent(c.clientId)}`}>{c.clientId}</Link>
            </td>
            <td data-label={col.tier}>{c.tier ?? '—'}</td>
            <td data-label={col.owner}>{c.ownerId === null ? t(lang, 'clients.pool') : <PersonName staffId={c.ownerId} names={names} />}</td>
            <td data-label={col.name}>{c.contact?.name ?? '—'}</td>
            <td data-label={col.phone}>{c.contact?.phone ?? '—'}</td>
            <td data-label={col.registered} className={c.registeredAt === null ? 'empty' : undefined}>{formatInstant(c.registeredAt, lang)}</td>
            <td data-label={col.followUp} className={c.followUpDue === null ? 'empty' : undefined}>{formatInstant(c.followUpDue, lang)}</td>
            <td data-label={col.development} className={c.developmentDue === null ? 'empty' : undefined}>{formatInstant(c.developmentDue, lang)}</td>
            <td data-label={col.closed} className={c.closedAt === null ? 'empty' : undefined}>{formatInstant(c.closedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
