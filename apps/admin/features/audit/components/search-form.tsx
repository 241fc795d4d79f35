/** The audit explorer's filters as a form (values as typed, from the query string). */
import Link from 'next/link';
import { DECISION_KINDS } from '@allot/engine';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { kindLabel } from './format';

/** The explorer's filters as typed (strings from the query string). */
export type SearchValues = Partial<Record<'staffId' | 'clientId' | 'kind' | 'rule' | 'from' | 'to' | 'policy' | 'order', string>>;

/** Shows a period bound in a date input: a day as typed, an instant as its day in China time (`to` is exclusive there). */
function dayOf(value: string | undefined, end: boolean): string {
  if (value === undefined || value === '') return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return '';
  // 8 hours ahead of UTC is the company's day; an exclusive end shows the day before it.
  return new Date(at + 8 * 3_600_000 - (end ? 1 : 0)).toISOString().slice(0, 10);
}

/** The search form: a plain GET form, so every search is a link an auditor can keep. */
export function SearchForm({ values, choices, lang, names }: { values: SearchValues; choices: { rules: string[]; policies: string[]; staff: string[] }; lang: Lang; names?: ReadonlyMap<string, string | null> }) {
  return (
    <form method="get" action="/audit" className="card" data-testid="audit-search">
      <div className="row">
        <label>
          {t(lang, 'audit.staff')}{' '}
          <input name="staffId" defaultValue={values.staffId ?? ''} list="audit-staff" size={12} placeholder={t(lang, 'audit.staffHint')} data-testid="filter-staff" />
        </label>
        <datalist id="audit-staff">
          {choices.staff.map((s) => (
            <option key={s} value={s} label={names?.get(s) ?? undefined} />
          ))}
          {choices.staff.map((s) => {
            const name = names?.get(s);
            return name === undefined || name === null || name === '' ? null : <option key={`n:${s}`} value={name} label={s} />;
          })}
        </datalist>
        <label>
          {t(lang, 'audit.client')} <input name="clientId" defaultValue={values.clientId ?? ''} size={10} data-testid="filter-client" />
        </label>
        <label>
          {t(lang, 'audit.kind')}{' '}
          <select name="kind" defaultValue={values.kind ?? ''} data-testid="filter-kind">
            <option value="">{t(lang, 'audit.any')}</option>
            {DECISION_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k, lang)} ({k})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'audit.rule')}{' '}
          <select name="rule" defaultValue={values.rule ?? ''} data-testid="filter-rule">
            <option value="">{t(lang, 'audit.any')}</option>
            {choices.rules.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row" style={{ marginTop: 8 }}>
        <label>
          {t(lang, 'audit.from')} <input type="date" name="from" defaultValue={dayOf(values.from, false)} data-testid="filter-from" />
        </label>
        <label>
          {t(lang, 'audit.to')} <input type="date" name="to" defaultValue={dayOf(values.to, true)} data-testid="filter-to" />
        </label>
        <label>
          {t(lang, 'audit.policy')}{' '}
          <select name="policy" defaultValue={values.policy ?? ''} data-testid="filter-policy">
            <option value="">{t(lang, 'audit.any')}</option>
            {choices.policies.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'audit.order')}{' '}
          <select name="order" defaultValue={values.order === 'asc' ? 'asc' : 'desc'}>
            <option value="desc">{t(lang, 'audit.newest')}</option>
            <option value="asc">{t(lang, 'audit.oldest')}</option>
          </select>
        </label>
        <span className="spacer" />
        <Link href="/audit">{t(lang, 'audit.reset')}</Link>
        <button type="submit" className="primary" data-testid="audit-search-submit">
          {t(lang, 'audit.search')}
        </button>
      </div>
    </form>
  );
}
