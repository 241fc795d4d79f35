/** Two policy versions compared rule by rule and field by field. */
import { migratePolicy, validatePolicy } from '@allot/engine';
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
  /** `retyped`: the same id now holds a rule of another type (a structural change, like added and removed). */
  status: 'same' | 'changed' | 'added' | 'removed' | 'retyped';
  /** The rule's own title (format 2: rules the author added have no fixed heading). */
  title?: Localized;
  /** The rule's type in each version (format 2). */
  types?: { before?: string; after?: string };
  rows: DiffRow[];
  rungsAdded: string[];
  rungsRemoved: string[];
}

/** Two policy documents compared rule by rule. */
export interface PolicyDiff {
  general: DiffRow[];
  rules: RuleDiff[];
  changed: number;
  /** Rules added, removed or given another type: changes of the policy's structure, not of its numbers. */
  structural: { added: string[]; removed: string[]; retyped: string[] };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const TEXT_KEYS = new Set(['title', 'clause', 'name', 'description']);

const isFormat2Doc = (doc: unknown): boolean => isObject(doc) && doc['format'] === 2;

/** A format-1 document read as format 2 (for comparing it with a format-2 one); unchanged when it does not validate. */
function asFormat2(doc: unknown): unknown {
  if (isFormat2Doc(doc)) return doc;
  const checked = validatePolicy(doc);
  return checked.ok ? (migratePolicy(checked.policy) as unknown) : doc;
}

/** An array of objects keyed by `key` when every one has a distinct one, else unchanged. */
function keyedBy(list: unknown, key: string): unknown {
  if (!Array.isArray(list)) return list;
  const ids = list.map((x) => (isObject(x) && typeof x[key] === 'string' ? x[key] : null));
  if (ids.some((id) => id === null) || new Set(ids).size !== ids.length) return list;
  return Object.fromEntries(list.map((x, i) => [ids[i] as string, x]));
}

/**
 * A format-2 document with its lists keyed (rules by id, rung by id where they have one, codes
 * by code), so the diff pairs rules by id: a rule added, removed or moved reads as such, not
 * as every later index changing.
 */
function keyedFormat2(doc: unknown): unknown {
  if (!isFormat2Doc(doc)) return doc;
  const d = structuredClone(doc) as Record<string, unknown>;
  if (Array.isArray(d['rules'])) {
    d['rules'] = keyedBy(
      d['rules'].map((r: unknown) => (isObject(r) && Array.isArray(r['rungs']) ? { ...r, rungs: keyedBy(r['rungs'], r['type'] === 'tiering' ? 'tier' : 'id') } : r)),
      'id',
    );
  }
  if (isObject(d['codes'])) d['codes'] = Object.fromEntries(Object.entries(d['codes']).map(([k, v]) => [k, keyedBy(v, 'code')]));
  return d;
}

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
    if (last !== '' || parts.length === 0) parts.push(l?.label ?? { zh: last, en: last });
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
  // Either side in format 2: both are compared as format 2 (a format-1 side is read into it).
  const two = isFormat2Doc(beforeDoc) || isFormat2Doc(afterDoc);
  const before = two ? keyedFormat2(asFormat2(beforeDoc)) : keyedRungs(beforeDoc);
  const after = two ? keyedFormat2(asFormat2(afterDoc)) : keyedRungs(afterDoc);
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, [], a);
  flatten(after, [], b);
  const all = [...new Set([...a.keys(), ...b.keys()])];
  const general = rowsOf(before, after, all.filter((p) => !p.startsWith('/rules/') && p !== '/version' && p !== '/$schema'), a, b);
  const ruleKeys = new Set<string>();
  for (const doc of [after, before]) {
    const rules = valueAt(doc, ['rules']);
    if (isObject(rules)) for (const k of Object.keys(rules)) ruleKeys.add(k);
  }
  const ordered = two
    ? [...ruleKeys]
    : [...RULE_ORDER.filter((k) => ruleKeys.has(k)), ...[...ruleKeys].filter((k) => !(RULE_ORDER as readonly string[]).includes(k)).sort()];
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
    const typeOf = (doc: unknown): string | undefined => {
      const v = valueAt(doc, ['rules', rule, 'type']);
      return typeof v === 'string' ? v : undefined;
    };
    const tb = typeOf(before);
    const ta = typeOf(after);
    const status = !inBefore ? 'added' : !inAfter ? 'removed' : tb !== ta ? 'retyped' : rows.some((r) => r.kind !== 'same') ? 'changed' : 'same';
    const titleAt = valueAt(inAfter ? after : before, ['rules', rule, 'title']);
    const title = isObject(titleAt) && typeof titleAt['zh'] === 'string' && typeof titleAt['en'] === 'string' ? { zh: titleAt['zh'], en: titleAt['en'] } : undefined;
    const types = two ? { ...(tb === undefined ? {} : { before: tb }), ...(ta === undefined ? {} : { after: ta }) } : undefined;
    return { rule, status, ...(title === undefined ? {} : { title }), ...(types === undefined ? {} : { types }), rows, rungsAdded: ra.filter((k) => !rb.includes(k)), rungsRemoved: rb.filter((k) => !ra.includes(k)) };
  });
  const changed = [...general, ...rules.flatMap((r) => r.rows)].filter((r) => r.kind !== 'same').length;
  const of = (status: RuleDiff['status']): string[] => rules.filter((r) => r.status === status).map((r) => r.rule);
  return { general, rules, changed, structural: { added: of('added'), removed: of('removed'), retyped: of('retyped') } };
}
