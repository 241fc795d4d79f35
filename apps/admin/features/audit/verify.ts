/**
 * Verify of a period: `runtime.verify` replays the whole record and the period's result is
 * reported (counts, the seq range, every difference).
 */
import { canonicalJson } from '@allot/engine';
import type { VerifyMismatch, VerifyRange, VerifyReport } from '@allot/runtime';
import type { Database } from '@allot/store';
import type { Kysely } from 'kysely';
import { clientIdsOf, logReads } from './search';

/** The period an auditor verifies: decisions with `from <= at < to` (either side open). */
export interface VerifyPeriod {
  from?: Date;
  to?: Date;
}

/** One difference, as the explorer shows it: the runtime's mismatch and the fields that differ. */
export interface AuditMismatch extends VerifyMismatch {
  /** For an edited decision: the top-level fields whose values differ between the record and the replay. */
  differs: string[];
}

/** The answer of Verify over a period. */
export interface AuditVerifyResult {
  period: { from: string | null; to: string | null };
  /** The decision seqs of the period (null: it holds no decision; the chains and events are still checked). */
  range: { fromSeq: number; toSeq: number } | null;
  decisionsInPeriod: number;
  ok: boolean;
  /** Decisions compared with the replay (those it recomputed from where it started; only the period's rows are reported). */
  checked: number;
  /** Events replayed. */
  events: number;
  /**
   * The snapshot the replay started from (op seq, when it was taken), trusted with the rows at or
   * before it; null when it replayed from the first event.
   */
  snapshot: VerifyReport['snapshot'];
  mismatchCount: number;
  /** At most {@link LISTED} of them. */
  mismatches: AuditMismatch[];
  head: VerifyReport['head'];
  durationMs: number;
}

/** Mismatches listed in the answer at most. */
export const LISTED = 200;

/** The runtime's `verify`, the one thing this module needs of it. */
export interface Verifier {
  verify(range?: VerifyRange): Promise<VerifyReport>;
}

/** The first and last decision seq with `at` in the period, and how many decisions it holds. */
export async function periodRange(db: Kysely<Database>, period: VerifyPeriod): Promise<{ fromSeq: number; toSeq: number; count: number } | null> {
  let q = db.selectFrom('decisions').select((eb) => [eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi'), eb.fn.countAll().as('n')]);
  if (period.from !== undefined) q = q.where('at', '>=', period.from);
  if (period.to !== undefined) q = q.where('at', '<', period.to);
  const row = await q.executeTakeFirst();
  const n = Number(row?.n ?? 0);
  if (row === undefined || n === 0 || row.lo === null || row.hi === null) return null;
  return { fromSeq: Number(row.lo), toSeq: Number(row.hi), count: n };
}

/** Top-level fields whose values differ between two decisions (JSON compared canonically). */
function differingFields(expected: unknown, actual: unknown): string[] {
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) return [];
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const same = (x: unknown, y: unknown): boolean => {
    try {
      return canonicalJson(x) === canonicalJson(y);
    } catch {
      return false;
    }
  };
  return keys.filter((k) => !same(a[k], b[k]));
}

interface Queue {
  tail: Promise<unknown>;
  running: Map<string, Promise<AuditVerifyResult>>;
}
const QUEUE = Symbol.for('allot.admin.audit-verify');

/**
 * One verify at a time per process: a verify replays the whole log on the server's own thread
 * (the engine is synchronous), so requests queue behind each other instead of piling replays
 * up, and a request for a period already being verified shares that run's answer.
 */
function queue(): Queue {
  const holder = globalThis as { [QUEUE]?: Queue };
  holder[QUEUE] ??= { tail: Promise.resolve(), running: new Map() };
  return holder[QUEUE];
}

/**
 * Runs `runtime.verify` over the decisions of a period and shapes the answer for the explorer.
 * The replay starts from the newest snapshot before the period's first decision (from the first
 * event when there is none, or for the whole record) and stops after the period's last decision
 * unless the period reaches the head; it checks the period's decisions, the events it replays
 * and both chains from there, and the head when it reaches it. A period with no decision is
 * checked over the whole log. The run is written to the access log (`audit.verify`), with the clients named by any
 * mismatch listed.
 */
export function verifyPeriod(runtime: Verifier, db: Kysely<Database>, period: VerifyPeriod, actor: string, now: Date): Promise<AuditVerifyResult> {
  const key = `${period.from?.toISOString() ?? ''}/${period.to?.toISOString() ?? ''}`;
  const q = queue();
  const joined = q.running.get(key);
  const run =
    joined ??
    q.tail.then(async (): Promise<AuditVerifyResult> => {
      const started = performance.now();
      const range = await periodRange(db, period);
      // A period with no decision: report none of them, but still check chains, events and head.
      const verifyRange: VerifyRange = range === null ? { fromSeq: 1, toSeq: 0 } : { fromSeq: range.fromSeq, toSeq: range.toSeq };
      const report = await runtime.verify(verifyRange);
      const mismatches = report.mismatches.slice(0, LISTED).map((m) => ({ ...m, differs: m.reason === 'edited' ? differingFields(m.expected, m.actual) : [] }));
      return {
        period: { from: period.from?.toISOString() ?? null, to: period.to?.toISOString() ?? null },
        range: range === null ? null : { fromSeq: range.fromSeq, toSeq: range.toSeq },
        decisionsInPeriod: range?.count ?? 0,
        ok: report.ok,
        checked: report.checked,
        events: report.events,
        snapshot: report.snapshot,
        mismatchCount: report.mismatchCount,
        mismatches,
        head: report.head,
        durationMs: Math.round(performance.now() - started),
      };
    });
  if (joined === undefined) {
    q.running.set(key, run);
    q.tail = run.catch(() => undefined);
    void run.finally(() => q.running.delete(key)).catch(() => undefined);
  }
  return run.then(async (result) => {
    const named = result.mismatches.flatMap((m) => [m.expected, m.actual]);
    await logReads(db, actor, 'audit.verify', clientIdsOf(named), now, true);
    return result;
  });
}
