import { conditionDefinitions } from './condition-schema.js';
import { COMBINE_MODES, STAFF_ROLES } from './policy-types.js';
import { POLICY_ID_PATTERN, SEMVER_PATTERN, appealWindowDays, policySchema } from './policy-schema.js';
import { CODE_PATTERN, OCCURRENCE_EVENTS, OWNERSHIP_MECHANISMS, RULE_ID_PATTERN, RULE_TYPES } from './policy-v2-types.js';
import { annotate, closedObject, integer, localized, ref, text } from './schema-builders.js';
import type { Annotation, JsonSchemaNode } from './schema-builders.js';

/**
 * The JSON Schema (draft-07) of policy format 2 (SPEC §6), matching `PolicyV2`. A rule is
 * dispatched on its `type` (`if`/`then`), so an unknown type reads as one error on `type` and a
 * rule's unknown field as one error on that field. `policyFileSchema` accepts either format.
 */

const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const TIME_PATTERN = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';

const f = (title: string, zh: string, description?: string): Annotation => (description === undefined ? { title, zh } : { title, zh, description });
const ann = (title: string, zh: string, description?: string): JsonSchemaNode => annotate(f(title, zh, description));
const str = (a: Annotation, extra: JsonSchemaNode): JsonSchemaNode => ({ type: 'string', ...annotate(a), ...extra });
const bool = (title: string, zh: string, description?: string): JsonSchemaNode => ({ type: 'boolean', ...ann(title, zh, description) });
const array = (a: Annotation, items: JsonSchemaNode, max: number, extra: JsonSchemaNode = {}): JsonSchemaNode => ({ type: 'array', ...annotate(a), maxItems: max, items, ...extra });

const code = (title: string, zh: string): JsonSchemaNode => str(f(title, zh), { pattern: CODE_PATTERN });
const ruleId = str(f('Rule id', '规则编号', 'Chosen by the author: an upper-case letter, then upper-case letters, digits or _ (at most 16).'), { pattern: RULE_ID_PATTERN });

const consequences = closedObject(
  f('Consequences', '处理结果', 'What the rule imposes; absent or 0 means none.'),
  {
    pause: integer({ ...f('Pause', '暂停分配次数'), minimum: 0, maximum: 100, unit: 'count' }),
    banDays: integer({ ...f('Ban (days)', '停止分配天数'), minimum: 0, maximum: 3650, unit: 'days' }),
    hotlineBanMonths: integer({ ...f('Hotline ban (months)', '禁排 400/离线宝接听月数'), minimum: 0, maximum: 120, unit: 'months' }),
    fineFen: integer({ ...f('Fine (fen)', '罚款金额', 'Integer fen; 100 fen = 1 元.'), minimum: 0, maximum: 10_000_000, unit: 'fen' }),
    fineReason: code('Fine reason', '罚款原因'),
    terminationReview: bool('Termination review', '转离职审核'),
  },
  [],
);

const duration = closedObject(
  f('Duration', '时长', 'Natural time by default; "working" counts only the business calendar\'s working hours.'),
  {
    amount: integer({ ...f('Amount', '数量'), minimum: 1, maximum: 1_000_000 }),
    unit: str(f('Unit', '单位'), { enum: ['minutes', 'hours', 'days', 'months'] }),
    time: str(f('Time', '计时方式'), { enum: ['natural', 'working'] }),
  },
  ['amount', 'unit'],
);

/** A format-2 clause: the seed's verbatim quote (defects and all) and an optional clean reading. */
const clauseV2 = closedObject(
  f('Clause', '制度条款', 'Where in the policy text the rule comes from.'),
  {
    section: text(f('Section', '条款编号', 'Section reference as printed in the source.'), 200),
    quote: text(f('Quote', '原文', 'The source sentence(s) the rule encodes, verbatim, defects included.'), 2000),
    reading: text(f('Reading', '条款释读', 'The clause as a clean Chinese sentence, shown by default; the quote stays as the source text.'), 2000),
  },
  ['section', 'quote'],
);

const common = { id: ref('ruleId'), enabled: bool('Enabled', '启用'), title: ref('title'), clause: ref('clauseV2') };
const rule = (type: string, a: Annotation, own: Record<string, JsonSchemaNode>, required: string[]): JsonSchemaNode =>
  closedObject(a, { ...common, type: { const: type }, ...own }, ['id', 'type', 'enabled', ...required]);

