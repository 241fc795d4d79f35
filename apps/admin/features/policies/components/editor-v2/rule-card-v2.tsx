'use client';

/**
 * One rule in the format-2 editor, with its consequences; fines typed in 元, stored in integer fen.
 */
import { OCCURRENCE_EVENTS, STAFF_ROLES } from '@allot/engine';
import type { Localized } from '../../../shared/i18n/lang';
import { useT } from '../../../shared/components/lang-context';
import { RULE_TYPE_NAMES, STAFF_ROLE_LABELS } from '../../../shared/policy-labels';
import { FACT_LABELS, policyText } from '../../policy-text';
import { factsFor, fenToYuanText, yuanTextToFen } from '../../rule-forms';
import { ConditionBuilder } from './condition-builder';
import { ptr, useDoc } from './doc-context';
import { Check, FieldProblems, IntInput, read, Select, TextInput } from './fields';

const L = (zh: string, en: string): Localized => ({ zh, en });

const EVENT_LABELS: Record<string, Localized> = {
  'staff.incident': L('违纪事件（staff.incident）', 'Conduct incident (staff.incident)'),
  'entry.late': L('表单未按时录入（entry.late）', 'Late form entry (entry.late)'),
  violation: L('违反规章制度（violation）', 'Violation (violation)'),
  'tier.mismatch': L('客户类型判定不匹配（tier.mismatch）', 'Tier mismatch (tier.mismatch)'),
};

/** A fine in 元: typed as 元, stored as integer fen. */
export function MoneyInput({ tokens, label, unit = '元' }: { tokens: readonly (string | number)[]; label: Localized; unit?: string }) {
  return <TextInput tokens={tokens} label={label} width={120} unit={unit} toValue={(t) => (t.trim() === '' ? undefined : yuanTextToFen(t))} fromValue={fenToYuanText} />;
}

/** What a rule or rung imposes. */
export function ConsequencesEditor({ tokens }: { tokens: readonly (string | number)[] }) {
  const { codes } = useDoc();
  const t = useT();
  const pointer = ptr(tokens);
  return (
    <fieldset className="consequences" data-pointer-container={pointer}>
      <legend className="small">{t('v2.consequences')}</legend>
      <FieldProblems pointer={pointer} />
      <MoneyInput tokens={[...tokens, 'fineFen']} label={L('罚款（每次）', 'Fine (each time)')} unit="元/次" />
      <Select tokens={[...tokens, 'fineReason']} label={L('罚款原因', 'Fine reason')} options={codes.fineReasons.map((c) => ({ value: c.code, label: c.label }))} allowEmpty={L('（无）', '(none)')} />
      <IntInput tokens={[...tokens, 'pause']} label={L('暂停分配', 'Skip allocations')} unit={t('v2.times')} />
      <IntInput tokens={[...tokens, 'banDays']} label={L('停止分配', 'Stop allocations')} unit={t('v2.days')} />
      <IntInput tokens={[...tokens, 'hotlineBanMonths']} label={L('不安排 400/离线宝接听', 'Off the hotline')} unit={t('v2.months')} />
      <Check tokens={[...tokens, 'terminationReview']} label={L('转离职审核（由人决定）', 'Termination review (a person decides)')} absentWhenOff />
    </fieldset>
  );
}

/** Rungs of a ladder or tier table: add, remove, move. */
function Rungs({ tokens, render, fresh }: { tokens: readonly (string | number)[]; render: (i: number) => React.ReactNode; fresh: () => unknown }) {
  const { doc, set } = useDoc();
  const t = useT();
  const rungs = read(doc, tokens);
  const list = Array.isArray(rungs) ? rungs : [];
  const move = (i: number, d: number): void => {
    const copy = [...list];
    const [x] = copy.splice(i, 1);
    copy.splice(i + d, 0, x);
    set(tokens, copy);
  };
  return (
    <div data-pointer-container={ptr(tokens)}>
      <FieldProblems pointer={ptr(tokens)} />
      {list.map((_, i) => (
        <div key={i} className="rung" data-pointer-container={ptr([...tokens, i])}>
          <div className="rung-head">
            <strong>{t('v2.rung', { n: i + 1 })}</strong>
            <FieldProblems pointer={ptr([...tokens, i])} />
            <span className="spacer" />
            <button type="button" className="small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('v2.up')}>
              ↑
            </button>
            <button type="button" className="small" disabled={i === list.length - 1} onClick={() => move(i, 1)} aria-label={t('v2.down')}>
              ↓
            </button>
            <button type="button" className="small danger" onClick={() => set(tokens, list.filter((__, j) => j !== i))}>
              {t('v2.removeRung')}
            </button>
          </div>
          {render(i)}
        </div>
      ))}
      <button type="button" className="small" onClick={() => set(tokens, [...list, fresh()])} data-testid="add-rung">
        + {t('v2.addRung')}
      </button>
    </div>
  );
}

