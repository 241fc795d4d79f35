/**
 * Example 2 — what if a rule changed? Replay the same history under a candidate policy.
 *
 *   node --import tsx examples/02-what-if.ts [policy.json] [events.jsonl]
 *
 * Raises F1's fine (ABCD table not filled in on time) from 20元 to 50元 in memory, simulates
 * both policies on one history and prints what `whatIf` reports: company totals and, per staff
 * member, how their fines change. Only '@allot/engine' is imported.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEvents, simulate, validatePolicy, whatIf } from '@allot/engine';
import type { AnyPolicy, Policy } from '@allot/engine';

const policyPath = process.argv[2] ?? fileURLToPath(new URL('../policies/sales-resource/1.0.0.json', import.meta.url));
const eventsPath = process.argv[3] ?? fileURLToPath(new URL('./history.jsonl', import.meta.url));

/** Integer fen → "12.50" 元, with a sign for differences. */
const yuan = (fen: number, signed = false): string =>
  `${fen < 0 ? '-' : signed && fen > 0 ? '+' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

function valid(json: unknown, label: string): AnyPolicy {
  const result = validatePolicy(json);
  if (!result.ok) {
    for (const e of result.errors) console.error(`${label} ${e.pointer}: ${e.message.en}`);
    process.exit(1);
  }
  return result.policy;
}

const baseJson: unknown = JSON.parse(readFileSync(policyPath, 'utf8'));
const base = valid(baseJson, 'base');

// The candidate is a copy with one number changed (fen: 20元 = 2000, 50元 = 5000) and a new
// version, so decisions made under it are told apart from the base's by version and hash.
const candidateJson = structuredClone(baseJson) as Policy;
candidateJson.version = `${base.version}-f1-50`;
candidateJson.rules.F1.fineFen = 5000;
const candidate = valid(candidateJson, 'candidate');

const { events, errors } = parseEvents(readFileSync(eventsPath, 'utf8'));
if (errors.length > 0) {
  console.error(`${eventsPath}: ${errors.length} invalid lines, first: line ${errors[0]?.line}: ${errors[0]?.message}`);
  process.exit(1);
}

const report = whatIf(simulate(base, events), simulate(candidate, events));

const { company, counts } = report;
console.log(`F1 fine ${yuan((baseJson as Policy).rules.F1.fineFen)} → ${yuan(candidateJson.rules.F1.fineFen)} 元 over ${events.length} events`);
console.log(`decisions: ${counts.base} → ${counts.candidate} (same ${counts.same}, changed ${counts.changed}, appeared ${counts.appeared}, disappeared ${counts.disappeared})`);
console.log(`company fines: ${yuan(company.base.finesFen)} → ${yuan(company.candidate.finesFen)} 元 (${yuan(company.delta.finesFen, true)})\n`);
console.log('staff affected (largest change first):');
for (const s of report.staff) {
  console.log(`  ${s.staffId}  ${yuan(s.base.finesFen).padStart(8)} → ${yuan(s.candidate.finesFen).padStart(8)} 元  (${yuan(s.delta.finesFen, true)}, ${s.changed.length} decisions changed)`);
}
