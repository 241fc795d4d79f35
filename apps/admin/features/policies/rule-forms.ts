import { ALLOCATION_MODES, CHANNELS, OWNERSHIP_MECHANISMS, SEVERITIES, eventFacts as engineEventFacts } from '@allot/engine';
import type { PolicyCodes, RuleType, RuleV2 } from '@allot/engine';
import type { Localized } from '../shared/i18n/lang';
import { fenToYuan, parseYuan } from '../shared/money';

/**
 * The format-2 editor's form model and its mapping to and from the policy JSON. A rule's form is
 * its JSON with what a person types in words instead: every fine (`fineFen`, integer fen) as a
 * 元 text (`fineYuan`), every condition as rows of field · operator · value (money thresholds in
 * 元). `ruleFromForm(ruleToForm(r))` is `r` for every rule of every type (unit-tested); a
 * condition the rows cannot show (nested groups, a fact path, a value naming another fact) keeps
 * its JSON and is edited in the JSON view.
 */

/** What kind of value a fact holds, which decides the value picker. */
export type ValueKind = 'money' | 'number' | 'boolean' | 'text' | 'list';

/** One comparison of a condition as the builder shows it. */
export interface ConditionRow {
  fact: string;
  operator: string;
  /** The value as typed: 元 for money, digits for numbers, "true"/"false", text, or a comma list. */
  value: string;
  kind: ValueKind;
}

/** A condition as rows joined by all (且) or any (或); `raw` keeps a condition the rows cannot show. */
export type ConditionForm = { mode: 'all' | 'any'; rows: ConditionRow[] } | { mode: 'raw'; json: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Facts holding counts (a number picker). */
const NUMBER_FACTS = new Set(['count', 'mismatches', 'violations', 'windowMonths']);
const BOOLEAN_FACTS = new Set(['contacted', 'reported']);

/** The kind of value of a fact (a ladder's own `countFact` counts too). */
export function factKind(fact: string, countFact?: string): ValueKind {
  if (fact === 'expectedDealFen') return 'money';
  if (NUMBER_FACTS.has(fact) || fact === countFact) return 'number';
  if (BOOLEAN_FACTS.has(fact)) return 'boolean';
  return 'text';
}

const LIST_OPERATORS = new Set(['in', 'notIn']);

function rowOf(leaf: Record<string, unknown>, countFact?: string): ConditionRow | null {
  const keys = Object.keys(leaf).sort().join(',');
  if (keys !== 'fact,operator,value') return null;
  const { fact, operator, value } = leaf;
  if (typeof fact !== 'string' || typeof operator !== 'string') return null;
  const kind = LIST_OPERATORS.has(operator) ? 'list' : factKind(fact, countFact);
  if (kind === 'list') {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
    return { fact, operator, value: value.join(', '), kind };
  }
  // A money or count value still being typed ("20.", "三") is kept as text, so the rows stay rows.
  if (kind === 'money') return typeof value === 'number' && Number.isSafeInteger(value) ? { fact, operator, value: fenToYuan(value), kind } : typeof value === 'string' && parseYuan(value).ok === false ? { fact, operator, value, kind } : null;
  if (kind === 'number') return typeof value === 'number' ? { fact, operator, value: String(value), kind } : typeof value === 'string' && !/^-?\d+(\.\d+)?$/.test(value.trim()) ? { fact, operator, value, kind } : null;
  if (kind === 'boolean') return typeof value === 'boolean' ? { fact, operator, value: String(value), kind } : null;
  return typeof value === 'string' ? { fact, operator, value, kind } : null;
}

/** A condition's JSON as builder rows (or `raw` when the rows cannot show it exactly). */
export function conditionToForm(condition: unknown, countFact?: string): ConditionForm {
  if (isObject(condition)) {
    const keys = Object.keys(condition);
    const mode = keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any') ? keys[0] : null;
    const list = mode === null ? null : condition[mode];
    if (mode !== null && Array.isArray(list) && list.length > 0) {
      const rows = list.map((leaf) => (isObject(leaf) ? rowOf(leaf, countFact) : null));
      if (rows.every((r): r is ConditionRow => r !== null)) return { mode, rows };
    }
  }
  return { mode: 'raw', json: condition };
}

/** A typed value as JSON: 元 → integer fen, digits → a number, "true" → true; what does not read stays text (the schema then names it). */
export function rowValue(row: ConditionRow): unknown {
  switch (row.kind) {
    case 'money': {
      const fen = parseYuan(row.value);
      return fen.ok ? fen.fen : row.value;
    }
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(row.value.trim()) ? Number(row.value.trim()) : row.value;
    case 'boolean':
      return row.value === 'true' ? true : row.value === 'false' ? false : row.value;
    case 'list':
      return row.value
        .split(/[,，、\s]+/)
        .map((v) => v.trim())
        .filter((v) => v !== '');
    case 'text':
      return row.value;
  }
}

/** Builder rows as the condition's JSON. */
export function conditionFromForm(form: ConditionForm): unknown {
  if (form.mode === 'raw') return form.json;
  return { [form.mode]: form.rows.map((r) => ({ fact: r.fact, operator: r.operator, value: rowValue(r) })) };
}

/** Consequences with the fine as 元 text. */
export type ConsequencesForm = Omit<Record<string, unknown>, 'fineFen'> & { fineYuan?: string };

/** A fine or money threshold as typed: 元 text → integer fen, or the text itself when it does not read as 元. */
export function yuanTextToFen(text: string): number | string {
  const fen = parseYuan(text);
  return fen.ok ? fen.fen : text;
}

/** Integer fen as the 元 text the form shows; text still being typed stays as it is. */
export function fenToYuanText(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return fenToYuan(value);
  return typeof value === 'string' ? value : '';
}

export function consequencesToForm(then: unknown): ConsequencesForm {
  if (!isObject(then)) return then as ConsequencesForm;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(then)) {
    if (k === 'fineFen' && ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && !parseYuan(v).ok))) out['fineYuan'] = fenToYuanText(v);
    else out[k] = v;
  }
  return out;
}

