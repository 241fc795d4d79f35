/** Decisions as the audit explorer lists them, one row each. */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { decisionHref, kindLabel, subjectOf } from './format';

/** A decision row as the explorer lists it. */
export interface DecisionRowView {
  seq: number;
  decision: { id: string; at: string; kind: string; rule: string; policy: { id: string; version: string }; explain: { zh: string; en: string } };
}

/**
 * Decisions as a table: when, kind, rule, who it is about (staff by name when `names` is given), the explanation, the
 * policy version, and a link to the decision in the explorer. `extra` adds a column.
 */
export function DecisionTable({ rows, lang, testId, extra, names }: { rows: readonly DecisionRowView[]; lang: Lang; testId: string; extra?: { title: string; cell: (row: DecisionRowView) => ReactNode }; names?: ReadonlyMap<string, string | null> }) {
  if (rows.length === 0) return <p className="muted" data-testid={`${testId}-empty`}>{t(lang, 'audit.none')}</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>{t(lang, 'audit.when')}</th>
          <th>{t(lang, 'audit.kind')}</th>
          <th>{t(lang, 'audit.rule')}</th>
          <th>{t(lang, 'audit.subject')}</th>
          <th>{t(lang, 'audit.explain')}</th>
          <th>{t(lang, 'audit.version')}</th>
          {extra !== undefined && <th>{extra.title}</th>}
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.seq} data-kind={r.decision.kind} data-decision-id={r.decision.id}>
            <td style={{ whiteSpace: 'nowrap' }}>{formatInstant(r.decision.at, lang)}</td>
            <td>{kindLabel(r.decision.kind, lang)}</td>
            <td>{r.decision.rule}</td>
            <td>{subjectOf(r.decision as unknown as Record<string, unknown>, names)}</td>
            <td>{r.decision.explain[lang]}</td>
            <td>{r.decision.policy.version}</td>
            {extra !== undefined && <td>{extra.cell(r)}</td>}
            <td>
              <Link href={decisionHref(r.decision.id)} data-testid="open-decision">
                {t(lang, 'audit.open')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
