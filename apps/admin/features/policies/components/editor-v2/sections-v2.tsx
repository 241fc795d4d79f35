'use client';

/** The format-2 editor's codes and calendar sections. */
import { useEffect, useState } from 'react';
import type { Localized } from '../../../shared/i18n/lang';
import { useT } from '../../../shared/components/lang-context';
import { formatDateList, parseDateList } from '../../rule-forms';
import { ptr, useDoc } from './doc-context';
import { FieldProblems, read } from './fields';

const L = (zh: string, en: string): Localized => ({ zh, en });

const LISTS: Array<{ key: 'tiers' | 'forms' | 'fineReasons' | 'incidents'; label: Localized; hint: Localized }> = [
  { key: 'tiers', label: L('客户类型', 'Tiers'), hint: L('从大客户到小客户排列；分级规则和事件中的类型都取自这里。', 'Ordered from the largest client to the smallest; tiering and events use these.') },
  { key: 'incidents', label: L('违纪事件代码', 'Incident codes'), hint: L('系统发来的 staff.incident 事件只能使用这里声明的代码。', 'staff.incident events may only use the codes declared here.') },
  { key: 'fineReasons', label: L('罚款原因', 'Fine reasons'), hint: L('每项罚款须注明其中一个原因。', 'Every fine names one of these.') },
  { key: 'forms', label: L('录入表单', 'Late-entry forms'), hint: L('entry.late 事件中的表单。', 'Forms of entry.late events.') },
];