export function consequencesFromForm(form: ConsequencesForm): unknown {
  if (!isObject(form)) return form;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) {
    if (k === 'fineYuan' && typeof v === 'string') out['fineFen'] = yuanTextToFen(v);
    else out[k] = v;
  }
  return out;
}

/** The ladder's own name of the count, read where rungs are. */
const countFactOf = (rule: Record<string, unknown>): string | undefined => (typeof rule['countFact'] === 'string' ? rule['countFact'] : undefined);

/** Walks a rule's JSON, mapping every `when` and `then` (rule, rungs, escape, counts). */
function mapRule(rule: unknown, when: (c: unknown, countFact?: string) => unknown, then: (t: unknown) => unknown): unknown {
  if (!isObject(rule)) return rule;
  const countFact = countFactOf(rule);
  const walk = (node: unknown, depth: number): unknown => {
    if (Array.isArray(node)) return node.map((n) => walk(n, depth + 1));
    if (!isObject(node) || depth > 3) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'when') out[k] = when(v, countFact);
      else if (k === 'then') out[k] = then(v);
      else if (k === 'rungs' || k === 'escape' || k === 'counts') out[k] = walk(v, depth + 1);
      else out[k] = v;
    }
    return out;
  };
  return walk(rule, 0);
}

/** A rule as the form shows it. */
export type RuleForm = Record<string, unknown> & { id: string; type: RuleType };

export function ruleToForm(rule: RuleV2 | Record<string, unknown>): RuleForm {
  return mapRule(rule, (c, countFact) => conditionToForm(c, countFact), consequencesToForm) as RuleForm;
}

export function ruleFromForm(form: RuleForm): Record<string, unknown> {
  return mapRule(form, (c) => conditionFromForm(c as ConditionForm), (t) => consequencesFromForm(t as ConsequencesForm)) as Record<string, unknown>;
}

/** The facts a condition at `where` of a rule may read (the documented facts of its type), as the engine checks them. */
export function factsFor(rule: Record<string, unknown>, where: 'when' | 'counts' | 'escape' | 'rung'): string[] {
  // Every event carries id, type and at; nobody writes a rule on them, so the pickers leave them out.
  const eventFacts = (type: string): string[] => engineEventFacts(type).filter((f) => f !== 'id' && f !== 'type' && f !== 'at');
  const type = rule['type'];
  if (type === 'tiering') return ['expectedDealFen', 'channel'];
  if (type === 'deadline') return ['contacted', 'reported', 'mode'];
  if (type === 'per_occurrence') return eventFacts(String(rule['on']));
  if (type === 'count_ladder') {
    const counts = isObject(rule['counts']) ? rule['counts'] : {};
    const fields = eventFacts(String(counts['on']));
    if (where !== 'rung') return fields;
    const cf = countFactOf(rule);
    const counted = ['count', ...(cf === undefined ? [] : [cf])];
    return rule['evaluate'] === 'month_close' ? [...counted, 'windowMonths'] : [...counted, ...fields];
  }
  return [];
}

