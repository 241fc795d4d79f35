'use client';

/** The format-2 editor's condition builder: rows of field, operator and value. */
import type { Localized } from '../../../shared/i18n/lang';
import { useT } from '../../../shared/components/lang-context';
import { FACT_LABELS } from '../../policy-text';
import { conditionFromForm, conditionToForm, factChoices, factKind, operatorsFor } from '../../rule-forms';
import type { ConditionForm, ConditionRow } from '../../rule-forms';
import { ptr, useDoc } from './doc-context';
import { FieldProblems, read } from './fields';

const OPERATOR_LABELS: Record<string, Localized> = {
  equal: { zh: '等于', en: 'is' },
  notEqual: { zh: '不等于', en: 'is not' },
  greaterThanInclusive: { zh: '≥（及以上）', en: '≥ (or more)' },
  greaterThan: { zh: '>（超过）', en: '> (over)' },
  lessThan: { zh: '<（不足）', en: '< (under)' },
  lessThanInclusive: { zh: '≤（及以下）', en: '≤ (or less)' },
  in: { zh: '属于（逗号分隔）', en: 'is one of (comma list)' },
  notIn: { zh: '不属于（逗号分隔）', en: 'is none of (comma list)' },
};

/**
 * Builds a condition as rows of field · operator · value over the facts the rule type documents
 * (no JSON needed): money in 元, codes picked from the policy's own lists. A condition the rows
 * cannot show is kept and shown as JSON, to be edited in the JSON view.
 */
export function ConditionBuilder({ tokens, facts, countFact, label, optional = false }: { tokens: readonly (string | number)[]; facts: string[]; countFact?: string; label: Localized; optional?: boolean }) {
  const { doc, set, lang, codes } = useDoc();
  const t = useT();
  const value = read(doc, tokens);
  const pointer = ptr(tokens);
  const form: ConditionForm | null = value === undefined ? null : conditionToForm(value, countFact);
  const write = (f: ConditionForm | null): void => set(tokens, f === null ? undefined : conditionFromForm(f));
  const newRow = (fact: string): ConditionRow => {
    const kind = factKind(fact, countFact);
    const choices = factChoices(fact, codes);
    return { fact, operator: kind === 'money' || kind === 'number' ? 'greaterThanInclusive' : 'equal', value: choices?.[0]?.value ?? (kind === 'number' || kind === 'money' ? '0' : ''), kind };
  };
  return (
    <div className="condition" data-pointer-container={pointer}>
      <div className="row">
        <strong className="small">{label[lang]}</strong>
        {form !== null && form.mode !== 'raw' && (
          <select aria-label={t('v2.joinLabel')} value={form.mode} onChange={(e) => write({ ...form, mode: e.target.value as 'all' | 'any' })} data-pointer={pointer}>
            <option value="all">{t('v2.joinAll')}</option>
            <option value="any">{t('v2.joinAny')}</option>
          </select>
        )}
        {form === null && <span className="muted small">{t('v2.noCondition')}</span>}
        {optional && form !== null && (
          <button type="button" className="link-button small" onClick={() => write(null)}>
            {t('v2.removeCondition')}
          </button>
        )}
      </div>
      <FieldProblems pointer={pointer} />
      {form !== null && form.mode === 'raw' && (
        <div>
          <p className="muted small">{t('v2.rawCondition')}</p>
          <pre className="json small">{JSON.stringify(form.json, null, 2)}</pre>
        </div>
      )}
      {form !== null && form.mode !== 'raw' && (
        <table className="condition-rows">
          <tbody>
            {form.rows.map((row, i) => {
              const rowPtr = `${pointer}/${form.mode}/${i}`;
              const choices = factChoices(row.fact, codes);
              const ops = operatorsFor(row.kind === 'list' ? 'text' : row.kind);
              const update = (next: ConditionRow): void => write({ ...form, rows: form.rows.map((r, j) => (j === i ? next : r)) });
              const factOptions = facts.includes(row.fact) ? facts : [row.fact, ...facts];
              return (
                <tr key={i} data-pointer-container={rowPtr}>
                  <td>
                    <select aria-label={t('v2.fact')} data-pointer={`${rowPtr}/fact`} value={row.fact} onChange={(e) => update(newRow(e.target.value))}>
                      {factOptions.map((f) => (
                        <option key={f} value={f}>
                          {(FACT_LABELS[f] ?? { zh: f, en: f })[lang]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={t('v2.operator')}
                      data-pointer={`${rowPtr}/operator`}
                      value={row.operator}
                      onChange={(e) => {
                        const op = e.target.value;
                        const list = op === 'in' || op === 'notIn';
                        update({ ...row, operator: op, kind: list ? 'list' : factKind(row.fact, countFact) });
                      }}
                    >
                      {(ops.includes(row.operator) ? ops : [row.operator, ...ops]).map((o) => (
                        <option key={o} value={o}>
                          {(OPERATOR_LABELS[o] ?? { zh: o, en: o })[lang]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {choices !== null && row.kind !== 'list' ? (
                      <select aria-label={t('v2.value')} data-pointer={`${rowPtr}/value`} value={row.value} onChange={(e) => update({ ...row, value: e.target.value })}>
                        {!choices.some((c) => c.value === row.value) && <option value={row.value}>{row.value === '' ? '—' : row.value}</option>}
                        {choices.map((c) => (
                          <option key={c.value} value={c.value}>
                            {c.label[lang]} ({c.value})
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input aria-label={t('v2.value')} type="text" data-pointer={`${rowPtr}/value`} value={row.value} style={{ width: 140 }} onChange={(e) => update({ ...row, value: e.target.value })} />
                    )}
                    {row.kind === 'money' && <span className="unit"> 元</span>}
                    {row.kind === 'number' && <span className="unit"> {t('v2.times')}</span>}
                    <FieldProblems pointer={`${rowPtr}/value`} />
                    <FieldProblems pointer={`${rowPtr}/fact`} />
                  </td>
                  <td>
                    <button type="button" className="small" aria-label={t('v2.removeRow')} title={t('v2.removeRow')} disabled={form.rows.length === 1 && !optional} onClick={() => write(form.rows.length === 1 ? null : { ...form, rows: form.rows.filter((_, j) => j !== i) })}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {form?.mode !== 'raw' && facts.length > 0 && (
        <button type="button" className="small" onClick={() => write(form === null ? { mode: 'all', rows: [newRow(facts[0] as string)] } : { ...form, rows: [...form.rows, newRow(facts[0] as string)] })}>
          + {t('v2.addRow')}
        </button>
      )}
    </div>
  );
}
