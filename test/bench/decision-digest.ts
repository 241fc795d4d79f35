import type { Decision, DecisionKind } from '@allot/engine';
import { formatAt, isShanghaiForm, parseAt } from './handwritten/shanghai-time.js';

/**
 * The identity fields of each decision kind (SPEC §4: `at`, `kind`, `rule` and the kind-specific
 * fields), in a fixed order so a digest needs no key sort. Instant fields are marked.
 */
const KIND_FIELDS: { readonly [K in DecisionKind]: readonly string[] } = {
  'client.tiered': ['clientId', 'tier', 'expectedDealFen'],
  'staff.paused': ['staffId', 'count'],
  'staff.banned': ['staffId', 'from', 'until'],
  'staff.hotline_banned': ['staffId', 'from', 'until'],
  'staff.fined': ['staffId', 'amountFen', 'reason'],
  'staff.termination_review': ['staffId'],
  'staff.replacement_owed': ['staffId', 'tier'],
  'lead.allocated': ['clientId', 'staffId'],
  'lead.unallocated': ['clientId', 'reason'],
  'lead.duplicate': ['clientId', 'keptEventId'],
  'allocation.breach': ['clientId', 'staffId', 'reason'],
  'registration.late': ['clientId', 'staffId'],
  'registration.rejected': ['clientId', 'staffId', 'protectedBy', 'until'],
  'client.review_due': ['clientId', 'staffId', 'reason'],
  'client.reclaim_due': ['clientId', 'staffId', 'reason'],
  'client.reclaimed': ['clientId', 'fromStaffId'],
  'client.transferred': ['clientId', 'fromStaffId', 'toStaffId'],
  'deal.credited': ['clientId', 'to', 'amountFen'],
  'decision.superseded': ['decisionId', 'staffId', 'by'],
};
const INSTANT_FIELDS = new Set(['from', 'until']);

const FIELD_SEPARATOR = 0x1f;
const RECORD_SEPARATOR = 0x1e;
const ABSENT = 0x15;

/** Instants hashed in one form whatever offset an implementation printed them with. */
const canonicalInstant = (text: string): string => (isShanghaiForm(text) ? text : formatAt(parseAt(text)));

/**
 * An order-sensitive 64-bit FNV-1a digest (over UTF-16 code units, in four 16-bit limbs so it
 * stays in small-integer arithmetic) of a decision stream's identities, plus counts. Two paths
 * agree when their digests and counts are equal; `cause`, `id`, `explain` and `policy` are left
 * out, as SPEC §4 leaves them out of a decision's identity.
 */
export class DecisionDigest {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  /** Decisions folded in. */
  count = 0;
  /** Decisions by kind. */
  readonly byKind: Partial<Record<DecisionKind, number>> = {};

  private mix(code: number): void {
    const t0 = (this.h0 ^ code) * 0x1b3;
    const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + (this.h0 ^ code) * 0x100 + (t1 >>> 16);
    const t3 = this.h3 * 0x1b3 + this.h1 * 0x100 + (t2 >>> 16);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  private mixString(text: string): void {
    for (let i = 0; i < text.length; i++) this.mix(text.charCodeAt(i));
    this.mix(FIELD_SEPARATOR);
  }

  private mixValue(value: unknown): void {
    if (value === undefined) this.mix(ABSENT);
    else if (typeof value === 'string') this.mixString(value);
    else this.mixString(String(value));
  }

  /** Folds one decision in. */
  add(decision: Decision): void {
    this.count++;
    this.byKind[decision.kind] = (this.byKind[decision.kind] ?? 0) + 1;
    this.mixString(canonicalInstant(decision.at));
    this.mixString(decision.kind);
    this.mixString(decision.rule);
    const record = decision as unknown as Readonly<Record<string, unknown>>;
    for (const field of KIND_FIELDS[decision.kind]) {
      const value = record[field];
      this.mixValue(INSTANT_FIELDS.has(field) && typeof value === 'string' ? canonicalInstant(value) : value);
    }
    this.mix(RECORD_SEPARATOR);
  }

  /** The digest as 16 hex digits. */
  hex(): string {
    const part = (n: number): string => n.toString(16).padStart(4, '0');
    return part(this.h3) + part(this.h2) + part(this.h1) + part(this.h0);
  }

  /** True when both streams had the same identities in the same order (up to hash collisions). */
  equals(other: DecisionDigest): boolean {
    return this.count === other.count && this.hex() === other.hex();
  }
}

/** Folds a whole decision stream into a fresh digest. */
export function digestOf(decisions: Iterable<Decision>): DecisionDigest {
  const digest = new DecisionDigest();
  for (const d of decisions) digest.add(d);
  return digest;
}

/** Folds an async decision stream into a fresh digest. */
export async function digestOfAsync(decisions: AsyncIterable<Decision>): Promise<DecisionDigest> {
  const digest = new DecisionDigest();
  for await (const d of decisions) digest.add(d);
  return digest;
}
