import type { Policy, PolicyRules, RuleBase } from '../policy/policy-types.js';
import type { AllocationRuleV2, DeadlineRule, OwnershipRule, PolicyV2 } from '../policy/policy-v2-types.js';

/**
 * The parameters of the built-in mechanisms (ownership, allocation, the registration and
 * hand-out clocks) of a format-2 policy, in the format-1 shape their modules read. A built-in
 * the policy leaves out is disabled. The catalogue rules (tiering, per occurrence, ladders, the
 * direct-allocation deadline) are not read from here: their entries are disabled placeholders.
 */

const NO_TEXT = { zh: '', en: '' };
const base = (enabled: boolean): RuleBase => ({ enabled, title: NO_TEXT, clause: { section: '', quote: '' } });
const off = base(false);

/** D1 as format 1 sees it: enabled, and its window in minutes (natural or working). */
function d1View(model: PolicyV2): PolicyRules['D1'] {
  const d1 = model.rules.find((r): r is DeadlineRule => r.type === 'deadline' && r.start === 'direct_allocation');
  const w = d1?.within;
  const minutes = w === undefined ? 10 : w.unit === 'minutes' ? w.amount : w.unit === 'hours' ? w.amount * 60 : w.unit === 'days' ? w.amount * 1440 : w.amount * 43_200;
  return { ...base(d1?.enabled ?? false), windowMinutes: minutes, when: d1?.when ?? { all: [] }, then: {} };
}

/** The built-ins of a format-2 policy in the format-1 shape (see the module comment). */
export function builtinView(model: PolicyV2): Policy {
  const own = (mechanism: OwnershipRule['mechanism']): OwnershipRule | undefined =>
    model.rules.find((r): r is OwnershipRule => r.type === 'ownership' && r.mechanism === mechanism);
  const clock = (start: DeadlineRule['start']): DeadlineRule | undefined =>
    model.rules.find((r): r is DeadlineRule => r.type === 'deadline' && r.start === start);
  const p1 = model.rules.find((r): r is AllocationRuleV2 => r.type === 'allocation');
  const on = (r: { enabled: boolean } | undefined): RuleBase => base(r?.enabled ?? false);
  const r1 = own('registration');
  const r2 = clock('registration');
  const r3 = clock('hand_out');
  const m4 = own('replacement');
  const rules: PolicyRules = {
    T1: { ...off, rungs: [], otherwise: 'D' },
    M: { ...off, combine: 'highest', rungs: [] },
    M4: { ...on(m4), replacements: m4?.replacements ?? 1 },
    F1: { ...off, form: 'abcd_table', fineFen: 0 },
    F2: { ...off, form: 'visit_register', fineFen: 0 },
    V1: { ...off, combine: 'highest', rungs: [], lookbackMonths: null, seriousTerminationReview: false },
    D1: d1View(model),
    D2: on(own('dedupe')),
    R1: { ...on(r1), windowHours: r1?.withinHours ?? 24 },
    R2: { ...on(r2), windowMonths: r2?.within.amount ?? 6 },
    R3: { ...on(r3), windowMonths: r3?.within.amount ?? 2, autoReclaim: r3?.autoReclaim ?? false },
    R4: on(own('swap_credit')),
    R5: on(own('unreported_credit')),
    P1: {
      ...on(p1),
      strategy: 'round_robin',
      roles: p1?.roles ?? ['rep', 'receptionist'],
      capOwned: p1?.capOwned ?? null,
      matchLevel: p1?.matchLevel ?? false,
    },
    L1: on(own('departure')),
  };
  return { id: model.id, version: model.version, name: model.name, timezone: model.timezone, options: model.options, rules };
}
