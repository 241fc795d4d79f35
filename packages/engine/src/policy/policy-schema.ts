import { COMBINE_MODES, STAFF_ROLES, TIERS } from './policy-types.js';
import type { LateForm } from './policy-types.js';
import { conditionDefinitions } from './condition-schema.js';
import { annotate, closedObject, integer, localized, ref, text } from './schema-builders.js';
import type { Annotation, JsonSchemaNode } from './schema-builders.js';

/** Kebab-case policy id, e.g. "sales-resource". */
export const POLICY_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
/** Semantic version 2.0.0 (semver.org's recommended expression, without capture groups). */
export const SEMVER_PATTERN =
  '^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)' +
  '(?:-(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?' +
  '(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$';
/** Rule id of a mismatch-ladder rung ("M1", "M2", ...); "M4" is taken, checked semantically. */
export const LADDER_RULE_ID_PATTERN = '^M[0-9]+$';

// Upper bounds keep calendar arithmetic and money far from overflow and catch typos (a ban of
// 70000 days); they are generous enough for any real policy.
const MAX_FINE_FEN = 10_000_000; // 100,000 元 per occurrence
const MAX_BAN_DAYS = 3650;
const MAX_MONTHS = 120;
const MAX_PAUSES = 100;

const field = (title: string, zh: string, description?: string): Annotation =>
  description === undefined ? { title, zh } : { title, zh, description };
const ann = (title: string, zh: string, description?: string): JsonSchemaNode => annotate(field(title, zh, description));

const pause = integer({ ...field('Pause', '暂停分配次数', 'Allocations the member is skipped for.'), minimum: 0, maximum: MAX_PAUSES, unit: 'count' });
const banDays = integer({ ...field('Ban (days)', '停止分配天数', 'Calendar days without allocation, from the decision.'), minimum: 0, maximum: MAX_BAN_DAYS, unit: 'days' });
const hotlineBanMonths = integer({
  ...field('Hotline ban (months)', '禁排 400/离线宝接听月数', 'Calendar months off the hotline roster.'),
  minimum: 0,
  maximum: MAX_MONTHS,
  unit: 'months',
});
/** The appeal window (both formats): calendar days after a sanction in which it may be appealed. */
export const appealWindowDays = integer({
  ...field('Appeal window (days)', '申诉期限(天)', 'Calendar days after a sanction in which the member may appeal it; default 7.'),
  minimum: 1,
  maximum: 366,
  unit: 'days',
});
const fineFen = integer({ ...field('Fine (fen)', '罚款金额', 'Integer fen; 100 fen = 1 元. 0 = no fine.'), minimum: 0, maximum: MAX_FINE_FEN, unit: 'fen' });

// Shared by every rule and rung, so they live in `definitions` (a much smaller schema file).
const title = ref('title');
const clause = ref('clause');
const clauseSchema = closedObject(
  field('Clause', '制度条款', 'Where in the seed policy text the rule comes from.'),
  {
    section: text(field('Section', '条款编号', 'Section reference as printed in the seed.'), 200),
    quote: text(field('Quote', '原文', 'The seed sentence(s) the rule encodes, verbatim.'), 2000),
  },
  ['section', 'quote'],
);
const combine = { type: 'string', ...ann('Combine', '多级合并方式', '"highest": only the last rung that holds applies; "all": every rung that holds.'), enum: [...COMBINE_MODES] };

/** A rule object: `enabled`, `title`, `clause` and the rule's own fields, all required. */
function rule(a: Annotation, own: Record<string, JsonSchemaNode> = {}): JsonSchemaNode {
  const base = { enabled: { type: 'boolean', ...ann('Enabled', '启用') }, title, clause };
  return closedObject(a, { ...base, ...own }, [...Object.keys(base), ...Object.keys(own)]);
}

const ladderThen = closedObject(
  field('Sanction', '处罚', 'What the rung imposes; absent or 0 means none.'),
  { pause, banDays, hotlineBanMonths },
  [],
);
const followUpThen = closedObject(field('Sanction', '处罚', 'What a missed follow-up imposes; absent or 0 means none.'), { pause, banDays, fineFen }, []);

