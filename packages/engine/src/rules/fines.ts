import { applySanction } from '../core/sanctions.js';
import type { Reducer } from '../core/reducer.js';
import type { EntryLate } from '../events/event-types.js';

const FORM_NAMES = {
  abcd_table: { zh: 'ABCD客户统筹管理表', en: 'the ABCD client coordination table' },
  visit_register: { zh: '来访/来电登记', en: 'the visit/call register' },
} as const;

/** `entry.late` (F1 / F2): a flat fine per late entry of the form. */
export function entryLate(r: Reducer, e: EntryLate, at: number): void {
  const found = r.prepared.fines.get(e.form);
  if (found === undefined || !found.rule.enabled) return;
  const name = FORM_NAMES[e.form];
  applySanction(r, r.staff(e.staffId), found.id, { fineFen: found.rule.fineFen }, at, [e.id], {
    zh: `未按时录入${name.zh}`,
    en: `late entry in ${name.en}`,
  }, e.form);
}