const occurrenceEvent = str(f('Event type', '事件类型'), { enum: [...OCCURRENCE_EVENTS] });
const subject = str(f('Subject field', '对象字段', 'The event field naming the staff member (default staffId).'), { enum: ['staffId', 'receptionistId', 'repId'] });
const combine = str(f('Combine', '多级合并方式'), { enum: [...COMBINE_MODES] });

const RULES: Record<string, JsonSchemaNode> = {
  tiering: rule('tiering', f('Tiering', '客户分级', 'Ordered decision table; facts: expectedDealFen, channel.'), {
    rungs: array(f('Rungs', '档位'), closedObject(f('Tier rung', '分级档位'), { tier: code('Tier', '客户类型'), when: ref('condition') }, ['tier', 'when']), 50),
    otherwise: code('Otherwise', '其余类型'),
  }, ['rungs', 'otherwise']),
  per_occurrence: rule('per_occurrence', f('Per occurrence', '按次处理', 'On each matching event → consequences. Facts: the event\'s fields.'), {
    on: occurrenceEvent,
    subject,
    when: ref('condition'),
    then: ref('consequences'),
  }, ['on', 'then']),
  count_ladder: rule('count_ladder', f('Count ladder', '累计阶梯', 'Counts a member\'s matching events; rungs on the count. Facts: count (and countFact).'), {
    counts: closedObject(f('Counts', '计数对象'), { on: occurrenceEvent, subject, when: ref('condition') }, ['on']),
    evaluate: str(f('Evaluate', '判定时点'), { enum: ['month_close', 'each_event'] }),
    lookbackMonths: integer({ ...f('Look-back (months)', '追溯月数'), minimum: 1, maximum: 120, unit: 'months', nullable: true }),
    lookbackDays: integer({ ...f('Look-back (days)', '追溯天数'), minimum: 1, maximum: 3660, unit: 'days' }),
    countFact: str(f('Count fact', '计数事实名'), { pattern: '^[a-z][A-Za-z0-9]{0,31}$' }),
    combine,
    escape: closedObject(f('Escape', '例外', 'A matching event is not counted and has these consequences instead.'), { when: ref('condition'), then: ref('consequences') }, ['when', 'then']),
    rungs: array(
      f('Rungs', '档位', 'From the mildest to the most severe.'),
      closedObject(f('Rung', '档位'), { id: ref('ruleId'), title: ref('title'), clause: ref('clauseV2'), windowMonths: integer({ ...f('Window (months)', '统计月数'), minimum: 1, maximum: 24, unit: 'months' }), when: ref('condition'), then: ref('consequences') }, ['when', 'then']),
      20,
      { minItems: 1 },
    ),
  }, ['counts', 'evaluate', 'combine', 'rungs']),
  deadline: rule('deadline', f('Deadline', '时限', 'Started by a matching event, satisfied within a duration; a miss has consequences or a notice.'), {
    start: str(f('Started by', '起算事件'), { enum: ['direct_allocation', 'registration', 'hand_out'] }),
    within: ref('duration'),
    when: ref('condition'),
    then: ref('consequences'),
    autoReclaim: bool('Auto-reclaim', '自动收回'),
  }, ['start', 'within']),
  allocation: rule('allocation', f('Allocation', '资源分配'), {
    strategy: { const: 'round_robin' },
    roles: array(f('Roles', '参与分配的岗位'), str(f('Role', '岗位'), { enum: [...STAFF_ROLES] }), STAFF_ROLES.length, { minItems: 1, uniqueItems: true }),
    capOwned: integer({ ...f('Cap on owned clients', '持有客户上限'), minimum: 1, maximum: 1_000_000, unit: 'count', nullable: true }),
    matchLevel: bool('Match level', '按级别匹配'),
  }, ['strategy', 'roles', 'capOwned', 'matchLevel']),
  ownership: rule('ownership', f('Ownership built-in', '归属内置规则'), {
    mechanism: str(f('Mechanism', '机制'), { enum: Object.keys(OWNERSHIP_MECHANISMS) }),
    withinHours: integer({ ...f('Within (hours)', '登记时限'), minimum: 1, maximum: 366 * 24, unit: 'hours' }),
    replacements: integer({ ...f('Replacements', '补发客户数'), minimum: 0, maximum: 10, unit: 'count' }),
  }, ['mechanism']),
};

const ruleSchema: JsonSchemaNode = {
  type: 'object',
  ...ann('Rule', '规则', 'A rule of one type of the catalogue.'),
  required: ['type'],
  properties: { type: str(f('Type', '规则类型'), { enum: [...RULE_TYPES] }) },
  allOf: Object.entries(RULES).map(([type, then]) => ({ if: { properties: { type: { const: type } }, required: ['type'] }, then })),
};

