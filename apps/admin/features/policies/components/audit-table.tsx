/** A version's audit trail as a table: who did what, when, with the content hashes. */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { MESSAGES, t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import type { AuditRecord } from '../audit';
import { codeLabel, displayNote } from '../../shared/labels';

const short = (hash: string | null): string => (hash === null ? '—' : hash.replace('sha256:', '').slice(0, 10));

/** The audit trail: who did what to which version, when, with the content hashes before and after. */
export function AuditTable({ entries, lang, showVersion, names }: { entries: readonly AuditRecord[]; lang: Lang; showVersion: boolean; names?: ReadonlyMap<string, string> }) {
  if (entries.length === 0) return <p className="muted">{t(lang, 'policies.none')}</p>;
  return (
    <table data-testid="audit-table">
      <thead>
        <tr>
          <th>{t(lang, 'policies.auditWhen')}</th>
          <th>{t(lang, 'policies.auditWho')}</th>
          <th>{t(lang, 'policies.auditWhat')}</th>
          {showVersion && <th>{t(lang, 'policies.version')}</th>}
          <th>{t(lang, 'policies.auditHashes')}</th>
          <th>{t(lang, 'policies.auditNote')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const key = `action.${e.action}`;
          return (
            <tr key={e.id} data-action={e.action}>
              <td>{formatInstant(e.at.toISOString(), lang)}</td>
              <td>
                {names?.get(e.actor) ?? (e.actor === 'system' ? codeLabel('system', lang) : e.actor)}
                {names?.get(e.actor) !== undefined && <span className="small-id">{e.actor}</span>}
              </td>
              <td>
                {key in MESSAGES ? t(lang, key as MessageKey) : e.action}
                {e.fromStatus !== null && e.toStatus !== null && e.fromStatus !== e.toStatus && (
                  <span className="muted small">
                    {' '}
                    ({codeLabel(e.fromStatus, lang)} → {codeLabel(e.toStatus, lang)})
                  </span>
                )}
              </td>
              {showVersion && (
                <td>
                  <Link href={`/policies/${e.policyId}/${e.version}`}>{e.version}</Link>
                </td>
              )}
              <td className="hash">
                {short(e.beforeHash)} → {short(e.afterHash)}
              </td>
              <td>{e.note === null ? '' : displayNote(e.note, lang, formatInstant)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
