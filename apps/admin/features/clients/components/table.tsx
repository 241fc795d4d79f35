import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { ClientRow } from '../read';

/** The client list: ids, tier, owner, dates and deadlines, and the contact as the server masked it. */
export function ClientTable({ rows, lang }: { rows: readonly ClientRow[]; lang: Lang }) {
  if (rows.length === 0) return <p className="muted">{t(lang, 'clients.none')}</p>;
  return (
    <table data-testid="clients">
      <thead>
        <tr>
          <th>{t(lang, 'clients.search')}</th>
          <th>{t(lang, 'clients.tier')}</th>
          <th>{t(lang, 'clients.owner')}</th>
          <th>{t(lang, 'clients.name')}</th>
          <th>{t(lang, 'clients.phone')}</th>
          <th>{t(lang, 'clients.registered')}</th>
          <th>{t(lang, 'clients.followUpDue')}</th>
          <th>{t(lang, 'clients.developmentDue')}</th>
          <th>{t(lang, 'clients.closed')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.clientId}>
            <td>
              <Link href={`/clients/${encodeURIComponent(c.clientId)}`}>{c.clientId}</Link>
            </td>
            <td>{c.tier ?? '—'}</td>
            <td>{c.ownerId ?? t(lang, 'clients.pool')}</td>
            <td>{c.contact?.name ?? '—'}</td>
            <td>{c.contact?.phone ?? '—'}</td>
            <td>{formatInstant(c.registeredAt, lang)}</td>
            <td>{formatInstant(c.followUpDue, lang)}</td>
            <td>{formatInstant(c.developmentDue, lang)}</td>
            <td>{formatInstant(c.closedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
