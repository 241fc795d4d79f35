/**
 * The access log as a table: when, who, which client and what was read (ids only: the log holds no
 * personal data).
 */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import { codeLabel } from '../../shared/labels';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { AccessLogEntry } from '../log';

/** Entries of the access log: when, who, which client, what (ids only: the log holds no personal data). */
export function AccessLogTable({ rows, names, lang }: { rows: readonly AccessLogEntry[]; names?: ReadonlyMap<string, string>; lang: Lang }) {
  if (rows.length === 0) return <p className="muted">{t(lang, 'clients.log.none')}</p>;
  return (
    <table data-testid="access-log">
      <thead>
        <tr>
          <th>#</th>
          <th>{t(lang, 'clients.log.at')}</th>
          <th>{t(lang, 'clients.log.actor')}</th>
          <th>{t(lang, 'clients.log.client')}</th>
          <th>{t(lang, 'clients.log.action')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.id}>
            <td>{e.id}</td>
            <td>{formatInstant(e.at, lang)}</td>
            <td>
              {names?.get(e.actor) === undefined ? (
                e.actor
              ) : (
                <>
                  {names.get(e.actor)}
                  <span className="small-id">{e.actor}</span>
                </>
              )}
            </td>
            <td>
              {e.clientId !== null ? (
                <Link href={`/clients/${encodeURIComponent(e.clientId)}`}>{e.clientId}</Link>
              ) : e.clientIds !== null && e.clientIds.length > 0 ? (
                <details>
                  <summary>{t(lang, 'clients.log.manyClients', { n: e.clientIds.length })}</summary>
                  {e.clientIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <Link href={`/clients/${encodeURIComponent(id)}`}>{id}</Link>
                    </span>
                  ))}
                </details>
              ) : (
                '—'
              )}
            </td>
            <td data-action={e.action}>{codeLabel(e.action, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
