import type { Localized } from '../shared/i18n/lang';
import { fieldLabel, RULE_ORDER, THRESHOLD_LABELS } from '../shared/policy-labels';
import type { Unit } from '../shared/policy-labels';
import { pointerTokens, toPointer, valueAt } from './pointer';
import { isMoneyField } from './validate-draft';

/** One compared field. `before`/`after` are undefined where the field does not exist. */
export interface DiffRow {
  pointer: string;
  label: Localized;
  unit?: Unit;
  money: boolean;
  before: unknown;
  after: unknown;
  kind: 'same' | 'changed' | 'added' | 'removed';
}

/** One rule compared: added, removed, changed or the same, with its fields and ladder rungs. */
export interface RuleDiff {
  rule: string;
  status: 'same' | 'changed' | 'added' | 'removed';
  rows: DiffRow[];
  rungsAdded: string[];
  rungsRemoved: string[];
}

/** Two policy documents compared rule by rule. */
export interface PolicyDiff {
  general: DiffRow[];
  rules: RuleDiff[];
  changed: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const TEXT_KEYS = new Set(['title', 'clause', 'name', 'description']);

/** Rungs of the mismatch ladder are matched by their rule id (M1, M2…), so a reorder is not a change. */
function keyedRungs(doc: unknown): unknown {
  const rungs = valueAt(doc, ['rules', 'M', 'rungs']);
  if (!Array.isArray(rungs)) return doc;
  const ids = rungs.map((r) => (isObject(r) && typeof r['rule'] === 'string' ? r['rule'] : null));
  if (ids.some((id) => id === null) || new Set(ids).size !== ids.length) return doc;
  const copy = structuredClone(doc) as Record<string, Record<string, Record<string, unknown>>>;
  const m = copy['rules']?.['M'];
  if (m !== undefined) m['rungs'] = Object.fromEntries(rungs.map((r, i) => [ids[i] as string, r]));
  return copy;
}

/** Leaf pointers → values; arrays of scalars (P1 roles) are one leaf. */
function flatten(node: unknown, tokens: string[], out: Map<string, unknown>): void {
  if (Array.isArray(node) && node.every((v) => !isObject(v) && !Array.isArray(v))) out.set(toPointer(tokens), node);
  else if (Array.isArray(node)) node.forEach((v, i) => flatten(v, [...tokens, String(i)], out));
  else if (isObject(node)) for (const [k, v] of Object.entries(node)) flatten(v, [...tokens, k], out);
  else out.set(toPointer(tokens), node);
}

/** A readable label for a field of a rule: the rung, the threshold or key, and its unit. */
export function describeField(doc: unknown, pointer: string): { label: Localized; unit?: Unit } {
  const tokens = pointerTokens(pointer);
  if (tokens[0] !== 'rules' || tokens.length < 3) {
    const key = tokens[tokens.length - 1] ?? '';
    const l = fieldLabel(undefined, key);
    return { label: l?.label ?? { zh: pointer, en: pointer }, ...(l?.unit === undefined ? {} : { unit: l.unit }) };
  }
  const rule = tokens[1] as string;
  const rest = tokens.slice(2);
  const parts: Localized[] = [];
  let unit: Unit | undefined;
  if (rest[0] === 'rungs' && rest[1] !== undefined) {
    const rung = valueAt(doc, tokens.slice(0, 4));
    if (rule === 'T1' && isObject(rung)) parts.push({ zh: `${String(rung['tier'])} 类`, en: `Tier ${String(rung['tier'])}` });
    else if (/^\d+$/.test(rest[1])) parts.push({ zh: `第 ${Number(rest[1]) + 1} 档`, en: `Rung ${Number(rest[1]) + 1}` });
    else parts.push({ zh: rest[1], en: rest[1] });
    rest.splice(0, 2);
  }
  const whenAt = rest.indexOf('when');
  if (whenAt >= 0) {
    const leaf = valueAt(doc, tokens.slice(0, -1));
    const fact = isObject(leaf) && typeof leaf['fact'] === 'string' ? leaf['fact'] : '';
    const t = THRESHOLD_LABELS[fact];
    parts.push(t?.label ?? { zh: '条件', en: 'Condition' });
    unit = t?.unit;
  } else {
    const key = rest.filter((t) => t !== 'then' && !/^\d+$/.test(t));
    const last = key[key.length - 1] ?? '';
    const parent = key[key.length - 2];
    const l = fieldLabel(rule, last);
    const pl = parent === undefined ? undefined : fieldLabel(rule, parent);
    if (pl !== undefined && (last === 'zh' || last === 'en' || parent === 'clause')) parts.push(pl.label);
    parts.push(l?.label ?? { zh: last, en: last });
    unit = l?.unit;
  }
  const label = { zh: parts.map((p) => p.zh).join(' · '), en: parts.map((p) => p.en).join(' · ') };
  return unit === undefined ? { label } : { label, unit };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const isText = (pointer: string): boolean => pointerTokens(pointer).some((t) => TEXT_KEYS.has(t));

function rowsOf(before: unknown, after: unknown, pointers: Iterable<string>, a: Map<string, unknown>, b: Map<string, unknown>): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const pointer of pointers) {
    const x = a.get(pointer);
    const y = b.get(pointer);
    const kind = !a.has(pointer) ? 'added' : !b.has(pointer) ? 'removed' : same(x, y) ? 'same' : 'changed';
    if (kind !== 'changed' && isText(pointer)) continue;
    if (kind !== 'changed' && /\/(fact|operator)$/.test(pointer)) continue;
    const doc = b.has(pointer) ? after : before;
    const { label, unit } = describeField(doc, pointer);
    rows.push({ pointer, label, ...(unit === undefined ? {} : { unit }), money: isMoneyField(doc, pointerTokens(pointer)), before: x, after: y, kind });
  }
  return rows;
}

