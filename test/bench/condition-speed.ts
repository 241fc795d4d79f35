import { compileCondition, createReferenceEvaluator } from '@allot/engine';
import type { Condition, Facts, Policy } from '@allot/engine';

/** Per-evaluation cost of the policy's own conditions: compiled closures vs json-rules-engine. */
export interface ConditionSpeed {
  evaluations: number;
  compiledNs: number;
  referenceNs: number;
  speedup: number;
}

/** Every condition of the policy, each with facts like the ones the engine gives it. */
function samples(policy: Policy): Array<{ condition: Condition; facts: Facts[] }> {
  const r = policy.rules;
  const amounts = [0, 19_999_999, 20_000_000, 39_999_999, 40_000_000, 79_999_999, 80_000_000, 150_000_000];
  const counts = [0, 1, 2, 3, 5, 6, 9, 10, 14];
  return [
    ...r.T1.rungs.map((rung) => ({ condition: rung.when, facts: amounts.map((expectedDealFen) => ({ expectedDealFen, channel: 'hotline400' })) })),
    ...r.M.rungs.map((rung) => ({ condition: rung.when, facts: counts.map((mismatches) => ({ mismatches, windowMonths: rung.windowMonths })) })),
    ...r.V1.rungs.map((rung) => ({ condition: rung.when, facts: counts.map((violations) => ({ violations, severity: 'normal' })) })),
    {
      condition: r.D1.when,
      facts: [true, false].flatMap((contacted) => [true, false].map((reported) => ({ contacted, reported, mode: 'direct' }))),
    },
  ];
}

/** Times `rounds` passes over every (condition, facts) pair on each path; checks they agree. */
export async function measureConditionSpeed(policy: Policy, rounds = { compiled: 20_000, reference: 100 }): Promise<ConditionSpeed> {
  const cases = samples(policy);
  const compiled = cases.map((c) => ({ test: compileCondition(c.condition), facts: c.facts }));
  const perRound = cases.reduce((n, c) => n + c.facts.length, 0);
  let hits = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds.compiled; i++) for (const c of compiled) for (const f of c.facts) if (c.test(f)) hits++;
  const compiledNs = Number(process.hrtime.bigint() - t0) / (rounds.compiled * perRound);
  const evaluator = createReferenceEvaluator();
  let refHits = 0;
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < rounds.reference; i++) for (const c of cases) for (const f of c.facts) if (await evaluator.evaluate(c.condition, f)) refHits++;
  const referenceNs = Number(process.hrtime.bigint() - t1) / (rounds.reference * perRound);
  if (hits / rounds.compiled !== refHits / rounds.reference) throw new Error('compiled and reference conditions disagree');
  return { evaluations: perRound, compiledNs, referenceNs, speedup: referenceNs / compiledNs };
}
