import type { Facts } from '../conditions/condition-types.js';
import { applyConsequences } from '../core/consequences.js';
import type { PreparedOccurrence } from '../core/prepared-policy.js';
import type { Reducer, Step } from '../core/reducer.js';
import type { AllotEvent } from '../events/event-types.js';
import type { Localized } from '../policy/policy-types.js';
import { countEvent } from './count-ladder.js';

/**
 * `per_occurrence` (F1, F2, and any fine or sanction per event a policy adds, e.g. a
 * `meeting_late` incident): on each event of the rule's type whose fields match its condition,
 * the consequences apply to the member the event names. Runs the per-occurrence rules and the
 * ladders counting this event type in file order.
 */

function eventText(r: Reducer, e: AllotEvent): Localized {
  if (e.type === 'entry.late') {
    const name = r.prepared.labels.forms.get(e.form) ?? { zh: e.form, en: e.form };
    return { zh: `未按时录入${name.zh}`, en: `late entry in ${name.en}` };
  }
  if (e.type === 'staff.incident') {
    const name = r.prepared.labels.incidents.get(e.code) ?? { zh: e.code, en: e.code };
    return { zh: `${name.zh}(${e.code})`, en: `${name.en} (${e.code})` };
  }
  return { zh: e.type, en: e.type };
}

function* occurrence(r: Reducer, o: PreparedOccurrence, e: AllotEvent, at: number): Step {
  if (!o.rule.enabled) return;
  const facts = e as unknown as Facts;
  if (!(yield { check: o.match, facts })) return;
  const subjectId = facts[o.subject];
  if (typeof subjectId !== 'string') return;
  const text = eventText(r, e);
  const title = o.rule.title;
  const why = title === undefined || e.type === 'entry.late'
    ? text
    : { zh: `${o.rule.id} ${title.zh}:${text.zh}`, en: `${o.rule.id} ${title.en}: ${text.en}` };
  applyConsequences(r, r.staff(subjectId), o.rule.id, o.rule.then, at, [e.id], why);
}

/** Every per-occurrence rule and ladder on this event's type, in file order. */
export function* occurrences(r: Reducer, e: AllotEvent, at: number): Step {
  const list = r.prepared.occurrences.get(e.type);
  if (list === undefined) return;
  for (const item of list) {
    if (item.kind === 'occurrence') yield* occurrence(r, item, e, at);
    else yield* countEvent(r, item, e, at);
  }
}
