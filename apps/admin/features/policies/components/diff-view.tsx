import { formatValue } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { RULE_HEADINGS } from '../../shared/policy-labels';
import type { RuleKey } from '../../shared/policy-labels';
import type { DiffRow, PolicyDiff } from '../diff';

/** Props of {@link DiffView}. */
export interface DiffViewProps {
  diff: PolicyDiff;
  lang: Lang;
  leftLabel: string;
  rightLabel: string;
  /** Hide unchanged fields and rules. */
  onlyChanges?: boolean;
}

function Row({ row, lang }: { row: DiffRow; lang: Lang }) {
  const opts = { money: row.money, unit: row.unit };
  return (
    <tr data-pointer={row.pointer} data-kind={row.kind}>
      <td>{row.label[lang]}</td>
      <td className={row.kind === 'removed' ? 'removed' : row.kind === 'changed' ? 'changed' : ''}>{formatValue(row.before, opts, lang)}</td>
      <td className={row.kind === 'added' ? 'added' : row.kind === 'changed' ? 'changed' : ''}>{formatValue(row.after, opts, lang)}</td>
    </tr>
  );
}

/**
 * Two versions side by side, rule by rule: changed numbers highlighted, rules and ladder rungs
 * added or removed called out. Pure: renders on the server and in the browser alike.
 */
export function DiffView({ diff, lang, leftLabel, rightLabel, onlyChanges = false }: DiffViewProps) {
  const general = diff.general.filter((r) => !onlyChanges || r.kind !== 'same');
  return (
    <div data-testid="diff-view">
      <p className={diff.changed === 0 ? 'muted' : ''} data-testid="diff-count">
        {diff.changed === 0 ? t(lang, 'diff.none') : t(lang, 'diff.changed', { n: diff.changed })}
      </p>
      <table className="diff">
        <thead>
          <tr>
            <th style={{ width: '40%' }}>{t(lang, 'diff.field')}</th>
            <th>{leftLabel}</th>
            <th>{rightLabel}</th>
          </tr>
        </thead>
        <tbody>
          {general.length > 0 && (
            <tr className="rule-head">
              <td colSpan={3}>{t(lang, 'diff.general')}</td>
            </tr>
          )}
          {general.map((r) => (
            <Row key={r.pointer} row={r} lang={lang} />
          ))}
          {diff.rules
            .filter((rule) => !onlyChanges || rule.status !== 'same')
            .map((rule) => {
              const heading = RULE_HEADINGS[rule.rule as RuleKey]?.[lang] ?? rule.rule;
              const rows = rule.rows.filter((r) => !onlyChanges || r.kind !== 'same');
              return [
                <tr key={`h-${rule.rule}`} className="rule-head" data-rule={rule.rule} data-status={rule.status}>
                  <td colSpan={3}>
                    {heading}{' '}
                    {rule.status !== 'same' && (
                      <span className="badge submitted">
                        {rule.status === 'added' ? t(lang, 'diff.ruleAdded') : rule.status === 'removed' ? t(lang, 'diff.ruleRemoved') : t(lang, 'diff.ruleChanged')}
                      </span>
                    )}
                    {rule.rungsAdded.length > 0 && <span className="small"> · {t(lang, 'diff.rungsAdded', { list: rule.rungsAdded.map(rungName).join(', ') })}</span>}
                    {rule.rungsRemoved.length > 0 && <span className="small"> · {t(lang, 'diff.rungsRemoved', { list: rule.rungsRemoved.map(rungName).join(', ') })}</span>}
                  </td>
                </tr>,
                ...rows.map((r) => <Row key={r.pointer} row={r} lang={lang} />),
              ];
            })}
        </tbody>
      </table>
    </div>
  );
}

/** Rung keys are rule ids (M ladder) or indexes (shown 1-based). */
function rungName(key: string): string {
  return /^\d+$/.test(key) ? `#${Number(key) + 1}` : key;
}