/** The values a text fact may take, when the policy or the event format lists them. */
export function factChoices(fact: string, codes: PolicyCodes): Array<{ value: string; label: Localized }> | null {
  const fromCodes = (list: PolicyCodes['tiers']) => list.map((c) => ({ value: c.code, label: c.label }));
  if (fact === 'code') return fromCodes(codes.incidents);
  if (fact === 'form') return fromCodes(codes.forms);
  if (fact === 'classifiedTier' || fact === 'actualTier') return fromCodes(codes.tiers);
  if (fact === 'severity') return SEVERITIES.map((v) => ({ value: v, label: v === 'serious' ? { zh: '严重', en: 'serious' } : { zh: '一般', en: 'normal' } }));
  if (fact === 'mode') return ALLOCATION_MODES.map((v) => ({ value: v, label: v === 'direct' ? { zh: '直接分配', en: 'direct' } : { zh: '公海分配', en: 'pool' } }));
  if (fact === 'channel') return CHANNELS.map((v) => ({ value: v, label: { zh: v, en: v } }));
  if (fact === 'contacted' || fact === 'reported') return [{ value: 'true', label: { zh: '是', en: 'yes' } }, { value: 'false', label: { zh: '否', en: 'no' } }];
  return null;
}

/** Operators offered for a kind of value. */
export function operatorsFor(kind: ValueKind): string[] {
  if (kind === 'money' || kind === 'number') return ['greaterThanInclusive', 'greaterThan', 'lessThan', 'lessThanInclusive', 'equal', 'notEqual'];
  if (kind === 'boolean') return ['equal', 'notEqual'];
  return ['equal', 'notEqual', 'in', 'notIn'];
}

/** The catalogue: each rule type a person may add, with what it does in plain words. */
export const CATALOGUE: Array<{ type: RuleType; name: Localized; description: Localized; example: Localized }> = [
  {
    type: 'per_occurrence',
    name: { zh: '按次处罚', en: 'Per occurrence' },
    description: { zh: '每发生一次某类事件（如违纪事件、表单迟录），就对当事人处罚一次：罚款、暂停或停止分配。', en: 'Each time an event of a kind happens (an incident, a late form), the person is sanctioned once: a fine, skipped or stopped allocations.' },
    example: { zh: '例：晨会迟到，每次罚款 30 元。', en: 'E.g. late for the morning meeting: 30 yuan each time.' },
  },
  {
    type: 'count_ladder',
    name: { zh: '累计阶梯', en: 'Count ladder' },
    description: { zh: '统计一个人某类事件的次数，次数越多处罚越重；可按月结算或每次发生时累计。', en: 'Counts a person’s events of a kind; more events, heavier sanctions; judged at each month close or at each event.' },
    example: { zh: '例：一个月内迟到 3 次及以上，暂停分配一次。', en: 'E.g. 3 or more in a month: one allocation skipped.' },
  },
  {
    type: 'deadline',
    name: { zh: '时限', en: 'Deadline' },
    description: { zh: '某件事开始后须在规定时间内完成（可按工作时间计），超时则处罚或提醒。', en: 'Something must be done within a time after it starts (working time if you like); a miss is sanctioned or flagged.' },
    example: { zh: '例：直接分配的客户须在 10 分钟内联系。', en: 'E.g. contact a directly allocated client within 10 minutes.' },
  },
  {
    type: 'tiering',
    name: { zh: '客户分级', en: 'Tiering' },
    description: { zh: '按预计成交金额或来源渠道把客户分成各个类型，从上往下第一个满足的档位生效。', en: 'Puts clients into tiers by expected deal amount or channel; the first rung that holds, from the top, applies.' },
    example: { zh: '例：预计成交 80 万元及以上为 A 类。', en: 'E.g. 800,000 yuan or more: tier A.' },
  },
  {
    type: 'allocation',
    name: { zh: '资源分配', en: 'Allocation' },
    description: { zh: '新客户资源在哪些岗位之间轮流分配（编号固定为 P1）。', en: 'Which roles new leads go round among (its id is P1).' },
    example: { zh: '例：销售员和接听客服轮流分配。', en: 'E.g. reps and receptionists in turn.' },
  },
  {
    type: 'ownership',
    name: { zh: '归属内置规则', en: 'Ownership built-in' },
    description: { zh: '客户归属的内置机制：去重、登记、补发、调换、汇报、离职交接（编号固定）。', en: 'The built-in ownership mechanisms: dedupe, registration, replacement, swaps, reporting, leavers (fixed ids).' },
    example: { zh: '例：新开发客户 24 小时内登记。', en: 'E.g. register a new client within 24 hours.' },
  },
];