const tierRung = closedObject(
  field('Tier rung', '客户类型档位', 'The first rung whose condition holds gives the tier. Facts: expectedDealFen, channel.'),
  { tier: { type: 'string', ...ann('Tier', '客户类型'), enum: [...TIERS] }, when: ref('condition') },
  ['tier', 'when'],
);

const mismatchRung = closedObject(
  field('Mismatch rung', '不匹配处罚档位', 'Evaluated when a calendar month closes. Facts: mismatches, windowMonths.'),
  {
    rule: { type: 'string', ...ann('Rule id', '规则编号', 'The rule id decisions cite, e.g. "M2".'), pattern: LADDER_RULE_ID_PATTERN },
    title,
    clause,
    windowMonths: integer({ ...field('Window (months)', '统计月数', 'Calendar months ending with the month that closes.'), minimum: 1, maximum: 24, unit: 'months' }),
    when: ref('condition'),
    then: ladderThen,
  },
  ['rule', 'title', 'clause', 'windowMonths', 'when', 'then'],
);

const violationRung = closedObject(
  field('Violation rung', '违规处罚档位', 'Facts: violations (the count including this one).'),
  { when: ref('condition'), then: ladderThen },
  ['when', 'then'],
);

const lateForm = (form: LateForm): JsonSchemaNode => ({
  type: 'string',
  ...ann('Form', '表单', 'The form whose late entry this rule fines.'),
  const: form,
});
const lateFine = (a: Annotation, form: LateForm): JsonSchemaNode => rule(a, { form: lateForm(form), fineFen });

const rules = closedObject(
  field('Rules', '规则', 'Every rule of the policy, by its stable id.'),
  {
    T1: rule(field('T1 tiering', 'T1 客户分级', 'Tier by expected deal amount.'), {
      rungs: { type: 'array', ...ann('Rungs', '档位'), maxItems: TIERS.length, items: tierRung },
      otherwise: { type: 'string', ...ann('Otherwise', '其余类型', 'Tier given when no rung holds.'), enum: [...TIERS] },
    }),
    M: rule(field('M1–M3 mismatch ladder', 'M1–M3 判定不匹配处罚', "A receptionist's confirmed tier mismatches, counted per calendar month."), {
      combine,
      rungs: { type: 'array', ...ann('Rungs', '档位', 'From the mildest to the most severe.'), minItems: 1, maxItems: 20, items: mismatchRung },
    }),
    M4: rule(field('M4 re-application', 'M4 资源重新申请', 'An approved re-application form owes the rep replacement clients.'), {
      replacements: integer({ ...field('Replacements', '补发客户数'), minimum: 0, maximum: 10, unit: 'count' }),
    }),
    F1: lateFine(field('F1 ABCD table late', 'F1 ABCD 客户统筹管理表未按时录入'), 'abcd_table'),
    F2: lateFine(field('F2 visit register late', 'F2 来访登记未按时录入'), 'visit_register'),
    V1: rule(field('V1 violation ladder', 'V1 违规停止分配'), {
      combine,
      rungs: { type: 'array', ...ann('Rungs', '档位'), minItems: 1, maxItems: 20, items: violationRung },
      lookbackMonths: integer({
        ...field('Look-back (months)', '追溯月数', 'Count violations only this many calendar months back; null = all time.'),
        minimum: 1,
        maximum: MAX_MONTHS,
        unit: 'months',
        nullable: true,
      }),
      seriousTerminationReview: { type: 'boolean', ...ann('Serious → termination review', '严重违规转离职审核') },
    }),
    D1: rule(field('D1 direct allocation follow-up', 'D1 直接分配跟进'), {
      windowMinutes: integer({ ...field('Window (minutes)', '跟进时限'), minimum: 1, maximum: 7 * 24 * 60, unit: 'minutes' }),
      when: ref('condition'),
      then: followUpThen,
    }),
    D2: rule(field('D2 duplicate leads', 'D2 重复资源去重')),
    R1: rule(field('R1 registration window', 'R1 新客户登记时限'), {
      windowHours: integer({ ...field('Window (hours)', '登记时限'), minimum: 1, maximum: 366 * 24, unit: 'hours' }),
    }),
    R2: rule(field('R2 development window', 'R2 开发时限'), {
      windowMonths: integer({ ...field('Window (months)', '开发时限'), minimum: 1, maximum: MAX_MONTHS, unit: 'months' }),
    }),
    R3: rule(field('R3 inactivity reclaim', 'R3 无销售动作收回'), {
      windowMonths: integer({ ...field('Window (months)', '无动作时限'), minimum: 1, maximum: MAX_MONTHS, unit: 'months' }),
      autoReclaim: { type: 'boolean', ...ann('Auto-reclaim', '自动收回') },
    }),
    R4: rule(field('R4 unapproved swap', 'R4 私自调换客户')),
    R5: rule(field('R5 unreported client', 'R5 未汇报的自开发客户')),
    P1: rule(field('P1 allocation', 'P1 资源分配原则'), {
      strategy: { type: 'string', ...ann('Strategy', '分配方式'), const: 'round_robin' },
      roles: {
        type: 'array',
        ...ann('Roles', '参与分配的岗位'),
        minItems: 1,
        maxItems: STAFF_ROLES.length,
        uniqueItems: true,
        items: { type: 'string', enum: [...STAFF_ROLES] },
      },
      capOwned: integer({ ...field('Cap on owned clients', '持有客户上限', 'null = no cap.'), minimum: 1, maximum: 1_000_000, unit: 'count', nullable: true }),
      matchLevel: { type: 'boolean', ...ann('Match level', '按级别匹配') },
    }),
    L1: rule(field('L1 departure hand-over', 'L1 离职交接')),
  },
  ['T1', 'M', 'M4', 'F1', 'F2', 'V1', 'D1', 'D2', 'R1', 'R2', 'R3', 'R4', 'R5', 'P1', 'L1'],
);

