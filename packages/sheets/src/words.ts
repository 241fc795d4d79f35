import type { StaffRole } from '@allot/engine';
import { normalizeWord } from './parse-cell.js';

/** Builds a word → code map; every word is normalised the way cells are (`normalizeWord`). */
function words<T extends string>(table: Record<T, readonly string[]>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [code, names] of Object.entries(table) as Array<[T, readonly string[]]>) {
    out.set(normalizeWord(code), code);
    for (const name of names) out.set(normalizeWord(name), code);
  }
  return out;
}

/** Roles by the names Chinese rosters use (SPEC §1's glossary). */
export const ROLE_WORDS: ReadonlyMap<string, StaffRole> = words<StaffRole>({
  rep: ['销售', '销售员', '客户经理', '销售代表', '业务员', 'sales', 'sales rep'],
  receptionist: ['接听客服', '客服', '接线员', '400客服', 'receptionist', 'hotline'],
  manager: ['销售经理', '经理', 'manager', 'sales manager'],
  director: ['市场总监', '总监', 'director'],
  assistant: ['销售内勤', '内勤', '助理', 'assistant'],
});

/** Severities of a violation; an empty cell is `normal`. */
export const SEVERITY_WORDS: ReadonlyMap<string, 'normal' | 'serious'> = words<'normal' | 'serious'>({
  normal: ['一般', '普通', '轻微', 'minor'],
  serious: ['严重', '情节严重', 'severe', 'major'],
});

/** The default late-entry forms by their names; a policy's own form codes are added by code. */
export const FORM_WORDS: ReadonlyMap<string, string> = words<string>({
  abcd_table: ['ABCD客户统筹管理表', 'ABCD统筹表', '统筹管理表', '统筹表', 'ABCD表', 'abcd table'],
  visit_register: ['客户来访登记', '来访登记', '来访登记表', '来电来访登记', '来电登记表', 'visit register'],
});

/** Tier words for a list of tier codes: `A`, `A类`, `A级`, `A类客户`. */
export function tierWords(tiers: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tiers) {
    for (const w of [t, `${t}类`, `${t}级`, `${t}类客户`, `${t}级客户`, `tier ${t}`]) out.set(normalizeWord(w), t);
  }
  return out;
}

/** Form words for a policy's form codes, on top of the default names. */
export function formWords(forms: Iterable<string> | null): Map<string, string> {
  const out = new Map<string, string>();
  const allowed = forms === null ? null : new Set(forms);
  for (const [w, code] of FORM_WORDS) if (allowed === null || allowed.has(code)) out.set(w, code);
  if (allowed !== null) for (const code of allowed) out.set(normalizeWord(code), code);
  return out;
}
