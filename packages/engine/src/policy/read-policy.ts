import type { Consequences, PolicyCodes, PolicyV2, RuleV2 } from './policy-v2-types.js';
import type { Policy, Sanction } from './policy-types.js';

/**
 * Format 1 read into format 2 (SPEC §6 "Format 1 stays valid"): the seed's nineteen rules
 * become instances of the catalogue, with the default codes. `readPolicy` is what the engine
 * evaluates; `migratePolicy` is the file `allot migrate` writes.
 */

/** Either format, as validated. */
export type AnyPolicy = Policy | PolicyV2;

/** True for a format-2 policy. */
export const isFormat2 = (p: AnyPolicy): p is PolicyV2 => (p as { format?: unknown }).format === 2;

/** The default codes (SPEC §6): tiers A–D, the two late-entry forms, the three fine reasons, no incidents. */
export function defaultCodes(): PolicyCodes {
  return {
    tiers: [
      { code: 'A', label: { zh: 'A类客户(预计成交80万及以上)', en: 'Tier A' } },
      { code: 'B', label: { zh: 'B类客户', en: 'Tier B' } },
      { code: 'C', label: { zh: 'C类客户', en: 'Tier C' } },
      { code: 'D', label: { zh: 'D类客户', en: 'Tier D' } },
    ],
    forms: [
      { code: 'abcd_table', label: { zh: 'ABCD客户统筹管理表', en: 'the ABCD client coordination table' } },
      { code: 'visit_register', label: { zh: '来访/来电登记', en: 'the visit/call register' } },
    ],
    fineReasons: [
      { code: 'abcd_table', label: { zh: 'ABCD客户统筹管理表未按时录入', en: 'ABCD table entered late' } },
      { code: 'visit_register', label: { zh: '来访/来电登记未按时录入', en: 'visit register entered late' } },
      { code: 'late_follow_up', label: { zh: '直接分配客户未按时跟进', en: 'late follow-up of a direct allocation' } },
    ],
    incidents: [],
  };
}

const then = (s: Sanction, fineReason?: string): Consequences => {
  const out: Consequences = {};
  if (s.pause !== undefined) out.pause = s.pause;
  if (s.banDays !== undefined) out.banDays = s.banDays;
  if (s.hotlineBanMonths !== undefined) out.hotlineBanMonths = s.hotlineBanMonths;
  if (s.fineFen !== undefined) {
    out.fineFen = s.fineFen;
    if (fineReason !== undefined) out.fineReason = fineReason;
  }
  return out;
};

/** The seed's rules of a format-1 policy as format-2 rule objects, in the seed's order. */
export function rulesOfFormat1(p: Policy): RuleV2[] {
  const r = p.rules;
  const meta = (x: { enabled: boolean; title: Policy['name']; clause: { section: string; quote: string } }) => ({ enabled: x.enabled, title: x.title, clause: x.clause });
  return [
    { id: 'T1', type: 'tiering', ...meta(r.T1), rungs: r.T1.rungs.map((g) => ({ tier: g.tier, when: g.when })), otherwise: r.T1.otherwise },
    {
      id: 'M',
      type: 'count_ladder',
      ...meta(r.M),
      counts: { on: 'tier.mismatch', subject: 'receptionistId' },
      evaluate: 'month_close',
      countFact: 'mismatches',
      combine: r.M.combine,
      rungs: r.M.rungs.map((g) => ({ id: g.rule, windowMonths: g.windowMonths, when: g.when, then: then(g.then) })),
    },
    { id: 'M4', type: 'ownership', mechanism: 'replacement', ...meta(r.M4), replacements: r.M4.replacements },
    { id: 'F1', type: 'per_occurrence', ...meta(r.F1), on: 'entry.late', when: { all: [{ fact: 'form', operator: 'equal', value: r.F1.form }] }, then: { fineFen: r.F1.fineFen, fineReason: r.F1.form } },
    { id: 'F2', type: 'per_occurrence', ...meta(r.F2), on: 'entry.late', when: { all: [{ fact: 'form', operator: 'equal', value: r.F2.form }] }, then: { fineFen: r.F2.fineFen, fineReason: r.F2.form } },
    {
      id: 'V1',
      type: 'count_ladder',
      ...meta(r.V1),
      counts: { on: 'violation' },
      evaluate: 'each_event',
      lookbackMonths: r.V1.lookbackMonths,
      countFact: 'violations',
      combine: r.V1.combine,
      escape: { when: { all: [{ fact: 'severity', operator: 'equal', value: 'serious' }] }, then: r.V1.seriousTerminationReview ? { terminationReview: true } : {} },
      rungs: r.V1.rungs.map((g) => ({ when: g.when, then: then(g.then) })),
    },
    {
      id: 'D1',
      type: 'deadline',
      ...meta(r.D1),
      start: 'direct_allocation',
      within: { amount: r.D1.windowMinutes, unit: 'minutes' },
      when: r.D1.when,
      then: then(r.D1.then, 'late_follow_up'),
    },
    { id: 'D2', type: 'ownership', mechanism: 'dedupe', ...meta(r.D2) },
    { id: 'R1', type: 'ownership', mechanism: 'registration', ...meta(r.R1), withinHours: r.R1.windowHours },
    { id: 'R2', type: 'deadline', start: 'registration', ...meta(r.R2), within: { amount: r.R2.windowMonths, unit: 'months' } },
    { id: 'R3', type: 'deadline', start: 'hand_out', ...meta(r.R3), within: { amount: r.R3.windowMonths, unit: 'months' }, autoReclaim: r.R3.autoReclaim },
    { id: 'R4', type: 'ownership', mechanism: 'swap_credit', ...meta(r.R4) },
    { id: 'R5', type: 'ownership', mechanism: 'unreported_credit', ...meta(r.R5) },
    { id: 'P1', type: 'allocation', ...meta(r.P1), strategy: r.P1.strategy, roles: [...r.P1.roles], capOwned: r.P1.capOwned, matchLevel: r.P1.matchLevel },
    { id: 'L1', type: 'ownership', mechanism: 'departure', ...meta(r.L1) },
  ];
}

/** A validated policy of either format, as format 2 (a format-2 policy is returned as is). */
export function readPolicy(p: AnyPolicy): PolicyV2 {
  if (isFormat2(p)) return p;
  const out: PolicyV2 = {
    format: 2,
    id: p.id,
    version: p.version,
    name: p.name,
    ...(p.description === undefined ? {} : { description: p.description }),
    timezone: p.timezone,
    ...(p.source === undefined ? {} : { source: p.source }),
    options: { ...p.options },
    codes: defaultCodes(),
    rules: rulesOfFormat1(p),
  };
  return out;
}

/**
 * The format-2 file of a format-1 policy (what `allot migrate` writes): same id, version and
 * numbers; `$schema` kept. Its decisions equal the format-1 file's; only the hash differs.
 */
export function migratePolicy(p: AnyPolicy): PolicyV2 {
  const v2 = readPolicy(p);
  const { $schema, ...rest } = v2;
  const schema = $schema ?? (p as { $schema?: string }).$schema;
  return schema === undefined ? { ...rest } : { $schema: schema, ...rest };
}