const codeList = (a: Annotation, min: number): JsonSchemaNode =>
  array(a, closedObject(f('Code', '代码'), { code: code('Code', '代码'), label: localized(f('Label', '名称')) }, ['code', 'label']), 100, { minItems: min });

const calendar = closedObject(
  f('Business calendar', '工作日历', 'Working time in the policy\'s time zone, used by every "working" duration.'),
  {
    workingDays: array(f('Working days', '工作日', '1 = Monday … 7 = Sunday.'), { type: 'integer', minimum: 1, maximum: 7 }, 7, { uniqueItems: true }),
    hours: array(f('Working hours', '工作时段'), closedObject(f('Span', '时段'), { from: str(f('From', '开始'), { pattern: TIME_PATTERN }), to: str(f('To', '结束'), { pattern: TIME_PATTERN }) }, ['from', 'to']), 10, { minItems: 1 }),
    holidays: array(
      f('Holidays', '节假日', 'Dates, or inclusive ranges of dates.'),
      { anyOf: [str(f('Date', '日期'), { pattern: DATE_PATTERN }), closedObject(f('Range', '日期范围'), { from: str(f('From', '开始'), { pattern: DATE_PATTERN }), to: str(f('To', '结束'), { pattern: DATE_PATTERN }) }, ['from', 'to'])] },
      1000,
    ),
    makeUpDays: array(f('Make-up working days', '调休上班日'), str(f('Date', '日期'), { pattern: DATE_PATTERN }), 1000),
  },
  ['workingDays', 'hours', 'holidays', 'makeUpDays'],
);

const v2Body = closedObject(
  f('allot policy (format 2)', '分配与纪律制度（格式 2）', 'An open policy: codes, a business calendar and an ordered list of rules.'),
  {
    $schema: { type: 'string', ...ann('Schema', 'JSON Schema 路径'), maxLength: 500 },
    format: { const: 2, ...ann('Format', '格式版本') },
    id: { type: 'string', ...ann('Id', '制度编号'), maxLength: 64, pattern: POLICY_ID_PATTERN },
    version: { type: 'string', ...ann('Version', '版本号'), maxLength: 64, pattern: SEMVER_PATTERN },
    name: localized(f('Name', '名称')),
    description: localized(f('Description', '说明'), 2000),
    timezone: text(f('Time zone', '时区'), 64),
    source: text(f('Source', '来源'), 500),
    options: closedObject(f('Options', '选项'), { banStack: bool('Stack bans', '停止分配顺延'), appealWindowDays }, ['banStack']),
    codes: closedObject(
      f('Codes', '代码表'),
      {
        tiers: codeList(f('Tiers', '客户类型', 'Ordered from the largest client to the smallest.'), 1),
        forms: codeList(f('Late-entry forms', '录入表单'), 0),
        fineReasons: codeList(f('Fine reasons', '罚款原因'), 0),
        incidents: codeList(f('Incident codes', '违纪事件代码'), 0),
      },
      ['tiers', 'forms', 'fineReasons', 'incidents'],
    ),
    calendar,
    rules: array(f('Rules', '规则', 'In order; ids unique.'), ref('rule'), 200),
  },
  ['format', 'id', 'version', 'name', 'timezone', 'options', 'codes', 'rules'],
);

const v1Definitions = policySchema.definitions as Record<string, JsonSchemaNode>;
const v2Definitions: Record<string, JsonSchemaNode> = { ruleId, clauseV2, consequences, duration, rule: ruleSchema };

/** The JSON Schema of a format-2 policy file. */
export const policySchemaV2: JsonSchemaNode = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  ...v2Body,
  definitions: { title: v1Definitions['title'], clause: v1Definitions['clause'], ...conditionDefinitions, ...v2Definitions },
};

const { $schema: _v1Schema, definitions: _v1Defs, ...v1Body } = policySchema;

/** Either format: a file with `"format": 2` is format 2, any other is format 1 (what `policies/schema/policy.schema.json` holds). */
export const policyFileSchema: JsonSchemaNode = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'allot policy',
  if: { type: 'object', required: ['format'] },
  then: { $ref: '#/definitions/policyV2' },
  else: { $ref: '#/definitions/policyV1' },
  definitions: { ...v1Definitions, ...v2Definitions, policyV1: v1Body, policyV2: v2Body },
};