/**
 * The JSON Schema (draft-07) of a policy file, matching the `Policy` type. It is the single source
 * for ajv (`validatePolicy`), the admin form and Monaco (via `policies/schema/policy.schema.json`).
 * Annotations: `x-zh` (Chinese label), `x-unit` (fen | minutes | hours | months | days | count).
 */
export const policySchema: JsonSchemaNode = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  ...closedObject(
    field('allot policy', '分配与纪律制度', 'A company policy for client-resource allocation and staff discipline.'),
    {
      $schema: { type: 'string', ...ann('Schema', 'JSON Schema 路径'), maxLength: 500 },
      id: { type: 'string', ...ann('Id', '制度编号', 'Kebab-case, e.g. "sales-resource".'), maxLength: 64, pattern: POLICY_ID_PATTERN },
      version: { type: 'string', ...ann('Version', '版本号', 'Semantic version, e.g. "1.0.0".'), maxLength: 64, pattern: SEMVER_PATTERN },
      name: localized(field('Name', '名称')),
      description: localized(field('Description', '说明'), 2000),
      timezone: text(field('Time zone', '时区', 'IANA zone in which calendar days and months are taken, e.g. "Asia/Shanghai".'), 64),
      source: text(field('Source', '来源', 'The seed text the clauses quote.'), 500),
      options: closedObject(
        field('Options', '选项'),
        {
          banStack: {
            type: 'boolean',
            ...ann('Stack bans', '停止分配顺延', 'A ban imposed while another runs starts when the last one ends (true) or runs side by side (false).'),
          },
          appealWindowDays,
        },
        ['banStack'],
      ),
      rules,
    },
    ['id', 'version', 'name', 'timezone', 'options', 'rules'],
  ),
  definitions: { title: localized(field('Title', '标题')), clause: clauseSchema, ...conditionDefinitions },
};
