/**
 * A client's recorded decisions with their explanations; auditors open each in the audit explorer.
 */
import Link from 'next/link';
import { PersonName } from '../../shared/components/person-name';
import type { Names } from '../../shared/describe';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { kindLabel } from '../../shared/labels';
import type { ClientDecision } from '../read';

/** A client's recorded decisions with their explanations (kinds as labels, staff by name); auditors open each in the audit explorer. */
export function ClientDecisions({ decisions, more, names, auditLinks, lang }: { decisions: readonly ClientDecision[]; more: boolean; names: Names; auditLinks: boolean; lang: Lang }) {
  if (decisions.length === 0) return <p className="muted">{t(lang, 'clients.decisionsNone')}</p>;
  const col = { when: t(lang, 'clients.when'), kind: t(lang, 'clients.kind'), rule: t(lang, 'clients.rule'), staff: t(lang, 'clients.staff'), version: t(lang, 'clients.version'), explain: t(lang, 'clients.explain') };
  return (
    <>
      <table data-testid="client-decisions" className="stack">
        <thead>
          <tr>
            {Object.values(col).map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id} data-kind={d.kind}>
              <td data-label={col.when}>{auditLinks ? <Link href={`/audit/decisions/${encodeURIComponent(d.id)}`}>{formatInstant(d.at, lang)}</Link> : formatInstant(d.at, lang)}</td>
              <td data-label={col.kind}>{kindLabel(d.kind, lang)}</td>
              <td data-label={col.rule}>{d.rule}</td>
              <td data-label={col.staff}>
                <PersonName staffId={d.staffId} names={names} />
              </td>
              <td data-label={col.version}>{d.policyVersion}</td>
              <td data-label={col.explain}>{d.explain[lang]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && <p className="muted small">{t(lang, 'clients.decisionsMore', { n: decisions.length })}</p>}
    </>
  );
}