/** The next free id with a prefix: F3 after F1, F2. */
export function nextId(prefix: string, taken: readonly string[]): string {
  for (let n = 1; n < 1000; n += 1) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
  return `${prefix}X`;
}

const PREFIX: Record<RuleType, string> = { per_occurrence: 'F', count_ladder: 'L', deadline: 'D', tiering: 'T', allocation: 'P', ownership: 'O' };

/** A new rule of a type, ready to fill in: the first declared codes, a sensible first rung. `null` when the type's fixed ids are all taken. */
export function newRule(type: RuleType, taken: readonly string[], codes: PolicyCodes): Record<string, unknown> | null {
  const reason = codes.fineReasons[0]?.code;
  const incident = codes.incidents[0]?.code;
  const base = { id: nextId(PREFIX[type], taken), type, enabled: true, title: { zh: '', en: '' } };
  switch (type) {
    case 'per_occurrence':
      return { ...base, on: 'staff.incident', when: { all: [{ fact: 'code', operator: 'equal', value: incident ?? '' }] }, then: { fineFen: 0, ...(reason === undefined ? {} : { fineReason: reason }) } };
    case 'count_ladder':
      return { ...base, counts: { on: 'staff.incident', ...(incident === undefined ? {} : { when: { all: [{ fact: 'code', operator: 'equal', value: incident }] } }) }, evaluate: 'month_close', combine: 'highest', rungs: [{ windowMonths: 1, when: { all: [{ fact: 'count', operator: 'greaterThanInclusive', value: 3 }] }, then: { pause: 1 } }] };
    case 'deadline':
      return { ...base, start: 'direct_allocation', within: { amount: 10, unit: 'minutes' }, then: { pause: 1 } };
    case 'tiering':
      return { ...base, rungs: [{ tier: codes.tiers[0]?.code ?? 'A', when: { all: [{ fact: 'expectedDealFen', operator: 'greaterThanInclusive', value: 0 }] } }], otherwise: codes.tiers[codes.tiers.length - 1]?.code ?? 'D' };
    case 'allocation':
      return taken.includes('P1') ? null : { ...base, id: 'P1', strategy: 'round_robin', roles: ['rep'], capOwned: null, matchLevel: false };
    case 'ownership': {
      const free = Object.entries(OWNERSHIP_MECHANISMS).find(([, id]) => !taken.includes(id));
      return free === undefined ? null : { ...base, id: free[1], mechanism: free[0] };
    }
  }
}

/** Reads a pasted list of dates: one per line or separated by commas or spaces; a range as "2026-10-01~2026-10-08" (also "..", "至", "到", "–"). */
export function parseDateList(text: string): Array<string | { from: string; to: string }> {
  const out: Array<string | { from: string; to: string }> = [];
  const norm = text.replace(/\s*(~|～|\.\.|至|到|–|—)\s*/g, '~');
  for (const token of norm.split(/[\s,，;；、]+/)) {
    const t = token.trim();
    if (t === '') continue;
    const range = /^(.+)~(.+)$/.exec(t);
    if (range !== null) out.push({ from: toDate(range[1] ?? ''), to: toDate(range[2] ?? '') });
    else out.push(toDate(t));
  }
  return out;
}

/** "2026/10/1", "2026.10.01", "2026年10月1日" → "2026-10-01"; anything else unchanged (the schema names it). */
function toDate(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  return m === null ? s.trim() : `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/** A list of dates as the text the editor shows (one a line). */
export function formatDateList(list: unknown): string {
  if (!Array.isArray(list)) return '';
  return list.map((d) => (isObject(d) ? `${String(d['from'])}~${String(d['to'])}` : String(d))).join('\n');
}
