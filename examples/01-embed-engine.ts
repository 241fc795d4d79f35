/**
 * Example 1 — embed the engine as a library.
 *
 *   node --import tsx examples/01-embed-engine.ts [policy.json] [events.jsonl]
 *
 * Reads a policy and a JSON Lines event history, validates both, replays the history into
 * decisions and prints what the policy did to people: fines per staff member (元) and bans.
 * Defaults: the bundled policy and the generated sample history.
 *
 * Only the public entry point '@allot/engine' is imported: this is what an integrator writes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEvents, simulate, validatePolicy } from '@allot/engine';
import type { AnyPolicy, Decision } from '@allot/engine';

const DEFAULT_POLICY = fileURLToPath(new URL('../policies/sales-resource/1.0.0.json', import.meta.url));
const DEFAULT_EVENTS = fileURLToPath(new URL('./history.jsonl', import.meta.url));

/** Integer fen → "1,234.50" 元 (money is never a float inside allot). */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Reads and validates a policy file; prints every problem and exits 1 when it is not valid. */
function loadPolicy(path: string): AnyPolicy {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.error(`${path}: not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // validatePolicy never throws: it returns the typed policy, or every error with a JSON Pointer.
  const result = validatePolicy(json);
  if (!result.ok) {
    for (const e of result.errors) console.error(`${path}${e.pointer === '' ? '' : ` ${e.pointer}`}: ${e.message.en} (${e.message.zh})`);
    process.exit(1);
  }
  return result.policy;
}

function main(): void {
  const policyPath = process.argv[2] ?? DEFAULT_POLICY;
  const eventsPath = process.argv[3] ?? DEFAULT_EVENTS;
  const policy = loadPolicy(policyPath);

  // parseEvents checks every line (types, fields, times, money, duplicate ids) and never throws.
  const { events, errors } = parseEvents(readFileSync(eventsPath, 'utf8'));
  if (errors.length > 0) {
    for (const e of errors) console.error(`${eventsPath}: line ${e.line}${e.field === null ? '' : `, field "${e.field}"`}: ${e.message}`);
    process.exit(1);
  }

  // The engine is pure: time comes from the events, nothing is read from the clock.
  const decisions: Decision[] = simulate(policy, events);

  // Every decision names the policy version and hash that made it (the audit trail).
  const ref = decisions[0]?.policy;
  console.log(`policy ${policy.id}@${policy.version}${ref === undefined ? '' : `  ${ref.hash}`}`);
  console.log(`${events.length} events → ${decisions.length} decisions\n`);

  // Fines per staff member, largest first.
  const fines = new Map<string, { fen: number; count: number }>();
  for (const d of decisions) {
    if (d.kind !== 'staff.fined') continue;
    const sum = fines.get(d.staffId) ?? { fen: 0, count: 0 };
    sum.fen += d.amountFen;
    sum.count++;
    fines.set(d.staffId, sum);
  }
  const byAmount = [...fines].sort((a, b) => b[1].fen - a[1].fen || (a[0] < b[0] ? -1 : 1));
  console.log('Fines (罚款)');
  for (const [staffId, { fen, count }] of byAmount) console.log(`  ${staffId}  ${yuan(fen).padStart(10)} 元  (${count}×)`);
  const total = byAmount.reduce((s, [, f]) => s + f.fen, 0);
  console.log(`  total   ${yuan(total).padStart(10)} 元\n`);

  // Bans: allocation bans (V1, M3) and hotline bans (M3), each with the rule that imposed it.
  console.log('Bans (停止分配 / 停止接听)');
  for (const d of decisions) {
    if (d.kind === 'staff.banned' || d.kind === 'staff.hotline_banned') {
      const what = d.kind === 'staff.banned' ? 'allocation' : 'hotline   ';
      console.log(`  ${d.staffId}  ${what}  ${d.from} → ${d.until}  ${d.rule}  ${d.explain.en}`);
    }
  }
}

main();