/**
 * Compares two policy documents for the side-by-side view: every rule (in the form's order,
 * then any other), its fields with changed numbers marked, rules and ladder rungs added or
 * removed. `version` and `$schema` are left out (they always differ or never matter).
 */
export function diffPolicies(beforeDoc: unknown, afterDoc: unknown): PolicyDiff {
  const before = keyedRungs(beforeDoc);
  const after = keyedRungs(afterDoc);
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, [], a);
  flatten(after, [], b);
  const all = [...new Set([...a.keys(), ...b.keys()])];
  const general = rowsOf(before, after, all.filter((p) => !p.startsWith('/rules/') && p !== '/version' && p !== '/$schema'), a, b);
  const ruleKeys = new Set<string>();
  for (const doc of [before, after]) {
    const rules = valueAt(doc, ['rules']);
    if (isObject(rules)) for (const k of Object.keys(rules)) ruleKeys.add(k);
  }
  const ordered = [...RULE_ORDER.filter((k) => ruleKeys.has(k)), ...[...ruleKeys].filter((k) => !(RULE_ORDER as readonly string[]).includes(k)).sort()];
  const rules = ordered.map((rule): RuleDiff => {
    const prefix = `/rules/${rule}/`;
    const rows = rowsOf(before, after, all.filter((p) => p.startsWith(prefix)), a, b);
    const inBefore = valueAt(before, ['rules', rule]) !== undefined;
    const inAfter = valueAt(after, ['rules', rule]) !== undefined;
    const rungKeys = (doc: unknown): string[] => {
      const r = valueAt(doc, ['rules', rule, 'rungs']);
      return isObject(r) || Array.isArray(r) ? Object.keys(r) : [];
    };
    const rb = rungKeys(before);
    const ra = rungKeys(after);
    const status = !inBefore ? 'added' : !inAfter ? 'removed' : rows.some((r) => r.kind !== 'same') ? 'changed' : 'same';
    return { rule, status, rows, rungsAdded: ra.filter((k) => !rb.includes(k)), rungsRemoved: rb.filter((k) => !ra.includes(k)) };
  });
  const changed = [...general, ...rules.flatMap((r) => r.rows)].filter((r) => r.kind !== 'same').length;
  return { general, rules, changed };
}
