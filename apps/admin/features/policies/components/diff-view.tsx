/** Two versions compared rule by rule, as a table. */
import { formatValue } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { RULE_HEADINGS, RULE_TYPE_NAMES } from '../../shared/policy-labels';
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
  const structural = diff.rules.flatMap((rule) => (rule.status === 'added' || rule.status === 'removed' || rule.status === 'retyped' ? [{ kind: rule.status, rule }] : []));
  return (
    <div data-testid="diff-view">
      <p className={diff.changed === 0 ? 'muted' : ''} data-testid="diff-count">
        {diff.changed === 0 ? t(lang, 'diff.none') : t(lang, 'diff.changed', { n: diff.changed })}
      </p>
      {structural.length > 0 && (
        <div className="notice warn" data-testid="diff-structural">
          <strong>{t(lang, 'diff.structural')}</strong>
          <ul>
            {structural.map((s) => (
              <li key={`${s.kind}-${s.rule.rule}`} data-rule={s.rule.rule} data-kind={s.kind}>
                {t(lang, s.kind === 'added' ? 'diff.structAdded' : s.kind === 'removed' ? 'diff.structRemoved' : 'diff.structRetyped', {
                  rule: `${s.rule.rule}${s.rule.title === undefined ? '' : ` ${s.rule.title[lang]}`}`,
                  type: typeName(s.rule.types?.after ?? s.rule.types?.before, lang),
                  before: typeName(s.rule.types?.before, lang),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
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
              const heading = RULE_HEADINGS[rule.rule as RuleKey]?.[lang] ?? `${rule.rule}${rule.title === undefined ? '' : ` ${rule.title[lang]}`}`;
              const rows = rule.rows.filter((r) => !onlyChanges || r.kind !== 'same');
              return [
                <tr key={`h-${rule.rule}`} className="rule-head" data-rule={rule.rule} data-status={rule.status}>
                  <td colSpan={3}>
                    {heading}{' '}
                    {rule.status !== 'same' && (
                      <span className="badge submitted">
                        {rule.status === 'added' ? t(lang, 'diff.ruleAdded') : rule.status === 'removed' ? t(lang, 'diff.ruleRemoved') : rule.status === 'retyped' ? t(lang, 'diff.ruleRetyped') : t(lang, 'diff.ruleChanged')}
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

/** A rule type's name in the UI language. */
function typeName(type: string | undefined, lang: Lang): string {
  return type === undefined ? '—' : (RULE_TYPE_NAMES[type]?.[lang] ?? type);
}

/** Rung keys are rule ids (M ladder) or indexes (shown 1-based). */
function rungName(key: string): string {
  return /^\d+$/.test(key) ? `#${Number(key) + 1}` : key;
}