/** The fields of one rule, by its type. */
function TypeFields({ i, rule }: { i: number; rule: Record<string, unknown> }) {
  const { codes, lang } = useDoc();
  const t = useT();
  const base = ['rules', i] as const;
  const countFact = typeof rule['countFact'] === 'string' ? rule['countFact'] : undefined;
  switch (rule['type']) {
    case 'per_occurrence':
      return (
        <>
          <Select tokens={[...base, 'on']} label={L('事件类型', 'Event')} options={OCCURRENCE_EVENTS.map((e) => ({ value: e, label: EVENT_LABELS[e] ?? L(e, e) }))} />
          {rule['on'] === 'tier.mismatch' && <Select tokens={[...base, 'subject']} label={L('处理对象', 'Who it applies to')} options={['receptionistId', 'repId'].map((v) => ({ value: v, label: FACT_LABELS[v] ?? L(v, v) }))} allowEmpty={L('员工（staffId）', 'staffId')} />}
          <ConditionBuilder tokens={[...base, 'when']} facts={factsFor(rule, 'when')} label={L('条件（满足时才处罚）', 'Condition (sanctioned only when it holds)')} optional />
          <ConsequencesEditor tokens={[...base, 'then']} />
        </>
      );
    case 'count_ladder':
      return (
        <>
          <Select tokens={[...base, 'counts', 'on']} label={L('统计的事件', 'Counted event')} options={OCCURRENCE_EVENTS.map((e) => ({ value: e, label: EVENT_LABELS[e] ?? L(e, e) }))} />
          <ConditionBuilder tokens={[...base, 'counts', 'when']} facts={factsFor(rule, 'counts')} label={L('只统计满足条件的事件', 'Count only events where')} optional />
          <Select tokens={[...base, 'evaluate']} label={L('判定时点', 'When judged')} options={[{ value: 'month_close', label: L('每月结束时（按统计月数）', 'At each month close (over a window)') }, { value: 'each_event', label: L('每次发生时（累计）', 'At each event (running count)') }]} />
          {rule['evaluate'] === 'each_event' && <IntInput tokens={[...base, 'lookbackMonths']} label={L('只统计最近几个月（留空 = 全部）', 'Only the last months (empty = all time)')} unit={t('v2.months')} />}
          <Select tokens={[...base, 'combine']} label={L('多档同时满足时', 'When several rungs hold')} options={[{ value: 'highest', label: L('只按最高一档', 'Highest rung only') }, { value: 'all', label: L('各档都处理', 'Every rung that holds') }]} />
          <Rungs
            tokens={[...base, 'rungs']}
            fresh={() => ({ ...(rule['evaluate'] === 'month_close' ? { windowMonths: 1 } : {}), when: { all: [{ fact: 'count', operator: 'greaterThanInclusive', value: 1 }] }, then: { pause: 1 } })}
            render={(r) => (
              <>
                <TextInput tokens={[...base, 'rungs', r, 'id']} label={L('档位编号（可选）', 'Rung id (optional)')} width={90} toValue={(v) => (v.trim() === '' ? undefined : v.trim())} />
                {rule['evaluate'] === 'month_close' && <IntInput tokens={[...base, 'rungs', r, 'windowMonths']} label={L('统计月数', 'Window')} unit={t('v2.months')} />}
                <ConditionBuilder tokens={[...base, 'rungs', r, 'when']} facts={factsFor(rule, 'rung')} {...(countFact === undefined ? {} : { countFact })} label={L('达到', 'When')} />
                <ConsequencesEditor tokens={[...base, 'rungs', r, 'then']} />
              </>
            )}
          />
        </>
      );
    case 'deadline':
      return (
        <>
          <Select tokens={[...base, 'start']} label={L('起算事件', 'Started by')} options={[{ value: 'direct_allocation', label: L('直接分配客户', 'A direct allocation') }, { value: 'registration', label: L('客户登记（开发期限）', 'A registration (development window)') }, { value: 'hand_out', label: L('分配给销售（无动作收回）', 'A hand-out (inactivity)') }]} />
          <IntInput tokens={[...base, 'within', 'amount']} label={L('时限', 'Within')} />
          <Select tokens={[...base, 'within', 'unit']} label={L('时限单位', 'Unit')} options={[{ value: 'minutes', label: L('分钟', 'minutes') }, { value: 'hours', label: L('小时', 'hours') }, { value: 'days', label: L('天', 'days') }, { value: 'months', label: L('个月', 'months') }]} />
          <Select tokens={[...base, 'within', 'time']} label={L('计时方式', 'Time counted')} options={[{ value: 'natural', label: L('自然时间', 'Natural time') }, { value: 'working', label: L('工作时间（按工作日历）', 'Working time (business calendar)') }]} allowEmpty={L('自然时间（默认）', 'Natural time (default)')} />
          {rule['start'] === 'direct_allocation' && (
            <>
              <ConditionBuilder tokens={[...base, 'when']} facts={factsFor(rule, 'when')} label={L('到时满足此条件即处罚（默认：未联系或未反馈）', 'Sanctioned when, at the deadline (default: not contacted or not reported)')} optional />
              <ConsequencesEditor tokens={[...base, 'then']} />
            </>
          )}
          {rule['start'] === 'hand_out' && <Check tokens={[...base, 'autoReclaim']} label={L('到期自动收回到公海', 'Reclaim automatically')} />}
        </>
      );
    case 'tiering':
      return (
        <>
          <Rungs
            tokens={[...base, 'rungs']}
            fresh={() => ({ tier: codes.tiers[codes.tiers.length - 1]?.code ?? 'A', when: { all: [{ fact: 'expectedDealFen', operator: 'greaterThanInclusive', value: 0 }] } })}
            render={(r) => (
              <>
                <Select tokens={[...base, 'rungs', r, 'tier']} label={L('客户类型', 'Tier')} options={codes.tiers.map((c) => ({ value: c.code, label: L(`${c.code} · ${c.label.zh}`, `${c.code} · ${c.label.en}`) }))} />
                <ConditionBuilder tokens={[...base, 'rungs', r, 'when']} facts={factsFor(rule, 'rung')} label={L('满足', 'When')} />
              </>
            )}
          />
          <Select tokens={[...base, 'otherwise']} label={L('其余客户类型', 'Any other client')} options={codes.tiers.map((c) => ({ value: c.code, label: L(`${c.code} · ${c.label.zh}`, `${c.code} · ${c.label.en}`) }))} />
        </>
      );
    case 'allocation':
      return (
        <>
          <RolePicker tokens={[...base, 'roles']} />
          <IntInput tokens={[...base, 'capOwned']} label={L('每人持有客户上限（留空 = 不限）', 'Cap on owned clients (empty = none)')} emptyAs={null} />
          <Check tokens={[...base, 'matchLevel']} label={L('只分给级别与客户类型相同的人', 'Match staff level to client tier')} />
        </>
      );
    case 'ownership':
      return (
        <>
          <p className="small muted">
            {L('内置机制：', 'Built-in: ')[lang]}
            {String(rule['mechanism'])}
          </p>
          {rule['mechanism'] === 'registration' && <IntInput tokens={[...base, 'withinHours']} label={L('登记时限', 'Register within')} unit={t('v2.hours')} />}
          {rule['mechanism'] === 'replacement' && <IntInput tokens={[...base, 'replacements']} label={L('每次补发客户数', 'Replacement clients')} />}
        </>
      );
    default:
      return null;
  }
}