/** The codes: tiers, incident codes, fine reasons and forms, each with its zh/en label. */
export function CodesSection() {
  const { doc, set, lang } = useDoc();
  const t = useT();
  return (
    <section className="card" id="codes" data-pointer-container="/codes">
      <h3>{t('v2.codes')}</h3>
      <FieldProblems pointer="/codes" />
      <div className="codes-grid">
        {LISTS.map(({ key, label, hint }) => {
          const tokens = ['codes', key] as const;
          const value = read(doc, tokens);
          const list = Array.isArray(value) ? (value as Array<{ code: string; label: { zh: string; en: string } }>) : [];
          const write = (next: unknown[]): void => set(tokens, next);
          return (
            <div key={key} className="code-list" data-pointer-container={ptr(tokens)} data-testid={`codes-${key}`}>
              <h4>{label[lang]}</h4>
              <p className="muted small">{hint[lang]}</p>
              <FieldProblems pointer={ptr(tokens)} />
              <table>
                <thead>
                  <tr>
                    <th>{t('v2.code')}</th>
                    <th>{t('v2.labelZh')}</th>
                    <th>{t('v2.labelEn')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((c, i) => {
                    const row = [...tokens, i];
                    const upd = (field: 'code' | 'zh' | 'en', v: string): void =>
                      write(list.map((x, j) => (j !== i ? x : field === 'code' ? { ...x, code: v } : { ...x, label: { ...x.label, [field]: v } })));
                    return (
                      <tr key={i} data-pointer-container={ptr(row)}>
                        <td>
                          <input type="text" aria-label={t('v2.code')} data-pointer={ptr([...row, 'code'])} value={c.code} style={{ width: 120 }} onChange={(e) => upd('code', e.target.value)} />
                          <FieldProblems pointer={ptr([...row, 'code'])} />
                          <FieldProblems pointer={ptr(row)} />
                        </td>
                        <td>
                          <input type="text" aria-label={t('v2.labelZh')} data-pointer={ptr([...row, 'label', 'zh'])} value={c.label?.zh ?? ''} onChange={(e) => upd('zh', e.target.value)} />
                          <FieldProblems pointer={ptr([...row, 'label', 'zh'])} />
                        </td>
                        <td>
                          <input type="text" aria-label={t('v2.labelEn')} data-pointer={ptr([...row, 'label', 'en'])} value={c.label?.en ?? ''} onChange={(e) => upd('en', e.target.value)} />
                          <FieldProblems pointer={ptr([...row, 'label', 'en'])} />
                        </td>
                        <td className="row" style={{ flexWrap: 'nowrap' }}>
                          {key === 'tiers' && (
                            <>
                              <button type="button" className="small" disabled={i === 0} aria-label={t('v2.up')} onClick={() => write(swap(list, i, i - 1))}>
                                ↑
                              </button>
                              <button type="button" className="small" disabled={i === list.length - 1} aria-label={t('v2.down')} onClick={() => write(swap(list, i, i + 1))}>
                                ↓
                              </button>
                            </>
                          )}
                          <button type="button" className="small danger" aria-label={t('v2.remove')} onClick={() => write(list.filter((_, j) => j !== i))}>
                            ✕
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <button type="button" className="small" data-testid={`add-code-${key}`} onClick={() => write([...list, { code: '', label: { zh: '', en: '' } }])}>
                + {t('v2.addCode')}
              </button>
            </div>
          );
        })}
      </div>
    </section>
  );
}

function swap<T>(list: T[], i: number, j: number): T[] {
  const copy = [...list];
  const a = copy[i] as T;
  copy[i] = copy[j] as T;
  copy[j] = a;
  return copy;
}

const WEEKDAYS: Localized[] = [L('周一', 'Mon'), L('周二', 'Tue'), L('周三', 'Wed'), L('周四', 'Thu'), L('周五', 'Fri'), L('周六', 'Sat'), L('周日', 'Sun')];

/** A textarea of dates (pasted lists welcome): one a line, ranges as "2026-10-01~2026-10-08". */
function DateList({ tokens, label, ranges }: { tokens: readonly (string | number)[]; label: Localized; ranges: boolean }) {
  const { doc, set, lang } = useDoc();
  const t = useT();
  const value = read(doc, tokens);
  const shown = formatDateList(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText((cur) => (JSON.stringify(parseDateList(cur)) === JSON.stringify(value ?? []) ? cur : shown)), [shown]);
  const pointer = ptr(tokens);
  return (
    <div className="v2-field date-list" data-pointer-container={pointer}>
      <label>
        {label[lang]}
        <textarea
          data-pointer={pointer}
          rows={5}
          value={text}
          placeholder={ranges ? '2026-10-01~2026-10-08\n2027-01-01' : '2026-09-27\n2026-10-10'}
          onChange={(e) => {
            setText(e.target.value);
            const items = parseDateList(e.target.value);
            set(tokens, ranges ? items : items.map((d) => (typeof d === 'string' ? d : `${d.from}~${d.to}`)));
          }}
        />
      </label>
      <span className="muted small">{t('v2.pasteDates')}</span>
      <FieldProblems pointer={pointer} />
      {Array.isArray(value) &&
        value.map((_, i) => (
          <span key={i}>
            <FieldProblems pointer={`${pointer}/${i}`} />
            <FieldProblems pointer={`${pointer}/${i}/from`} />
            <FieldProblems pointer={`${pointer}/${i}/to`} />
          </span>
        ))}
    </div>
  );
}

/** The business calendar: working days, hours, holidays and make-up days (调休). */
export function CalendarSection() {
  const { doc, set, lang } = useDoc();
  const t = useT();
  const cal = read(doc, ['calendar']) as { workingDays?: number[]; hours?: Array<{ from: string; to: string }> } | undefined;
  return (
    <section className="card" id="calendar" data-pointer-container="/calendar">
      <h3>{t('v2.calendar')}</h3>
      <p className="muted small">{t('v2.calendarHint')}</p>
      <FieldProblems pointer="/calendar" />
      {cal === undefined ? (
        <button type="button" data-testid="add-calendar" onClick={() => set(['calendar'], { workingDays: [1, 2, 3, 4, 5], hours: [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '18:00' }], holidays: [], makeUpDays: [] })}>
          + {t('v2.addCalendar')}
        </button>
      ) : (
        <>
          <div className="v2-field" data-pointer-container="/calendar/workingDays">
            <span>{t('v2.workingDays')}</span>
            <span className="row">
              {WEEKDAYS.map((d, i) => {
                const day = i + 1;
                const days = cal.workingDays ?? [];
                return (
                  <label key={day}>
                    <input type="checkbox" data-pointer="/calendar/workingDays" checked={days.includes(day)} onChange={(e) => set(['calendar', 'workingDays'], e.target.checked ? [...days, day].sort() : days.filter((x) => x !== day))} /> {d[lang]}
                  </label>
                );
              })}
            </span>
            <FieldProblems pointer="/calendar/workingDays" />
          </div>
          <div className="v2-field" data-pointer-container="/calendar/hours">
            <span>{t('v2.hours')}</span>
            <span>
              {(cal.hours ?? []).map((span, i) => (
                <span key={i} className="row" style={{ marginBottom: 4 }}>
                  <input type="time" aria-label={t('v2.from')} data-pointer={`/calendar/hours/${i}/from`} value={span.from} onChange={(e) => set(['calendar', 'hours', i, 'from'], e.target.value)} />
                  –
                  <input type="time" aria-label={t('v2.to')} data-pointer={`/calendar/hours/${i}/to`} value={span.to} onChange={(e) => set(['calendar', 'hours', i, 'to'], e.target.value)} />
                  <button type="button" className="small" aria-label={t('v2.remove')} onClick={() => set(['calendar', 'hours'], (cal.hours ?? []).filter((_, j) => j !== i))}>
                    ✕
                  </button>
                  <FieldProblems pointer={`/calendar/hours/${i}/from`} />
                  <FieldProblems pointer={`/calendar/hours/${i}/to`} />
                  <FieldProblems pointer={`/calendar/hours/${i}`} />
                </span>
              ))}
              <button type="button" className="small" onClick={() => set(['calendar', 'hours'], [...(cal.hours ?? []), { from: '19:00', to: '21:00' }])}>
                + {t('v2.addSpan')}
              </button>
            </span>
            <FieldProblems pointer="/calendar/hours" />
          </div>
          <div className="two-col">
            <DateList tokens={['calendar', 'holidays']} label={L('节假日（日期或日期范围）', 'Holidays (dates or ranges)')} ranges />
            <DateList tokens={['calendar', 'makeUpDays']} label={L('调休上班日', 'Make-up working days')} ranges={false} />
          </div>
          <button type="button" className="small danger" onClick={() => set(['calendar'], undefined)}>
            {t('v2.removeCalendar')}
          </button>
        </>
      )}
    </section>
  );
}
