import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { ClientDecision } from '../read';

/** A client's recorded decisions with their explanations; each opens in the audit explorer. */
export function ClientDecisions({ decisions, more, lang }: { decisions: readonly ClientDecision[]; more: boolean; lang: Lang }) {
  if (decisions.length === 0) return <p className="muted">{t(lang, 'clients.decisionsNone')}</p>;
  return (
    <>
      <table data-testid="client-decisions">
        <thead>
          <tr>
            <th>{t(lang, 'clients.when')}</th>
            <th>{t(lang, 'clients.kind')}</th>
            <th>{t(lang, 'clients.rule')}</th>
            <th>{t(lang, 'clients.staff')}</th>
            <th>{t(lang, 'clients.version')}</th>
            <th>{t(lang, 'clients.explain')}</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id}>
              <td>
                <Link href={`/audit/decisions/${encodeURIComponent(d.id)}`}>{formatInstant(d.at, lang)}</Link>
              </td>
              <td>{d.kind}</td>
              <td>{d.rule}</td>
              <td>{d.staffId ?? '—'}</td>
              <td>{d.policyVersion}</td>
              <td>{d.explain[lang]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && <p className="muted small">{t(lang, 'clients.decisionsMore', { n: decisions.length })}</p>}
    </>
  );
}