function RolePicker({ tokens }: { tokens: readonly (string | number)[] }) {
  const { doc, set, lang } = useDoc();
  const value = read(doc, tokens);
  const roles = Array.isArray(value) ? (value as string[]) : [];
  return (
    <div className="v2-field">
      <span>{L('参与轮流分配的岗位', 'Roles in the rotation')[lang]}</span>
      <span className="row">
        {STAFF_ROLES.map((r) => (
          <label key={r}>
            <input type="checkbox" data-pointer={ptr(tokens)} checked={roles.includes(r)} onChange={(e) => set(tokens, e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} /> {(STAFF_ROLE_LABELS[r] ?? L(r, r))[lang]}
          </label>
        ))}
      </span>
      <FieldProblems pointer={ptr(tokens)} />
    </div>
  );
}

/** One rule of a format-2 policy: its sentence, id, title, clause and its type's fields; move, remove. */
export function RuleCardV2({ i, count, onMove, onRemove }: { i: number; count: number; onMove: (d: number) => void; onRemove: () => void }) {
  const { doc, lang, problemsAt, set } = useDoc();
  const t = useT();
  const rules = read(doc, ['rules']);
  const rule = (Array.isArray(rules) ? rules[i] : undefined) as Record<string, unknown> | undefined;
  if (rule === undefined) return null;
  const pointer = ptr(['rules', i]);
  const sentence = sentenceOf(doc, i);
  const own = problemsAt(pointer);
  const clause = rule['clause'] as { quote?: string } | undefined;
  return (
    <section className="card rule-v2" id={`rule-${String(rule['id'])}`} data-pointer-container={pointer} data-rule={String(rule['id'])} data-type={String(rule['type'])}>
      <div className="rung-head">
        <h3 style={{ margin: 0 }}>
          {String(rule['id'])} {(rule['title'] as Localized | undefined)?.[lang]}
        </h3>
        <span className="badge">{(RULE_TYPE_NAMES[String(rule['type'])] ?? L(String(rule['type']), String(rule['type'])))[lang]}</span>
        <span className="spacer" />
        <button type="button" className="small" disabled={i === 0} onClick={() => onMove(-1)} aria-label={t('v2.up')} title={t('v2.up')}>
          ↑
        </button>
        <button type="button" className="small" disabled={i === count - 1} onClick={() => onMove(1)} aria-label={t('v2.down')} title={t('v2.down')}>
          ↓
        </button>
        <button type="button" className="small danger" onClick={onRemove} data-testid={`remove-${String(rule['id'])}`}>
          {t('v2.removeRule')}
        </button>
      </div>
      {own.length > 0 && <FieldProblems pointer={pointer} />}
      {sentence !== null && (
        <p className="rule-sentence" data-testid="rule-sentence">
          {sentence.map((s) => s[lang]).join(' ')}
        </p>
      )}
      <div className="rule-card">
        <div>
          <TextInput tokens={['rules', i, 'id']} label={L('规则编号', 'Rule id')} width={100} />
          <TitleInputs i={i} />
          <Check tokens={['rules', i, 'enabled']} label={L('启用', 'Enabled')} />
          <TypeFields i={i} rule={rule} />
        </div>
        <div className="clause">
          {clause === undefined ? (
            <button type="button" className="small" onClick={() => set(['rules', i, 'clause'], { section: t('v2.newClauseSection'), quote: t('v2.newClauseQuote') })}>
              + {t('v2.addClause')}
            </button>
          ) : (
            <>
              <TextInput tokens={['rules', i, 'clause', 'section']} label={L('条款编号', 'Clause')} width={220} />
              <ReadingInput i={i} />
              <details>
                <summary>{t('text.quoteWithDefects')}</summary>
                <blockquote>{clause.quote}</blockquote>
              </details>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function TitleInputs({ i }: { i: number }) {
  const { doc, set } = useDoc();
  const title = read(doc, ['rules', i, 'title']) as { zh?: string; en?: string } | undefined;
  const write = (lang: 'zh' | 'en', v: string): void => {
    const next = { zh: title?.zh ?? '', en: title?.en ?? '', [lang]: v };
    set(['rules', i, 'title'], next.zh === '' && next.en === '' ? undefined : next);
  };
  return (
    <>
      <LocalText tokens={['rules', i, 'title', 'zh']} label={L('名称（中文）', 'Name (Chinese)')} value={title?.zh ?? ''} onChange={(v) => write('zh', v)} />
      <LocalText tokens={['rules', i, 'title', 'en']} label={L('名称（英文）', 'Name (English)')} value={title?.en ?? ''} onChange={(v) => write('en', v)} />
    </>
  );
}

function ReadingInput({ i }: { i: number }) {
  const { doc, set, lang } = useDoc();
  const pointer = ptr(['rules', i, 'clause', 'reading']);
  const value = read(doc, ['rules', i, 'clause', 'reading']);
  const section = read(doc, ['rules', i, 'clause', 'section']);
  return (
    <div className="v2-field">
      <label>
        {L('条款释读（显示给员工）', 'Clause reading (shown to staff)')[lang]}
        <textarea
          data-pointer={pointer}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => {
            const v = e.target.value;
            const clause = (read(doc, ['rules', i, 'clause']) as Record<string, unknown> | undefined) ?? { section: section ?? '', quote: '' };
            const next: Record<string, unknown> = { ...clause, reading: v };
            if (v === '') delete next['reading'];
            set(['rules', i, 'clause'], next);
          }}
        />
      </label>
      <FieldProblems pointer={pointer} />
    </div>
  );
}

function LocalText({ tokens, label, value, onChange }: { tokens: readonly (string | number)[]; label: Localized; value: string; onChange: (v: string) => void }) {
  const { lang } = useDoc();
  const pointer = ptr(tokens);
  return (
    <div className="v2-field">
      <label>
        {label[lang]} <input type="text" data-pointer={pointer} value={value} style={{ width: 260 }} onChange={(e) => onChange(e.target.value)} />
      </label>
      <FieldProblems pointer={pointer} />
    </div>
  );
}

/** The rule's sentence as the policy text says it (when the document reads as a policy). */
function sentenceOf(doc: Record<string, unknown>, i: number): Localized[] | null {
  try {
    const rule = (doc['rules'] as unknown[])[i] as { id?: string };
    const text = policyText(doc as never);
    return text.groups.flatMap((g) => g.rules).find((r) => r.id === rule.id)?.lines ?? null;
  } catch {
    return null;
  }
}
