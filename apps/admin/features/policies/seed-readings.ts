/** The seed's clauses as version 2.0.0 quotes them, and their clean readings. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../shared/seed';
import type { RuleText } from './policy-text';

/** A seed clause as 2.0.0 gives it: the complete verbatim quote and its clean reading. */
export interface SeedClause {
  quote: string;
  reading: string;
}

let cached: Record<string, SeedClause> | undefined;

/**
 * The clean readings of the seed's clauses, by rule id, from `policies/sales-resource/2.0.0.json`
 * (format 1 has no `clause.reading`). A format-1 version quoting the seed (its quote is where
 * 2.0.0's starts) is shown with 2.0.0's reading, and converting it to format 2 takes them over.
 */
export function seedClauses(): Record<string, SeedClause> {
  if (cached !== undefined) return cached;
  const root = repoRoot();
  const path = root === undefined ? undefined : join(/* turbopackIgnore: true */ root, 'policies', 'sales-resource', '2.0.0.json');
  const out: Record<string, SeedClause> = {};
  if (path !== undefined && existsSync(/* turbopackIgnore: true */ path)) {
    const doc = JSON.parse(readFileSync(/* turbopackIgnore: true */ path, 'utf8')) as { rules?: Array<{ id: string; clause?: { quote: string; reading?: string } }> };
    for (const r of doc.rules ?? []) if (r.clause?.reading !== undefined) out[r.id] = { quote: r.clause.quote, reading: r.clause.reading };
  }
  cached = out;
  return out;
}

/** Does `quote` quote the seed clause (the same text, or the start of 2.0.0's completed quote)? */
export const quotesSeed = (quote: string, seed: SeedClause): boolean => quote.length > 0 && seed.quote.startsWith(quote);

/** Rule texts with the seed's reading where a rule quotes the seed and has none of its own. */
export function withSeedReadings(rules: RuleText[], seed: Record<string, SeedClause>): RuleText[] {
  return rules.map((r) => {
    const s = seed[r.id];
    return r.reading === null && r.quote !== null && s !== undefined && quotesSeed(r.quote, s) ? { ...r, reading: s.reading } : r;
  });
}
