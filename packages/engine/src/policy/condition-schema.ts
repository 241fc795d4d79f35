import { annotate, closedObject, integer, ref, text } from './schema-builders.js';
import type { JsonSchemaNode } from './schema-builders.js';

/**
 * JSON Schema definitions for json-rules-engine conditions (`all` / `any` / `not` / a fact
 * comparison). The schema checks structure only; which operators exist and which fact paths are
 * safe is checked by `conditionProblems`, because the operator list belongs to the evaluator.
 */

/** Nodes a condition may nest: keeps the recursive schema and the evaluators clear of deep recursion. */
const MAX_CHILDREN = 100;

/** json-rules-engine's built-in operators, offered as completions in the editor. */
const OPERATOR_EXAMPLES = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
];

const nameField = text({ title: 'Name', description: 'Optional label, shown in explanations.', zh: '名称' }, 200);
const priorityField = integer({
  title: 'Priority',
  description: 'json-rules-engine evaluation priority (higher first).',
  zh: '优先级',
  minimum: 1,
  maximum: 1000,
});

function group(key: 'all' | 'any', title: string, zh: string, description: string): JsonSchemaNode {
  return closedObject(
    { title, description, zh },
    {
      [key]: { type: 'array', ...annotate({ title: `${title} (items)`, zh }), maxItems: MAX_CHILDREN, items: ref('condition') },
      name: nameField,
      priority: priorityField,
    },
    [key],
  );
}

/** The `definitions` the policy schema's `when` fields point at (`#/definitions/condition`). */
export const conditionDefinitions: Record<string, JsonSchemaNode> = {
  // The kind of node is decided by its key, so the editor and ajv report the errors of that kind
  // only (a oneOf would report every branch's errors for one typo).
  condition: {
    type: 'object',
    ...annotate({
      title: 'Condition',
      description:
        'A json-rules-engine condition: { "all": [...] }, { "any": [...] }, { "not": {...} } or { "fact", "operator", "value" }.',
      zh: '条件',
      zhDescription: 'json-rules-engine 条件：all（全部满足）、any（任一满足）、not（不满足）或一个事实比较。',
    }),
    if: { required: ['all'] },
    then: ref('allCondition'),
    else: {
      if: { required: ['any'] },
      then: ref('anyCondition'),
      else: {
        if: { required: ['not'] },
        then: ref('notCondition'),
        else: ref('factCondition'),
      },
    },
  },
  allCondition: group('all', 'All of', '全部满足', 'Holds when every listed condition holds.'),
  anyCondition: group('any', 'Any of', '任一满足', 'Holds when at least one listed condition holds.'),
  notCondition: closedObject(
    { title: 'Not', description: 'Holds when the nested condition does not hold.', zh: '不满足' },
    { not: ref('condition'), name: nameField, priority: priorityField },
    ['not'],
  ),
  factCondition: closedObject(
    {
      title: 'Fact comparison',
      description: 'Compares a fact (optionally narrowed by a path) with a value using an operator.',
      zh: '事实比较',
    },
    {
      fact: text({ title: 'Fact', description: 'Name of the fact the rule provides.', zh: '事实' }, 100),
      operator: {
        ...text({ title: 'Operator', description: 'A json-rules-engine operator.', zh: '运算符' }, 100),
        examples: OPERATOR_EXAMPLES,
      },
      value: annotate({
        title: 'Value',
        description: 'A JSON value, or { "fact": "..." } to compare with another fact.',
        zh: '比较值',
      }),
      path: text({ title: 'Path', description: 'A simple path into the fact value, e.g. "$.amount".', zh: '路径' }, 200),
      params: { type: 'object', ...annotate({ title: 'Parameters', description: 'Parameters passed to the fact.', zh: '参数' }) },
      name: nameField,
      priority: priorityField,
    },
    ['fact', 'operator', 'value'],
  ),
};
